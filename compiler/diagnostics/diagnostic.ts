
import type ts from "typescript";
import type { MessageDefinition, Severity } from "./catalog.js";

export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  hint?: string;
  /** Absolute path; absent for diagnostics about the command line. */
  file?: string;
  /** 1-based. */
  line?: number;
  column?: number;
  /** Length of the span the diagnostic points at, for the code frame. */
  length?: number;
}

/** A place in a source file, as a node or an explicit offset. */
export type Location = ts.Node | { file: ts.SourceFile; start: number; length: number } | { path: string } | undefined;

export function createDiagnostic<P>(definition: MessageDefinition<P>, params: P, at: Location): Diagnostic {
  const diagnostic: Diagnostic = {
    code: `MCPC${definition.code}`,
    severity: definition.severity,
    message: definition.message(params),
  };
  if (definition.hint) diagnostic.hint = definition.hint(params);
  if (at === undefined) return diagnostic;
  if ("path" in at) {
    diagnostic.file = at.path;
    return diagnostic;
  }
  let file: ts.SourceFile;
  let start: number;
  let length: number;
  if ("kind" in at) {
    file = at.getSourceFile();
    start = at.getStart(file);
    length = at.getEnd() - start;
  } else {
    ({ file, start, length } = at);
  }
  const position = file.getLineAndCharacterOfPosition(start);
  diagnostic.file = file.fileName;
  diagnostic.line = position.line + 1;
  diagnostic.column = position.character + 1;
  diagnostic.length = length;
  return diagnostic;
}

/** Collects diagnostics for one compilation. */
export class DiagnosticBag {
  readonly items: Diagnostic[] = [];
  /** Every report made, kept or deduplicated: a step that made none said nothing (a watch rebuild may then reuse its result). */
  reports = 0;

  report<P>(definition: MessageDefinition<P>, params: P, at: Location): void {
    this.reports++;
    this.items.push(createDiagnostic(definition, params, at));
  }

  private readonly reportedOnce = new Set<string>();

  /** Reports a problem of the source itself once, however many tools reach it (a type several tools share). */
  reportOnce<P>(definition: MessageDefinition<P>, params: P, at: Location): void {
    this.reports++;
    const diagnostic = createDiagnostic(definition, params, at);
    const key = `${diagnostic.code}\0${diagnostic.file}\0${diagnostic.line}\0${diagnostic.column}\0${diagnostic.message}`;
    if (this.reportedOnce.has(key)) return;
    this.reportedOnce.add(key);
    this.items.push(diagnostic);
  }

  add(diagnostic: Diagnostic): void {
    this.reports++;
    this.items.push(diagnostic);
  }

  get errorCount(): number {
    return this.items.filter((d) => d.severity === "error").length;
  }

  /** Sorted by file, then position, so output is stable. */
  sorted(): Diagnostic[] {
    return [...this.items].sort(
      (a, b) =>
        (a.file ?? "").localeCompare(b.file ?? "") ||
        (a.line ?? 0) - (b.line ?? 0) ||
        (a.column ?? 0) - (b.column ?? 0) ||
        a.code.localeCompare(b.code),
    );
  }
}
