/** @module Vitest config for mutation testing: the pure Node tests only (no workerd, no browser, no corpus-heavy runs), no widget build. */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // New pure test files are picked up by default; a test that starts a Worker or a browser, or reads a large corpus, goes below.
    include: ["test/*.test.ts"],
    exclude: [
      // workerd (scripts/shared/local-worker.ts, test/helpers/faulty-worker.ts)
      "test/api.test.ts",
      "test/entities-seeds.test.ts",
      "test/faults.test.ts",
      "test/faults-upload.test.ts",
      "test/fuzz.test.ts",
      "test/fuzz-bounds.test.ts",
      "test/fuzz-hostile-documents.test.ts",
      "test/hostile-documents.test.ts",
      "test/http.test.ts",
      "test/query-language.test.ts",
      "test/widget.test.ts",
      "test/worker.test.ts",
      // Chromium
      "test/fuzz-hostile-documents-browser.test.ts",
      // heavy: benchmark runs, Reuters and heap measurements, extraction in child processes and worker threads
      "test/bench-smoke.test.ts",
      "test/isolate-memory.test.ts",
      "test/entities-extract.test.ts",
      "test/entities-parallel.test.ts",
      // bundles the Worker, which needs the built widget (the global setup that builds it is left out here)
      "test/layout.test.ts",
    ],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
