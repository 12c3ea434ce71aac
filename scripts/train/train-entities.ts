/** @module `npm run train:entities`: trains the entity tagger on CoNLL-2003's training set and writes the model file the build loads. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { learnClusters } from "../../src/build/entities/tagger/clusters";
import { decodeSpans, TYPES } from "../../src/build/entities/tagger/labels";
import { DEFAULT_MODEL_PATH } from "../../src/build/entities/tagger/load";
import { decodeModel, encodeModel, type TaggerModel } from "../../src/build/entities/tagger/model";
import { tagDocument } from "../../src/build/entities/tagger/tag";
import { splitSentences } from "../../src/build/entities/tagger/tokenize";
import { denseModel, trainTagger } from "../../src/build/entities/tagger/train";
import { prf, scoreMentions, type Tally } from "../eval/mention-score";
import { fail, parseCli, say } from "../shared/cli";
import { type LabelledDocument, readConllLabels } from "./conll-labels";
import { DEFAULT_NEWS_WEIGHT, NEWS_DIR, newsFilesIn, readNewsLabels } from "./news-labels";

const usage = `Usage: npm run train:entities -- [--train FILE] [--news JSONL...] [--no-news] [--news-weight N] [--unlabelled JSONL] [--no-clusters]
                                    [--dev FILE] [--epochs N] [--out FILE] [--no-write]
  --train FILE         CoNLL-2003 training set (default ../shared/corpora/conll2003/eng.train)
  --news JSONL         annotated news articles trained on with it ({id, title, body}, names marked [[TYPE|name]];
                       default: every .jsonl file of ${NEWS_DIR})
  --no-news            the CoNLL-2003 training set alone
  --news-weight N      passes over each news article for one over a CoNLL document (default ${DEFAULT_NEWS_WEIGHT})
  --conll-weight N     passes over each CoNLL document for one over a news article (default 1)
  --seed N             seed of the order sentences are learnt in (default 1)
  --unlabelled JSONL   news text ({title?, body} or {text} a line) whose words are clustered, with the training set's,
                       for the cluster features (default ../shared/corpora/reuters21578.jsonl)
  --no-clusters        train without word clusters
  --dev FILE     also score the model on this CoNLL file, word by word (PER, ORG, LOC; MISC left out)
  --epochs N     passes over the training sentences (default 15, chosen on the dev set among 6, 10 and 15)
  --out FILE     where to write the model (default ${DEFAULT_MODEL_PATH})`;
const { values: args } = parseCli(
  {
    options: {
      train: { type: "string", default: "../shared/corpora/conll2003/eng.train" },
      news: { type: "string", multiple: true },
      "no-news": { type: "boolean", default: false },
      "news-weight": { type: "string", default: String(DEFAULT_NEWS_WEIGHT) },
      "conll-weight": { type: "string", default: "1" },
      seed: { type: "string", default: "1" },
      unlabelled: { type: "string", default: "../shared/corpora/reuters21578.jsonl" },
      "no-clusters": { type: "boolean", default: false },
      dev: { type: "string" },
      epochs: { type: "string", default: "15" },
      out: { type: "string", default: DEFAULT_MODEL_PATH },
      "no-write": { type: "boolean", default: false },
    },
  },
  usage,
);
if (!existsSync(args.train)) fail(`${args.train} is absent: the training set ships in ../shared/corpora (pass --train FILE).\n${usage}`);
/** An option's whole number, `min` at least; anything else stops with the usage. */
function wholeNumber(name: "epochs" | "news-weight" | "conll-weight" | "seed", min?: number): number {
  const value = Number(args[name]);
  if (!Number.isInteger(value) || (min !== undefined && value < min))
    fail(`--${name} must be a whole number${min === undefined ? "" : ` above ${min - 1}`}, not "${args[name]}".\n${usage}`);
  return value;
}
const epochs = wholeNumber("epochs", 1);
const newsWeight = wholeNumber("news-weight", 1);
const conllWeight = wholeNumber("conll-weight", 1);
const seed = wholeNumber("seed");

