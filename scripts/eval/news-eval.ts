/**
 * @module `npm run bench:entities:news`: the whole extractor (tagger, rules, merge) scored on annotated news articles,
 * the format `npm run train:entities` reads (`{id, title, body}` a line, names marked `[[TYPE|name]]`): mention P/R/F1
 * in the body, exact span and type, PER/ORG/LOC (MISC left out), per file and over all of them.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { EntityType } from "../../src/format/schema";
import { extractCorpus } from "../extract/extract-mentions";
import { fail, say } from "../shared/cli";
import { type MarkedSpan, unmark } from "../train/news-labels";
import { type Counts, prf, type Scored, scoreMentions, type Tally } from "./mention-score";

const usage = `Usage: npm run bench:entities:news -- FILE.jsonl... [--errors]
  FILE.jsonl   annotated articles ({id, title, body} a line, every name marked [[PER|…]], [[ORG|…]], [[LOC|…]], [[MISC|…]])
  --errors     also print each missed and each wrong mention`;

const { values: args, positionals: files } = parseArgs({
  options: { errors: { type: "boolean", default: false } },
  allowPositionals: true,
});
if (files.length === 0) fail(`No file given.\n${usage}`);

const TYPE_OF: Record<EntityType, string> = { person: "PER", organization: "ORG", place: "LOC" };

/** One file's articles without their marks, and the body's marked names of the three types scored. */
function readArticles(file: string): { docs: { id: string; title: string; body: string }[]; gold: Scored[][] } {
  let jsonl: string;
  try {
    jsonl = readFileSync(file, "utf8");
  } catch (error) {
    fail(`${file}: cannot read it (${(error as Error).message}) (news_file_unreadable)`);
  }
  const docs: { id: string; title: string; body: string }[] = [];
  const gold: Scored[][] = [];
  jsonl.split("\n").forEach((line, index) => {
    if (!line.trim()) return;
    const where = `${file}:${index + 1}`;
    let record: { id?: unknown; title?: unknown; body?: unknown };
    try {
      record = JSON.parse(line) as typeof record;
    } catch {
      fail(`${where}: not a JSON object (news_article_invalid)`);
    }
    if (typeof record.body !== "string") fail(`${where}: no "body" string (news_article_invalid)`);
    let title: { text: string; spans: MarkedSpan[] };
    let body: { text: string; spans: MarkedSpan[] };
    try {
      title = unmark(typeof record.title === "string" ? record.title : "");
      body = unmark(record.body);
    } catch (error) {
      fail(`${where}: ${(error as Error).message} (news_article_invalid)`);
    }
    docs.push({ id: String(record.id ?? `${file}:${index + 1}`), title: title.text, body: body.text });
    gold.push(body.spans.filter((span) => span.type !== "MISC"));
  });
  return { docs, gold };
}

/** The words either side of a mention, on one line, the mention in brackets. */
const around = (text: string, { start, end }: Scored) =>
  `${text.slice(Math.max(0, start - 50), start)}[${text.slice(start, end)}]${text.slice(end, end + 50)}`.replace(/\s+/g, " ");

const pct = (x: number) => (100 * x).toFixed(1);
const row = (label: string, tally: Tally) => {
  const cells = ["PER", "ORG", "LOC", "all"].map((type) => {
    const counts: Counts = tally.get(type) ?? { tp: 0, fp: 0, fn: 0 };
    const { p, r, f1 } = prf(counts);
    return type === "all" ? `${pct(p)} | ${pct(r)} | **${pct(f1)}** | ${counts.tp + counts.fn}` : pct(f1);
  });
  return `| ${label} | ${cells.join(" | ")} |`;
};

const total: Tally = new Map();
const lines = ["| file | PER F1 | ORG F1 | LOC F1 | P | R | F1 | gold |", "|---|---|---|---|---|---|---|---|"];
for (const file of files) {
  const { docs, gold } = readArticles(file);
  const extracted = await extractCorpus(docs, [], { threads: 1 });
  const tally: Tally = new Map();
  extracted.forEach(({ mentions }, i) => {
    const predicted = mentions.map(({ start, end, type }) => ({ start, end, type: TYPE_OF[type] }));
    const expected = gold[i] ?? [];
    scoreMentions(total, expected, predicted);
    const { missed, wrong } = scoreMentions(tally, expected, predicted);
    if (!args.errors) return;
    const body = docs[i]?.body ?? "";
    const where = (m: Scored) => `${body.slice(m.start, m.end)}    …${around(body, m)}…`;
    for (const m of missed) say(`  missed ${docs[i]?.id} ${m.type} ${where(m)}`);
    for (const m of wrong) say(`  wrong  ${docs[i]?.id} ${m.type} ${where(m)}`);
  });
  lines.push(row(`\`${file}\` (${docs.length} articles)`, tally));
}
if (files.length > 1) lines.push(row("all", total));
say(lines.join("\n"));
