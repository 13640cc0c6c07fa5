
import type ts from "typescript";
import type { DocTag } from "../typescript/jsdoc.js";
import type { Scope, Written } from "./written-type.js";

/** Where a type is being turned into a schema: for messages, positions and tags. */
export interface SchemaSite {
  /** "Parameter 'city'", "Property 'address.zip'": how messages name the place. */
  where: string;
  tool: string;
  /** The declaration diagnostics point at. */
  node: ts.Node;
  /** The type as a declaration (parameter, property, return) writes it: where its description comes from. */
  typeNode?: ts.TypeNode | undefined;
  /**
   * The syntax of the type being visited, where it is not `typeNode`: an
   * array's element, a union's member, a type argument's use inside its
   * generic. It finds the tags of the aliases written there and the order a
   * union is written in; the resolved type stays what the schema says.
   */
  syntax?: ts.TypeNode | undefined;
  /** What the type parameters in `typeNode`/`syntax` were written as where their generic was used. */
  scope?: Scope | undefined;
  /** Property path used to name nested places. */
  path: string;
}

/** Documentation that applies to the schema built at a site. */
export interface SiteDocs {
  description?: string;
  tags: DocTag[];
}

export function childSite(parent: SchemaSite, property: string, node: ts.Node, typeNode?: ts.TypeNode, scope?: Scope): SchemaSite {
  const path = parent.path === "" ? property : `${parent.path}.${property}`;
  return { where: `Property '${path}'`, tool: parent.tool, node, typeNode, scope, path };
}

/** The syntax that orders a union's members here: `syntax` where set, else the declared type node. */
export function writtenSyntax(site: SchemaSite): ts.TypeNode | undefined {
  return site.syntax ?? site.typeNode;
}

/** The written type here with its scope, when there is syntax for it. */
export function writtenAt(site: SchemaSite): Written | undefined {
  const node = writtenSyntax(site);
  return node === undefined ? undefined : { node, scope: site.scope ?? new Map() };
}

/** A site for a type nested in this one, written as `written` (or with no syntax known). */
export function nestedSite(site: SchemaSite, written: Written | undefined): SchemaSite {
  // Written out rather than spread: one of the walk's most frequent allocations.
  return { where: site.where, tool: site.tool, node: site.node, typeNode: undefined, syntax: written?.node, scope: written?.scope, path: site.path };
}
