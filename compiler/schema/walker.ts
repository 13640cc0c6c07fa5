
import type ts from "typescript";
import type { DiagnosticBag } from "../diagnostics/diagnostic.js";
import type { JsonSchema } from "./json-schema.js";
import type { MemberDocs } from "./member-docs.js";
import type { SchemaSite, SiteDocs } from "./site.js";

/** Input schemas are closed (unknown properties are refused); output schemas stay open. */
export type SchemaMode = "input" | "output";

/**
 * What a visitor may use of the builder: the checker, the mode, and the walk
 * itself for the types it contains. Visitors are plain functions over this,
 * one module per kind of type; SchemaBuilder is the one dispatcher.
 */
export interface Walker {
  readonly checker: ts.TypeChecker;
  readonly mode: SchemaMode;
  /** Where problems of the source itself are reported (not refusals of a type: those are thrown). */
  readonly bag: DiagnosticBag;
  /** Docs written for members by path on the function (`@param args.owner`), for input schemas. */
  readonly memberDocs?: MemberDocs | undefined;
  /** The schema of a type nested in the one being visited (throws Unrepresentable). */
  visit(type: ts.Type, site: SchemaSite): JsonSchema;
  /** A schema for a declared place (a property) with its docs; undefined after reporting. */
  build(type: ts.Type, site: SchemaSite, docs: SiteDocs): JsonSchema | undefined;
  /** An object type, with the recursion bookkeeping ($defs/$ref) done. */
  visitObjectType(type: ts.Type, site: SchemaSite): JsonSchema;
  typeText(type: ts.Type): string;
  /** The type holds values (Date, URL) that travel as strings. */
  holdsJsonOnlyValues: boolean;
}
