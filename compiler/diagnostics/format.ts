import { readFileSync } from "node:fs";
import { relative } from "node:path";
import type { Diagnostic } from "./diagnostic.js";

export interface FormatOptions {
  /** Paths are shown relative to this directory. */
  cwd: string;
  /** Colours and a code frame, as tsc --pretty does. */
  pretty: boolean;
  colors: boolean;
  /** Source text by absolute path, when it is at hand (saves re-reading). */
  readSource?: (file: string) => string | undefined;
}

const ansi = (code: number) => (text: string) => `\u001b[${code}m${text}\u001b[0m`;
const red = ansi(31);
const yellow = ansi(33);
const cyan = ansi(36);
const grey = ansi(90);
const inverse = ansi(7);

/** `file:line:col - error MCPC1001: message`, like tsc, with a code frame when pretty. */
export function formatDiagnostic(diagnostic: Diagnostic, options: FormatOptions): string {
  const paint = options.colors ? { red, yellow, cyan, grey, inverse } : { red: id, yellow: id, cyan: id, grey: id, inverse: id };
  const severity = diagnostic.severity === "error" ? paint.red("error") : paint.yellow("warning");
  let location = "";
  if (diagnostic.file !== undefined) {
    location = relative(options.cwd, diagnostic.file) || diagnostic.file;
    if (diagnostic.line !== undefined) location += `:${diagnostic.line}:${diagnostic.column}`;
    location = `${paint.cyan(location)} - `;
  }
  let text = `${location}${severity} ${paint.grey(diagnostic.code)}: ${diagnostic.message}`;
  if (options.pretty && diagnostic.file !== undefined && diagnostic.line !== undefined) {
    const frame = codeFrame(diagnostic, options, paint.red, paint.inverse);
    if (frame) text += `\n\n${frame}\n`;
  }
  if (diagnostic.hint) text += `${options.pretty && diagnostic.line !== undefined ? "" : "\n"}  ${paint.grey("hint:")} ${diagnostic.hint}`;
  return text;
}

function id(text: string): string {
  return text;
}

function codeFrame(d: Diagnostic, options: FormatOptions, mark: (s: string) => string, gutter: (s: string) => string): string {
  let source: string | undefined;
  try {
    source = options.readSource?.(d.file!) ?? readFileSync(d.file!, "utf8");
  } catch {
    return "";
  }
  const lines = source.split(/\r?\n/);
  const lineText = lines[d.line! - 1];
  if (lineText === undefined) return "";
  const number = String(d.line);
  const start = d.column! - 1;
  const width = Math.max(1, Math.min(d.length ?? 1, lineText.length - start));
  const pad = " ".repeat(number.length);
  return `${gutter(number)} ${lineText}\n${gutter(pad)} ${" ".repeat(start)}${mark("~".repeat(width))}`;
}

export function summary(errors: number, warnings: number): string {
  const parts: string[] = [];
  if (errors) parts.push(`${errors} error${errors === 1 ? "" : "s"}`);
  if (warnings) parts.push(`${warnings} warning${warnings === 1 ? "" : "s"}`);
  return parts.length ? `Found ${parts.join(" and ")}.` : "No problems found.";
}

/** How `mcpc check` and `mcpc build` print diagnostics. */
export type OutputFormat = "pretty" | "plain" | "json" | "github";

/** The diagnostic as one JSON object on one line (`--format json`); paths relative to cwd, with forward slashes. */
export function diagnosticJson(diagnostic: Diagnostic, cwd: string): string {
  const out: Record<string, unknown> = { code: diagnostic.code, severity: diagnostic.severity, message: diagnostic.message };
  if (diagnostic.hint !== undefined) out.hint = diagnostic.hint;
  if (diagnostic.file !== undefined) out.file = displayPath(diagnostic.file, cwd);
  if (diagnostic.line !== undefined) out.line = diagnostic.line;
  if (diagnostic.column !== undefined) out.column = diagnostic.column;
  if (diagnostic.length !== undefined) out.length = diagnostic.length;
  return JSON.stringify(out);
}

/**
 * A GitHub Actions workflow command (`::error file=…,line=…,col=…::MCPC1001 …`),
 * which the Actions runner turns into an annotation on the pull request's diff.
 * Escaping follows the runner's rules: `%`, CR and LF everywhere, plus `:` and `,` in properties.
 */
export function diagnosticGithub(diagnostic: Diagnostic, cwd: string): string {
  const properties: string[] = [];
  if (diagnostic.file !== undefined) properties.push(`file=${escapeProperty(displayPath(diagnostic.file, cwd))}`);
  if (diagnostic.line !== undefined) properties.push(`line=${diagnostic.line}`);
  if (diagnostic.column !== undefined) properties.push(`col=${diagnostic.column}`);
  properties.push(`title=${escapeProperty(diagnostic.code)}`);
  let text = `${diagnostic.code} ${diagnostic.message}`;
  if (diagnostic.hint !== undefined) text += `\nhint: ${diagnostic.hint}`;
  return `::${diagnostic.severity} ${properties.join(",")}::${escapeData(text)}`;
}

function displayPath(file: string, cwd: string): string {
  return (relative(cwd, file) || file).split("\\").join("/");
}

function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
