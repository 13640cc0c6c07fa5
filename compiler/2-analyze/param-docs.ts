import type ts from "typescript";
import { Messages } from "../diagnostics/catalog.js";
import { closest } from "../diagnostics/did-you-mean.js";
import type { DiagnosticBag } from "../diagnostics/diagnostic.js";
import { CONSTRAINT_TAGS } from "../schema/constraint-tags.js";
import type { MemberDocs } from "../schema/member-docs.js";
import { JSON_TAG } from "../schema/schema-builder.js";
import type { SiteDocs } from "../schema/site.js";
import { literalFromText, readFunctionDocTags, type DocTag } from "../typescript/jsdoc.js";

/**
 * The tags that describe one value, so that on a function's comment they
 * belong to the `@param` above them. `@title` and `@deprecated` are left out:
 * on a function they describe the tool.
 */
const PARAMETER_TAGS = new Set([...Object.keys(CONSTRAINT_TAGS).filter((tag) => tag !== "title" && tag !== "deprecated"), JSON_TAG]);

/** One `@param` of a function's comment with the parameter tags written under it. */
export interface ParamBlock {
  /** The path as written: `args.owner` is ["args", "owner"]. */
  path: string[];
  docs: SiteDocs;
  nameNode: ts.Node;
}

/**
 * The `@param` blocks of a function's comment. A parameter tag (`@maximum 200`)
 * belongs to the `@param` it follows, on the same line or the lines below, with
 * only other parameter tags between; any other tag ends the block. A parameter
 * tag in no block constrains nothing: an error, not a silent drop.
 */
export function readParamBlocks(fn: ts.Node, tool: string, bag: DiagnosticBag): ParamBlock[] {
  const blocks: ParamBlock[] = [];
  for (const comment of readFunctionDocTags(fn)) {
    let open: { tags: DocTag[] } | undefined;
    let ender: string | undefined;
    for (const tag of comment) {
      if (tag.path !== undefined) {
        const tags: DocTag[] = [];
        if (tag.defaultText !== undefined) {
          // `@param [limit=10]`: the JSDoc way to write a default, read as '@default 10' first in the block.
          const value = literalFromText(tag.defaultText);
          if (value === undefined) bag.report(Messages.ParamTagDefaultNotLiteral, { tool, name: tag.path.join("."), written: tag.defaultText }, tag.nameNode ?? tag.node);
          else tags.push({ name: "default", text: JSON.stringify(value.value), node: tag.node });
        }
        blocks.push({ path: tag.path, docs: tag.text === "" ? { tags } : { description: tag.text, tags }, nameNode: tag.nameNode ?? tag.node });
        open = { tags };
      } else if (PARAMETER_TAGS.has(tag.name)) {
        if (open !== undefined) open.tags.push(tag);
        else bag.report(Messages.StrayParameterTag, ender === undefined ? { tag: tag.name, tool } : { tag: tag.name, tool, after: ender }, tag.node);
      } else {
        // Named in the message only once a @param came before it: then it is what closed that block.
        if (ender !== undefined || open !== undefined) ender = tag.name;
        open = undefined;
      }
    }
  }
  return blocks;
}

/** What a function's `@param` blocks document, sorted by where it lands. */
export interface ResolvedParamDocs {
  /** A named parameter's own docs, by its name. */
  byParameter: Map<string, SiteDocs>;
  /** The destructured object itself (`@param args - …`): the input schema's description. */
  root?: SiteDocs;
  /** Members, by their path in the input schema ("opts.limit", or "owner" in a destructured object). */
  members: Map<string, SiteDocs>;
  /** The block each member path came from, to report one that names nothing. */
  memberBlocks: Map<string, ParamBlock>;
}

/** The parameters `@param` names can refer to. */
export interface DocumentedSignature {
  /** Every parameter written with a plain name, the Context included. */
  names: string[];
  /** For a destructured parameter: its type's top-level property names. */
  destructured?: string[];
  /** Names the pattern binds under another name (`{ perPage: size }`): size → perPage. */
  renamed?: ReadonlyMap<string, string>;
}

/**
 * Sorts each block to what it documents. A named parameter's path starts with
 * its name (`opts.limit`). A destructured parameter has no name of its own: a
 * member path names it (`@param args.owner`), or a plain `@param args` written
 * before any member's, as JSDoc writes it; a member may also be named without
 * it (`@param owner`, or the name the pattern binds it to). A name that fits
 * none of these is reported (MCPC1016) rather than guessed at.
 */
