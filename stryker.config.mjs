/** @module Mutation testing of the pure core (`npm run mutate`): the pure Node tests of vitest.mutate.config.mts against the search, the format (the contract), the KV cache, ingest and the FlexSearch export. */
// @ts-check
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutate.config.mts" },
  coverageAnalysis: "perTest",
  mutate: ["src/search/**/*.ts", "src/format/**/*.ts", "src/kv/**/*.ts", "src/build/ingest/**/*.ts", "src/build/flex-export.ts"],
  // Mutants of module-level constants would need every test rerun in a fresh module graph; they are left out and reported as ignored.
  ignoreStatic: true,
  concurrency: 2,
  timeoutMS: 10_000,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  // The score table only: the mutants no test caught are listed by `npm run mutate:summary` in reports/mutation/survivors.md.
  clearTextReporter: { allowColor: false, reportMutants: false, reportTests: false },
  // A rerun retests only the mutants whose code or covering tests changed since the last run.
  incremental: true,
  incrementalFile: "reports/stryker-incremental.json",
  tempDirName: ".stryker-tmp",
  cleanTempDir: true,
  ignorePatterns: ["dist", ".wrangler", "reports", "bench/results", ".stryker-tmp*"],
};
