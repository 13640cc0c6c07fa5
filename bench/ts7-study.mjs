// A measured look at TypeScript 7 (the native port) for mcpc's schema
// builder: can its `typescript/unstable/sync` checker API answer what the
// builder asks TypeScript 6's checker, and how fast?
//
//   node bench/ts7-study.mjs                 prints the report (markdown)
//   node bench/ts7-study.mjs --write         also writes it into BENCHMARKS.md
//   options: --rounds N (timed runs of each, in turns; 3) --size N (tools; 200)
//
// TypeScript 7 is installed for this study only, into bench/.build/ts7
// (gitignored), never as a project dependency. What it does:
// (a) lists the questions compiler/2-analyze, compiler/schema and compiler/typescript ask the
//     checker (found by reading their source, so the list follows the code)
//     with what the TS7 API offers for each; then walks every exported
//     function of fixtures/schemas/*/input.ts with both versions (parameter
//     types, properties with optionality and JSDoc, union members, literal
//     values, arrays, tuples, index signatures, return types) and compares
//     the two descriptions;
// (b) times that walk on the benchmark's generated 200-tool source, each
//     version in a fresh process, in turns.
// Each walk runs in a child process (`--backend ts6|ts7`), so neither
// version's start-up or JIT warms the other's.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = join(BENCH, "..");
const TS7_PREFIX = join(BENCH, ".build", "ts7");
const TS7_PACKAGE = join(TS7_PREFIX, "node_modules", "typescript");

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);


// --- the study -----------------------------------------------------------

/** Installs TypeScript 7 under bench/.build/ts7 unless there; returns its version. */
export function ensureTs7(log = () => {}) {
  const manifest = join(TS7_PACKAGE, "package.json");
  const installed = existsSync(manifest) ? JSON.parse(readFileSync(manifest, "utf8")).version : undefined;
  if (installed === undefined || !installed.startsWith("7.")) {
    log("npm install typescript@7 into bench/.build/ts7 (for the study only)");
    execFileSync("npm", ["install", "--prefix", TS7_PREFIX, "--no-audit", "--no-fund", "--no-save", "typescript@7"], { stdio: ["ignore", 2, 2] });
  }
  return JSON.parse(readFileSync(manifest, "utf8")).version;
}

export async function runStudy({ rounds = 3, size = 200, log = () => {} } = {}) {
  const ts7Version = ensureTs7(log);
  const ts6Version = createRequire(join(ROOT, "package.json"))("typescript/package.json").version;
  const questions = questionsAsked();

  // (a) the fixtures corpus, described by both.
  const fixturesProject = join(ROOT, "fixtures", "tsconfig.json");
  const schemaDir = join(ROOT, "fixtures", "schemas");
  const corpus = readdirSync(schemaDir).filter((d) => existsSync(join(schemaDir, d, "input.ts"))).map((d) => join(schemaDir, d, "input.ts"));
  log(`TS7 study (a): ${corpus.length} fixture files, TypeScript ${ts6Version} against ${ts7Version}`);
  const six = child("ts6", fixturesProject, corpus, true);
  const seven = child("ts7", fixturesProject, corpus, true);
  const comparison = compare(six.functions, seven.functions);
  const batchedSame = compare(six.functions, child("ts7b", fixturesProject, corpus, true).functions).filter((r) => r.same).length;

  // (b) the generated source, timed in turns.
  const { prepareSources } = await import("./compiler.mjs");
  const dir = prepareSources(size);
  // ts7b: the same questions, with the types of a signature's parameters and of an
  // object's properties asked in one request each (the API's array form).
  const backends = ["ts6", "ts7", "ts7b"];
  const samples = { ts6: [], ts7: [], ts7b: [] };
  for (let round = 0; round < rounds; round++) {
    for (const backend of backends.map((_, i) => backends[(i + round) % backends.length])) {
      const r = child(backend, join(dir, "tsconfig.json"), [join(dir, "tools.ts")], false);
      samples[backend].push(r);
      log(`TS7 study (b) round ${round + 1}/${rounds} ${backend}: load ${r.loadMs.toFixed(0)} ms, program ${r.setupMs.toFixed(0)} ms, walk ${r.walkMs.toFixed(0)} ms, diagnostics ${r.diagnosticsMs.toFixed(0)} ms, ${r.functions.length} functions`);
    }
  }
  const timing = Object.fromEntries(Object.entries(samples).map(([k, list]) => [k, medians(list)]));
  const markdown = render({ ts6Version, ts7Version, questions, comparison, batchedSame, six, seven, timing, rounds, size, corpusSize: corpus.length });
  return { markdown, comparison, timing, questions };
}

