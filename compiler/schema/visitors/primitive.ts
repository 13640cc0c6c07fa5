
import type ts from "typescript";
import { typescript } from "../../typescript/compiler-api.js";
import { Messages } from "../../diagnostics/catalog.js";
import type { JsonSchema } from "../json-schema.js";
import { patternVerdict } from "../pattern-safety.js";
import { Unrepresentable } from "../refusal.js";
import type { Walker } from "../walker.js";

/** Primitive and literal types (enum members are literals too); undefined when the type is neither. */
export function visitPrimitive(w: Walker, type: ts.Type): JsonSchema | undefined {
  const f = type.flags;
  if (f & typescript.TypeFlags.Boolean) return { type: "boolean" };
  if (f & typescript.TypeFlags.String) return { type: "string" };
  if (f & typescript.TypeFlags.Number) return { type: "number" };
  if (f & typescript.TypeFlags.Null) return { type: "null" };
  if (f & typescript.TypeFlags.StringLiteral) return { type: "string", const: (type as ts.StringLiteralType).value };
  if (f & typescript.TypeFlags.NumberLiteral) return { type: "number", const: (type as ts.NumberLiteralType).value };
  if (f & typescript.TypeFlags.BooleanLiteral) return { type: "boolean", const: isTrue(type) };
  if (f & typescript.TypeFlags.TemplateLiteral) return visitTemplateLiteral(w, type as ts.TemplateLiteralType);
  if (f & typescript.TypeFlags.StringMapping) {
    throw new Unrepresentable(Messages.TemplateLiteralType, w.typeText(type), { reason: "Uppercase<>, Lowercase<> and friends have no pattern" });
  }
  if (f & (typescript.TypeFlags.BigInt | typescript.TypeFlags.BigIntLiteral)) throw new Unrepresentable(Messages.BigIntType, w.typeText(type));
  if (f & typescript.TypeFlags.ESSymbolLike) throw new Unrepresentable(Messages.SymbolType, w.typeText(type));
  if (f & (typescript.TypeFlags.Undefined | typescript.TypeFlags.Void)) throw new Unrepresentable(Messages.UndefinedType, w.typeText(type));
  return undefined;
}

/** A union of literals of one primitive type is an `enum` of that type; `true | false` is `boolean`. */
export function literalEnum(w: Walker, types: readonly ts.Type[]): JsonSchema | undefined {
  if (types.length < 2) return undefined;
  let kind: string | undefined;
  const values: unknown[] = [];
  for (const t of types) {
    let k: string;
    let value: unknown;
    if (t.flags & typescript.TypeFlags.StringLiteral) [k, value] = ["string", (t as ts.StringLiteralType).value];
    else if (t.flags & typescript.TypeFlags.NumberLiteral) [k, value] = ["number", (t as ts.NumberLiteralType).value];
    else if (t.flags & typescript.TypeFlags.BooleanLiteral) [k, value] = ["boolean", isTrue(t)];
    else return undefined;
    if (kind !== undefined && kind !== k) return undefined;
    kind = k;
    values.push(value);
  }
  if (kind === "boolean") return { type: "boolean" };
  return { type: kind!, enum: values };
}

/** Characters with a meaning in a regular expression (Unicode mode allows escaping only these). */
const REGEX_SYNTAX = /[\\^$.*+?()[\]{}|/]/g;

/**
 * `${number}` as a pattern: decimal numbers as JSON and JavaScript write them.
 * Narrower than TypeScript, which also accepts hexadecimal and padded
 * numbers (`"0x1F"`, `" 1"`): those are refused rather than widened.
 */
export const NUMBER_PATTERN = "-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?";

/**
 * A template literal type as an anchored pattern: its literal text escaped,
 * `${string}` as any characters, `${number}` as a decimal number. (Unions inside a
 * template were already expanded by the checker into a union of templates.)
 */
function visitTemplateLiteral(w: Walker, type: ts.TemplateLiteralType): JsonSchema {
  return { type: "string", pattern: templatePattern(w, type) };
}

/** The anchored pattern of a template literal type (also used for template index signature keys). */
export function templatePattern(w: Walker, type: ts.TemplateLiteralType): string {
  let pattern = `^${escape(type.texts[0]!)}`;
  type.types.forEach((part, i) => {
    // Any characters, line breaks included (`.` would stop at them).
    if (part.flags & typescript.TypeFlags.String) pattern += "[\\s\\S]*";
    else if (part.flags & typescript.TypeFlags.Number) pattern += NUMBER_PATTERN;
    else {
      throw new Unrepresentable(Messages.TemplateLiteralType, w.typeText(type), {
        reason: `the placeholder '\${${w.typeText(part)}}' has no pattern`,
      });
    }
    pattern += escape(type.texts[i + 1]!);
  });
  pattern += "$";
  return withoutBacktracking(w, type, pattern);
}

/**
 * The server matches this pattern against what clients send, so one that
 * backtracks catastrophically cannot be written. With one placeholder between
 * literal texts the match is linear, so the analyser (and its load time) is
 * needed only for two or more. `${string}:${string}@${string}` written plainly
 * is quadratic: it is rewritten with each inner `${string}` as "anything up to
 * the first occurrence of the next text", which matches the same strings (the
 * earliest occurrence of each text leaves the most room for the rest, as tsc
 * itself matches) and cannot give characters back. What remains slow
 * (`${string}${number}`) is refused like any template without a faithful pattern.
 */
function withoutBacktracking(w: Walker, type: ts.TemplateLiteralType, pattern: string): string {
  if (type.types.length < 2) return pattern;
  let verdict = patternVerdict(pattern);
  if (verdict.status !== "vulnerable") return pattern;
  const rewritten = firstOccurrencePattern(type);
  if (rewritten !== undefined) {
    const rewrittenVerdict = patternVerdict(rewritten);
    if (rewrittenVerdict.status === "safe") return rewritten;
    if (rewrittenVerdict.status === "vulnerable") verdict = rewrittenVerdict;
  }
  throw new Unrepresentable(Messages.TemplateLiteralType, w.typeText(type), {
    reason: `its pattern '${pattern}' would take ${verdict.complexity} time to match a string such as ${verdict.attack}, and the server matches it against every argument`,
  });
}

/** `${string}` placeholders only, separated by non-empty texts: each but the last stops at the next text's first occurrence. */
function firstOccurrencePattern(type: ts.TemplateLiteralType): string | undefined {
  if (!type.types.every((part) => part.flags & typescript.TypeFlags.String)) return undefined;
  const last = type.types.length - 1;
  if (type.texts.slice(1, last + 1).some((text) => text === "")) return undefined;
  let pattern = `^${escape(type.texts[0]!)}`;
  type.types.forEach((_, i) => {
    const next = escape(type.texts[i + 1]!);
    pattern += i === last ? `[\\s\\S]*${next}` : `(?:(?!${next})[\\s\\S])*${next}`;
  });
  return `${pattern}$`;
}

function escape(text: string): string {
  return text.replace(REGEX_SYNTAX, "\\$&");
}

/** Which boolean literal type: the checker names its two intrinsic types "true" and "false" (cheaper than printing the type). */
function isTrue(type: ts.Type): boolean {
  return (type as { intrinsicName?: string }).intrinsicName === "true";
}
