import type ts from "typescript";
import { relative } from "node:path";
import { Messages } from "../diagnostics/catalog.js";
import type { DiagnosticBag } from "../diagnostics/diagnostic.js";
import type { Features } from "./analysis.js";
import { declarationKind } from "./declaration-kind.js";
import { extractPrompt } from "./extract-prompt.js";
import { extractResource } from "./extract-resource.js";
import type { PromptSpec, ResourceSpec } from "./feature-spec.js";
import type { ExportedFunction } from "./find-functions.js";
import { readDoc } from "../typescript/jsdoc.js";
import { isTag } from "../typescript/mcpc-tags.js";
import { reportMisspeltTags } from "../typescript/misspelt-tags.js";

/**
 * Sorts an entry's exported functions by kind: resources, templates and
 * prompts are extracted here; `@internal` functions and the functions named
 * by `@complete` are kept out of the server; the rest are left to be tools.
 */
export class FeatureCollector implements Features {
  readonly resources: ResourceSpec[] = [];
  readonly resourceTemplates: ResourceSpec[] = [];
  readonly prompts: PromptSpec[] = [];
  private readonly byKey = new Map<string, string>();

  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly bag: DiagnosticBag,
    private readonly cwd: string,
  ) {}

  /** The functions of one entry that are tools; everything else is taken in here. */
  takeEntry(found: readonly ExportedFunction[], file: string): ExportedFunction[] {
    const exported = new Set(found.map((f) => f.exportName));
    const completers = new Set<string>();
    const tools: ExportedFunction[] = [];
    for (const fn of found) {
      const tags = readDoc(fn.docHost).tags;
      for (const tag of tags) {
        if (!isTag(tag, "complete")) continue;
        // A completer must be exported by the same file; it is never a tool itself.
        const fnName = /^\S+\s+(\S+)$/.exec(tag.text)?.[1];
        if (fnName === undefined) continue; // malformed: reported with the tag's owner
        completers.add(fnName);
        if (!exported.has(fnName)) this.bag.report(Messages.CompleteFunctionNotFound, { fn: fnName, file: relative(this.cwd, file) }, tag.node);
      }
      const kind = declarationKind(fn.exportName, tags, this.bag);
      if (kind === undefined || kind.kind === "internal") continue;
      // The comment of every function that becomes a feature, whatever its kind, read once here.
      reportMisspeltTags(tags, "function", this.bag);
      if (kind.kind === "tool") {
        tools.push(fn);
        continue;
      }
      const spec = this.guard(fn, () => (kind.kind === "resource" ? extractResource(fn, kind.tag, this.checker, this.bag) : extractPrompt(fn, this.checker, this.bag)));
      if (spec === undefined) continue;
      if ("result" in spec) this.add(spec, "Prompt", String(spec.listing.name), this.prompts);
      else if (spec.variables !== undefined) this.add(spec, "Resource template", String(spec.listing.uriTemplate), this.resourceTemplates);
      else this.add(spec, "Resource", String(spec.listing.uri), this.resources);
    }
    return tools.filter((fn) => !completers.has(fn.exportName));
  }

  private guard<T>(fn: ExportedFunction, extract: () => T): T | undefined {
    try {
      return extract();
    } catch (error) {
      if (error instanceof RangeError) throw error; // a stack overflow: reported for the file at the phase boundary
      this.bag.report(Messages.InternalError, { tool: `'${fn.exportName}'`, message: (error as Error)?.stack ?? String(error) }, fn.nameNode);
      return undefined;
    }
  }

  private add<T extends ResourceSpec | PromptSpec>(spec: T, what: string, key: string, into: T[]): void {
    const other = this.byKey.get(`${what}:${key}`);
    if (other !== undefined) {
      this.bag.report(Messages.DuplicateFeatureName, { what, name: key, fn: spec.exportName, other }, spec.node);
      return;
    }
    this.byKey.set(`${what}:${key}`, spec.exportName);
    into.push(spec);
  }
}
