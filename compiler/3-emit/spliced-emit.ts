import type ts from "typescript";
import { typescript } from "../typescript/compiler-api.js";
import { decodeMappings, encodeMappings, type MapLine } from "./source-map-lines.js";
import { emitAlone, type EmittedModule } from "./standalone-emit.js";

/**
 * A module emitted alone, kept so that the next edit of it can be emitted by
 * splicing: TypeScript prints every top-level statement of such a module on
 * lines of its own, in order, each line mapped back into its statement, so
 * the lines of a statement the edit did not touch are what they were (their
 * map moved by as many source lines as the statement moved), and only the
 * statements the edit replaced are printed again. Printing a whole
 * 200-function module was most of a watch rebuild once nothing else needed
 * the whole file.
 */
export interface AloneEmit {
  /** The source text it was emitted from (the file object itself is given up to the next incremental parse). */
  text: string;
  statements: readonly ts.Statement[];
  /**
   * Each statement's span in `text`, leading comments included (the parser
   * moves the nodes it keeps, so their positions are read when emitted).
   */
  spans: ReadonlyArray<readonly [number, number]>;
  /** Each statement's first source line when emitted. */
  startLines: readonly number[];
  /** The source's lines, as TypeScript counts them. */
  lineCount: number;
  /** Where each statement's own text starts (after its leading comments) in `text`. */
  starts: readonly number[];
  emitted: EmittedModule;
  /** The emitted lines with their maps and owning statements, read when first spliced. */
  layout?: Layout | null;
  /** Statements whose lines were printed alone (by the splice that made this emit), not with the module. */
  printedAlone: ReadonlySet<ts.Statement>;
}

interface Layout {
  lines: string[];
  mapLines: MapLine[];
  /** Each line's statement (by index; statements.length: after the last), non-decreasing. */
  owners: number[];
  /** The first line of each statement's lines (and of the lines after the last), from owners. */
  starts?: number[];
  map: { version: number; file: string; sources: string[]; names: string[]; sourceRoot?: string };
}

export function rememberAlone(file: ts.SourceFile, emitted: EmittedModule, layout?: Layout, printedAlone: ReadonlySet<ts.Statement> = new Set()): AloneEmit {
  return {
    layout,
    printedAlone,
    text: file.text,
    statements: file.statements,
    spans: file.statements.map((s) => [s.pos, s.end] as const),
    startLines: file.statements.map((s) => startLine(file, s)),
    lineCount: file.getLineStarts().length,
    starts: file.statements.map((s) => s.getStart(file)),
    emitted,
  };
}

/**
 * The module emitted again after an edit, by splicing the statements the
 * edit replaced into the previous emit; undefined when it cannot be done
 * exactly (the caller emits the module whole). Before trusting a splice,
 * the statements the edit removed are printed the same way from the old
 * text: they must come out as the lines they had, or the module's emit
 * depends on more than each statement alone (a helper, a comment that moved).
 */
