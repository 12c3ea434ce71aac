/**
 * @module When our build cannot finish (at 1M articles it hits V8's string limit), the term shards it would have written,
 * made with the bundle's own pieces (FlexIndexes, exportMaps, planLayout, shardOf), and what the query set would read of them.
 * An estimate, marked as such in the report: metadata and CPU are not projected.
 */
import { readFileSync } from "node:fs";
import { exportMaps, FlexIndexes } from "../../src/build/flex-export";
import { planLayout } from "../../src/build/layout";
import { wordFrequencies } from "../../src/build/write";
import { analyze } from "../../src/format/analyzer";
import type { Slots } from "../../src/format/bundle";
import { fields } from "../../src/format/flex-config";
import { shardOf } from "../../src/format/hash";
import { readDocuments } from "../corpus/reuters";
import { type Summary, summarize } from "../lib/stats";
import type { QuerySet } from "./build";

export interface ProjectArgs {
  inputs: string[];
  queriesFile: string;
  say?: (message: string) => void;
}

export interface TermProjection {
  documents: number;
  terms: number;
  termShards: number;
  /** Bytes of each term shard, as JSON. */
  termShardBytes: Summary;
  largestShard: { shard: number; bytes: number; heaviestTerm: string; heaviestTermBytes: number };
  /** Bytes of term shards one cold query reads (its distinct shards), over the query set. */
  queryTermBytes: Summary;
  seconds: number;
}

/** Postings as the bundle stores them: the non-empty slots only. */
const sparse = (slots: Slots) => slots.flatMap((ids, slot) => (ids && ids.length > 0 ? [[slot, ids] as const] : []));

/**
 * @example
 * const projection = await projectTerms({ inputs, queriesFile });
 * projection.queryTermBytes.p99; // term bytes the 99th-percentile cold query would read
 */
export async function projectTerms(args: ProjectArgs): Promise<TermProjection> {
  const say = args.say ?? (() => {});
  const started = performance.now();
  const read = await readDocuments(args.inputs);
  // Numbered in date order, as the build does.
  const docs = read
    .map((doc, i) => ({ doc, i }))
    .sort((a, b) => ((a.doc.date ?? "") < (b.doc.date ?? "") ? -1 : (a.doc.date ?? "") > (b.doc.date ?? "") ? 1 : a.i - b.i))
    .map(({ doc }) => ({ title: doc.title, body: doc.body, entities: [] as string[] }));
  say(`Projecting term shards: indexing ${docs.length.toLocaleString("en-US")} articles`);
  const indexes = new FlexIndexes(FlexIndexes.measure(docs));
  docs.forEach((doc, i) => {
    indexes.add(i, doc);
  });
  const maps = exportMaps(indexes);
  let termBytes = 0;
  for (const entries of Object.values(maps))
    for (const [term, slots] of entries) termBytes += term.length + JSON.stringify(slots).length + 6;
  const words = wordFrequencies(read);
  const plan = planLayout({ documents: docs.length, terms: words.size, entities: 0, termBytes, docBytes: 0 }, "default");
  say(`Projecting term shards: ${plan.term} shards`);
  // Bytes of each shard's JSON, `{"title":[…],"text":[…],"entity":[…]}`, summed entry by entry.
  const shardBytes = new Array<number>(plan.term).fill(2 + fields.reduce((n, f) => n + f.length + 5, 0) - 1);
  const heaviest = new Array<[string, number]>(plan.term).fill(["", 0]);
  for (const field of fields) {
    for (const [term, slots] of maps[field]) {
      const shard = shardOf(term, plan.term);
      const size = JSON.stringify([term, sparse(slots)]).length + 1;
      shardBytes[shard] = (shardBytes[shard] ?? 0) + size;
      if (size > (heaviest[shard]?.[1] ?? 0)) heaviest[shard] = [term, size];
    }
  }
  const { measured } = JSON.parse(readFileSync(args.queriesFile, "utf8")) as QuerySet;
  const perQuery = measured.map((q) => {
    const shards = new Set(analyze(q).map((t) => shardOf(t, plan.term)));
    return [...shards].reduce((n, s) => n + (shardBytes[s] ?? 0), 0);
  });
  const largest = shardBytes.reduce((best, b, i) => (b > (shardBytes[best] ?? 0) ? i : best), 0);
  return {
    documents: docs.length,
    terms: words.size,
    termShards: plan.term,
    termShardBytes: summarize(shardBytes, 0),
    largestShard: {
      shard: largest,
      bytes: shardBytes[largest] ?? 0,
      heaviestTerm: heaviest[largest]?.[0] ?? "",
      heaviestTermBytes: heaviest[largest]?.[1] ?? 0,
    },
    queryTermBytes: summarize(perQuery, 0),
    seconds: Math.round(performance.now() - started) / 1000,
  };
}
