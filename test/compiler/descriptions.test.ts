// Descriptions reach the model exactly as the JSDoc wrote them.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze } from "../../compiler/index.js";
import { OUT } from "../helpers/paths.js";

function toolsOf(source: string) {
  const dir = join(OUT, "scratch", "descriptions");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "tools.ts"), source);
  const result = analyze({ entries: ["tools.ts"], cwd: dir });
  expect(result.diagnostics).toEqual([]);
  return result.tools;
}

describe("descriptions", () => {
  it("keeps line breaks and relative indentation, and writes *\\/ back as */", () => {
    const [tool] = toolsOf(`/**
 * Search files by glob.
 *
 * Examples:
 *   - \`src/**\\/*.ts\` matches TypeScript sources
 *     (nested indentation kept)
 *
 * @param pattern - A glob such as \`**\\/*.md\`.
 */
export function search(pattern: string): string { return pattern; }
`);
    expect(tool!.description).toBe("Search files by glob.\n\nExamples:\n  - `src/**/*.ts` matches TypeScript sources\n    (nested indentation kept)");
    expect(tool!.inputSchema.properties).toEqual({ pattern: { description: "A glob such as `**/*.md`.", type: "string" } });
  });

  it("takes the name from @name and the description from an arrow function's comment", () => {
    const [tool] = toolsOf(`/**
 * Adds two numbers.
 * @name math.add
 */
export const add = (a: number, b: number): number => a + b;
`);
    expect(tool!.name).toBe("math.add");
    expect(tool!.exportName).toBe("add");
    expect(tool!.description).toBe("Adds two numbers.");
  });

  it("reads a literal default and an inline parameter comment", () => {
    const [tool] = toolsOf(`/** Lists items. */
export function list(/** How many to return. @minimum 1 */ limit = 10, order: "asc" | "desc" = "asc"): string[] { return []; }
`);
    expect(tool!.inputSchema).toEqual({
      type: "object",
      properties: {
        limit: { description: "How many to return.", type: "number", minimum: 1, default: 10 },
        order: { type: "string", enum: ["asc", "desc"], default: "asc" },
      },
      additionalProperties: false,
    });
  });
});
