/**
 * @module `npm run bench:entities`: mention P/R/F1 of the entity extractor on a CoNLL-2003 file, its speed on Reuters
 * (one thread, two, and as the build runs it), and how the merged records cover Reuters' own tags; written to
 * docs/benchmarks.md.
 */
import { existsSync, readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { extractMentions } from "../../src/build/entities/extract";
import { extractCorpus } from "../extract/extract-mentions";
import { fail, parseCli, progress, say } from "../shared/cli";
import { updateSection } from "../shared/markdown";
import { CONLL_TYPES, parseConll } from "./conll";
import { scoreConll } from "./entity-eval";
import { type EntitySpeed, readCorpus, timeEntities } from "./entity-speed";
import { type Counts, prf, type Tally } from "./mention-score";
import { DEFAULT_FIXTURE, reutersResolution } from "./reuters-resolution";

const usage = `Usage: npm run bench:entities -- [--corpus FILE] [--speed JSONL] [--speed-docs N] [--no-speed] [--no-resolution]
                              [--report FILE] [--no-report] [--errors N]
  --corpus FILE    CoNLL-2003 file to score (default: the dev set, eng.testa)
  --speed JSONL    corpus to time and to score resolution on (default: Reuters-21578)
  --speed-docs N   time the first N documents of the speed corpus (default 0: all of them)
  --no-resolution  skip the Reuters resolution figures (a build of all of Reuters' entities on one thread)`;
const { values: args } = parseCli(
  {
    options: {
      corpus: { type: "string", default: "../shared/corpora/conll2003/eng.testa" },
      speed: { type: "string", default: "../shared/corpora/reuters21578.jsonl" },
      "speed-docs": { type: "string", default: "0" },
      "no-speed": { type: "boolean", default: false },
      "no-resolution": { type: "boolean", default: false },
      fixture: { type: "string", default: DEFAULT_FIXTURE },
      report: { type: "string", default: "docs/benchmarks.md" },
      "no-report": { type: "boolean", default: false },
      errors: { type: "string", default: "0" },
    },
  },
  usage,
);
if (!existsSync(args.corpus)) {
  say(`Skipping the entity evaluation: ${args.corpus} is absent (CoNLL-2003 ships in ../shared/corpora; pass --corpus FILE).`);
  process.exit(0);
}
const showErrors = Number(args.errors);
if (!Number.isInteger(showErrors) || showErrors < 0) fail(`--errors must be a whole number, not "${args.errors}".\n${usage}`);
const speedDocs = Number(args["speed-docs"]);
if (!Number.isInteger(speedDocs) || speedDocs < 0) fail(`--speed-docs must be a whole number, not "${args["speed-docs"]}".\n${usage}`);

const docs = parseConll(readFileSync(args.corpus, "utf8"));
const sentences = docs.reduce((n, d) => n + d.sentences.length, 0);
const proseSentences = docs.reduce((n, d) => n + d.sentences.filter((s) => s.prose).length, 0);
if (sentences === 0) fail(`${args.corpus}: no sentences found; is it a CoNLL-2003 file (word POS chunk tag per line)?`);
say(`Extracting entities from ${docs.length} documents (${sentences} sentences, ${proseSentences} prose) of ${args.corpus}`);

let seconds = 0;
const predictions = docs.map((doc, i) => {
  const started = performance.now();
  const mentions = extractMentions(doc.text);
  seconds += (performance.now() - started) / 1000;
  progress("documents", i + 1, docs.length);
  return mentions;
});
const scores = scoreConll(docs, predictions);
say("Again through `npm run extract`'s path: the whole file as one corpus, mentions merged into entities");
const contract = scoreConll(
  docs,
  (
    await extractCorpus(
      docs.map((doc, i) => ({ id: i, body: doc.text })),
      [],
      { threads: 1 },
    )
  ).map((d) => d.mentions),
);

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
    ...cells(scores.all.get(type)),
    String(gold(scores.all, type)),
    ...cells(scores.prose.get(type)),
    String(gold(scores.prose, type)),
  ].join(" | "),
);
const table = [
  "| type | P | R | F1 | gold | prose P | prose R | prose F1 | prose gold |",
  "|---|---|---|---|---|---|---|---|---|",
  ...rows.map((row) => `| ${row} |`),
].join("\n");
const half = Math.ceil(docs.length / 2);
const overall = (label: string, s: { all: Tally; prose: Tally }) =>
  `| ${label} | ${cells(s.all.get("all")).join(" | ")} | ${cells(s.prose.get("all")).join(" | ")} |`;
const paths = [
  "| scored | P | R | F1 | prose P | prose R | prose F1 |",
  "|---|---|---|---|---|---|---|",
  overall("`extractMentions`, a document at a time (the table above)", scores),
  overall("`npm run extract`: the whole file merged as one corpus", contract),
  overall(`even documents (0, 2, 4, …; ${half})`, scores.halves.even),
  overall(`odd documents (1, 3, 5, …; ${docs.length - half})`, scores.halves.odd),
].join("\n");
const rate = Math.round(docs.length / seconds);
say(`\n${table}\n\n${paths}\n`);
say(`Extraction: ${seconds.toFixed(1)} s, ${rate} documents/s on one thread.`);
if (showErrors > 0) {
  const top = [...scores.errors].sort((a, b) => b[1] - a[1]).slice(0, showErrors);
  say(top.map(([error, n]) => `${String(n).padStart(4)} ${error}`).join("\n"));
}