export function resolveParamDocs(blocks: readonly ParamBlock[], signature: DocumentedSignature, tool: string, bag: DiagnosticBag): ResolvedParamDocs {
  const out: ResolvedParamDocs = { byParameter: new Map(), members: new Map(), memberBlocks: new Map() };
  const members = signature.destructured;
  const renamed = signature.renamed ?? new Map<string, string>();
  const isMember = (name: string) => members?.includes(name) === true || renamed.has(name);
  const rootName = members === undefined ? undefined : destructuredName(blocks, signature.names, members, isMember);
  for (const block of blocks) {
    const [first, ...rest] = block.path as [string, ...string[]];
    let memberPath: string[] | undefined;
    if (members !== undefined && first === rootName) {
      if (rest.length === 0) out.root = block.docs;
      else memberPath = rest;
    } else if (signature.names.includes(first)) {
      // A Context parameter has no schema: its docs are for readers of the code.
      if (rest.length === 0) out.byParameter.set(first, block.docs);
      else if (members === undefined) memberPath = block.path;
    } else if (isMember(first)) {
      memberPath = [renamed.get(first) ?? first, ...rest];
    } else {
      const candidates = [...signature.names, ...(members ?? []), ...renamed.keys(), ...(rootName === undefined ? [] : [rootName])];
      const match = closest(first, candidates);
      const suggestion = match === undefined ? "." : `; did you mean '${[match, ...rest].join(".")}'?`;
      const name = block.path.join(".");
      bag.report(Messages.UnknownParamTag, members === undefined ? { tool, name, suggestion } : { tool, name, of: "the destructured parameter", suggestion }, block.nameNode);
      continue;
    }
    if (memberPath === undefined) continue;
    out.members.set(memberPath.join("."), block.docs);
    out.memberBlocks.set(memberPath.join("."), block);
  }
  return out;
}

/**
 * The name the comment gives a destructured parameter: the first segment of the
 * first member path that starts with no parameter's or member's name, or a
 * plain name that comes first among the value's @params and is no likely typo
 * of a member's (`@param ownr` is a typo, not the object's name).
 */
function destructuredName(blocks: readonly ParamBlock[], names: readonly string[], members: readonly string[], isMember: (name: string) => boolean): string | undefined {
  const candidates = blocks.filter((b) => !names.includes(b.path[0]!));
  const dotted = candidates.find((b) => b.path.length > 1 && !isMember(b.path[0]!));
  if (dotted !== undefined) {
    // `@param args` then `@param argz.owner`: the plain name written first is the one meant.
    const first = candidates[0]!;
    return first.path.length === 1 && !isMember(first.path[0]!) && closest(first.path[0]!, members) === undefined ? first.path[0] : dotted.path[0];
  }
  const first = candidates[0];
  if (first === undefined || isMember(first.path[0]!) || closest(first.path[0]!, members) !== undefined) return undefined;
  return first.path[0];
}

/**
 * Reports the member paths under `prefix` that the walk never reached, naming
 * the first segment that matched no property and offering the closest one.
 */
export function reportUnreachedMembers(docs: MemberDocs, resolved: ResolvedParamDocs, prefix: string, tool: string, bag: DiagnosticBag): void {
  for (const path of docs.unreached(prefix)) {
    const block = resolved.memberBlocks.get(path)!;
    const segments = path.split(".");
    // How many written segments come before the schema path: `args` in `args.owner`.
    const offset = block.path.length - segments.length;
    let i = prefix === "" ? 0 : 1;
    while (i < segments.length - 1 && docs.membersAt(segments.slice(0, i).join("."))?.includes(segments[i]!)) i++;
    const seen = docs.membersAt(segments.slice(0, i).join("."));
    const match = seen === undefined ? undefined : closest(segments[i]!, seen);
    const written = block.path.slice();
    if (match !== undefined) written[offset + i] = match;
    const of = offset + i === 0 ? "the destructured parameter" : `'${block.path.slice(0, offset + i).join(".")}'`;
    const suggestion = match === undefined ? "." : `; did you mean '${written.join(".")}'?`;
    bag.report(Messages.UnknownParamTag, { tool, name: block.path.join("."), of, suggestion }, block.nameNode);
  }
}
