// A file kept in parts (validators.cjs) goes to disk without being joined:
// its bytes must be exactly its text's, a rebuild must reuse the bytes of the
// parts it shares with the last build, and `build --check` must still see a
// change inside one part.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { OutputFiles, sameContent, TextParts } from "../../compiler/3-emit/output-files.js";
import { differingFiles, updateOutput, writeOutput } from "../../compiler/3-emit/write-output.js";

const PARTS = ["// héader\n", "const v0 = ", "() => \"ünïcode ✓\"", ";\n", "const v1 = ", "() => 1", ";\n", "exports.a = v0;\n"];

describe("TextParts", () => {
  it("encodes every part as UTF-8, together making the text's bytes", () => {
    const file = new TextParts(PARTS);
    const bytes = file.bytes();
    expect(bytes.map((b) => b.toString("utf8"))).toEqual(PARTS);
    expect(Buffer.concat(bytes).equals(Buffer.from(PARTS.join("")))).toBe(true);
    expect(file.text()).toBe(PARTS.join(""));
  });

  it("takes the bytes of parts the earlier build had, in place or moved, and encodes only new ones", () => {
    const earlier = new TextParts(PARTS);
    const earlierBytes = earlier.bytes();
    // A validator added in front shifts every part after it.
    const next = new TextParts([PARTS[0]!, "const v9 = ", "() => 9", ";\n", ...PARTS.slice(1)]);
    const bytes = next.bytes(earlier);
    expect(bytes[0]).toBe(earlierBytes[0]);
    expect(bytes[2]!.toString()).toBe("() => 9");
    expect(bytes[5]).toBe(earlierBytes[2]);
    expect(Buffer.concat(bytes).toString()).toBe(next.text());
  });

  it("compares part by part", () => {
    expect(sameContent(new TextParts(PARTS), new TextParts([...PARTS]))).toBe(true);
    expect(sameContent(new TextParts(PARTS), new TextParts(PARTS.map((p, i) => (i === 5 ? "() => 2" : p))))).toBe(false);
    expect(sameContent(new TextParts(PARTS), new TextParts([...PARTS, ""]))).toBe(false);
    expect(sameContent(PARTS.join(""), new TextParts(PARTS))).toBe(true);
    expect(sameContent(undefined, "x")).toBe(false);
  });
});

describe("writing files kept in parts", () => {
  it("writes, updates and checks them byte for byte", () => {
    const out = join(mkdtempSync(join(tmpdir(), "mcpc-parts-")), "out");
    const first = new OutputFiles([["validators.cjs", new TextParts(PARTS)], ["server.js", "export {};\n"]]);
    writeOutput(out, first);
    expect(readFileSync(join(out, "validators.cjs"), "utf8")).toBe(PARTS.join(""));
    expect(differingFiles(out, first)).toEqual([]);

    const changed = PARTS.map((p, i) => (i === 5 ? "() => 2" : p));
    const second = new OutputFiles([["validators.cjs", new TextParts(changed)], ["server.js", "export {};\n"]]);
    // Same length, one byte apart: found by comparing the parts' bytes with the file.
    expect(differingFiles(out, second)).toEqual(["validators.cjs"]);
    updateOutput(out, second, first);
    expect(readFileSync(join(out, "validators.cjs"), "utf8")).toBe(changed.join(""));
    expect(differingFiles(out, second)).toEqual([]);

    // A file edited on disk is found, and read back as text through the map's own interface.
    writeFileSync(join(out, "validators.cjs"), changed.join("").replace("v1", "w1"));
    expect(differingFiles(out, second)).toEqual(["validators.cjs"]);
    expect(second.get("validators.cjs")).toBe(changed.join(""));
    expect(new Map(second)).toEqual(new Map([["validators.cjs", changed.join("")], ["server.js", "export {};\n"]]));
  });
});
