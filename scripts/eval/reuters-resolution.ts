/** @module `npx tsx scripts/eval/reuters-resolution.ts`: how well the merged entity records of Reuters-21578 cover its own people, orgs and places tags, and which merges look wrong. */
import { existsSync, readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import type { EntityIndex } from "../../src/build/entities/merge";
import { buildEntitiesParallel } from "../../src/build/entities/parallel";
import type { EntityDocument } from "../../src/build/entities/types";
import { fail, parseCli, progress, say } from "../shared/cli";
import {
  type BrokenRules,
  candidates,
  type RecallTotal,
  type ResolutionReport,
  resolutionReport,
  type SuspectAlias,
  TAG_KINDS,
  type TaggedDocument,
  type TagMapping,
  type TagRow,
  topTags,
} from "./resolution-score";

export type { BrokenRules, RecallTotal, SuspectAlias, TagRow };

export const DEFAULT_CORPUS = "../shared/corpora/reuters21578.jsonl";
export const DEFAULT_FIXTURE = "test/fixtures/reuters-tags.json";

/** The documents of a Reuters JSONL file, as the build reads them and with their tags. */
export function readReuters(path: string): { docs: EntityDocument[]; tagged: TaggedDocument[] } {
  const docs: EntityDocument[] = [];
  const tagged: TaggedDocument[] = [];
  readFileSync(path, "utf8")
    .split("\n")
    .forEach((line, i) => {
      if (!line.trim()) return;
      const record = JSON.parse(line) as Record<string, unknown>;
      const id = String(record.id ?? i);
      const list = (field: string) => (Array.isArray(record[field]) ? (record[field] as unknown[]).map(String) : []);
      const text = (field: string) => (typeof record[field] === "string" ? (record[field] as string) : "");
      docs.push({ id, title: text("title"), body: text("body"), ...(text("date") ? { date: text("date") } : {}) });
      tagged.push({ id, people: list("people"), orgs: list("orgs"), places: list("places") });
    });
  return { docs, tagged };
}

/** Builds the entities of a corpus the way `npm run build` does (extraction, then `mergeEntities`), on one thread. */
async function build(docs: readonly EntityDocument[]): Promise<EntityIndex> {
  return buildEntitiesParallel(docs, [], { threads: 1, onProgress: (n, total) => progress("documents", n, total) });
}

/**
 * Builds the entities of Reuters-21578 with the project's own pipeline and scores them against Reuters' tags: the
 * document recall of the 20 most frequent tags of each kind, through the tag → entity id mapping of `fixturePath`,
 * and the aliases that look like wrong merges. `rows` and `totals` are the figures, `markdown` the report.
 * @example
 * const { totals, markdown } = await reutersResolution("../shared/corpora/reuters21578.jsonl", "test/fixtures/reuters-tags.json");
 * totals.find((t) => t.kind === "overall"); // { kind: "overall", tags: 60, documents: …, found: … }
 */
export async function reutersResolution(corpusPath = DEFAULT_CORPUS, fixturePath = DEFAULT_FIXTURE): Promise<ResolutionReport> {
  const mapping = JSON.parse(readFileSync(fixturePath, "utf8")) as TagMapping;
  const { docs, tagged } = readReuters(corpusPath);
  const { entities } = await build(docs);
  return resolutionReport(tagged, entities, mapping);
}

async function main(): Promise<void> {
  const { values: args } = parseCli(
    {
      options: {
        corpus: { type: "string", default: DEFAULT_CORPUS },
        fixture: { type: "string", default: DEFAULT_FIXTURE },
        candidates: { type: "boolean", default: false },
      },
    },
    `Usage: npx tsx scripts/eval/reuters-resolution.ts [--corpus FILE] [--fixture FILE] [--candidates]
  --candidates   print, for each of the 20 most frequent tags of each kind, the records sharing the most documents with it
                 (what the tag → entity id mapping of --fixture is chosen from)`,
  );
  if (!existsSync(args.corpus)) {
    say(`Skipping the Reuters resolution figures: ${args.corpus} is absent (it ships in ../shared/corpora; pass --corpus FILE).`);
    return;
  }
  if (!args.candidates && !existsSync(args.fixture)) fail(`${args.fixture}: no tag → entity mapping; pass --fixture FILE.`);
  say(`Building the entities of ${args.corpus} on one thread`);
  if (args.candidates) {
    const { docs, tagged } = readReuters(args.corpus);
    const { entities } = await build(docs);
    for (const kind of TAG_KINDS) {
      for (const [tag, count] of topTags(tagged, kind, 20)) {
        const list = candidates(tagged, entities, kind, tag, 5).map((c) => `${c.id} (${c.type}, ${c.shared}/${c.documents})`);
        process.stdout.write(`${kind}\t${tag}\t${count}\t${list.join("  ")}\n`);
      }
    }
    return;
  }
  const { markdown, totals } = await reutersResolution(args.corpus, args.fixture);
  process.stdout.write(`${markdown}\n`);
  const overall = totals.find((t) => t.kind === "overall");
  say(`Done: overall document recall ${overall ? ((100 * overall.found) / Math.max(1, overall.documents)).toFixed(1) : "–"} %.`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
