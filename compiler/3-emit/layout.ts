// server.js is written already laid out as prettier lays it out, so a build
// runs no formatter (prettier was a large part of a cold build and of every
// watch rebuild). The layout is one prettier
// keeps as written: every non-empty object expanded, one property a line
// (prettier preserves an object broken after its `{`), an array holding an
// object broken one element a line (the object's break propagates), and
// everything else on one line. What prettier could lay out otherwise, a line
// past its width, sends the file through prettier after all
// (`fitsPrettierLayout`); test/compiler/server-layout.test.ts checks the claim on
// every fixture.

/** prettier's printWidth for emitted JavaScript. */
export const PRINT_WIDTH = 100;

/** JavaScript source for a value or an expression, already written. */
export class Code {
  constructor(readonly text: string) {}
}

/** A method written as `name(params) {` … `}` with one `return` of an expression that stays on one line. */
export class Method {
  constructor(
    readonly params: string,
    readonly body: readonly string[],
  ) {}
}

/**
 * A value laid out ahead of the rest, for the one place it will stand (the
 * prefix, suffix and indent it is laid out with there): a watch rebuild
 * keeps the lines of what its edit did not reach (server.js's tool entries).
 */
export class LaidOut {
  readonly lines: readonly string[];
  readonly breaks: boolean;

  constructor(
    readonly prefix: string,
    value: Value,
    readonly suffix: string,
    readonly indent: string,
  ) {
    this.lines = layOut(prefix, value, suffix, indent);
    this.breaks = breaks(value);
  }
}

export type Value = string | number | boolean | null | Code | Method | LaidOut | readonly Value[] | { readonly [key: string]: Value | undefined };

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const SIMPLE_NUMBER = /^(?:0|[1-9]\d*)$/;

/** A string literal as prettier writes it: double quotes, unless the text holds more double quotes than single. */
export function stringLiteral(text: string): string {
  const json = JSON.stringify(text);
  let doubles = 0;
  let singles = 0;
  for (const ch of text) {
    if (ch === '"') doubles++;
    else if (ch === "'") singles++;
  }
  if (doubles <= singles) return json;
  return `'${json.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/** An object key as prettier writes it (quote props "as-needed"). */
export function propertyKey(key: string): string {
  return IDENTIFIER.test(key) || SIMPLE_NUMBER.test(key) ? key : stringLiteral(key);
}

/** `object.name`, or `object["name"]` when the name is no identifier. */
export function memberAccess(object: string, name: string): string {
  return IDENTIFIER.test(name) ? `${object}.${name}` : `${object}[${stringLiteral(name)}]`;
}

/** True when the value is written over several lines (it holds a non-empty object or a method). */
function breaks(value: Value): boolean {
  if (value instanceof Method) return true;
  if (value instanceof LaidOut) return value.breaks;
  if (value === null || typeof value !== "object" || value instanceof Code) return false;
  if (Array.isArray(value)) return value.some(breaks);
  return Object.values(value).some((v) => v !== undefined);
}

/** Lines of `value` placed after `prefix` at `indent`, ending with `suffix`. */
export function layOut(prefix: string, value: Value, suffix: string, indent: string): string[] {
  if (value instanceof LaidOut) {
    if (value.prefix !== prefix || value.suffix !== suffix || value.indent !== indent) throw new Error("layOut: a value laid out ahead stands somewhere else");
    return [...value.lines];
  }
  if (value instanceof Method) {
    return [`${prefix}${value.params} {`, ...value.body.map((line) => `${indent}  ${line}`), `${indent}}${suffix}`];
  }
  if (value === null || typeof value !== "object" || value instanceof Code) return [`${prefix}${scalar(value)}${suffix}`];
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${prefix}[]${suffix}`];
    if (!value.some(breaks)) return [`${prefix}[${value.map((v) => layOut("", v, "", "")[0]).join(", ")}]${suffix}`];
    return [`${prefix}[`, ...value.flatMap((v) => layOut(inner, v, ",", inner)), `${indent}]${suffix}`];
  }
  const entries = Object.entries(value).filter((entry): entry is [string, Value] => entry[1] !== undefined);
  if (entries.length === 0) return [`${prefix}{}${suffix}`];
  return [
    `${prefix}{`,
    ...entries.flatMap(([key, v]) => (v instanceof Method ? layOut(`${inner}${propertyKey(key)}`, v, ",", inner) : layOut(`${inner}${propertyKey(key)}: `, v, ",", inner))),
    `${indent}}${suffix}`,
  ];
}

function scalar(value: string | number | boolean | null | Code): string {
  if (value instanceof Code) return value.text;
  if (typeof value === "string") return stringLiteral(value);
  // prettier writes 1e21, not JSON's 1e+21.
  return JSON.stringify(value).replace("e+", "e");
}

/** False when prettier might lay the file out otherwise: a line of code past the width, which prettier would break (it leaves comments be). */
export function fitsPrettierLayout(text: string): boolean {
  return text.split("\n").every((line) => line.length <= PRINT_WIDTH || line.startsWith("//"));
}
