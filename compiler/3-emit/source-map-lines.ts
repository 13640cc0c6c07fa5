// A source map's mappings, line by line, in the form splicing needs: within a
// line, every segment after the first is written relative to the one before
// it, so that text stays valid wherever the line moves; only a line's first
// segment (relative to the previous line's last) is written again.

/** A segment, absolute: generated column, source index, source line, source column. */
export type Segment = readonly [number, number, number, number];

export interface MapLine {
  first: Segment | undefined;
  last: Segment | undefined;
  /** The segments after the first, as written (each relative to the one before it). */
  rest: string;
}

const DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const VALUE_OF = new Map([...DIGITS].map((c, i) => [c, i]));

/** The mappings of `lineCount` generated lines; undefined for segments this does not handle (names, unmapped columns). */
export function decodeMappings(mappings: string, lineCount: number): MapLine[] | undefined {
  const lines: MapLine[] = [];
  let source = 0;
  let sourceLine = 0;
  let sourceColumn = 0;
  for (const text of mappings.split(";")) {
    let column = 0;
    let first: Segment | undefined;
    let last: Segment | undefined;
    let rest = "";
    let at = 0;
    while (at < text.length) {
      const values: number[] = [];
      while (at < text.length && text[at] !== ",") {
        let value = 0;
        let shift = 0;
        for (;;) {
          const digit = VALUE_OF.get(text[at++]!);
          if (digit === undefined) return undefined;
          value += (digit & 31) << shift;
          shift += 5;
          if ((digit & 32) === 0) break;
        }
        values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      }
      if (values.length !== 4) return undefined;
      column += values[0]!;
      source += values[1]!;
      sourceLine += values[2]!;
      sourceColumn += values[3]!;
      last = [column, source, sourceLine, sourceColumn];
      if (first === undefined) {
        first = last;
        if (at < text.length) rest = text.slice(at + 1);
      }
      if (at < text.length) at++;
    }
    lines.push({ first, last, rest });
  }
  if (lines.length > lineCount) return undefined;
  while (lines.length < lineCount) lines.push({ first: undefined, last: undefined, rest: "" });
  return lines;
}

export function encodeMappings(lines: readonly MapLine[]): string {
  let source = 0;
  let sourceLine = 0;
  let sourceColumn = 0;
  const out: string[] = [];
  for (const line of lines) {
    if (line.first === undefined || line.last === undefined) {
      out.push("");
      continue;
    }
    const [column, s, l, c] = line.first;
    const head = vlq(column) + vlq(s - source) + vlq(l - sourceLine) + vlq(c - sourceColumn);
    out.push(line.rest === "" ? head : `${head},${line.rest}`);
    [, source, sourceLine, sourceColumn] = line.last;
  }
  // A map ends at its last mapped line.
  while (out.length > 0 && out[out.length - 1] === "") out.pop();
  return out.join(";");
}

function vlq(value: number): string {
  let rest = value < 0 ? (-value << 1) | 1 : value << 1;
  let text = "";
  do {
    let digit = rest & 31;
    rest >>>= 5;
    if (rest > 0) digit |= 32;
    text += DIGITS[digit];
  } while (rest > 0);
  return text;
}
