// Reading JSON text before and beside JSON.parse: what JSON.parse cannot be
// asked to do (stop at a bound, keep a number's digits).

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const OPEN_BRACKET = 91;
const COMMA = 44;
const COLON = 58;

/**
 * Whether a JSON text holds more than `limit` values: it counts the tokens
 * that start one (`{`, `[`, `,` and `:`) outside strings. JSON.parse's cost
 * follows the number of values far more than the bytes (4 MB of `[]` or of
 * object members took over 300 ms, 4 MB of one string 12 ms), and JSON.parse
 * cannot be stopped, so the bound is checked before it. Texts no longer than
 * the limit cannot exceed it and are not read.
 */
export function exceedsValueLimit(text: string, limit: number): boolean {
  if (text.length <= limit) return false;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = endOfString(text, i);
      if (i < 0) return false; // unterminated: JSON.parse refuses it cheaply
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET || c === COMMA || c === COLON) {
      if (++count > limit) return true;
    }
  }
  return false;
}

/**
 * What parseMessageText gives: the parsed value, or why the text was refused
 * before or by JSON.parse. A text refused for its size still names the id of
 * the request it holds, when one object does and the id is read without
 * parsing it, so the client's call gets its error instead of waiting for one.
 */
export type MessageText =
  | { value: unknown; refused?: undefined }
  | { refused: "too-many-values"; id: string | number | ExactId | undefined }
  | { refused: "not-json" };

/**
 * One message's (or one batch's) text as every transport reads it: refused
 * beyond `maxValues` JSON values before JSON.parse starts, parsed, and with
 * integer ids beyond 2^53 given the digits the client sent, so the answers
 * echo them exactly. Each transport words the refusal its own way.
 */
export function parseMessageText(text: string, maxValues: number): MessageText {
  // JSON.parse cannot be stopped once started, and its cost follows the number of values.
  if (exceedsValueLimit(text, maxValues)) return { refused: "too-many-values", id: requestIdOf(text) };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { refused: "not-json" };
  }
  keepExactIds(text, Array.isArray(value) ? value : [value]);
  return { value };
}

/** Index of the quote that closes the string opened at `start`, or -1. */
function endOfString(text: string, start: number): number {
  let end = start;
  for (;;) {
    end = text.indexOf('"', end + 1);
    if (end < 0) return -1;
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return end;
  }
}

/**
 * A request id that JSON.parse could not keep: an integer beyond 2^53 is
 * held as a bigint with its exact digits, so the answer echoes the id the
 * client sent (`9007199254740993`, not `9007199254740992`).
 */
export type ExactId = bigint;

/**
 * Only a number JSON.parse may have rounded needs its text: the hot path pays
 * one Number.isSafeInteger test per request.
 */
export function mayBeRounded(id: unknown): id is number {
  return typeof id === "number" && !Number.isSafeInteger(id) && Number.isInteger(id) && Number.isFinite(id);
}

/**
 * Gives the parsed messages of `text` (one, or a batch's) whose id is an
 * integer beyond 2^53 the digits the client sent, as a bigint.
 */
export function keepExactIds(text: string, items: readonly unknown[]): void {
  let exact: Array<ExactId | undefined> | undefined;
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    if (item === null || typeof item !== "object" || !mayBeRounded((item as Record<string, unknown>).id)) continue;
    const id = (exact ??= exactIds(text))[index];
    if (id !== undefined) (item as Record<string, unknown>).id = id;
  }
}

/**
 * The exact id of the object at the top of `text` (one message), or of each
 * object in a top-level array (a batch): the digits of its `id` member when
 * they are a plain integer JSON.parse could not hold, else undefined. Read
 * only when mayBeRounded said so.
 */
