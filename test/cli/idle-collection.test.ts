// The watcher collects its heap between builds (cli/idle-collection.ts): the
// collector must exist on this Node and really free what a build left behind.
import { describe, expect, it } from "vitest";
import { heapCollector } from "../../cli/idle-collection.js";

describe("heapCollector", () => {
  it("frees a dropped build's memory at once", () => {
    const collect = heapCollector();
    expect(collect).toBeTypeOf("function");
    collect!();
    const before = process.memoryUsage().heapUsed;
    // Some 40 MB of objects, promoted by a collection while still held, as an old program is.
    let held: object[] | undefined = Array.from({ length: 400_000 }, (_, i) => ({ i, name: `symbol${i}`, flags: [i] }));
    collect!();
    expect(process.memoryUsage().heapUsed - before).toBeGreaterThan(20_000_000);
    expect(held.length).toBe(400_000);
    held = undefined;
    collect!();
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(5_000_000);
  });
});