function child(backend, project, files, describe) {
  const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--backend", backend, "--project", project, "--files", files.join(","), ...(describe ? ["--describe"] : [])], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 256 * 2 ** 20,
  });
  if (run.status !== 0) throw new Error(`ts7-study: the ${backend} walk failed:\n${run.stderr}`);
  return JSON.parse(run.stdout);
}

function medians(list) {
  const median = (values) => {
    const v = [...values].sort((a, b) => a - b);
    return v.length % 2 ? v[v.length >> 1] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  };
  const out = {};
  for (const key of ["loadMs", "setupMs", "walkMs", "diagnosticsMs", "totalMs", "cpuSelfS", "cpuChildS"]) out[key] = median(list.map((r) => r[key]));
  out.checkerCalls = list[0].checkerCalls;
  out.functions = list[0].functions.length;
  return out;
}

// --- (a) the questions the schema builder asks -----------------------------

/**
 * Every checker method, and every member of a type, symbol or signature, that
 * compiler/2-analyze, compiler/schema and compiler/typescript use, read from their source; with
 * what TypeScript 7's unstable/sync API has for it (null: nothing).
 */
const TS7_ANSWERS = {
  "checker.getTypeAtLocation": "checker.getTypeAtLocation",
  "checker.getSymbolAtLocation": "checker.getSymbolAtLocation",
  "checker.getExportsOfModule": "checker.getExportsOfModule",
  "checker.getAliasedSymbol": "checker.getAliasedSymbol",
  "checker.getSignatureFromDeclaration": "checker.getSignatureFromDeclaration",
  "checker.getTypeFromTypeNode": "checker.getTypeFromTypeNode",
  "checker.getTypeOfSymbolAtLocation": "checker.getTypeOfSymbolAtLocation",
  "checker.getTypeOfSymbol": "checker.getTypeOfSymbol",
  "checker.getPropertiesOfType": "checker.getPropertiesOfType",
  "checker.getPropertyOfType": "checker.getPropertyOfType",
  "checker.getIndexInfosOfType": "checker.getIndexInfosOfType",
  "checker.getTypeArguments": "checker.getTypeArguments",
  "checker.isArrayType": "checker.isArrayType",
  "checker.isTupleType": "checker.isTupleType",
  "checker.typeToString": "checker.typeToString",
  "checker.getAwaitedType": null,
  "checker.getApparentType": "checker.getApparentType",
  "checker.getBaseTypes": "checker.getBaseTypes",
  "checker.isTypeAssignableTo": "checker.isTypeAssignableTo",
  "checker.getSignaturesOfType": "checker.getSignaturesOfType",
  "checker.getReturnTypeOfSignature": "checker.getReturnTypeOfSignature",
  "checker.getNonNullableType": "checker.getNonNullableType",
  "checker.getBaseTypeOfLiteralType": "checker.getBaseTypeOfLiteralType",
  "signature.getReturnType()": "checker.getReturnTypeOfSignature(signature)",
  "signature.getParameters()": "signature.getParameters()",
  "type.getCallSignatures()": "checker.getSignaturesOfType(type, SignatureKind.Call)",
  "type.getConstructSignatures()": "checker.getSignaturesOfType(type, SignatureKind.Construct)",
  "type.isUnion()": "type.isUnionType()",
  "type.types": "type.getTypes()",
  "type.aliasSymbol": "type.getAliasSymbol()",
  "type.getSymbol()": "type.getSymbol()",
  "type.flags / symbol.flags": "type.flags / symbol.flags (TypeScript 7's own enum values: TypeFlags.StringLiteral is 1024, not 128)",
  "literal.value": "type.value",
  "type.intrinsicName": "type.intrinsicName",
  "templateLiteral.texts": "type.texts + type.getTypes()",
  "tuple.target.elementFlags": "type.elementFlags (on the tuple type itself)",
  "reference.typeArguments": "checker.getTypeArguments(type)",
  "symbol.getName()": "symbol.name",
  "symbol.declarations / valueDeclaration": "NodeHandle[], resolved into TypeScript 7's own AST (typescript/unstable/ast), not TypeScript 6 nodes",
  "symbol.members": "symbol.getMembers()",
  "node.getSourceFile()": "NodeHandle.path; the node's file in TypeScript 7's AST",
  "ts.getJSDocCommentsAndTags / getTextOfJSDocComment / getTrailingCommentRanges / getCombinedModifierFlags (syntax)":
    "no TypeScript 6 helpers over TypeScript 7 nodes; checker.getJsDocTagsOfSymbol / getDocumentationCommentOfSymbol give rendered text only (no tag positions for located diagnostics)",
};

