
import type ts from "typescript";
import { Messages } from "../../diagnostics/catalog.js";
import { REVIVE, type JsonSchema } from "../json-schema.js";
import { Unrepresentable } from "../refusal.js";
import type { Walker } from "../walker.js";

/**
 * Built-in classes: Date and URL travel as strings (the runtime revives them
 * before the call, and JSON.stringify writes them back as strings); the others
 * are refused, each with what to take instead. Undefined for any other type.
 */
export function visitBuiltin(w: Walker, type: ts.ObjectType): JsonSchema | undefined {
  const symbol = type.getSymbol();
  if (symbol === undefined || !isFromDefaultLibrary(symbol)) return undefined;
  const name = symbol.getName();
  // Printed only for a refusal: typeToString on every array and Date was a tenth of extraction.
  const written = (): string => w.typeText(type);
  switch (name) {
    case "Date":
      w.holdsJsonOnlyValues = true;
      return { type: "string", format: "date-time", [REVIVE]: "date" };
    case "URL":
      w.holdsJsonOnlyValues = true;
      return { type: "string", format: "uri", [REVIVE]: "url" };
    case "Map":
    case "ReadonlyMap":
    case "WeakMap":
      throw new Unrepresentable(Messages.MapType, written());
    case "Set":
    case "ReadonlySet":
    case "WeakSet":
      throw new Unrepresentable(Messages.SetType, written());
    case "Promise":
    case "PromiseLike":
      throw new Unrepresentable(Messages.PromiseType, written());
    case "RegExp":
      throw new Unrepresentable(Messages.NoJsonForm, written(), { instead: "a string (with '@format regex')" });
    case "Uint8Array":
    case "ArrayBuffer":
    case "Buffer":
    case "Blob":
      throw new Unrepresentable(Messages.NoJsonForm, written(), { instead: "a base64 string (with '@format byte')" });
    case "Error":
      throw new Unrepresentable(Messages.NoJsonForm, written(), { instead: "a message string" });
    default:
      return undefined;
  }
}

function isFromDefaultLibrary(symbol: ts.Symbol): boolean {
  return (symbol.declarations ?? []).some((d) => {
    const file = d.getSourceFile().fileName;
    return /[\\/]lib\.[^\\/]*\.d\.ts$/.test(file) || /[\\/]@types[\\/]node[\\/]/.test(file);
  });
}
