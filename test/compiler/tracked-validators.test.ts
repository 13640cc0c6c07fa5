// A watch session's compiled validators stay bounded: kept for the build
// that used them and the next, so an edit undone recompiles nothing, and
// dropped after, so a long session does not keep every schema it saw.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TrackedValidatorCache } from "../../compiler/3-emit/tracked-validators.js";
import { build, newBuildSession } from "../../compiler/index.js";
import { tempProject } from "../helpers/cli.js";

describe("TrackedValidatorCache", () => {
  it("keeps what the last two builds used and drops the rest", () => {
    const cache = new TrackedValidatorCache([["stored", "S"]]);
    // What the cache is made with (a store's entries) is neither used nor added until a build asks for it.
    expect(cache.usedByThisBuild()).toEqual([]);
    cache.set("a", "A");
    cache.set("b", "B");
    expect(cache.usedByThisBuild()).toEqual(["a", "b"]);
    expect(cache.added).toBe(2);
    cache.endBuild();
    expect(cache.get("a")).toBe("A");
    cache.set("c", "C");
    expect(cache.usedByThisBuild()).toEqual(["a", "c"]);
    cache.endBuild();
    // "b" was used by the build before this one: kept.
    expect([...cache.keys()].sort()).toEqual(["a", "b", "c"]);
    cache.endBuild();
    // Neither this build nor the one before used "b".
    expect([...cache.keys()].sort()).toEqual(["a", "c"]);
    cache.endBuild();
    expect(cache.size).toBe(0);
  });

  it("holds a session of many schema edits to two builds' validators", async () => {
    const source = (n: number) => `/** Finds. */\nexport function find(query: string, limit: number): string[] {\n  return [query];\n}\n/** Counts up to n. @param n - at most ${n} */\nexport function upTo(/** @maximum ${n} */ n: number): number {\n  return n;\n}\n`;
    const dir = tempProject("tracked-validators", { "tools.ts": source(0) });
    const session = newBuildSession();
    const options = { entries: ["tools.ts"], cwd: dir, outDir: join(dir, "out") };
    await build(options, false, session);
    const afterFirst = session.validators.size;
    for (let n = 1; n <= 8; n++) {
      writeFileSync(join(dir, "tools.ts"), source(n));
      const result = await build(options, false, session);
      expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    }
    // `find`'s validator and the last two `upTo` ones; not all nine.
    expect(session.validators.size).toBe(afterFirst + 1);
    // Undoing the last edit finds its validator kept.
    const kept = new Set(session.validators.values());
    writeFileSync(join(dir, "tools.ts"), source(7));
    await build(options, false, session);
    expect([...session.validators.values()].every((code) => kept.has(code))).toBe(true);
  });
});