const MEMBER_PATTERNS = [
  [/\.getReturnType\(\)/g, "signature.getReturnType()"],
  [/\.getParameters\(\)/g, "signature.getParameters()"],
  [/\.getCallSignatures\(\)/g, "type.getCallSignatures()"],
  [/\.getConstructSignatures\(\)/g, "type.getConstructSignatures()"],
  [/\.isUnion\(\)/g, "type.isUnion()"],
  [/\b(?:type|t|u|union|member|resolved|inner|element)\.types\b/g, "type.types"],
  [/\.aliasSymbol\b/g, "type.aliasSymbol"],
  [/\.getSymbol\(\)/g, "type.getSymbol()"],
  [/ts\.(?:TypeFlags|SymbolFlags)\./g, "type.flags / symbol.flags"],
  [/\bas ts\.(?:LiteralType|StringLiteralType|NumberLiteralType)\)\.value\b|\.value as (?:string|number)/g, "literal.value"],
  [/\.intrinsicName\b/g, "type.intrinsicName"],
  [/\.texts\b/g, "templateLiteral.texts"],
  [/\.elementFlags\b/g, "tuple.target.elementFlags"],
  [/\.typeArguments\b/g, "reference.typeArguments"],
  [/\.getName\(\)/g, "symbol.getName()"],
  [/\.(?:declarations|valueDeclaration)\b/g, "symbol.declarations / valueDeclaration"],
  [/\.members\b/g, "symbol.members"],
  [/\.getSourceFile\(\)/g, "node.getSourceFile()"],
  [/ts\.(?:getJSDocCommentsAndTags|getTextOfJSDocComment|getTrailingCommentRanges|getCombinedModifierFlags)\(/g, "ts.getJSDocCommentsAndTags / getTextOfJSDocComment / getTrailingCommentRanges / getCombinedModifierFlags (syntax)"],
];

export function questionsAsked() {
  const counts = new Map();
  const add = (key) => counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const folder of ["compiler/2-analyze", "compiler/schema", "compiler/typescript"]) {
    const base = join(ROOT, folder);
    if (!existsSync(base)) continue;
    for (const file of readdirSync(base, { recursive: true })) {
      if (!String(file).endsWith(".ts")) continue;
      const text = readFileSync(join(base, String(file)), "utf8");
      for (const m of text.matchAll(/\bchecker\.(\w+)\(/g)) add(`checker.${m[1]}`);
      for (const [pattern, key] of MEMBER_PATTERNS) for (const _ of text.matchAll(pattern)) add(key);
    }
  }
  return [...counts].map(([question, uses]) => ({ question, uses, ts7: question in TS7_ANSWERS ? TS7_ANSWERS[question] : undefined })).sort((a, b) => b.uses - a.uses);
}

// --- a walk with one version (runs in the child) ----------------------------

