import { defineConfig } from "vitest/config";
import SummaryReporter from "./test/helpers/summary-reporter.js";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Builds spawn TypeScript and servers: two cores, so two files at a time.
    maxWorkers: 2,
    pool: "forks",
    reporters: ["default", new SummaryReporter()],
  },
});
