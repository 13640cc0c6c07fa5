// What mcpc reports at compile time for resources, prompts, completions and
// typed elicitation: codes, and lines pointing at the tag or call at fault.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { analyze, type Diagnostic } from "../compiler/index.js";
import { FIXTURES, ROOT } from "./helpers/paths.js";

const ENTRY = join(FIXTURES, "features-errors", "tools.ts");
const source = readFileSync(ENTRY, "utf8").split("\n");
let diagnostics: Diagnostic[];

/** The 1-based line holding the text (which must be unique in the fixture). */
function lineOf(text: string): number {
  const lines = source.flatMap((line, i) => (line.includes(text) ? [i + 1] : []));
  expect(lines, text).toHaveLength(1);
  return lines[0]!;
}

beforeAll(() => {
  diagnostics = analyze({ entries: [ENTRY], cwd: ROOT }).diagnostics;
});

describe("compile-time checks of resources, prompts and forms", () => {
  it.each([
    ["MCPC1204", "@resource users://{userId}/profile", "has the variable 'userId'"],
    ["MCPC1205", "@resource docs://{name}", "Parameter 'version'"],
    ["MCPC1203", "@resource search://items{?q}", "operator '?'"],
    ["MCPC1203", "@resource settings.json", "no scheme"],
    ["MCPC1008", "@icon note.png", "@icon has an invalid value"],
    ["MCPC1206", "shape: { sides: number }", "Parameter 'shape' of resource 'shape'"],
    ["MCPC1207", "nothing(): void", "Resource 'nothing' returns 'void'"],
    ["MCPC1206", "countdown(from: number)", "Parameter 'from' of prompt 'countdown'"],
    ["MCPC1208", "answer(): number", "Prompt 'answer' returns 'number'"],
    ["MCPC1201", "both://x", "both @resource and @prompt"],
    ["MCPC1211", "@complete country suggestCountries", "'country'"],
    ["MCPC1205", "export function profile(id: string)", "Parameter 'id'"],
    ["MCPC1210", "@complete city suggestCities", "'suggestCities'"],
    ["MCPC1212", 'ctx.elicit("Who are you?")', "needs a type argument"],
    ["MCPC1213", "address: { street: string }", "property 'address'"],
  ])("%s at %s", (code, at, message) => {
    const found = diagnostics.filter((d) => d.code === code && d.message.includes(message));
    expect(found, JSON.stringify(diagnostics.map((d) => [d.code, d.line, d.message]), null, 1)).toHaveLength(1);
    expect(found[0]!.file).toBe(ENTRY);
    // A tag's span starts on the line of its '@'; `both` is reported at its @prompt tag, just below.
    // `profile`'s stray parameter is reported at its @resource tag, two lines up.
    const expected = code === "MCPC1201" ? lineOf(at) + 1 : at.startsWith("export function profile") ? lineOf(at) - 2 : lineOf(at);
    expect(found[0]!.line).toBe(expected);
    expect(found[0]!.hint).toBeTruthy();
  });

  it("reports nothing else", () => {
    expect(diagnostics.map((d) => d.code).sort()).toEqual(
      ["MCPC1008", "MCPC1201", "MCPC1203", "MCPC1203", "MCPC1204", "MCPC1205", "MCPC1205", "MCPC1206", "MCPC1206", "MCPC1207", "MCPC1208", "MCPC1210", "MCPC1210", "MCPC1211", "MCPC1212", "MCPC1213"].sort(),
    );
  });
});