export function spliceAlone(previous: AloneEmit, file: ts.SourceFile, options: ts.CompilerOptions, transformers: ts.CustomTransformers): AloneEmit | undefined {
  if (previous.emitted.code === undefined || previous.emitted.map === undefined) return undefined;
  const layout = (previous.layout ??= layoutOf(previous));
  if (layout === null) return undefined;
  const oldIndex = new Map(previous.statements.map((s, i) => [s, i]));
  const current = new Set(file.statements);
  const fresh = file.statements.filter((s) => !oldIndex.has(s));
  const removed = previous.statements.filter((s) => !current.has(s));
  if (fresh.length === 0 && removed.length === 0) return undefined;
  if (file.statements.length === 0 || previous.statements.length === 0) return undefined;
  if ([...fresh, ...removed].some((s) => typescript.isImportDeclaration(s))) return undefined;
  // Comments at the very top of a file print apart from the statement after them: the first statement stays the first.
  const firstKept = oldIndex.has(file.statements[0]!);
  if (firstKept !== current.has(previous.statements[0]!) || (firstKept && file.statements[0] !== previous.statements[0])) return undefined;
  // So do those of the first statement printed alone: they must not stand apart unless it is the first.
  if (fresh.length > 0 && fresh[0] !== file.statements[0] && commentStandsApart(file.text, fresh[0]!)) return undefined;
  // What follows the last statement (comments at the end of the file) is kept as it was printed: it must be the same text.
  const lastOld = previous.spans[previous.spans.length - 1]!;
  if (previous.text.slice(lastOld[1]) !== file.text.slice(file.statements[file.statements.length - 1]!.end)) return undefined;
  const freshSpans = fresh.map((s) => [s.pos, s.end] as const);
  // A statement printed alone has its lines to itself: none shares one with a neighbour.
  const ownLines = (text: string, span: readonly [number, number], start: number) => endsItsLine(text, span) && (span[0] === 0 || /[\r\n]/.test(text.slice(span[0], start)));
  if (!fresh.every((s, k) => ownLines(file.text, freshSpans[k]!, s.getStart(file)))) return undefined;
  if (!removed.every((s) => ownLines(previous.text, previous.spans[oldIndex.get(s)!]!, previous.starts[oldIndex.get(s)!]!))) return undefined;

  const freshLines = linesOfSpans(file, file.text, freshSpans, options, transformers);
  // The check: what the removed statements print alone is what they printed with the module (those
  // a splice printed alone already were printed so).
  const checked = removed.filter((s) => !previous.printedAlone.has(s));
  const removedLines = linesOfSpans(file, previous.text, checked.map((s) => previous.spans[oldIndex.get(s)!]!), options, transformers);
  if (freshLines === undefined || removedLines === undefined) return undefined;
  for (const [k, statement] of checked.entries()) {
    const index = oldIndex.get(statement)!;
    const alone = removedLines[k]!;
    const [from, to] = rangeOf(layout, index);
    if (alone.lines.length !== to - from) return undefined;
    for (let k = 0; k < alone.lines.length; k++) {
      if (alone.lines[k] !== layout.lines[from + k] || !sameMapLine(alone.mapLines[k]!, layout.mapLines[from + k]!)) return undefined;
    }
  }

  const lines: string[] = [];
  const mapLines: MapLine[] = [];
  const owners: number[] = [];
  file.statements.forEach((statement, owner) => {
    const index = oldIndex.get(statement);
    if (index === undefined) {
      const alone = freshLines[fresh.indexOf(statement)]!;
      lines.push(...alone.lines);
      mapLines.push(...alone.mapLines);
      for (let k = 0; k < alone.lines.length; k++) owners.push(owner);
      return;
    }
    const shift = startLine(file, statement) - previous.startLines[index]!;
    const [from, to] = rangeOf(layout, index);
    for (let k = from; k < to; k++) {
      lines.push(layout.lines[k]!);
      mapLines.push(shift === 0 ? layout.mapLines[k]! : shifted(layout.mapLines[k]!, shift));
      owners.push(owner);
    }
  });
  // After the last statement: comments at the end of the file, and the map's URL comment.
  const [from, to] = rangeOf(layout, previous.statements.length);
  const endShift = file.getLineStarts().length - previous.lineCount;
  for (let k = from; k < to; k++) {
    lines.push(layout.lines[k]!);
    mapLines.push(endShift === 0 ? layout.mapLines[k]! : shifted(layout.mapLines[k]!, endShift));
    owners.push(file.statements.length);
  }
  const emitted = { code: lines.join("\n"), map: JSON.stringify({ ...layout.map, mappings: encodeMappings(mapLines) }) };
  return rememberAlone(file, emitted, { lines, mapLines, owners, map: layout.map }, new Set(fresh));
}

/**
 * A comment before the statement with a blank line after it: at the top of
 * a file TypeScript prints such a comment apart (a file's header), so the
 * statement printed alone, first of what is printed, would not print as it
 * does in the module.
 */
