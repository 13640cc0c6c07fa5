import type { MessageDefinition } from "../diagnostics/catalog.js";

/** Where a refusal is reported and the type written there; the catalog entry adds the rest. */
export interface RefusalPlace {
  where: string;
  tool: string;
  written: string;
}

/**
 * Thrown inside the walk when a type cannot be represented. It carries the
 * catalog entry (so each kind of refusal has its own code and hint) and is
 * reported once, at the site being built.
 */
export class Unrepresentable extends Error {
  constructor(
    readonly message_: MessageDefinition<any>,
    readonly written: string,
    /** Extra parameters of the message besides where/tool/written. */
    readonly extra: Record<string, string> = {},
  ) {
    super(`${written} is unrepresentable`);
  }
}

/**
 * Thrown after a refusal inside a type the user did not write (a library's
 * type) was reported at the user's own site: the rest of that type is not
 * walked, so one `typeof globalThis` gives one error, not a thousand.
 */
export class AlreadyReported extends Error {
  constructor() {
    super("already reported");
  }
}

/** Declarations in the default library or in installed packages: not where the user can act. */
export function isLibraryDeclaration(node: { getSourceFile(): { fileName: string } }): boolean {
  const file = node.getSourceFile().fileName;
  return /[\\/]node_modules[\\/]/.test(file) || /[\\/]lib\.[^\\/]*\.d\.ts$/.test(file);
}
