// One runner for the compiler's fixture folders (Svelte style):
//   fixtures/schemas/<case>/input.ts      + expected.json  the tools' schemas as mcpc emits them
//   fixtures/diagnostics/<case>/input.ts  + expected.txt   the exact diagnostics mcpc reports
// A diagnostics case may hold an `args.json` ({ "entries": [...], "outDir"?: "..." }) to compile something
// else than input.ts; with an outDir the case runs a full build into it (for errors about the output).
// Run with UPDATE=1 to rewrite the expected files from what mcpc produces now (then review the diff).
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze, build } from "../compiler/index.js";
import { formatDiagnostic } from "../compiler/diagnostics/format.js";
import { FIXTURES } from "./helpers/paths.js";
import { schemasOf } from "./helpers/schema-fixtures.js";

const UPDATE = process.env.UPDATE === "1" || process.env.UPDATE === "true";

function cases(folder: string): string[] {
  const dir = join(FIXTURES, folder);
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

function compare(file: string, actual: string): void {
  if (UPDATE || !existsSync(file)) {
    writeFileSync(file, actual);
    if (!UPDATE) throw new Error(`${file} did not exist; it was written now: review it and run again`);
    return;
  }
  expect(actual).toBe(readFileSync(file, "utf8"));
}

describe("schema fixtures", () => {
  for (const name of cases("schemas")) {
    it(name, () => {
      const dir = join(FIXTURES, "schemas", name);
      const result = analyze({ entries: [join(dir, "input.ts")], cwd: dir });
      const lines = result.diagnostics.map((d) => formatDiagnostic(d, { cwd: dir, pretty: false, colors: false }));
      expect(lines).toEqual([]);
      compare(join(dir, "expected.json"), `${JSON.stringify(schemasOf(result.tools), null, 2)}\n`);
    });
  }
});

describe("diagnostic fixtures", () => {
  for (const name of cases("diagnostics")) {
    it(name, async () => {
      const dir = join(FIXTURES, "diagnostics", name);
      const argsFile = join(dir, "args.json");
      const args = existsSync(argsFile) ? (JSON.parse(readFileSync(argsFile, "utf8")) as { entries: string[]; outDir?: string }) : { entries: ["input.ts"] };
      // The compiler never throws: whatever the input, the answer is diagnostics.
      const result = args.outDir === undefined ? analyze({ entries: args.entries, cwd: dir }) : await build({ entries: args.entries, cwd: dir, outDir: args.outDir });
      // Paths inside messages are made relative too, so the expected text holds on any machine.
      const text = result.diagnostics
        .map((d) => formatDiagnostic(d, { cwd: dir, pretty: false, colors: false }))
        .join("\n")
        .split(`${dir}/`)
        .join("");
      expect(result.diagnostics.length).toBeGreaterThan(0);
      expect(text).not.toMatch(/MCPC9\d{3}/);
      compare(join(dir, "expected.txt"), `${text}\n`);
    });
  }
});
