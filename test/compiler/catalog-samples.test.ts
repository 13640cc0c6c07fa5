// Every diagnostic in the catalog has a sample folder that produces it: a message nobody has seen
// printed is a message nobody has checked. test/compiler/fixtures.test.ts proves each expected.txt is what mcpc
// prints for its folder, so a code found in one is a code some sample produces.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Messages } from "../../compiler/index.js";
import { sampleCases, sampleDir, suites } from "../helpers/samples.js";

/** Codes no source can produce, each with the reason. Keep this list short and the reasons true. */
const WITHOUT_SAMPLE: Record<string, string> = {
  MCPC9001: "an internal error is a bug in mcpc: a sample that produced it would be a bug left unfixed",
};

/** Code -> the case folders whose expected.txt shows it. */
function producedCodes(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const suite of suites()) {
    for (const name of sampleCases(suite)) {
      const file = join(sampleDir(suite, name), "expected.txt");
      if (!existsSync(file)) continue;
      for (const code of new Set(readFileSync(file, "utf8").match(/\bMCPC\d{4}\b/g) ?? [])) {
        found.set(code, [...(found.get(code) ?? []), `${suite}/${name}`]);
      }
    }
  }
  return found;
}

describe("the diagnostics catalog", () => {
  const produced = producedCodes();
  const catalog = Object.entries(Messages).map(([name, message]) => ({ name, code: `MCPC${message.code}` }));

  it.each(catalog.filter((entry) => WITHOUT_SAMPLE[entry.code] === undefined).map((e) => [e.code, e.name]))("%s (%s) has a sample folder that produces it", (code) => {
    expect(produced.get(code), `no fixtures/<suite>/<case>/expected.txt shows ${code}: add a case that produces it`).toBeDefined();
  });

  it("lists as sample-less only catalog codes that indeed have no sample", () => {
    for (const code of Object.keys(WITHOUT_SAMPLE)) {
      expect(catalog.map((e) => e.code)).toContain(code);
      expect(produced.get(code), `${code} has a sample now: take it off the list`).toBeUndefined();
    }
  });

  it("is the only source of the codes samples show", () => {
    const known = new Set(catalog.map((e) => e.code));
    expect([...produced.keys()].filter((code) => !known.has(code))).toEqual([]);
  });
});
