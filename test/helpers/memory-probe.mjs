// Test-only preload (node --expose-gc --import): on SIGUSR2 the server
// collects garbage and prints its heap size on stderr, so a test can watch
// memory from outside without the runtime carrying a debug hook.
process.on("SIGUSR2", () => {
  globalThis.gc?.();
  globalThis.gc?.();
  process.stderr.write(`memory-probe: heapUsed=${process.memoryUsage().heapUsed}\n`);
});
