
import type ts from "typescript";
import { typescript } from "../../typescript/compiler-api.js";
import { Messages } from "../../diagnostics/catalog.js";
import type { JsonSchema } from "../json-schema.js";
import { Unrepresentable } from "../refusal.js";
import { nestedSite, writtenSyntax, type SchemaSite } from "../site.js";
import type { Walker } from "../walker.js";
import { elementSyntax } from "../written-order.js";
import { EMPTY_SCOPE } from "../written-type.js";

/** Arrays (readonly ones too) and tuples; undefined when the type is neither. */
export function visitArrayLike(w: Walker, type: ts.ObjectType, site: SchemaSite): JsonSchema | undefined {
  // `readonly T[]` is ReadonlyArray<T>, which isArrayType also recognises.
  if (w.checker.isArrayType(type)) {
    const element = w.checker.getTypeArguments(type as ts.TypeReference)[0]!;
    return { type: "array", items: visitElement(w, element, site, elementSyntax(writtenSyntax(site))) };
  }
  if (w.checker.isTupleType(type)) return visitTuple(w, type as ts.TypeReference, site);
  return undefined;
}

/** An element is visited with its own syntax (`Email` in `Email[]`): its alias's tags apply to the items, the container's do not. */
function visitElement(w: Walker, element: ts.Type, site: SchemaSite, syntax: ts.TypeNode | undefined): JsonSchema {
  return w.visit(element, nestedSite(site, syntax === undefined ? undefined : { node: syntax, scope: site.scope ?? EMPTY_SCOPE }));
}

/**
 * `[a, b?, ...c[]]` → prefixItems with minItems (the required elements) and
 * maxItems or `items` for the rest. A rest element before fixed elements
 * (`[...a[], b]`) has no JSON Schema form and is refused.
 */
function visitTuple(w: Walker, type: ts.TypeReference, site: SchemaSite): JsonSchema {
  const target = type.target as ts.TupleType;
  const elements = w.checker.getTypeArguments(type);
  const prefixItems: JsonSchema[] = [];
  let rest: JsonSchema | undefined;
  let minItems = 0;
  elements.forEach((element, i) => {
    const flags = target.elementFlags[i]!;
    if (rest !== undefined) throw new Unrepresentable(Messages.RestBeforeElements, w.typeText(type));
    const syntax = elementSyntax(writtenSyntax(site), i, elements.length);
    if (flags & typescript.ElementFlags.Variable) rest = visitElement(w, element, site, syntax);
    else {
      prefixItems.push(visitElement(w, element, site, syntax));
      if (flags & typescript.ElementFlags.Required) minItems = prefixItems.length;
    }
  });
  const schema: JsonSchema = { type: "array", prefixItems, minItems };
  if (rest === undefined) {
    schema.maxItems = prefixItems.length;
    schema.items = false;
  } else schema.items = rest;
  return schema;
}
