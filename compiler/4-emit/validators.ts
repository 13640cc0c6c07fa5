import { createRequire } from "node:module";
import type { JsonSchema } from "../3-schema/json-schema.js";
import { GENERATED_BY } from "./output-files.js";
import { validationSchema } from "./validation-schema.js";

const require = createRequire(import.meta.url);

/**
 * Ajv's standalone validators reach for helpers in ajv and ajv-formats; the
 * emitted module gets them from `mcpc/runtime/ajv` instead, so a server
 * depends on mcpc alone.
 */
const RUNTIME_HELPERS: Array<[RegExp, string]> = [
  [/require\("ajv\/dist\/runtime\/ucs2length"\)\.default/g, 'require("mcpc/runtime/ajv").ucs2length'],
  [/require\("ajv\/dist\/runtime\/equal"\)\.default/g, 'require("mcpc/runtime/ajv").equal'],
  [/require\("ajv\/dist\/runtime\/uri"\)\.default/g, 'require("mcpc/runtime/ajv").uri'],
  [/require\("ajv-formats\/dist\/formats"\)\.fullFormats/g, 'require("mcpc/runtime/ajv").formats'],
];

/**
 * Compiles every schema ahead of time into one CommonJS module of Ajv
 * standalone validators, exported under the given keys, so the server
 * compiles nothing when it starts.
 */
export function emitValidators(schemas: ReadonlyMap<string, JsonSchema>): string {
  const Ajv2020 = require("ajv/dist/2020").default as typeof import("ajv/dist/2020.js").default;
  const addFormats = require("ajv-formats").default as typeof import("ajv-formats").default;
  const standaloneCode = require("ajv/dist/standalone").default as typeof import("ajv/dist/standalone/index.js").default;
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    unicodeRegExp: true,
    code: { source: true, lines: true },
    // The schemas come from SchemaBuilder and checked JSDoc tags, not from
    // users: checking each against the 2020-12 meta-schema first meant
    // compiling the meta-schema's own validator, ~100 ms of every build.
    // Strict mode still rejects unknown keywords and formats.
    meta: false,
    validateSchema: false,
  });
  addFormats(ajv);
  const refs: Record<string, string> = {};
  const aliases: string[] = [];
  // One validator per distinct set of constraints: a key whose schema
  // validates like an earlier one exports that one's function. (`$schema`,
  // from @jsonSchemaDialect, goes too: it names the dialect Ajv2020 speaks.)
  const compiledAs = new Map<string, string>();
  for (const [key, schema] of schemas) {
    const validated = validationSchema(schema);
    const text = JSON.stringify(validated);
    const first = compiledAs.get(text);
    if (first !== undefined) {
      aliases.push(`exports.${key} = exports.${first};`);
      continue;
    }
    compiledAs.set(text, key);
    ajv.addSchema(validated, key);
    refs[key] = key;
  }
  let code = standaloneCode(ajv, refs);
  if (aliases.length > 0) code += `\n${aliases.join("\n")}`;
  for (const [pattern, replacement] of RUNTIME_HELPERS) code = code.replace(pattern, replacement);
  const stray = /require\("(ajv[^"]*)"\)/.exec(code);
  if (stray) throw new Error(`a validator needs '${stray[1]}', which mcpc/runtime/ajv does not provide`);
  return `// ${GENERATED_BY}: precompiled Ajv validators. Do not edit.\n${code}\n`;
}