function commentStandsApart(text: string, statement: ts.Statement): boolean {
  const comments = typescript.getLeadingCommentRanges(text, statement.pos) ?? [];
  const start = statement.getStart();
  return comments.some((comment, k) => /\n[ \t\r]*\n/.test(text.slice(comment.end, comments[k + 1]?.pos ?? start)));
}

function layoutOf(previous: AloneEmit): Layout | null {
  const map = JSON.parse(previous.emitted.map!) as Layout["map"] & { mappings: string };
  if (map.sources.length !== 1) return null;
  const lines = previous.emitted.code!.split("\n");
  const mapLines = decodeMappings(map.mappings, lines.length);
  if (mapLines === undefined) return null;
  const owners = ownersOf(lineStartsOf(previous.text), mapLines, previous.spans);
  if (owners === undefined) return null;
  const { mappings: _, ...header } = map;
  return { lines, mapLines, owners, map: header };
}

/**
 * Which statement each emitted line belongs to, by where its first mapping
 * points; a line without one (a blank line) goes with the next line that
 * has one. Undefined when the lines do not follow the statements in order.
 */
function ownersOf(lineStarts: readonly number[], mapLines: readonly MapLine[], spans: ReadonlyArray<readonly [number, number]>): number[] | undefined {
  const owners = new Array<number>(mapLines.length);
  let pending = 0;
  let last = 0;
  for (let k = 0; k < mapLines.length; k++) {
    const first = mapLines[k]!.first;
    if (first === undefined) continue;
    const position = (lineStarts[first[2]] ?? Number.NaN) + first[3];
    const owner = statementAt(spans, position);
    if (owner < last) return undefined;
    for (; pending <= k; pending++) owners[pending] = owner;
    last = owner;
  }
  for (; pending < mapLines.length; pending++) owners[pending] = spans.length;
  return owners;
}

/**
 * The statement whose full span (leading comments included) holds the
 * position, its end included (a class's closing brace is mapped there);
 * statements.length past the last.
 */