async function walkProject(backend, project, files, describe) {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const b = backend === "ts6" ? await ts6Backend() : await ts7Backend(describe, backend === "ts7b");
  const t1 = performance.now();
  b.open(project);
  const t2 = performance.now();
  const functions = [];
  for (const file of files) {
    for (const fn of b.exportedFunctions(file)) functions.push({ file: relative(ROOT, file), ...walkFunction(b, fn) });
  }
  const t3 = performance.now();
  const diagnostics = b.diagnostics(files);
  const t4 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  const cpuChildS = b.childCpuSeconds();
  const requests = b.requests();
  b.close();
  return {
    loadMs: t1 - t0,
    setupMs: t2 - t1,
    walkMs: t3 - t2,
    diagnosticsMs: t4 - t3,
    totalMs: t4 - t0,
    cpuSelfS: (cpu.user + cpu.system) / 1e6,
    cpuChildS,
    diagnostics,
    checkerCalls: b.calls,
    requests,
    functions: describe ? functions : functions.map((f) => ({ file: f.file, name: f.name })),
  };
}

/** Counts every checker method called, by name: the questions asked. */
function counted(checker, calls) {
  return new Proxy(checker, {
    get(target, key) {
      const value = target[key];
      if (typeof value !== "function") return value;
      return (...a) => {
        calls[key] = (calls[key] ?? 0) + 1;
        return value.apply(target, a);
      };
    },
  });
}

async function ts6Backend() {
  const ts = createRequire(join(ROOT, "package.json"))("typescript");
  const calls = {};
  let program;
  let checker;
  const doc = (symbol) => ({
    text: ts.displayPartsToString(symbol.getDocumentationComment(checker)),
    tags: symbol.getJsDocTags(checker).map((t) => `@${t.name} ${ts.displayPartsToString(t.text ?? [])}`),
  });
  return {
    F: ts.TypeFlags,
    S: ts.SymbolFlags,
    E: ts.ElementFlags,
    calls,
    open(configPath) {
      const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n")); } });
      program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
      checker = counted(program.getTypeChecker(), calls);
    },
    exportedFunctions(file) {
      const source = program.getSourceFile(file);
      const moduleSymbol = checker.getSymbolAtLocation(source);
      const out = [];
      for (const exported of checker.getExportsOfModule(moduleSymbol)) {
        const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
        const signatures = checker.getSignaturesOfType(checker.getTypeOfSymbol(symbol), ts.SignatureKind.Call);
        if (signatures.length > 0) out.push({ name: exported.name, symbol, signature: signatures[0] });
      }
      return out;
    },
    parameters: (signature) => signature.getParameters(),
    returnType: (signature) => checker.getReturnTypeOfSignature(signature),
    awaited: (type) => checker.getAwaitedType(type),
    typesOfSymbols: (symbols) => symbols.map((s) => checker.getTypeOfSymbol(s)),
    properties: (type) => checker.getPropertiesOfType(type),
    indexInfos: (type) => checker.getIndexInfosOfType(type).map((i) => ({ key: i.keyType, value: i.type })),
    members: (type) => type.types,
    isArray: (type) => checker.isArrayType(type),
    isTuple: (type) => checker.isTupleType(type),
    typeArguments: (type) => checker.getTypeArguments(type),
    elementFlags: (type) => type.target.elementFlags,
    literalValue: (type) => (typeof type.value === "object" ? `${type.value.negative ? "-" : ""}${type.value.base10Value}n` : type.value),
    templateTexts: (type) => type.texts,
    callSignatureCount: (type) => checker.getSignaturesOfType(type, ts.SignatureKind.Call).length,
    symbolName: (type) => (type.aliasSymbol ?? type.getSymbol())?.name,
    declaredIn: (type) => type.getSymbol()?.declarations?.[0]?.getSourceFile().fileName,
    typeToString: (type) => checker.typeToString(type),
    doc,
    diagnostics: (files) => files.reduce((n, f) => n + program.getSemanticDiagnostics(program.getSourceFile(f)).length, 0),
    childCpuSeconds: () => 0,
    requests: () => undefined,
    close() {},
  };
}

