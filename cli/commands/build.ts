import { build as compile, type CompileOptions, createDiagnostic, Messages, OutputFiles } from "../../compiler/index.js";
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { UsageError, type ParsedCommandLine } from "../arguments.js";
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type CliEnvironment, type Command } from "../command.js";
import { PROJECT_OPTIONS, PROJECT_OPTIONS_HELP } from "../project.js";
import { describeCounts } from "../counts.js";
import { openProject } from "../open-project.js";
import { DiagnosticPrinter, FORMAT_OPTIONS, FORMAT_OPTIONS_HELP, hasErrors } from "../report.js";
import { assetsOf, finishOutput } from "../standalone/finish-output.js";

export const build: Command = {
  name: "build",
  options: { ...PROJECT_OPTIONS, ...FORMAT_OPTIONS, check: "boolean", watch: "boolean", bundle: "boolean", verify: "boolean" },
  help: `Usage: mcpc build [entry.ts...] [options]

Compiles every exported function of the entry files into a tool and writes
a stdio MCP server: <out>/server.js, manifest.json, schemas/, validators.
Files listed in the configuration's "assets" (globs) are copied beside it.

Options:
  --bundle                a standalone server: the code it imports (your
                          dependencies, mcpc's runtime, Ajv) bundled into
                          server.js, so nothing needs installing where it runs
  --verify                start the written server, initialize it and compare
                          what it lists with its manifest; exit 1 if it fails
  --watch, -w             rebuild on every change; errors keep the last good output
  --check                 write nothing; exit 1 listing the files on disk that
                          differ from what would be emitted (for committed output)
${FORMAT_OPTIONS_HELP}
${PROJECT_OPTIONS_HELP}

Examples:
  mcpc build src/tools.ts
  mcpc build src/tools.ts --out dist/mcp
  mcpc build src/tools.ts --watch
  mcpc build src/tools.ts --bundle --verify   # deployable, and proven to start
  mcpc build --check                    # CI: is the committed output up to date?
  node mcp-server/server.js`,
  async run(args: ParsedCommandLine, cli: CliEnvironment): Promise<number> {
    const opened = openProject(args, cli);
    if (opened === undefined) return EXIT_USAGE;
    const { printer, setup } = opened;
    if (args.options.watch === true) {
      if (args.options.check === true) throw new UsageError("--watch and --check do not go together");
      if (args.options.bundle === true || args.options.verify === true) throw new UsageError("--watch writes the plain output; run --bundle or --verify as a build of its own");
      return watchForever(setup.options, printer, cli);
    }
    const started = performance.now();
    const checkOnly = args.options.check === true;
    if (checkOnly && args.options.bundle === true) throw new UsageError("--check compares the output without --bundle; drop one of them");
    const result = await compile(setup.options, !checkOnly);
    printer.print(result.diagnostics);
    if (hasErrors(result.diagnostics) || result.files === undefined) {
      printer.summarize(result.diagnostics);
      return EXIT_PROBLEMS;
    }
    const outDir = relative(cli.cwd, result.outDir) || ".";
    const assets = setup.config.assets ?? [];
    if (checkOnly) {
      // --check, --watch and --verify load their modules when asked for: a plain build never runs them.
      const { outputDrift } = await import("../output-drift.js");
      const planned = assetsOf(result, cli.cwd, assets, setup.configFile);
      if (planned.diagnostics.length > 0) {
        printer.print(planned.diagnostics);
        printer.summarize(planned.diagnostics);
        return EXIT_PROBLEMS;
      }
      // Assets are part of the output: compared as the bytes they are (read alike on both sides).
      const expected = new OutputFiles(result.files.contents());
      for (const asset of planned.assets) expected.set(asset.path, readFileSync(asset.file, "utf8"));
      const drift = outputDrift(result.outDir, expected).map((d) =>
        createDiagnostic(Messages.OutputDiffers, { path: `${outDir}/${d.path}`, state: d.state }, { path: `${result.outDir}/${d.path}` }),
      );
      if (drift.length > 0) {
        printer.print(drift);
        printer.summarize(drift);
        return EXIT_PROBLEMS;
      }
      printer.success(`${outDir} is up to date (${result.files.size} files, ${result.tools.length} tool(s)).`);
      return EXIT_OK;
    }
    const bundled = args.options.bundle === true;
    const finished = await finishOutput({ result, dir: result.outDir, projectDir: cli.cwd, assets, configFile: setup.configFile, bundle: bundled });
    if (finished.diagnostics.length > 0) {
      printer.print(finished.diagnostics);
      printer.summarize(finished.diagnostics);
      return EXIT_PROBLEMS;
    }
    if (args.options.verify === true) {
      const { verifyServer } = await import("../standalone/verify-server.js");
      const problems = await verifyServer(result.outDir, outDir, `node ${outDir}/server.js`);
      if (problems.length > 0) {
        printer.print(problems);
        printer.summarize(problems);
        return EXIT_PROBLEMS;
      }
    }
    const ms = Math.round(performance.now() - started);
    const how = [bundled ? "bundled" : "", args.options.verify === true ? "verified" : ""].filter((w) => w !== "").join(", ");
    printer.success(`Built ${describeCounts(result)} into ${outDir}${how === "" ? "" : ` (${how})`} in ${ms} ms.`);
    return EXIT_OK;
  },
};

/** Rebuilds on change until interrupted; prints each build's time and diagnostics. */
async function watchForever(options: CompileOptions, printer: DiagnosticPrinter, cli: CliEnvironment): Promise<number> {
  const { watchBuild } = await import("../watch.js");
  const watcher = await watchBuild(options, {
    onBuild(result, ms) {
      const time = new Date().toTimeString().slice(0, 8);
      printer.print(result.diagnostics);
      if (hasErrors(result.diagnostics)) {
        const errors = result.diagnostics.filter((d) => d.severity === "error").length;
        printer.success(`[${time}] Found ${errors} error${errors === 1 ? "" : "s"} in ${ms} ms; the last good output stays. Watching for changes.`);
      } else {
        printer.success(`[${time}] Built ${describeCounts(result)} into ${relative(cli.cwd, result.outDir) || "."} in ${ms} ms. Watching for changes.`);
      }
    },
  });
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      watcher.close();
      resolve();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  return EXIT_OK;
}
