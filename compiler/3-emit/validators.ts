import { createRequire } from "node:module";
import type { JsonSchema } from "../schema/json-schema.js";
import { GENERATED_BY, TextParts } from "./output-files.js";
import { AJV_HELPERS } from "./runtime-copy.js";
import { duplicateItems, validatorPrelude } from "./validator-prelude.js";
import { validationSchema } from "./validation-schema.js";

const require = createRequire(import.meta.url);


/**
 * Compiled validators by the text of the schema they validate. A watch
 * session keeps one across rebuilds, so an edit recompiles only the schemas
 * it changed (Ajv's code generation dominated a rebuild; see BENCHMARKS.md).
 */
export type ValidatorCache = Map<string, string>;

/**
 * Compiles every schema ahead of time into one CommonJS module of Ajv
 * standalone validators, exported under the given keys, so the server
 * compiles nothing when it starts. One validator per distinct set of
 * constraints: keys whose schemas validate alike export the same function.
 * Each validator's code depends on its schema only (see compileOne), so a
 * cached one is exactly what a cold build writes.
 */
export function emitValidators(schemas: ReadonlyMap<string, JsonSchema>, cache: ValidatorCache = new Map()): TextParts {
  // Each validator's code is its own part, the very string the cache holds: a rebuild's file shares
  // every unchanged validator with the last one's, and only new code is compared and encoded again.
  const parts = [`// ${GENERATED_BY}: precompiled Ajv validators. Do not edit.\n"use strict";\n${validatorPrelude()}\n`];
  const exportLines: string[] = [];
  const variableOf = new Map<string, string>();
  let ajvs: { detailed: Ajv; verdict: Ajv } | undefined;
  for (const [key, schema] of schemas) {
    const text = validationTextOf(schema);
    let variable = variableOf.get(text);
    if (variable === undefined) {
      variable = `v${variableOf.size}`;
      variableOf.set(text, variable);
      let code = cache.get(text);
      if (code === undefined) {
        code = compileBounded((ajvs ??= { detailed: newAjv(true), verdict: newAjv(false) }), validationSchema(schema));
        cache.set(text, code);
      }
      parts.push(`const ${variable} = `, code, ";\n");
    }
    exportLines.push(`exports.${key} = ${variable};`);
  }
  // No validator, no export: an empty line stands for each.
  if (variableOf.size === 0) parts.push("\n");
  parts.push(`${exportLines.join("\n")}\n`);
  return new TextParts(parts);
}

/**
 * A schema's constraints as text, the validator cache's key. Specs are not
 * changed once analysis made them, and a watch rebuild hands the same
 * schema objects on for the tools it did not extract again: each is
 * stripped and serialised once.
 */
const validationTexts = new WeakMap<JsonSchema, string>();

function validationTextOf(schema: JsonSchema): string {
  // `$schema` (from @jsonSchemaDialect) goes with the annotations: it names the dialect Ajv2020 speaks.
  let text = validationTexts.get(schema);
  if (text === undefined) {
    text = JSON.stringify(validationSchema(schema));
    validationTexts.set(schema, text);
  }
  return text;
}

type Ajv = InstanceType<typeof import("ajv/dist/2020.js").default>;

/** Only Ajv's standalone code is wanted: what Ajv would evaluate is replaced by a stub (see newAjv). */
const NOT_EVALUATED = "return function notEvaluated() {}";

function newAjv(allErrors: boolean): Ajv {
  const Ajv2020 = require("ajv/dist/2020").default as typeof import("ajv/dist/2020.js").default;
  const addFormats = require("ajv-formats").default as typeof import("ajv-formats").default;
  const ajv = new Ajv2020({
    allErrors,
    // Optional properties named like Object.prototype members (constructor,
    // toString) are judged by what the client sent, never by the prototype.
    ownProperties: true,
    strict: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    unicodeRegExp: true,
    // Ajv's optimisation passes (dropping unused names, folding constants)
    // cost a fifth of its code generation; V8 does the same when it compiles.
    // `process` sees each function's source before Ajv evaluates it with
    // new Function: the build only writes the code out (standaloneCode
    // reads it from the function's `source`), so evaluating it was a sixth
    // of a validator's cost for nothing. The server evaluates the module.
    code: { source: true, lines: true, optimize: false, process: () => NOT_EVALUATED },
    // The schemas come from SchemaBuilder and checked JSDoc tags, not from
    // users: checking each against the 2020-12 meta-schema first meant
    // compiling the meta-schema's own validator on every build.
    // Strict mode still rejects unknown keywords and formats.
    meta: false,
    validateSchema: false,
  });
  addFormats(ajv);
  replaceUniqueItems(ajv);
  return ajv;
}

