/**
 * A syntactic proof that a pattern matches in linear time, for the narrow
 * class users write most (`^[0-9]{5}$`, `^[a-z0-9-]+$`,
 * `^\d{4}-\d{2}-\d{2}$`), so that checking them costs no start of the
 * ReDoS analyser. The class: anchored at the start with `^`, optionally at
 * the end with `$`, otherwise a plain sequence of single atoms (a character,
 * `.`, an escape, a character class), each with at most one greedy
 * quantifier; no groups, alternation, backreferences or lookarounds. In such
 * a sequence backtracking can only be slow when a character may belong to
 * either of two neighbouring items (`^\d+\d+$`, `^a*b?a*$`), so every item
 * whose count varies must be disjoint from each item that may come right
 * after it. Anything else, and anything the tokenizer below does not fully
 * understand, answers `false`: the caller then asks the analyser. A wrong
 * `true` would let a vulnerable pattern through, so it errs towards `false`.
 */
export function isProvablyLinear(source: string, flags: string): boolean {
  // Without `u` escapes and literals read differently; `i`, `m`, `s`, … change what atoms match.
  if (flags !== "u") return false;
  try {
    new RegExp(source, flags);
  } catch {
    return false;
  }
  const items = tokenize(source);
  if (items === null) return false;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item.min === item.max) continue;
    // The items that may read the character after this item's run: up to and including the first that must read one.
    for (let j = i + 1; j < items.length; j++) {
      const next = items[j]!;
      if (overlaps(item.chars, next.chars)) return false;
      if (next.min > 0) break;
    }
  }
  return true;
}

/** Code-point ranges, inclusive, sorted and not overlapping. */
type CharSet = Array<[number, number]>;

interface Item {
  chars: CharSet;
  min: number;
  max: number;
}

const MAX_CODE_POINT = 0x10ffff;
const DIGITS: CharSet = [[0x30, 0x39]];
const WORD: CharSet = [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]];
// ECMAScript's WhiteSpace and LineTerminator: what `\s` matches.
const SPACE: CharSet = normalize([
  [0x09, 0x0d], [0x20, 0x20], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a], [0x2028, 0x2029],
  [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff],
]);
const LINE_TERMINATORS: CharSet = [[0x0a, 0x0a], [0x0d, 0x0d], [0x2028, 0x2029]];
// The characters `\` may precede with the `u` flag to stand for themselves.
const SYNTAX_CHARACTERS = new Set("^$\\.*+?()[]{}|/");
const CONTROL_ESCAPES: Record<string, number> = { t: 0x09, n: 0x0a, v: 0x0b, f: 0x0c, r: 0x0d };

function tokenize(source: string): Item[] | null {
  const chars = [...source];
  if (chars[0] !== "^") return null;
  const items: Item[] = [];
  let i = 1;
  while (i < chars.length) {
    const c = chars[i]!;
    if (c === "$") {
      // Only as the last character: an end anchor in the middle is left to the analyser.
      return i === chars.length - 1 ? items : null;
    }
    let set: CharSet | null;
    if (c === "[") {
      const parsed = characterClass(chars, i + 1);
      if (parsed === null) return null;
      set = parsed.set;
      i = parsed.next;
    } else if (c === "\\") {
      set = atomEscape(chars[i + 1]);
      i += 2;
    } else if (c === ".") {
      set = complement(LINE_TERMINATORS);
      i += 1;
    } else if ("^()|*+?{}]".includes(c)) {
      return null;
    } else {
      const code = c.codePointAt(0)!;
      set = [[code, code]];
      i += 1;
    }
    if (set === null) return null;
    const quantifier = readQuantifier(chars, i);
    if (quantifier === null) return null;
    i = quantifier.next;
    items.push({ chars: set, min: quantifier.min, max: quantifier.max });
  }
  return items;
}