export function exactIds(text: string): Array<ExactId | undefined> {
  const ids: Array<ExactId | undefined> = [];
  let i = skipSpace(text, 0);
  if (text.charCodeAt(i) === OPEN_BRACKET) {
    i = skipSpace(text, i + 1);
    while (i < text.length && text.charCodeAt(i) !== 93) {
      const end = skipValue(text, i);
      ids.push(text.charCodeAt(i) === OPEN_BRACE ? idOfObject(text, i) : undefined);
      i = skipSpace(text, end);
      if (text.charCodeAt(i) === COMMA) i = skipSpace(text, i + 1);
      else break;
    }
    return ids;
  }
  ids.push(text.charCodeAt(i) === OPEN_BRACE ? idOfObject(text, i) : undefined);
  return ids;
}

/**
 * The id of the one request a text holds, read without JSON.parse: a string
 * or an integer (beyond 2^53 as a bigint), else undefined (a batch, a
 * notification or a response, another kind of id, a text that is not an
 * object). One pass over the text.
 */
function requestIdOf(text: string): string | number | ExactId | undefined {
  const start = skipSpace(text, 0);
  if (text.charCodeAt(start) !== OPEN_BRACE) return undefined;
  const members = memberTokens(text, start);
  // Only a request is answered: an error with a response's id would fail the client's own call of that id.
  const token = members.get("id");
  if (token === undefined || !members.has("method")) return undefined;
  if (token.charCodeAt(0) === QUOTE) {
    try {
      return JSON.parse(token) as string;
    } catch {
      return undefined;
    }
  }
  if (!/^-?(?:0|[1-9][0-9]*)$/.test(token)) return undefined;
  const id = Number(token);
  return Number.isSafeInteger(id) ? id : BigInt(token);
}

/** The exact `id` of the object starting at `start` (the last `id` member wins, as in JSON.parse). */
function idOfObject(text: string, start: number): ExactId | undefined {
  const token = memberTokens(text, start).get("id");
  return token !== undefined && /^-?[1-9][0-9]*$/.test(token) ? BigInt(token) : undefined;
}

const READ_MEMBERS = new Set(["id", "method"]);

/** A member name from its quoted text; undefined when not valid JSON (a text refused for its size was never parsed). */
function keyText(quoted: string): string | undefined {
  if (!quoted.includes("\\")) return quoted.slice(1, -1);
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return undefined;
  }
}

/** The text of the `id` and `method` members' values of the object starting at `start` (the last of a name wins, as in JSON.parse). */
function memberTokens(text: string, start: number): Map<string, string> {
  const members = new Map<string, string>();
  let i = skipSpace(text, start + 1);
  while (text.charCodeAt(i) === QUOTE) {
    const keyEnd = endOfString(text, i);
    if (keyEnd < 0) return members;
    const key = keyText(text.slice(i, keyEnd + 1));
    i = skipSpace(text, keyEnd + 1);
    if (key === undefined || text.charCodeAt(i) !== COLON) return members;
    const valueStart = skipSpace(text, i + 1);
    const valueEnd = skipValue(text, valueStart);
    if (READ_MEMBERS.has(key)) members.set(key, text.slice(valueStart, valueEnd));
    i = skipSpace(text, valueEnd);
    if (text.charCodeAt(i) !== COMMA) return members;
    i = skipSpace(text, i + 1);
  }
  return members;
}

/** The index just past the value starting at `start` (the text is known to be valid JSON). */
function skipValue(text: string, start: number): number {
  const c = text.charCodeAt(start);
  if (c === QUOTE) return endOfString(text, start) + 1;
  if (c === OPEN_BRACE || c === OPEN_BRACKET) {
    let depth = 0;
    for (let i = start; i < text.length; i++) {
      const d = text.charCodeAt(i);
      if (d === QUOTE) i = endOfString(text, i);
      else if (d === OPEN_BRACE || d === OPEN_BRACKET) depth++;
      else if ((d === 125 || d === 93) && --depth === 0) return i + 1;
    }
    return text.length;
  }
  let i = start;
  while (i < text.length && !isDelimiter(text.charCodeAt(i))) i++;
  return i;
}

function isDelimiter(c: number): boolean {
  return c === COMMA || c === 125 || c === 93 || c === 32 || c === 9 || c === 10 || c === 13;
}

function skipSpace(text: string, start: number): number {
  let i = start;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return i;
    i++;
  }
}
