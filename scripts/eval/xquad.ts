/**
 * @module `npm run eval:xquad`: search in other languages and scripts. Every `<lang>-corpus.jsonl` of a folder of
 * BEIR-form corpora (XQuAD as paragraph retrieval: `../shared/corpora/xquad/`) built into a bundle and searched with
 * its `<lang>-queries.jsonl`, scored against `<lang>-qrels.tsv`; one line a language, and the table in the report.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCli, say } from "../shared/cli";
import { updateSection } from "../shared/markdown";
import { evaluate, parseQrels } from "./metrics";
import { rankWithEngine, readQueries } from "./rank";

const { values: args } = parseCli({
  options: {
    dir: { type: "string", default: "../shared/corpora/xquad" },
    report: { type: "string", default: "docs/benchmarks.md" },
    lang: { type: "string", multiple: true },
  },
});
if (!existsSync(args.dir)) {
  say(`Skipping the evaluation: ${args.dir} is absent (it ships in ../shared/corpora).`);
  process.exit(0);
}
const languages = readdirSync(args.dir)
  .filter((name) => name.endsWith("-corpus.jsonl"))
  .map((name) => name.slice(0, -"-corpus.jsonl".length))
  .filter((lang) => !args.lang?.length || args.lang.includes(lang))
  .sort();

const f = (n: number) => n.toFixed(3);
const rows: string[] = [];
for (const lang of languages) {
  const queries = readQueries(join(args.dir, `${lang}-queries.jsonl`));
  const qrels = parseQrels(readFileSync(join(args.dir, `${lang}-qrels.tsv`), "utf8"));
  const { ranked, read, refused } = await rankWithEngine(join(args.dir, `${lang}-corpus.jsonl`), queries);
  const m = evaluate(ranked, qrels);
  const refusals = [...refused].map(([code, n]) => `${n} ${code}`).join(", ") || "none";
  say(`  ${lang}: nDCG@10 ${f(m.ndcg10)}, MRR@10 ${f(m.mrr10)}, Recall@100 ${f(m.recall100)} (${m.queries} queries; refused: ${refusals})`);
  rows.push(`| ${lang} | ${read.documents.length} | ${m.queries} | ${f(m.ndcg10)} | ${f(m.mrr10)} | ${f(m.recall100)} | ${refusals} |`);
}

const section = `## Languages (XQuAD)

| language | paragraphs | judged queries | nDCG@10 | MRR@10 | Recall@100 | queries refused |
|---|---|---|---|---|---|---|
${rows.join("\n")}

Each language's paragraphs built into a bundle (no entities) and its questions searched as whole queries through the
same search code the Worker runs; a refused query (over 32 index terms, \`query_too_complex\`) counts as finding nothing.

Reproduce: \`npm run eval:xquad -- --dir ${args.dir}\``;
await updateSection(args.report, "xquad", section);
say(`✔ Wrote the table to ${args.report}`);