async function ts7Backend(collectTiming, batched = false) {
  const ts7 = await import(pathToFileURL(join(TS7_PACKAGE, "dist/api/sync/api.js")).href);
  const calls = {};
  let api;
  let project;
  let checker;
  return {
    F: ts7.TypeFlags,
    S: ts7.SymbolFlags,
    E: ts7.ElementFlags,
    calls,
    open(configPath) {
      api = new ts7.API({ cwd: dirname(configPath), collectTiming });
      const snapshot = api.updateSnapshot({ openProject: configPath });
      project = snapshot.getProject(configPath) ?? snapshot.getProjects()[0];
      checker = counted(project.checker, calls);
    },
    exportedFunctions(file) {
      const source = project.program.getSourceFile(file);
      const moduleSymbol = checker.getSymbolAtLocation(source);
      const out = [];
      for (const exported of checker.getExportsOfModule(moduleSymbol)) {
        const symbol = exported.flags & ts7.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
        const type = checker.getTypeOfSymbol(symbol);
        const signatures = type === undefined ? [] : checker.getSignaturesOfType(type, ts7.SignatureKind.Call);
        if (signatures.length > 0) out.push({ name: exported.name, symbol, signature: signatures[0] });
      }
      return out;
    },
    parameters: (signature) => signature.getParameters(),
    returnType: (signature) => checker.getReturnTypeOfSignature(signature),
    // No getAwaitedType in the API: what a TS7 mode would have to do instead,
    // unwrap the global Promise's type argument (not other thenables).
    awaited(type) {
      let t = type;
      while (t !== undefined && t.flags & ts7.TypeFlags.Object && t.getSymbol()?.name === "Promise" && t.isTypeReference?.()) t = checker.getTypeArguments(t)[0];
      return t;
    },
    typesOfSymbols: (symbols) => (batched ? (symbols.length ? checker.getTypeOfSymbol(symbols) : []) : symbols.map((s) => checker.getTypeOfSymbol(s))),
    properties: (type) => checker.getPropertiesOfType(type),
    indexInfos: (type) => checker.getIndexInfosOfType(type).map((i) => ({ key: i.keyType, value: i.valueType })),
    members: (type) => type.getTypes(),
    isArray: (type) => checker.isArrayType(type),
    isTuple: (type) => checker.isTupleType(type),
    typeArguments: (type) => checker.getTypeArguments(type),
    elementFlags: (type) => type.elementFlags ?? type.getTarget?.()?.elementFlags,
    literalValue: (type) => (typeof type.value === "bigint" ? `${type.value}n` : type.value),
    templateTexts: (type) => type.texts,
    callSignatureCount: (type) => checker.getSignaturesOfType(type, ts7.SignatureKind.Call).length,
    symbolName: (type) => (type.getAliasSymbol() ?? type.getSymbol())?.name,
    declaredIn: (type) => type.getSymbol()?.declarations?.[0]?.path,
    typeToString: (type) => checker.typeToString(type),
    doc: (symbol) => ({
      text: checker.getDocumentationCommentOfSymbol(symbol),
      tags: checker.getJsDocTagsOfSymbol(symbol).map((t) => `@${t.name} ${t.text ?? ""}`),
    }),
    diagnostics: (files) => files.reduce((n, f) => n + project.program.getSemanticDiagnostics(f).length, 0),
    childCpuSeconds() {
      // tsgo runs as this process's child: its CPU is part of the cost.
      let total = 0;
      for (const task of readdirSync(`/proc/${process.pid}/task`)) {
        for (const pid of readFileSync(`/proc/${process.pid}/task/${task}/children`, "utf8").trim().split(/\s+/).filter(Boolean)) {
          const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
          const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
          total += (Number(fields[11]) + Number(fields[12])) / 100;
        }
      }
      return total;
    },
    requests: () => (collectTiming ? api.getTimingInfo().totals?.requestCount : undefined),
    close: () => api.close(),
  };
}

// --- the walk: the same questions, asked of either version -----------------

function walkFunction(b, fn) {
  const seen = new Set();
  const describeType = (type, depth) => describe(b, type, seen, depth);
  const params = b.parameters(fn.signature);
  const paramTypes = b.typesOfSymbols(params);
  const parameters = params.map((p, i) => ({
    name: p.name,
    optional: Boolean(p.flags & b.S.Optional),
    type: describeType(paramTypes[i], 0),
  }));
  const returned = b.returnType(fn.signature);
  const awaited = b.awaited(returned);
  return {
    name: fn.name,
    doc: normaliseDoc(b.doc(fn.symbol)),
    parameters,
    returns: returned === undefined ? { unanswered: "return type" } : describeType(returned, 0),
    returnsWritten: returned === undefined ? undefined : b.typeToString(returned),
    awaited: awaited === undefined ? undefined : describeType(awaited, 0),
  };
}

