/** @module `npm run eval:entities`: mention P/R/F1 of the entity extractor on CoNLL-2003 (all sentences and prose only), written to docs/benchmarks.md. */
import { existsSync, readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { extractMentions } from "../src/entities/extract";
import { fail, progress, say } from "./lib/cli";
import { CONLL_TYPES, type ConllType, parseConll, sentenceAt } from "./lib/conll";
import { timeEntities } from "./lib/entity-speed";
import { updateSection } from "./lib/markdown";
import { type Counts, prf, scoreMentions, type Tally } from "./lib/mention-score";

const usage = "Usage: npm run eval:entities -- [--corpus FILE] [--speed JSONL] [--no-speed] [--report FILE] [--no-report] [--errors N]";
const { values: args } = parseArgs({
  options: {
    corpus: { type: "string", default: "../shared/corpora/conll2003/eng.testa" },
    speed: { type: "string", default: "../shared/corpora/reuters21578.jsonl" },
    "no-speed": { type: "boolean", default: false },
    report: { type: "string", default: "docs/benchmarks.md" },
    "no-report": { type: "boolean", default: false },
    errors: { type: "string", default: "0" },
    help: { type: "boolean", default: false },
  },
});
if (args.help) {
  say(usage);
  process.exit(0);
}
if (!existsSync(args.corpus)) {
  say(`Skipping the entity evaluation: ${args.corpus} is absent (CoNLL-2003 ships in ../shared/corpora; pass --corpus FILE).`);
  process.exit(0);
}
const showErrors = Number(args.errors);
if (!Number.isInteger(showErrors) || showErrors < 0) fail(`--errors must be a whole number, not "${args.errors}".\n${usage}`);

const byType = Object.fromEntries(Object.entries(CONLL_TYPES).map(([conll, ours]) => [ours, conll])) as Record<string, ConllType>;
const docs = parseConll(readFileSync(args.corpus, "utf8"));
const sentences = docs.reduce((n, d) => n + d.sentences.length, 0);
const proseSentences = docs.reduce((n, d) => n + d.sentences.filter((s) => s.prose).length, 0);
if (sentences === 0) fail(`${args.corpus}: no sentences found; is it a CoNLL-2003 file (word POS chunk tag per line)?`);
say(`Extracting entities from ${docs.length} documents (${sentences} sentences, ${proseSentences} prose) of ${args.corpus}`);

const all: Tally = new Map();
const prose: Tally = new Map();
const errors = new Map<string, number>();
let seconds = 0;
for (const [i, doc] of docs.entries()) {
  const started = performance.now();
  const mentions = extractMentions(doc.text);
  seconds += (performance.now() - started) / 1000;
  const predicted = mentions.map((m) => ({ ...m, type: byType[m.type] ?? m.type, sentence: sentenceAt(doc, m.start) }));
  const { missed, wrong } = scoreMentions(all, doc.gold, predicted);
  const isProse = (m: { sentence: number }) => doc.sentences[m.sentence]?.prose === true;
  scoreMentions(prose, doc.gold.filter(isProse), predicted.filter(isProse));
  if (showErrors > 0) {
    for (const [kind, list] of [
      ["missed", missed],
      ["wrong", wrong],
    ] as const) {
      for (const m of list) {
        const key = `${kind} ${m.type} ${doc.text.slice(m.start, m.end)}${isProse(m) ? "" : " (not prose)"}`;
        errors.set(key, (errors.get(key) ?? 0) + 1);
      }
    }
  }
  progress("documents", i + 1, docs.length);
}

const pct = (x: number) => (100 * x).toFixed(1);
const cells = (counts: Counts | undefined) => {
  const { p, r, f1 } = prf(counts ?? { tp: 0, fp: 0, fn: 0 });
  return [pct(p), pct(r), `**${pct(f1)}**`];
};
const gold = (tally: Tally, type: string) => {
  const c = tally.get(type);
  return c ? c.tp + c.fn : 0;
};
const rows = [...Object.keys(CONLL_TYPES), "all"].map((type) =>
  [
    type === "all" ? "overall" : type,
    ...cells(all.get(type)),
    String(gold(all, type)),
    ...cells(prose.get(type)),
    String(gold(prose, type)),
  ].join(" | "),
);
const table = [
  "| type | P | R | F1 | gold | prose P | prose R | prose F1 | prose gold |",
  "|---|---|---|---|---|---|---|---|---|",
  ...rows.map((row) => `| ${row} |`),
].join("\n");
const rate = Math.round(docs.length / seconds);
say(`\n${table}\n`);
say(`Extraction: ${seconds.toFixed(1)} s, ${rate} documents/s on one thread.`);
if (showErrors > 0) {
  const top = [...errors].sort((a, b) => b[1] - a[1]).slice(0, showErrors);
  say(top.map(([error, n]) => `${String(n).padStart(4)} ${error}`).join("\n"));
}

let speedLine = "";
if (!args["no-speed"] && existsSync(args.speed)) {
  say(`Timing the build's entity step on ${args.speed}`);
  const { documents, seconds, workers } = await timeEntities(args.speed, (n, total) => progress("documents", n, total));
  const perSecond = Math.round(documents / seconds).toLocaleString("en-US");
  speedLine = `The build's entity step (extraction on ${workers} worker threads, then merging) took ${seconds.toFixed(1)} s for the ${documents.toLocaleString("en-US")} documents of \`${args.speed}\`: ${perSecond} documents/s.`;
  say(speedLine);
} else if (!args["no-speed"]) say(`Skipping the speed run: ${args.speed} is absent (pass --speed FILE.jsonl).`);

if (!args["no-report"]) {
  const section = `## Entity extraction (CoNLL-2003 dev set)

Mention precision, recall and F1 in percent, exact span and type (PER, ORG, LOC; MISC left out), on ${docs.length} documents
(${sentences.toLocaleString("en-US")} sentences) of \`${args.corpus}\`, each fed to \`extractMentions\` as its sentences joined by
newlines. "Prose" is the ${proseSentences.toLocaleString("en-US")} sentences of at least 10 tokens that end with "." or a quote, with fewer
than 30% of their alphabetic tokens in capitals and fewer than 20% of their tokens holding a digit (no headlines, datelines or
results tables). Targets: 85 on prose, 80 overall.

${table}

Extraction took ${seconds.toFixed(1)} s on one thread (${rate} documents/s). ${speedLine} Timings are noisy on a shared machine:
the load average was ${loadavg()[0]?.toFixed(1)} at the end of this run.
Machine: ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version}.

Reproduce: \`npm run eval:entities -- --corpus ${args.corpus}\``;
  await updateSection(args.report, "entities", section);
  say(`✔ Wrote the figures to ${args.report}`);
}
