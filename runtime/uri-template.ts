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

/** The variables' raw (decoded) values when the URI matches the template. */
export function matchUriTemplate(parsed: { variables: TemplateVariable[]; pattern: RegExp }, uri: string): Record<string, string> | undefined {
  const match = parsed.pattern.exec(uri);
  if (match === null) return undefined;
  const out: Record<string, string> = {};
  parsed.variables.forEach((v, i) => {
    const raw = match[i + 1]!;
    try {
      out[v.name] = v.reserved ? decodeURI(raw) : decodeURIComponent(raw);
    } catch {
      out[v.name] = raw;
    }
  });
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
