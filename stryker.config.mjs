/** @module Mutation testing of the pure core (`npm run mutate`): the pure Node tests of vitest.mutate.config.mts against search, the bundle contract, the KV cache and ingest. */
// @ts-check
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutate.config.mts" },
  coverageAnalysis: "perTest",
  mutate: [
    // The pure core the Node tests reach: the search engine, the bundle contract (codecs, reader, analyzer), the KV
    // cache and the ingest of documents. Code that runs only in workerd is covered by the workerd tests instead.
    "src/search/**/*.ts",
    "src/format/**/*.ts",
    "src/kv/**/*.ts",
    "src/build/ingest/**/*.ts",
  ],
  // Mutants of module-level constants would need every test rerun in a fresh module graph; they are left out and reported as ignored.
  ignoreStatic: true,
  concurrency: 2,
  timeoutMS: 10_000,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  clearTextReporter: { allowColor: false, logTests: false },
  tempDirName: ".stryker-tmp",
  cleanTempDir: true,
  ignorePatterns: ["dist", ".wrangler", "reports", "bench/results"],
};