/**
 * Ajv checks `uniqueItems` on object or array items by comparing every pair
 * (20,000 items took seconds). This one hashes each item's canonical text
 * (duplicateItems, in the prelude of validators.cjs) in one pass, and reports
 * the same error: keyword, params {i, j} and message.
 */
function replaceUniqueItems(ajv: Ajv): void {
  const { _, str, Name } = require("ajv") as typeof import("ajv");
  ajv.removeKeyword("uniqueItems");
  ajv.addKeyword({
    keyword: "uniqueItems",
    type: "array",
    schemaType: "boolean",
    error: {
      message: ({ params: { i, j } }) => str`must NOT have duplicate items (items ## ${j} and ${i} are identical)`,
      params: ({ params: { i, j } }) => _`{i: ${i}, j: ${j}}`,
    },
    code(cxt) {
      if (cxt.schema !== true) return;
      const { gen, data } = cxt;
      // The standalone code names the prelude's function rather than requiring it.
      const find = gen.scopeValue("func", { ref: duplicateItems, code: _`${new Name(duplicateItems.name)}` });
      const pair = gen.const("duplicate", _`${find}(${data})`);
      cxt.setParams({ i: _`${pair}[1]`, j: _`${pair}[0]` });
      cxt.fail(_`${pair} !== null`);
    },
  });
}

/**
 * A validator bounded in the work it does: the all-errors validator stops at
 * MAX_VALIDATION_ERRORS errors, and where errors can be taken back (inside
 * anyOf, oneOf, not, contains: Ajv resets its count) a first-error validator
 * of the same schema gives the verdict of a stopped run (see
 * boundedValidator in the prelude).
 */
function compileBounded(ajvs: { detailed: Ajv; verdict: Ajv }, schema: JsonSchema): string {
  const detailed = compileOne(ajvs.detailed, schema);
  let stopping = detailed.replace(/^errors\+\+;$/gm, "if(++errors >= MAX_VALIDATION_ERRORS){\nthrow new ValidationStopped(vErrors);\n}");
  stopping = stopping.replace(/^errors = vErrors\.length;$/gm, "errors = vErrors.length;\nif(errors >= MAX_VALIDATION_ERRORS){\nthrow new ValidationStopped(vErrors);\n}");
  if (/errors\+\+|errors \+= /.test(stopping)) throw new Error("Ajv's standalone code counts errors in a way the error bound does not know");
  const takesBack = /^errors = _errs\d+;$/m.test(detailed);
  const verdict = takesBack ? `(() => {\n${compileOne(ajvs.verdict, schema)}})()` : "null";
  return `boundedValidator((() => {\n${stopping}})(), ${verdict})`;
}

/**
 * One schema's validator: Ajv's standalone code, ending in `return <the
 * function>;`. One Ajv serves the whole build (making one, with its formats,
 * cost as much as a third of compiling a schema), but its names for shared
 * values (validate0, pattern1, formats2, ...) count up across compilations,
 * so each schema starts from a fresh scope of names: the code depends on the
 * schema alone, whichever schemas came before it.
 */
function compileOne(ajv: Ajv, schema: JsonSchema): string {
  const standaloneCode = require("ajv/dist/standalone").default as typeof import("ajv/dist/standalone/index.js").default;
  const { ValueScope } = require("ajv/dist/compile/codegen") as typeof import("ajv/dist/compile/codegen/index.js");
  (ajv as { scope: Ajv["scope"] }).scope = new ValueScope({ ...ajv.scope.opts, scope: {} });
  let code: string;
  try {
    code = standaloneCode(ajv, ajv.compile(schema));
  } finally {
    ajv.removeSchema(schema);
  }
  const head = /^"use strict";\nmodule\.exports = (\w+);\nmodule\.exports\.default = \1;\n/.exec(code);
  if (head === null) throw new Error("Ajv's standalone code did not start as expected");
  code = `${code.slice(head[0].length)}\nreturn ${head[1]};\n`;
  // The helpers come from the copies beside the server (runtime-copy.ts), so validators.cjs needs no package installed.
  for (const helper of AJV_HELPERS) code = code.replace(helper.pattern, helper.use);
  const stray = /require\("([^."][^"]*)"\)/.exec(code);
  if (stray) throw new Error(`a validator needs '${stray[1]}', which mcpc does not copy into the output`);
  if (code.includes(NOT_EVALUATED)) throw new Error("Ajv's standalone code holds the stub that stood in for evaluation");
  return code;
}