const normaliseDoc = ({ text, tags }) => ({ text: text.replace(/\s+/g, " ").trim(), tags: tags.map((t) => t.replace(/\s+/g, " ").trim()) });

const LIBRARY_FILE = /(?:^|\/)(?:node_modules\/|lib\.[\w.]*d\.ts$|bundled:)/;

function describe(b, type, seen, depth) {
  if (type === undefined) return { unanswered: "type" };
  const F = b.F;
  const f = type.flags;
  if (f & F.Boolean) return { intrinsic: "boolean" };
  if (f & F.Union) {
    const members = b.members(type).map((t) => describe(b, t, seen, depth + 1));
    return { union: members };
  }
  if (f & F.Intersection) return { intersection: b.members(type).map((t) => describe(b, t, seen, depth + 1)) };
  if (f & (F.StringLiteral | F.NumberLiteral | F.BigIntLiteral)) return { literal: b.literalValue(type), ...(f & F.EnumLiteral ? { enum: true } : {}) };
  if (f & F.BooleanLiteral) return { literal: b.typeToString(type) === "true" };
  if (f & F.TemplateLiteral) return { template: b.templateTexts(type), types: b.members(type).map((t) => describe(b, t, seen, depth + 1)) };
  if (f & F.StringMapping) return { mapping: b.typeToString(type) };
  if (f & (F.Any | F.Unknown | F.String | F.Number | F.BigInt | F.ESSymbol | F.Void | F.Undefined | F.Null | F.Never | F.NonPrimitive)) return { intrinsic: b.typeToString(type) };
  if (f & F.TypeParameter) return { typeParameter: b.typeToString(type) };
  if (f & F.Object) {
    if (b.isArray(type)) return { array: describe(b, b.typeArguments(type)[0], seen, depth + 1) };
    if (b.isTuple(type)) {
      const flags = b.elementFlags(type) ?? [];
      return { tuple: b.typeArguments(type).map((t) => describe(b, t, seen, depth + 1)), elements: flags.map((e) => elementFlagName(b.E, e)) };
    }
    const name = b.symbolName(type);
    const file = b.declaredIn(type);
    if (file !== undefined && LIBRARY_FILE.test(file)) return { library: name };
    const key = `${name}:${b.typeToString(type)}`;
    if (seen.has(key) || depth > 12) return { ref: b.typeToString(type) };
    seen.add(key);
    const symbols = b.properties(type);
    const types = b.typesOfSymbols(symbols);
    const properties = symbols.map((p, i) => ({
      name: p.name,
      optional: Boolean(p.flags & b.S.Optional),
      doc: normaliseDoc(b.doc(p)),
      type: describe(b, types[i], seen, depth + 1),
    }));
    const index = b.indexInfos(type).map((i) => ({ key: describe(b, i.key, seen, depth + 1), value: describe(b, i.value, seen, depth + 1) }));
    const calls = b.callSignatureCount(type);
    seen.delete(key);
    return { object: properties, ...(index.length ? { index } : {}), ...(calls ? { callable: calls } : {}) };
  }
  return { other: b.typeToString(type) };
}

function elementFlagName(E, flags) {
  for (const name of ["Required", "Optional", "Rest", "Variadic"]) if (flags & E[name]) return name;
  return String(flags);
}

// --- comparing the two descriptions -----------------------------------------

/** A description with every union's members in one order, for comparing sets. */
function canonical(value) {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== "object") return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) out[k] = canonical(v);
  if (out.union) out.union = [...out.union].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  if (out.intersection) out.intersection = [...out.intersection].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  return out;
}

function firstDifference(a, b, path = "") {
  if (JSON.stringify(a) === JSON.stringify(b)) return undefined;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return `${path || "/"}: TS6 ${JSON.stringify(a)?.slice(0, 120)} vs TS7 ${JSON.stringify(b)?.slice(0, 120)}`;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const d = firstDifference(a[key], b[key], `${path}/${key}`);
    if (d !== undefined) return d;
  }
  return undefined;
}

