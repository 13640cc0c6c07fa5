import { Messages } from "../diagnostics/catalog.js";
import type { DiagnosticBag } from "../diagnostics/diagnostic.js";
import type { DocTag } from "../typescript/jsdoc.js";
import { isTag } from "../typescript/mcpc-tags.js";

/** RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ), printable ASCII but space, `"` and `\`. */
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]+$/;

/**
 * The OAuth scopes a tool, resource or prompt requires, from its `@scope`
 * tags (each may list several, space-separated; all are required). Undefined
 * without the tag. A malformed scope is reported where it is written: an
 * authorization server would refuse to issue it, so the function could never
 * be called.
 */
export function readScopes(tags: readonly DocTag[], bag: DiagnosticBag): string[] | undefined {
  const scopes: string[] = [];
  let tagged = false;
  for (const tag of tags) {
    if (!isTag(tag, "scope")) continue;
    tagged = true;
    const tokens = tag.text.split(/[ \t\r\n]+/).filter((token) => token !== "");
    if (tokens.length === 0) bag.report(Messages.InvalidScope, { scope: "" }, tag.node);
    for (const token of tokens) {
      if (!SCOPE_TOKEN.test(token)) bag.report(Messages.InvalidScope, { scope: token }, tag.node);
      else if (!scopes.includes(token)) scopes.push(token);
    }
  }
  return tagged && scopes.length > 0 ? scopes : undefined;
}