const speedLines: string[] = [];
if (!args["no-speed"] && existsSync(args.speed)) {
  const corpus = readCorpus(args.speed, speedDocs);
  const what = `${speedDocs > 0 && corpus.length === speedDocs ? "the first " : ""}${corpus.length.toLocaleString("en-US")} documents of \`${args.speed}\``;
  const describe = (label: string, s: EntitySpeed) =>
    `${label}: ${s.seconds.toFixed(1)} s, **${Math.round(s.documents / s.seconds).toLocaleString("en-US")} documents/s** ` +
    `(${s.cpuSeconds.toFixed(1)} CPU-seconds, ${(s.cpuSeconds / s.seconds).toFixed(2)} cores busy on average; load average ${s.load[0].toFixed(2)} → ${s.load[1].toFixed(2)})`;
  const runs: [label: string, options: { threads?: number; merge?: boolean }][] = [
    ["- one thread, extraction only", { threads: 1 }],
    ["- two threads (the main thread and a worker), extraction only", { threads: 2 }],
    ["- the build's step as it would run now (`defaultThreads`, then merging)", { merge: true }],
  ];
  for (const [label, options] of runs) {
    say(`Timing ${label.slice(2)} on ${what}`);
    const speed = await timeEntities(corpus, { ...options, onProgress: (n, total) => progress("documents", n, total) });
    speedLines.push(describe(options.threads ? label : `${label}, ${speed.threads} thread${speed.threads > 1 ? "s" : ""}`, speed));
    say(speedLines.at(-1) as string);
  }
  speedLines.unshift(`On ${what}:`);
} else if (!args["no-speed"]) say(`Skipping the speed run: ${args.speed} is absent (pass --speed FILE.jsonl).`);

let resolution = "";
if (!args["no-resolution"] && existsSync(args.speed) && existsSync(args.fixture)) {
  say(`Building the entities of ${args.speed} on one thread to score them against its own tags (${args.fixture})`);
  const report = await reutersResolution(args.speed, args.fixture);
  resolution = report.markdown;
  say(`\n${resolution}\n`);
} else if (!args["no-resolution"]) say(`Skipping the resolution figures: ${args.speed} or ${args.fixture} is absent.`);

/** The resolution figures the report already holds: kept when this run skips them (`--no-resolution`). */
function earlierResolution(file: string): string {
  if (!existsSync(file)) return "";
  // The figures without the line an earlier run of this kind added after them, which is added once again below.
  const found = /\n### Resolution on Reuters-21578\n[\s\S]*?(?=(?:\n\(Resolution figures from an earlier run[^\n]*\n)?\nMachine: )/.exec(
    readFileSync(file, "utf8"),
  );
  return found
    ? `${found[0].trimEnd()}\n\n(Resolution figures from an earlier run: \`npm run bench:entities\` without \`--no-resolution\` measures them again.)\n`
    : "";
}

if (!args["no-report"]) {
  const kept = resolution ? "" : earlierResolution(args.report);
  const section = `## Entity extraction (CoNLL-2003)

Mention precision, recall and F1 in percent, exact span and type (PER, ORG, LOC; MISC left out), on ${docs.length} documents
(${sentences.toLocaleString("en-US")} sentences) of \`${args.corpus}\`, each fed to \`extractMentions\` as its sentences joined by
newlines. "Prose" is the ${proseSentences.toLocaleString("en-US")} sentences of at least 10 tokens that end with "." or a quote, with fewer
than 30% of their alphabetic tokens in capitals and fewer than 20% of their tokens holding a digit (no headlines, datelines or
results tables). The tagger is trained on CoNLL-2003's training set (\`npm run train:entities\`); its features, passes and the
rules after it were chosen looking at the dev set (eng.testa), so figures on the dev set are not held out: the target (88 overall
and on prose) is for text the model and rules never saw.

${table}

Overall figures by path and by half of the file: the halves show how much the figures move from one set of documents to another.

${paths}

Extraction took ${seconds.toFixed(1)} s on one thread (${rate} documents/s). Timings are noisy on a shared machine (the load
average was ${loadavg()[0]?.toFixed(2)} at the end of this run), and Linux shares the CPU between sessions, not threads: while
other sessions keep the cores busy, a second thread of ours gets only the CPU they leave idle, and costs CPU time of its own
(to start, load the model and warm up): so on a corpus under 10,000 documents the build starts workers only for the cores the
load average leaves free, and on a larger one for every core.
${speedLines.join("\n")}
${resolution ? `\n### Resolution on Reuters-21578\n\nThe records the build makes from \`${args.speed}\`, scored against the corpus's own document tags (codes mapped to records by\nhand once in \`${args.fixture}\`):\n\n${resolution}\n` : kept}
Machine: ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version}.

Reproduce: \`npm run bench:entities -- --corpus ${args.corpus}${speedDocs === 0 ? "" : ` --speed-docs ${speedDocs}`}${args["no-resolution"] ? " --no-resolution" : ""}\``;
  await updateSection(args.report, "entities", section);
  say(`✔ Wrote the figures to ${args.report}`);
}
