// Which of the scopes an operation requires (`@scope` in the source) a
// verified caller lacks. Kept apart from the authenticator so the protocol
// handlers can ask without loading any of the verifiers.
import type { AuthInfo } from "./types.js";

/** The required scopes the caller's token does not grant; empty when it grants them all (or nothing is required). */
export function missingScopes(auth: AuthInfo, required: readonly string[] | undefined): string[] {
  if (required === undefined || required.length === 0) return [];
  return required.filter((scope) => !auth.scopes.includes(scope));
}

/** `This tool requires the scope notes:write`: what a refusal says, naming every missing scope. */
export function insufficientScopeMessage(what: string, missing: readonly string[]): string {
  return `${what} requires the scope${missing.length > 1 ? "s" : ""} ${missing.join(" ")}, which the access token does not grant`;
}

/** Every scope the definition's functions require, each once, in the order first required (RFC 9728 scopes_supported). */
export function unionOfScopes(lists: Iterable<readonly string[] | undefined>): string[] {
  const union = new Set<string>();
  for (const list of lists) for (const scope of list ?? []) union.add(scope);
  return [...union];
}
