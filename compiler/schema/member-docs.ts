import type { SiteDocs } from "./site.js";

/**
 * Documentation written for an object's members away from the members
 * themselves (`@param args.owner - …` on the function), keyed by the member's
 * path in the schema ("owner", "opts.limit", "address.city"). The walk takes
 * each where it reaches that path; what it never reaches named nothing, and
 * the names it saw at each object are what "did you mean" offers.
 */
export class MemberDocs {
  private readonly unused: Map<string, SiteDocs>;
  private readonly membersByObject = new Map<string, Set<string>>();

  constructor(docs: ReadonlyMap<string, SiteDocs>) {
    this.unused = new Map(docs);
  }

  /** The docs written for member `name` of the object at path `object`, if any. */
  take(object: string, name: string): SiteDocs | undefined {
    let seen = this.membersByObject.get(object);
    if (seen === undefined) this.membersByObject.set(object, (seen = new Set()));
    seen.add(name);
    const path = object === "" ? name : `${object}.${name}`;
    const docs = this.unused.get(path);
    this.unused.delete(path);
    return docs;
  }

  /** Paths no walk reached (under `prefix`, a parameter's name, or all for ""). */
  unreached(prefix: string): string[] {
    return [...this.unused.keys()].filter((path) => prefix === "" || path === prefix || path.startsWith(`${prefix}.`));
  }

  /** The member names the walk saw on the object at `path`; undefined where it found no object. */
  membersAt(path: string): string[] | undefined {
    const seen = this.membersByObject.get(path);
    return seen === undefined ? undefined : [...seen];
  }
}