function readQuantifier(chars: string[], at: number): { min: number; max: number; next: number } | null {
  let result: { min: number; max: number; next: number };
  const c = chars[at];
  if (c === "*") result = { min: 0, max: Infinity, next: at + 1 };
  else if (c === "+") result = { min: 1, max: Infinity, next: at + 1 };
  else if (c === "?") result = { min: 0, max: 1, next: at + 1 };
  else if (c === "{") {
    const match = /^\{(\d+)(,(\d*))?\}/.exec(chars.slice(at, at + 40).join(""));
    if (match === null) return null;
    const min = Number(match[1]);
    const max = match[2] === undefined ? min : match[3] === "" ? Infinity : Number(match[3]);
    if (!Number.isSafeInteger(min) || !(max >= min)) return null;
    result = { min, max, next: at + match[0].length };
  } else return { min: 1, max: 1, next: at };
  // A lazy or a second quantifier is rare enough to leave to the analyser.
  if (chars[result.next] === "?" || chars[result.next] === "*" || chars[result.next] === "+" || chars[result.next] === "{") return null;
  return result;
}

/** The set an escape outside a class stands for, or null when it is not one of the plain kinds. */
function atomEscape(c: string | undefined): CharSet | null {
  if (c === undefined) return null;
  const shorthand = classEscape(c);
  if (shorthand !== null) return shorthand;
  const code = singleCharEscape(c);
  return code === null ? null : [[code, code]];
}

function classEscape(c: string): CharSet | null {
  switch (c) {
    case "d":
      return DIGITS;
    case "D":
      return complement(DIGITS);
    case "w":
      return WORD;
    case "W":
      return complement(WORD);
    case "s":
      return SPACE;
    case "S":
      return complement(SPACE);
    default:
      return null;
  }
}

function singleCharEscape(c: string): number | null {
  if (c in CONTROL_ESCAPES) return CONTROL_ESCAPES[c]!;
  if (SYNTAX_CHARACTERS.has(c)) return c.codePointAt(0)!;
  return null;
}

/** Reads a class from just after its `[` to just after its `]`. */
function characterClass(chars: string[], at: number): { set: CharSet; next: number } | null {
  let i = at;
  const negated = chars[i] === "^";
  if (negated) i += 1;
  const ranges: CharSet = [];
  // One class member: a code point, or a shorthand set (which cannot be a range end).
  const member = (): { code: number } | { set: CharSet } | null => {
    const c = chars[i];
    if (c === undefined) return null;
    if (c === "\\") {
      const e = chars[i + 1];
      if (e === undefined) return null;
      i += 2;
      const shorthand = classEscape(e);
      if (shorthand !== null) return { set: shorthand };
      if (e === "-") return { code: 0x2d };
      const code = singleCharEscape(e);
      return code === null ? null : { code };
    }
    // `[` inside a class is literal in ES2018+ `u` mode, but the `v` flag would differ: leave it.
    if (c === "[") return null;
    i += 1;
    return { code: c.codePointAt(0)! };
  };
  while (chars[i] !== "]") {
    if (i >= chars.length) return null;
    const first = member();
    if (first === null) return null;
    if (chars[i] === "-" && chars[i + 1] !== "]" && chars[i + 1] !== undefined) {
      i += 1;
      const last = member();
      if (last === null || !("code" in first) || !("code" in last) || last.code < first.code) return null;
      ranges.push([first.code, last.code]);
    } else if ("code" in first) {
      ranges.push([first.code, first.code]);
    } else {
      ranges.push(...first.set);
    }
  }
  const set = normalize(ranges);
  return { set: negated ? complement(set) : set, next: i + 1 };
}

function normalize(ranges: CharSet): CharSet {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: CharSet = [];
  for (const [lo, hi] of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else merged.push([lo, hi]);
  }
  return merged;
}

function complement(set: CharSet): CharSet {
  const result: CharSet = [];
  let next = 0;
  for (const [lo, hi] of normalize(set)) {
    if (lo > next) result.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CODE_POINT) result.push([next, MAX_CODE_POINT]);
  return result;
}

function overlaps(a: CharSet, b: CharSet): boolean {
  return a.some(([alo, ahi]) => b.some(([blo, bhi]) => alo <= bhi && blo <= ahi));
}