function compare(six, seven) {
  const byKey = new Map(seven.map((f) => [`${f.file}#${f.name}`, f]));
  const rows = [];
  for (const f6 of six) {
    const f7 = byKey.get(`${f6.file}#${f6.name}`);
    if (f7 === undefined) {
      rows.push({ fn: `${f6.file}#${f6.name}`, same: false, difference: "not found by TS7" });
      continue;
    }
    // typeToString's text is for the report only: TS7 prints unions in its own order.
    const strip = ({ awaited, returnsWritten, ...rest }) => rest;
    const exact = JSON.stringify(strip(f6)) === JSON.stringify(strip(f7));
    const same = exact || JSON.stringify(canonical(strip(f6))) === JSON.stringify(canonical(strip(f7)));
    rows.push({
      fn: `${f6.file}#${f6.name}`,
      same,
      unionOrderSame: exact,
      needsAwaited: f6.awaited !== undefined && JSON.stringify(f6.awaited) !== JSON.stringify(f6.returns),
      awaitedEmulated: JSON.stringify(canonical(f6.awaited)) === JSON.stringify(canonical(f7.awaited)),
      returnsWritten: f6.returnsWritten,
      difference: same ? undefined : firstDifference(canonical(strip(f6)), canonical(strip(f7))),
    });
  }
  return rows;
}

// --- the report --------------------------------------------------------------

