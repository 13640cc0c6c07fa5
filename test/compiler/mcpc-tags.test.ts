// The tags mcpc reads: docs/features.md's table is made from the one registry
// (UPDATE=1 rewrites it), and the misspelt-tag warning's choices.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MCPC_TAGS, PLACEMENT_TEXT, type McpcTag } from "../../compiler/typescript/mcpc-tags.js";
import { misspeltTag } from "../../compiler/typescript/misspelt-tags.js";

const FEATURES = join(import.meta.dirname, "..", "..", "docs", "features.md");
const BEGIN = "<!-- BEGIN tags: generated from compiler/typescript/mcpc-tags.ts by test/compiler/mcpc-tags.test.ts (UPDATE=1) -->";
const END = "<!-- END tags -->";

function table(): string {
  const rows = (Object.keys(MCPC_TAGS) as McpcTag[]).map((name) => {
    const { form, where, produces } = MCPC_TAGS[name];
    return `| \`${form.replaceAll("|", "\\|")}\` | ${PLACEMENT_TEXT[where]} | ${produces.replaceAll("|", "\\|")} |`;
  });
  return ["| Tag | Written on | What it produces |", "| --- | --- | --- |", ...rows].join("\n");
}

describe("the tags mcpc reads", () => {
  it("are the table of docs/features.md", () => {
    const text = readFileSync(FEATURES, "utf8");
    const begin = text.indexOf(BEGIN);
    const end = text.indexOf(END, begin);
    expect(begin, "docs/features.md has the generated tags block").toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(begin);
    const updated = `${text.slice(0, begin)}${BEGIN}\n${table()}\n${text.slice(end)}`;
    if (process.env.UPDATE === "1") writeFileSync(FEATURES, updated);
    else expect(text, "the tags table is out of date: run UPDATE=1 npx vitest run test/compiler/mcpc-tags.test.ts").toBe(updated);
  });

  it.each([
    ["maxium", "schema", "maximum"],
    ["defualt", "schema", "default"],
    ["patern", "schema", "pattern"],
    ["Default", "schema", "default"],
    ["readonly", "function", "readOnly"],
    ["idempotant", "function", "idempotent"],
    ["mimetype", "function", "mimeType"],
    ["maxium", "function", "maximum"],
  ] as const)("takes @%s at a %s for @%s", (written, placement, meant) => {
    expect(misspeltTag(written, placement)).toBe(meant);
  });

  it.each([
    ["example", "function"],
    ["example", "schema"],
    ["exampel", "schema"],
    ["returns", "function"],
    ["see", "function"],
    ["deprecated", "function"],
    ["throws", "function"],
    ["remarks", "function"],
    ["since", "function"],
    ["link", "schema"],
    ["readonly", "schema"],
    ["timeout", "schema"],
    ["customTag", "function"],
    ["maximum", "schema"],
  ] as const)("leaves @%s at a %s alone", (written, placement) => {
    expect(misspeltTag(written, placement)).toBeUndefined();
  });
});
