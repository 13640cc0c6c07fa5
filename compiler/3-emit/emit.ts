import { relative } from "node:path";
import type { Analysis } from "../2-analyze/analysis.js";
import type { JsonSchema } from "../schema/json-schema.js";
import type { AppEmitMemo } from "./app-emit-memo.js";
import { emitClientModule } from "./client-module.js";
import { elicitSchemaTransformer } from "./elicit-transformer.js";
import { jsonFile } from "./format.js";
import { manifestFile } from "./manifest.js";
import { GENERATED_BY, OutputFiles } from "./output-files.js";
import { emitServerModule, validatorKey } from "./server-module.js";
import { runtimeFiles, vendoredHelperFiles } from "./runtime-copy.js";
import { transpileApp } from "./transpile.js";
import { emitValidators, type ValidatorCache } from "./validators.js";

export interface EmitOptions {
  /** Directory the sources' paths in comments are relative to. */
  cwd: string;
  /** Where the files will be written (the client module imports the sources relative to it). */
  outDir: string;
  /** Also emit client.js + client.d.ts. */
  client: boolean;
  /** Validators compiled by an earlier build of a watch session. */
  validators?: ValidatorCache;
  /** A watch session's modules as last emitted (those the edit cannot have changed are kept). */
  app?: AppEmitMemo;
}

/** A schema's file text, made once per schema object: a watch rebuild hands on the specs of tools it did not extract again. */
const schemaFiles = new WeakMap<JsonSchema, string>();

function schemaFile(schema: JsonSchema): string {
  let text = schemaFiles.get(schema);
  if (text === undefined) {
    text = jsonFile(schema);
    schemaFiles.set(schema, text);
  }
  return text;
}

/** Every file of the server, in memory: the user's code transpiled, schemas, validators, manifest, server.js, package.json. */
export async function emit(analysis: Analysis, options: EmitOptions): Promise<OutputFiles> {
  const { project, tools } = analysis;
  const transformers = analysis.elicitations.size > 0 ? [elicitSchemaTransformer(analysis.elicitations)] : [];
  const alwaysEmit = new Set([...analysis.elicitations.keys()].map((call) => call.getSourceFile()));
  const reuse = options.app === undefined ? undefined : { memo: options.app, affected: analysis.affected, alwaysEmit };
  const app = transpileApp(project.program, options.outDir, transformers, reuse);
  const files = new OutputFiles(app.files);
  const entryModules = new Map<string, string>();
  for (const entry of project.entries) entryModules.set(entry.fileName, app.outputPathOf.get(entry.fileName)!);

  const schemas = new Map<string, JsonSchema>();
  tools.forEach((tool, i) => {
    schemas.set(validatorKey(i, "input"), tool.inputSchema);
    files.set(`schemas/${tool.name}.input.json`, schemaFile(tool.inputSchema));
    if (tool.outputSchema !== undefined) {
      schemas.set(validatorKey(i, "output"), tool.outputSchema);
      files.set(`schemas/${tool.name}.output.json`, schemaFile(tool.outputSchema));
    }
  });
  const validators = emitValidators(schemas, options.validators);
  files.set("validators.cjs", validators);
  for (const [path, text] of runtimeFiles()) files.set(path, text);
  for (const [path, text] of vendoredHelperFiles(validators.parts)) files.set(path, text);
  files.set("manifest.json", manifestFile(analysis));
  const sources = project.entries.map((e) => relative(options.cwd, e.fileName).split("\\").join("/")).join(", ");
  files.set("server.js", await emitServerModule(tools, entryModules, project.server, sources, analysis));
  files.set("package.json", jsonFile({ private: true, type: "module", description: `${GENERATED_BY} from ${sources}. Do not edit.` }));
  if (options.client) for (const [path, text] of emitClientModule(tools, options.outDir)) files.set(path, text);
  return files.sorted();
}
