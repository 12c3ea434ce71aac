/** @module What an entity page reads cold: its record, its postings and the metadata of its recent documents, no facet sample. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildFromInputs } from "../src/build/pipeline";
import { bundleKey } from "../src/format/bundle";
import { startFaultyWorker } from "./helpers/faulty-worker";

describe("an entity page", () => {
  it("reads the metadata of its recent documents only, not the best 20's", async () => {
    // 40 articles naming Kabul, one a day: numbered by date, 4 to a metadata bucket; the newest 10 are in buckets 7–9.
    const dir = mkdtempSync(join(tmpdir(), "entity-reads-"));
    const lines = Array.from({ length: 40 }, (_, i) =>
      JSON.stringify({
        id: `k${i}`,
        title: `Report ${i} from the capital`,
        body: `Officials in Kabul said on day ${i} that the roads were open again.`,
        date: new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10),
      }),
    );
    writeFileSync(join(dir, "news.jsonl"), `${lines.join("\n")}\n`);
    const { bundle } = await buildFromInputs([dir], { builtAt: "2026-01-01T00:00:00.000Z" });
    expect(bundle.manifest.layout.metaSize).toBe(4);
    const w = await startFaultyWorker();
    try {
      await w.load(bundle);
      // The buckets of the 11th to 20th newest: a facet sample would read them, the page shows none of them.
      for (const bucket of [5, 6]) await w.fault("missing", bundleKey(bundle.manifest.version, "meta", bucket));
      const { status, body } = await w.json("/entities/kabul");
      expect(status).toBe(200);
      expect(body.recent.map((d: { id: string }) => d.id)).toEqual(Array.from({ length: 10 }, (_, i) => `k${39 - i}`));
    } finally {
      await w.dispose();
    }
  });
});
