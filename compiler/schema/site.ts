
import type ts from "typescript";
import type { DocTag } from "../typescript/jsdoc.js";

/** Where a type is being turned into a schema: for messages, positions and tags. */
export interface SchemaSite {
  /** "Parameter 'city'", "Property 'address.zip'": how messages name the place. */
  where: string;
  tool: string;
  /** The declaration diagnostics point at. */
  node: ts.Node;
  /** The type as written here, when there is syntax for it (to find alias tags). */
  typeNode?: ts.TypeNode | undefined;
  /**
   * The syntax the type is written in, for the order of a union's members,
   * where it is not `typeNode`: an array's element has syntax, but no alias
   * tags of its own.
   */
  syntax?: ts.TypeNode | undefined;
  /** Property path used to name nested places. */
  path: string;
}

/** Documentation that applies to the schema built at a site. */
export interface SiteDocs {
  description?: string;
  tags: DocTag[];
}

export function childSite(parent: SchemaSite, property: string, node: ts.Node, typeNode?: ts.TypeNode): SchemaSite {
  const path = parent.path === "" ? property : `${parent.path}.${property}`;
  return { where: `Property '${path}'`, tool: parent.tool, node, typeNode, path };
}

/** The syntax that orders a union's members here: `syntax` where set, else the declared type node. */
export function writtenSyntax(site: SchemaSite): ts.TypeNode | undefined {
  return site.syntax ?? site.typeNode;
}
