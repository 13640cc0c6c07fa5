// The part of RFC 6570 resource templates use: `{var}` (simple string
// expansion: one path segment) and `{+var}` (reserved expansion: may span
// '/'). Shared by the compiler (to check a template's variables against the
// function's parameters) and the runtime (to match a URI to a template).

export interface TemplateVariable {
  name: string;
  /** `+`: reserved expansion, matches across '/'. */
  reserved: boolean;
}

export type ParsedTemplate =
  | { ok: true; variables: TemplateVariable[]; pattern: RegExp }
  | { ok: false; problem: string };

const EXPRESSION = /\{([^{}]*)\}/g;
const VARNAME = /^[A-Za-z0-9_]+$/;

export function parseUriTemplate(template: string): ParsedTemplate {
  const variables: TemplateVariable[] = [];
  let source = "^";
  let last = 0;
  for (const match of template.matchAll(EXPRESSION)) {
    const literal = template.slice(last, match.index);
    if (/[{}]/.test(literal)) return { ok: false, problem: "unbalanced braces" };
    source += escapeRegExp(literal);
    last = match.index + match[0].length;
    let body = match[1]!;
    const reserved = body.startsWith("+");
    if (reserved) body = body.slice(1);
    if (/^[#./;?&=,!@|]/.test(body)) return { ok: false, problem: `the operator '${body[0]}' in '${match[0]}' is not supported (only {var} and {+var} are)` };
    if (body.includes(",")) return { ok: false, problem: `'${match[0]}' lists several variables; write one per expression` };
    if (body.includes(":") || body.endsWith("*")) return { ok: false, problem: `modifiers such as in '${match[0]}' are not supported` };
    if (!VARNAME.test(body)) return { ok: false, problem: `'${body}' is not a valid variable name` };
    if (variables.some((v) => v.name === body)) return { ok: false, problem: `the variable '${body}' appears twice` };
    variables.push({ name: body, reserved });
    source += reserved ? "(.+?)" : "([^/?#]+)";
  }
  const tail = template.slice(last);
  if (/[{}]/.test(tail)) return { ok: false, problem: "unbalanced braces" };
  source += `${escapeRegExp(tail)}$`;
  return { ok: true, variables, pattern: new RegExp(source) };
}

/**
 * The variables' decoded values when the URI matches the template, or
 * undefined when it does not. A value is checked after decoding, because the
 * function sees the decoded text: a `{var}` is one path segment, so a `/` or
 * `\` that arrives percent-encoded (`%2F`, `%5C`) does not match it, nor does a
 * whole value of `.` or `..` (`%2e%2e`), which would climb a level in any path
 * built from it. A `{+var}` may span `/` (RFC 6570 reserved expansion, the
 * documented opt-in) but still holds no dot-segment and no `\`. No value holds
 * NUL (`%00`), which ends a string in C and so in most file and database APIs.
 * Malformed percent-encoding does not match either: it is not a URI. A URI
 * refused here is not a resource this server has, so `resources/read`
 * answers it as any other unknown URI (-32002, resource not found).
 */
export function matchUriTemplate(parsed: { variables: TemplateVariable[]; pattern: RegExp }, uri: string): Record<string, string> | undefined {
  const match = parsed.pattern.exec(uri);
  if (match === null) return undefined;
  const out: Record<string, string> = {};
  for (const [i, variable] of parsed.variables.entries()) {
    const value = decodeVariable(match[i + 1]!, variable.reserved);
    if (value === undefined) return undefined;
    out[variable.name] = value;
  }
  return out;
}

const DOT_SEGMENT = /^\.\.?$/;

function decodeVariable(raw: string, reserved: boolean): string | undefined {
  let value: string;
  try {
    // decodeURI leaves escapes of reserved characters (%2F, %3F, ...) as they are.
    value = reserved ? decodeURI(raw) : decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  if (value.includes("\0") || value.includes("\\")) return undefined;
  if (!reserved) return value.includes("/") || DOT_SEGMENT.test(value) ? undefined : value;
  // The segments as decoded (%2e%2e is a dot-segment) and as a path API would split them (%2F is a separator there).
  const segments = [...value.split("/"), ...decodeURIComponentOrRaw(value).split("/")];
  return segments.some((segment) => DOT_SEGMENT.test(segment)) ? undefined : value;
}

function decodeURIComponentOrRaw(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