function statementAt(spans: ReadonlyArray<readonly [number, number]>, position: number): number {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (spans[mid]![1] < position) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The lines [from, to) owned by a statement (owners are non-decreasing). */
function rangeOf(layout: Pick<Layout, "owners" | "starts">, index: number): [number, number] {
  const starts = (layout.starts ??= startsOf(layout.owners));
  if (index >= starts.length) return [layout.owners.length, layout.owners.length];
  return [starts[index]!, starts[index + 1] ?? layout.owners.length];
}

function startsOf(owners: readonly number[]): number[] {
  const last = owners.length === 0 ? 0 : owners[owners.length - 1]!;
  const starts = new Array<number>(last + 2);
  let line = 0;
  for (let index = 0; index <= last + 1; index++) {
    while (line < owners.length && owners[line]! < index) line++;
    starts[index] = line;
  }
  return starts;
}

interface StatementLines {
  lines: string[];
  mapLines: MapLine[];
}

/**
 * What some statements of a module print on their own: the text from the
 * line of the first statement to the end of the last, everything but the
 * statements blanked (line breaks kept, so every statement keeps its lines
 * and columns, counted from that line), emitted alone, its lines shared out
 * to the statements and their maps moved down to the lines the statements
 * have in the module. An `export {}` goes after the text, so the blanked
 * text is still a module, and its line is dropped. Only that stretch is
 * parsed and printed: a blanked copy of a whole 200-function module cost a
 * rebuild more than printing the statement.
 */
function linesOfSpans(
  file: ts.SourceFile,
  text: string,
  spans: ReadonlyArray<readonly [number, number]>,
  options: ts.CompilerOptions,
  transformers: ts.CustomTransformers,
): StatementLines[] | undefined {
  if (spans.length === 0) return [];
  const first = spans[0]![0];
  let at = first;
  while (at > 0 && breakAt(text, at - 1) === 0) at--;
  const linesBefore = breakEnds(text, at).length;
  let blanked = "";
  for (const [pos, end] of spans) {
    blanked += blank(text.slice(at, pos)) + text.slice(pos, end);
    at = end;
  }
  blanked += "\nexport {};\n";
  const alone = typescript.createSourceFile(file.fileName, blanked, { languageVersion: file.languageVersion, impliedNodeFormat: file.impliedNodeFormat }, true);
  if (alone.statements.length !== spans.length + 1) return undefined;
  const emitted = emitAlone(alone, options, transformers);
  if (emitted.code === undefined || emitted.map === undefined) return undefined;
  const lines = emitted.code.split("\n");
  const mapLines = decodeMappings((JSON.parse(emitted.map) as { mappings: string }).mappings, lines.length);
  // Helpers TypeScript needs (private fields below ES2022, `using`, decorators) print first and unmapped, at the top of
  // the module: a statement that needs one is not printed alone.
  if (mapLines === undefined || mapLines[0]?.first === undefined) return undefined;
  const owners = ownersOf(lineStartsOf(blanked), mapLines, alone.statements.map((s) => [s.pos, s.end] as const));
  if (owners === undefined) return undefined;
  // The appended `export {};` is not the statements'; the map's URL comment after it neither.
  const chunk = { owners };
  const [exportFrom, exportTo] = rangeOf(chunk, spans.length);
  if (exportTo - exportFrom !== 1 || lines[exportFrom] !== "export {};") return undefined;
  return spans.map((_, index) => {
    const [from, to] = rangeOf(chunk, index);
    const own = mapLines.slice(from, to);
    return { lines: lines.slice(from, to), mapLines: linesBefore === 0 ? own : own.map((line) => shifted(line, linesBefore)) };
  });
}

/**
 * The length of the line break at text[i], 0 if none: TypeScript's line
 * breaks, by which the source map counts lines (\n, \r\n, \r alone, U+2028,
 * U+2029). Every line count here goes through it, so the blanked text has
 * the lines the module has.
 */
function breakAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 13) return text.charCodeAt(i + 1) === 10 ? 2 : 1;
  return c === 10 || c === 0x2028 || c === 0x2029 ? 1 : 0;
}

/** The position after each line break in text.slice(0, end), in order. */
function breakEnds(text: string, end = text.length): number[] {
  const ends: number[] = [];
  for (let i = 0; i < end; ) {
    const length = breakAt(text, i);
    if (length === 0) i++;
    else ends.push((i += length));
  }
  return ends;
}

/** Text made blank, keeping its line breaks (as \n) and the column after the last: positions after it keep their line and column. */
function blank(text: string): string {
  const ends = breakEnds(text);
  return "\n".repeat(ends.length) + " ".repeat(text.length - (ends.at(-1) ?? 0));
}

/** Nothing but blanks after the statement on its last line (a comment there is printed with it, and blanking would lose it). */
function endsItsLine(text: string, [, end]: readonly [number, number]): boolean {
  const lineEnd = text.indexOf("\n", end);
  return /^[ \t\r]*$/.test(text.slice(end, lineEnd === -1 ? text.length : lineEnd));
}

function shifted(line: MapLine, by: number): MapLine {
  const move = (s: MapLine["first"]) => (s === undefined ? undefined : ([s[0], s[1], s[2] + by, s[3]] as const));
  return { first: move(line.first), last: move(line.last), rest: line.rest };
}

function sameMapLine(a: MapLine, b: MapLine): boolean {
  const same = (x: MapLine["first"], y: MapLine["first"]) => (x === undefined ? y === undefined : y !== undefined && x.every((v, i) => v === y[i]));
  return same(a.first, b.first) && same(a.last, b.last) && a.rest === b.rest;
}

function startLine(file: ts.SourceFile, statement: ts.Statement): number {
  return file.getLineAndCharacterOfPosition(statement.getStart(file)).line;
}

function lineStartsOf(text: string): number[] {
  return [0, ...breakEnds(text)];
}
