/** @module Entity extraction on worker threads: the same index as one thread, with progress along the way. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { extractDocument } from "../src/build/entities/document";
import { buildEntities, type EntityDocument, type RegistryEntry } from "../src/build/entities/merge";
import { buildEntitiesParallel, defaultThreads, extractParallel } from "../src/build/entities/parallel";

const fixture = (name: string) => readFileSync(new URL(`fixtures/entities/${name}`, import.meta.url), "utf8");
const registry = JSON.parse(fixture("registry.json")) as RegistryEntry[];
const corpus: EntityDocument[] = [
  { id: "000_956f74d6789d3da8", title: "", body: fixture("000_956f74d6789d3da8.txt"), date: "2021-08-12" },
  {
    id: "004_7eada462969b83a1",
    title: "Kirby Says Troops Will Reach Kabul",
    body: fixture("004_7eada462969b83a1.txt"),
    date: "2021-08-13",
  },
  { id: "c", title: "", body: "Leicestershire beat Somerset by an innings. The batsman and the bowler starred in the championship match." },
  {
    id: "d",
    title: "Pirelli shares rise",
    body: "Italian tyre giant Pirelli said on Friday it would invest in China. Pirelli shares rose.",
  },
  { id: "e", title: "", body: "Prime Minister Boris Johnson spoke. Johnson left for Brussels, where NATO and the EU met." },
];

describe("buildEntitiesParallel", () => {
  it("gives exactly the index buildEntities gives, when forced onto two workers in small batches", async () => {
    const parallel = await buildEntitiesParallel(corpus, registry, { threshold: 0, threads: 2, mainThread: false, batchSize: 2 });
    expect(JSON.stringify(parallel)).toBe(JSON.stringify(buildEntities(corpus, registry)));
  });

  it("gives the same index when the main thread and a worker share the batches", async () => {
    const parallel = await buildEntitiesParallel(corpus, registry, { threshold: 0, threads: 2, batchSize: 1 });
    expect(JSON.stringify(parallel)).toBe(JSON.stringify(buildEntities(corpus, registry)));
  });

  it("lets the main thread do other work first while a worker extracts, then share the rest; the same names", async () => {
    const many = Array.from({ length: 8 }, () => corpus).flat();
    let during = 0;
    let turns = 0;
    let done = 0;
    const extracted = await extractParallel(many, {
      threshold: 0,
      threads: 2,
      batchSize: 2,
      onProgress: (n) => {
        done = n;
      },
      // Other work that gives the event loop a turn until the worker has extracted something (or a few seconds).
      meanwhile: async () => {
        const until = Date.now() + 20_000;
        while (done === 0 && Date.now() < until) {
          turns++;
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        during = done;
      },
    });
    expect(turns).toBeGreaterThan(0);
    // The worker was fed and answered while the main thread was busy elsewhere.
    expect(during).toBeGreaterThan(0);
    expect(during).toBeLessThan(many.length + 1);
    expect(JSON.stringify(extracted)).toBe(JSON.stringify(many.map(extractDocument)));
    // Below the threshold, the other work runs first and then the main thread extracts alone.
    const order: string[] = [];
    const alone = await extractParallel(corpus, {
      onProgress: () => order.push("extract"),
      meanwhile: async () => {
        order.push("meanwhile");
      },
    });
    expect(order[0]).toBe("meanwhile");
    expect(JSON.stringify(alone)).toBe(JSON.stringify(corpus.map(extractDocument)));
  });

  it("reports progress per batch from the workers, and up to the total on the main thread", async () => {
    const seen: number[] = [];
    await buildEntitiesParallel(corpus, [], {
      threshold: 0,
      threads: 2,
      mainThread: false,
      batchSize: 2,
      onProgress: (done, total) => seen.push(done / total),
    });
    // One report per batch of two (in whatever order the workers finish), so the workers did the extracting.
    expect(seen).toHaveLength(3);
    expect([0.2, 0.4]).toContain(seen[0]);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe(1);
    const single: number[] = [];
    await buildEntitiesParallel(corpus, [], { onProgress: (done, total) => single.push(done / total) });
    expect(single).toEqual([0, 1]);
  });

  it("takes by default every core for a large corpus, and for a smaller one the cores the load average leaves free", () => {
    expect(defaultThreads(3000, 2, 0.2)).toBe(2);
    expect(defaultThreads(3000, 2, 1.6)).toBe(1);
    expect(defaultThreads(3000, 8, 3)).toBe(6);
    expect(defaultThreads(3000, 2, 9)).toBe(1);
    expect(defaultThreads(19_000, 2, 9)).toBe(2);
  });

  it("extracts small corpora on the main thread", async () => {
    const small = await buildEntitiesParallel(corpus.slice(0, 2), [], { threads: 2 });
    expect(small).toEqual(buildEntities(corpus.slice(0, 2)));
  });
});