const conll = readConllLabels(readFileSync(args.train, "utf8"));
const newsFiles = args["no-news"] ? [] : (args.news ?? newsFilesIn(NEWS_DIR));
const news: LabelledDocument[] = [];
for (const file of newsFiles) {
  if (!existsSync(file)) fail(`${file} is absent (pass --news FILE, or --no-news).\n${usage}`);
  let read: ReturnType<typeof readNewsLabels>;
  try {
    read = readNewsLabels(readFileSync(file, "utf8"), file);
  } catch (error) {
    fail(`${(error as Error).message} (news_article_invalid)`);
  }
  news.push(...read.documents);
  if (read.skipped) say(`  ${file}: ${read.skipped} sentences left out (a marked name off the words' boundaries)`);
}
const docs = [...Array.from({ length: conllWeight }, () => conll).flat(), ...Array.from({ length: newsWeight }, () => news).flat()];
const wordsOf = (list: LabelledDocument[]) => list.reduce((n, d) => n + d.sentences.reduce((m, s) => m + s.words.length, 0), 0);
say(
  `Training on ${conll.length} documents (${wordsOf(conll).toLocaleString("en-US")} words) of ${args.train}` +
    (news.length
      ? ` and ${news.length} annotated news articles (${wordsOf(news).toLocaleString("en-US")} words, ×${newsWeight}) of ${newsFiles.length} files`
      : "") +
    `, ${epochs} passes`,
);
const started = performance.now();
let clusters = new Map<number, number>();
if (!args["no-clusters"]) {
  if (!existsSync(args.unlabelled)) fail(`${args.unlabelled} is absent: pass --unlabelled FILE.jsonl, or --no-clusters.\n${usage}`);
  // CoNLL-2003's words and the unlabelled news, not the annotated articles': a few thousand sentences unlike the
  // archive's move the clusters of its words ("Shr" of Reuters' results tables then reads as a company's name).
  const sentences: string[][] = conll.flatMap((doc) => doc.sentences.map((s) => s.words));
  for (const line of readFileSync(args.unlabelled, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const record = JSON.parse(line) as { title?: unknown; body?: unknown; text?: unknown };
    const text = [record.title, record.body ?? record.text].filter((part) => typeof part === "string").join("\n\n");
    for (const words of splitSentences(text)) sentences.push(words.map((word) => word.text));
  }
  clusters = learnClusters(sentences);
  say(
    `Clustered ${clusters.size.toLocaleString("en-US")} words of ${sentences.length.toLocaleString("en-US")} sentences in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}
const trained = trainTagger(docs, {
  clusters,
  seed,
  epochs,
  onEpoch: (_, epoch, mistakes) => {
    if (epoch === epochs) say(`  ${mistakes} sentences still wrong on the last pass`);
  },
});
say(`Trained in ${((performance.now() - started) / 1000).toFixed(1)} s`);
const file = encodeModel(trained);
const model: TaggerModel = args["no-write"] ? denseModel(trained) : decodeModel(file);
if (!args["no-write"]) {
  writeFileSync(args.out, file);
  say(`✔ Wrote ${args.out} (${(file.length / 1024).toFixed(0)} KiB)`);
} else say(`Model would be ${(file.length / 1024).toFixed(0)} KiB`);

if (args.dev) {
  // Each document tagged once, its spans scored for all sentences and for prose ones, as `npm run bench:entities` counts them.
  const all: Tally = new Map();
  const prose: Tally = new Map();
  for (const doc of readConllLabels(readFileSync(args.dev, "utf8"))) {
    const predicted = tagDocument(
      model,
      doc.sentences.map((s) => s.words),
    );
    doc.sentences.forEach((s, i) => {
      // Spans as mentions: a start unique within the document, MISC left out.
      const scored = (spans: readonly { from: number; to: number; type: number }[]) =>
        spans.filter((x) => x.type < 3).map((x) => ({ start: i * 1000 + x.from, end: i * 1000 + x.to, type: TYPES[x.type] as string }));
      const gold = scored(decodeSpans(s.labels));
      const guess = scored(predicted[i] ?? []);
      scoreMentions(all, gold, guess);
      if (doc.prose[i]) scoreMentions(prose, gold, guess);
    });
  }
  const f = (tally: Tally, type: string) => {
    const { p, r, f1 } = prf(tally.get(type) ?? { tp: 0, fp: 0, fn: 0 });
    return `P ${(100 * p).toFixed(1)} R ${(100 * r).toFixed(1)} F1 ${(100 * f1).toFixed(1)}`;
  };
  const line = (tally: Tally) => `${f(tally, "all")}  (PER ${f(tally, "PER")} | ORG ${f(tally, "ORG")} | LOC ${f(tally, "LOC")})`;
  say(`${args.dev}, all sentences: ${line(all)}`);
  say(`${args.dev}, prose sentences: ${line(prose)}`);
}
