/** @module `npm run eval`: builds a bundle from a BEIR corpus and scores our ranking and FlexSearch's default one on judged queries. */
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { Index } from "flexsearch";
import { fileKvSource, writeBundle } from "../../src/build/bundle-files";
import { buildFromInputs } from "../../src/build/pipeline";
import { updateArchive } from "../../src/build/update";
import { HEAD_POSTINGS } from "../../src/format/bundle";
import { fail, parseCli, say } from "../shared/cli";
import { updateSection } from "../shared/markdown";
import { evaluate, type Metrics, parseQrels } from "./metrics";
import { rankOver, rankWithEngine, readQueries } from "./rank";

const { values: args } = parseCli({
  options: {
    corpus: { type: "string", default: "../shared/corpora/scifact/corpus.jsonl" },
    queries: { type: "string", default: "../shared/corpora/scifact/queries-train.jsonl" },
    qrels: { type: "string", default: "../shared/corpora/scifact/qrels/train.tsv" },
    report: { type: "string", default: "docs/benchmarks.md" },
    // Shorter heads than the default, to see what ranking from champion lists costs where lists are long.
    heads: { type: "string", default: "256" },
    // A base and this many deltas: the last 10% of the corpus added in as many updates (`npm run build -- --update`).
    deltas: { type: "string", default: "0" },
  },
});
const deltas = Number(args.deltas);
if (!Number.isInteger(deltas) || deltas < 0 || deltas > 64) fail(`--deltas must be a whole number from 0 to 64, not "${args.deltas}".`);
for (const path of [args.corpus, args.queries, args.qrels]) {
  if (!existsSync(path)) {
    say(`Skipping the evaluation: ${path} is absent (it ships in ../shared/corpora).`);
    process.exit(0);
  }
}

const queries = readQueries(args.queries);
const qrels = parseQrels(readFileSync(args.qrels, "utf8"));

/** Builds a bundle (`head`: postings a term keeps in its shard) and ranks every query with our engine. */
const rankOurs = (head?: number) => rankWithEngine(args.corpus, queries, head, say);

const { ranked: ours, read, tails: defaultTails } = await rankOurs();
const shorter: [string, Metrics][] = [];
for (const head of (args.heads ?? "").split(",").filter(Boolean).map(Number)) {
  const { ranked, tails } = await rankOurs(head);
  shorter.push([
    `edge-search, heads of ${head} postings (${tails.toLocaleString("en-US")} tail chunks unread unless filtered)`,
    evaluate(ranked, qrels),
  ]);
}

say("Ranking them with FlexSearch's default index (title and text, default options, suggest on)");
const flex = new Index();
for (const [i, doc] of read.documents.entries()) flex.add(i, `${doc.title}\n${doc.body}`);
const baseline = new Map<string, string[]>();
for (const q of queries) {
  const ids = flex.search(q.text, { limit: 100, suggest: true }) as number[];
  baseline.set(
    q._id,
    ids.map((i) => read.documents[i]?.id ?? ""),
  );
}

const results: [string, Metrics][] = [
  ["FlexSearch default ranking", evaluate(baseline, qrels)],
  ["edge-search (BM25 weights in shards, stemming, proximity rerank)", evaluate(ours, qrels)],
  ...shorter,
];
if (deltas > 0) {
  const ranked = await rankWithDeltas(args.corpus, deltas);
  results.push([
    `edge-search, a base and ${deltas} deltas (the last 10% of the documents added in ${deltas} updates)`,
    evaluate(ranked, qrels),
  ]);
}

/**
 * The corpus as an archive updated `n` times: a base of its first 90% of records, then `n` updates of the rest, in
 * order; every query ranked over the base and its deltas.
 */
async function rankWithDeltas(corpus: string, n: number): Promise<Map<string, string[]>> {
  const dir = await mkdtemp(join(tmpdir(), "eval-deltas-"));
  try {
    const lines = readFileSync(corpus, "utf8")
      .split("\n")
      .filter((l) => l.trim());
    const baseCount = Math.round(lines.length * 0.9);
    const per = Math.ceil((lines.length - baseCount) / n);
    await writeFile(join(dir, "base.jsonl"), `${lines.slice(0, baseCount).join("\n")}\n`);
    say(`Building a base of ${baseCount.toLocaleString("en-US")} documents and ${n} updates of ${per.toLocaleString("en-US")}`);
    const { bundle } = await buildFromInputs([join(dir, "base.jsonl")], { entities: false, builtAt: "eval" });
    await writeBundle(bundle, join(dir, "bundle"));
    for (let k = 0; k < n; k++) {
      const part = lines.slice(baseCount + k * per, baseCount + (k + 1) * per);
      if (part.length === 0) break;
      await writeFile(join(dir, "update.jsonl"), `${part.join("\n")}\n`);
      await updateArchive(join(dir, "bundle"), [join(dir, "update.jsonl")], { entities: false, builtAt: "eval" });
    }
    return (await rankOver(await fileKvSource(join(dir, "bundle")), queries, say)).ranked;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
const f = (n: number) => n.toFixed(3);
const table = [
  "| ranking | nDCG@10 | Recall@100 | MRR@10 |",
  "|---|---|---|---|",
  ...results.map(([name, m]) => `| ${name} | ${f(m.ndcg10)} | ${f(m.recall100)} | ${f(m.mrr10)} |`),
  "| BM25 k1=0.9 b=0.4, Anserini flat index (published anchor) | 0.679 | | |",
].join("\n");
for (const [name, m] of results)
  say(`  ${name}: nDCG@10 ${f(m.ndcg10)}, Recall@100 ${f(m.recall100)}, MRR@10 ${f(m.mrr10)} (${m.queries} judged queries)`);

const section = `## Ranking (SciFact)

${table}

${results[0]?.[1].queries} judged queries of \`${args.queries}\` over ${read.documents.length.toLocaleString("en-US")} documents of \`${args.corpus}\`,
through the same search code the Worker runs. Machine: ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version}.

Heads: a term keeps its best ${HEAD_POSTINGS.toLocaleString("en-US")} postings per field in its shard and the rest in tail chunks
(${defaultTails.toLocaleString("en-US")} here, read only for filters, date order and exclusions); shorter heads show what ranking from
the best postings alone costs where lists are much longer than their heads, as the frequent words of a million-article corpus are.

Reproduce: \`npm run eval -- --corpus ${args.corpus} --queries ${args.queries} --qrels ${args.qrels} --heads ${args.heads}${deltas ? ` --deltas ${deltas}` : ""}\``;
await updateSection(args.report, "eval", section);
say(`✔ Wrote the figures to ${args.report}`);
if (!results[1]) fail("no results");
