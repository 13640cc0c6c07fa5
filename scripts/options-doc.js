#!/usr/bin/env node
// Writes the server-options tables of README.md (general options) and
// docs/http.md (all options) from the runtime's one options table
// (runtime/server-options.ts, read from its build in dist/: run `npm run build`
// first). `--check` writes nothing and exits 1 when a table is out of date;
// `--root DIR` works on the docs under DIR instead of this repository's.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const { SERVER_OPTIONS, defaultShown } = await import(pathToFileURL(join(repo, "dist", "runtime", "server-options.js")).href);

const args = process.argv.slice(2);
const check = args.includes("--check");
const rootAt = args.indexOf("--root");
const root = rootAt >= 0 ? args[rootAt + 1] : repo;

/** The documents and which options each one's generated block lists. */
const DOCUMENTS = [
  { path: "README.md", groups: ["general"] },
  { path: join("docs", "http.md"), groups: ["general", "http"] },
];

const BEGIN = "<!-- BEGIN server options: generated from runtime/server-options.ts by scripts/options-doc.js -->";
const END = "<!-- END server options -->";

const cell = (text) => text.replaceAll("|", "\\|");

function table(groups) {
  const rows = SERVER_OPTIONS.filter((o) => groups.includes(o.group)).map((o) => {
    const option = o.flag === undefined ? "" : `\`${o.placeholder === undefined ? o.flag : `${o.flag} ${o.placeholder}`}\``;
    const env = o.env === undefined ? "" : `\`${o.type === "switch" ? `${o.env}=1` : o.env}\``;
    const shown = defaultShown(o, "docs") ?? (o.type === "switch" && o.switchValue !== false ? "off" : "");
    return `| ${option} | ${env} | ${cell(shown)} | ${cell(o.help)} |`;
  });
  return ["| Option | Environment | Default | Meaning |", "| --- | --- | --- | --- |", ...rows].join("\n");
}

let stale = 0;
for (const document of DOCUMENTS) {
  const file = join(root, document.path);
  const text = readFileSync(file, "utf8");
  const begin = text.indexOf(BEGIN);
  const end = text.indexOf(END, begin);
  if (begin < 0 || end < 0) {
    process.stderr.write(`${document.path}: no generated options block (${BEGIN} … ${END})\n`);
    stale++;
    continue;
  }
  const updated = `${text.slice(0, begin)}${BEGIN}\n${table(document.groups)}\n${text.slice(end)}`;
  if (updated === text) continue;
  if (check) {
    process.stderr.write(`${document.path}: the options table is out of date; run: npm run build && node scripts/options-doc.js\n`);
    stale++;
  } else {
    writeFileSync(file, updated);
    process.stdout.write(`wrote ${document.path}\n`);
  }
}
process.exitCode = stale > 0 ? 1 : 0;