function render({ ts6Version, ts7Version, questions, comparison, batchedSame, six, seven, timing, rounds, size, corpusSize }) {
  const fmt = (v, d = 0) => (Number.isFinite(v) ? v.toFixed(d) : "–");
  const same = comparison.filter((r) => r.same).length;
  const ordered = comparison.filter((r) => r.unionOrderSame).length;
  const awaited = comparison.filter((r) => r.needsAwaited).length;
  const awaitedEmulated = comparison.filter((r) => r.needsAwaited && r.awaitedEmulated).length;
  const missing = questions.filter((q) => q.ts7 === null);
  const unmapped = questions.filter((q) => q.ts7 === undefined);
  const out = [
    `Study run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC (\`node bench/ts7-study.mjs\`): typescript ${ts6Version} (JS API) against typescript ${ts7Version} (\`typescript/unstable/sync\`, the native tsgo over IPC), Node ${process.version}.`,
    "",
    `**(a) The questions.** compiler/2-analyze, compiler/schema and compiler/typescript ask the checker these (uses counted in their source at this commit):`,
    "",
    "| question (TypeScript 6) | uses | TypeScript 7 `unstable/sync` |",
    "| --- | ---: | --- |",
    ...questions.map((q) => `| \`${q.question}\` | ${q.uses} | ${q.ts7 === null ? "**none**" : q.ts7 === undefined ? "not mapped by the study: check by hand" : q.ts7} |`),
    "",
    `Over the fixtures corpus (${corpusSize} files of fixtures/schemas, ${comparison.length} exported functions; every parameter's type walked through properties with optionality and JSDoc, union members, literal values, arrays, tuples with element kinds, index signatures, and return types): ` +
      `**${same} of ${comparison.length} functions described identically** by both as sets (${batchedSame} of ${comparison.length} with TS7's batched requests); ${ordered} of ${comparison.length} with every union's members in the same order too. ` +
      `${awaited} function(s) return a promise, whose awaited type TS6 answers with \`getAwaitedType\`; TS7 has no such call, and unwrapping \`Promise<T>\`'s type argument by hand gave the same type for ${awaitedEmulated} of them (every function's awaited type: ${comparison.filter((r) => r.awaitedEmulated).length} of ${comparison.length} alike). ` +
      `Checker calls in the walk: TS6 ${sum(six.checkerCalls)}, TS7 ${sum(seven.checkerCalls)}` +
      (seven.requests !== undefined ? ` (${seven.requests} IPC requests in all, with the type, symbol and signature accessors that fetch)` : "") +
      ".",
  ];
  const differing = comparison.filter((r) => !r.same);
  if (differing.length > 0) {
    out.push("", "Where they differ (first difference of each):", "");
    for (const r of differing.slice(0, 15)) out.push(`- \`${r.fn}\`: ${r.difference}`);
    if (differing.length > 15) out.push(`- … and ${differing.length - 15} more`);
  }
  const unwrapMisses = comparison.filter((r) => r.needsAwaited && !r.awaitedEmulated);
  if (unwrapMisses.length > 0) {
    out.push("", `Awaited types the \`Promise<T>\` unwrap misses: ${unwrapMisses.map((r) => `\`${r.fn.split("#")[1]}\` (returns \`${r.returnsWritten}\`)`).join(", ")}.`);
  }
  if (missing.length > 0 || unmapped.length > 0) {
    out.push("", `Questions TS7 cannot answer: ${[...missing, ...unmapped].map((q) => `\`${q.question}\``).join(", ")}.`);
  }
  const t6 = timing.ts6;
  const t7 = timing.ts7;
  const tb = timing.ts7b;
  const row = (label, key, digits = 0) => `| ${label} | ${fmt(t6[key], digits)} | ${fmt(t7[key], digits)} | ${fmt(tb[key], digits)} | ${fmt(t7[key] / t6[key], 2)}× | ${fmt(tb[key] / t6[key], 2)}× |`;
  out.push(
    "",
    `**(b) Speed**, the same walk over the generated ${size}-tool source (\`bench/lib/generate-sources.mjs\`; ${t6.functions} functions), each version in a fresh process, in turns; medians of ${rounds} rounds, wall ms:`,
    "",
    "| phase | TypeScript 6 (JS API, in process) | TypeScript 7 (tsgo over IPC) | TypeScript 7, types of parameters and properties batched | TS7 ÷ TS6 | batched ÷ TS6 |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    row("load the module", "loadMs"),
    row("program (parse, bind) / snapshot", "setupMs"),
    row("walk every function's types (checker questions)", "walkMs"),
    row("semantic diagnostics of the file", "diagnosticsMs"),
    row("**total**", "totalMs"),
    `| CPU s: node process / tsgo child | ${fmt(t6.cpuSelfS, 2)} / – | ${fmt(t7.cpuSelfS, 2)} / ${fmt(t7.cpuChildS, 2)} | ${fmt(tb.cpuSelfS, 2)} / ${fmt(tb.cpuChildS, 2)} | ${fmt((t7.cpuSelfS + t7.cpuChildS) / t6.cpuSelfS, 2)}× | ${fmt((tb.cpuSelfS + tb.cpuChildS) / t6.cpuSelfS, 2)}× |`,
    `| checker calls | ${sum(t6.checkerCalls)} | ${sum(t7.checkerCalls)} | ${sum(tb.checkerCalls)} | | |`,
  );
  return out.join("\n");
}

const sum = (calls) => Object.values(calls ?? {}).reduce((a, b) => a + b, 0);

function writeSection(markdown) {
  const path = join(ROOT, "BENCHMARKS.md");
  const text = readFileSync(path, "utf8");
  const start = "<!-- ts7:start -->";
  const end = "<!-- ts7:end -->";
  if (!text.includes(start)) throw new Error("BENCHMARKS.md has no <!-- ts7:start --> marker");
  writeFileSync(path, `${text.slice(0, text.indexOf(start) + start.length)}\n${markdown}\n${text.slice(text.indexOf(end))}`);
  process.stderr.write("wrote the TypeScript 7 section of BENCHMARKS.md\n");
}

// --- entry (last: the functions above are all defined by then) -------------

if (args.includes("--backend")) {
  // A child: one walk with one version, its figures as JSON on stdout.
  const result = await walkProject(option("--backend"), option("--project"), option("--files").split(","), args.includes("--describe"));
  process.stdout.write(JSON.stringify(result));
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const report = await runStudy({ rounds: Number(option("--rounds", 3)), size: Number(option("--size", 200)), log: (l) => process.stderr.write(`${l}\n`) });
  process.stdout.write(`${report.markdown}\n`);
  if (args.includes("--write")) writeSection(report.markdown);
}
