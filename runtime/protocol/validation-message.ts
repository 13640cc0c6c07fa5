import type { ValidationIssue } from "../definition.js";

/**
 * Turns Ajv's errors into text a model can act on: one line per failing path,
 * written the way the model wrote the arguments (`items[0].qty`), saying what
 * was expected.
 */
export function describeValidationIssues(toolName: string, issues: readonly ValidationIssue[]): string {
  const lines = new Set<string>();
  // The first issues are what a model needs to fix its call; a hostile
  // argument can make thousands, and the answer must stay small.
  let described = 0;
  for (const issue of issues) {
    if (lines.size >= MAX_ISSUES_DESCRIBED) break;
    described++;
    const line = `- ${describeIssue(issue)}`;
    lines.add(line.length > MAX_ISSUE_CHARS ? `${line.slice(0, MAX_ISSUE_CHARS)}…` : line);
  }
  const more = issues.length - described;
  // A validator that stopped at its bound (validators.cjs) marks its list: there may be more than it holds.
  const atLeast = (issues as { truncated?: boolean }).truncated === true ? "at least " : "";
  const tail = more > 0 ? `\n(and ${atLeast}${more} more issue${more === 1 ? "" : "s"})` : "";
  return `Invalid arguments for tool '${toolName}':\n${[...lines].join("\n")}${tail}`;
}

/** Issues listed in one answer. */
export const MAX_ISSUES_DESCRIBED = 20;
/** Longest line describing one issue (an enum of many values, a long property name). */
const MAX_ISSUE_CHARS = 500;

function describeIssue(issue: ValidationIssue): string {
  const path = readablePath(issue.instancePath);
  const at = path === "" ? "arguments" : `'${path}'`;
  const params = issue.params;
  switch (issue.keyword) {
    case "required":
      return `'${joinPath(path, String(params.missingProperty))}': required, but missing`;
    case "additionalProperties":
      return `'${joinPath(path, String(params.additionalProperty))}': unknown property (not a parameter of this tool)`;
    case "enum":
      return `${at}: must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    case "const":
      return `${at}: must be ${JSON.stringify(params.allowedValue)}`;
    case "type":
      return `${at}: must be ${String(params.type).replace(",", " or ")}`;
    default:
      return `${at}: ${issue.message ?? issue.keyword}`;
  }
}

function readablePath(instancePath: string): string {
  if (instancePath === "") return "";
  let out = "";
  for (const raw of instancePath.slice(1).split("/")) {
    // JSON Pointer escapes are rare: skip the two regex passes when absent.
    const segment = raw.includes("~") ? raw.replace(/~1/g, "/").replace(/~0/g, "~") : raw;
    out += isIndex(segment) ? `[${segment}]` : out === "" ? segment : `.${segment}`;
  }
  return out;
}

/** All digits (an array index); what /^\d+$/ tests, without a regex per segment. */
function isIndex(segment: string): boolean {
  if (segment === "") return false;
  for (let i = 0; i < segment.length; i++) {
    const c = segment.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function joinPath(path: string, property: string): string {
  return path === "" ? property : `${path}.${property}`;
}
