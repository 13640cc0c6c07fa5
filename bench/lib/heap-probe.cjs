// Preloaded into every runtime contender alike (node --expose-gc -r): on
// SIGUSR2 it forces a full garbage collection and reports the live heap on
// stderr, so the harness can tell retained memory from garbage not yet
// collected.
process.on("SIGUSR2", () => {
  global.gc();
  global.gc();
  process.stderr.write(`\nheap-probe ${process.memoryUsage().heapUsed}\n`);
});
