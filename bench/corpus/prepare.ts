/** @module The corpora of a run by name: Reuters itself, a 5k subset of it, and synthetic 100k and 1M articles, cached on disk. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pick, seeded } from "../../scripts/shared/prng";
import { readDocuments } from "./reuters";
import { sourceModel } from "./source-model";
import { syntheticCorpus } from "./synthetic";
import { writeJsonl } from "./write-jsonl";

export const sizes = ["5k", "19k", "100k", "1m"] as const;
export type SizeLabel = (typeof sizes)[number];

export interface Corpus {
  label: string;
  kind: "reuters" | "subset" | "synthetic";
  documents: number;
  /** What `buildFromInputs` reads. */
  inputs: string[];
  description: string;
}

const TARGETS: Record<Exclude<SizeLabel, "19k">, number> = { "5k": 5_000, "100k": 100_000, "1m": 1_000_000 };
/** Bumped when the generator changes, so a stale cached corpus is never reused. */
const GENERATOR_VERSION = 1;

interface Marker {
  version: number;
  seed: number;
  count: number;
  files: string[];
}

/** Reuses a cached corpus when its marker says it was made the same way. */
async function cached(dir: string, seed: number, count: number, make: () => Promise<string[]>): Promise<string[]> {
  const markerFile = join(dir, "done.json");
  if (existsSync(markerFile)) {
    const marker = JSON.parse(readFileSync(markerFile, "utf8")) as Marker;
    if (marker.version === GENERATOR_VERSION && marker.seed === seed && marker.count === count && marker.files.every(existsSync))
      return marker.files;
  }
  const files = await make();
  writeFileSync(markerFile, JSON.stringify({ version: GENERATOR_VERSION, seed, count, files } satisfies Marker));
  return files;
}

/**
 * A synthetic corpus of `count` articles made from `base`, written as JSONL parts under `dir`.
 * @example
 * const corpus = await syntheticFrom(reutersDocs, 100_000, "/tmp/bench/corpus-100k", 1);
 */
export async function syntheticFrom(
  base: Awaited<ReturnType<typeof readDocuments>>,
  count: number,
  dir: string,
  seed: number,
  say: (m: string) => void = () => {},
): Promise<Corpus> {
  const inputs = await cached(dir, seed, count, () => {
    say(`Generating ${count.toLocaleString("en-US")} synthetic articles into ${dir}`);
    return writeJsonl(syntheticCorpus(sourceModel(base), count, seed), dir, (n) => {
      if (n % 100_000 === 0) say(`  generated ${n.toLocaleString("en-US")}`);
    });
  });
  return {
    label: count >= 1_000_000 ? `${count / 1_000_000}m` : count >= 1000 ? `${Math.round(count / 1000)}k` : String(count),
    kind: "synthetic",
    documents: count,
    inputs,
    description: `${count.toLocaleString("en-US")} synthetic articles from the sentences of ${base.length.toLocaleString("en-US")} source articles (seed ${seed})`,
  };
}

/**
 * The corpus of a size label, generated into `cacheDir` the first time.
 * @example
 * const corpus = await prepareCorpus("100k", { reuters: reutersPath(), cacheDir: "/tmp/edge-search-bench", seed: 1 });
 */
export async function prepareCorpus(
  label: SizeLabel,
  options: { reuters: string; cacheDir: string; seed: number; say?: (m: string) => void },
): Promise<Corpus> {
  const { reuters, cacheDir, seed } = options;
  if (label === "19k") {
    return { label, kind: "reuters", documents: 19_043, inputs: [reuters], description: "Reuters-21578, every article (19,043)" };
  }
  const base = await readDocuments([reuters]);
  const count = TARGETS[label];
  if (label === "5k") {
    const dir = join(cacheDir, `corpus-5k-s${seed}`);
    const inputs = await cached(dir, seed, count, () => {
      const random = seeded(seed);
      const chosen = new Set<number>();
      while (chosen.size < Math.min(count, base.length)) chosen.add(pick(random, base.length));
      const records = [...chosen]
        .sort((a, b) => a - b)
        .map((i) => base[i])
        .map((d) => d && { ...d.meta, id: d.id, title: d.title, body: d.body, ...(d.date ? { date: d.date } : {}) });
      return writeJsonl(records, dir);
    });
    return {
      label,
      kind: "subset",
      documents: count,
      inputs,
      description: `a seeded sample of 5,000 Reuters-21578 articles (seed ${seed})`,
    };
  }
  const corpus = await syntheticFrom(base, count, join(cacheDir, `corpus-${label}-s${seed}`), seed, options.say);
  return { ...corpus, label };
}
