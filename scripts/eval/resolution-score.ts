/** @module Scores merged entity records against document-level tags (Reuters' `people`, `orgs`, `places`): document recall per tag, and aliases that look like wrong merges. */
import { ORG_HEADS, PLACE_HEADS, TITLE_MODIFIERS } from "../../src/build/entities/cues";
import { lookupGazetteer } from "../../src/build/entities/gazetteer";
import { initialsOf, mergeKey } from "../../src/build/entities/keys";
import { isAcronym, nameKey } from "../../src/build/entities/normalize";
import { companyStem } from "../../src/build/entities/resolve";
import { cutTitle } from "../../src/build/entities/roles";
import type { EntityRecord } from "../../src/format/schema";

export const TAG_KINDS = ["people", "orgs", "places"] as const;
export type TagKind = (typeof TAG_KINDS)[number];

/** A document as the score reads it: its id and its tags of each kind. */
export type TaggedDocument = { id: string } & Record<TagKind, readonly string[]>;

/** Tag code → entity id (null: no record stands for it), per kind: `test/fixtures/reuters-tags.json`. */
export type TagMapping = Record<TagKind, Record<string, string | null>>;

/** The recall of one tag: of the `documents` carrying it, how many the mapped record lists (`found`). */
export interface TagRow {
  kind: TagKind;
  tag: string;
  entity: string | null;
  documents: number;
  found: number;
}

/** An alias of a record that does not look like a spelling, short form or acronym of the record's name. */
export interface SuspectAlias {
  entity: string;
  name: string;
  alias: string;
  count: number;
  why: "initials" | "head" | "words";
}

/**
 * The `n` most frequent tags of a kind, most frequent first (ties by code).
 * @example
 * topTags([{ id: "a", people: [], orgs: ["imf"], places: ["usa"] }], "places", 20); // [["usa", 1]]
 */
export function topTags(docs: readonly TaggedDocument[], kind: TagKind, n: number): [string, number][] {
  const counts = new Map<string, number>();
  for (const doc of docs) for (const tag of doc[kind]) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, n);
}

/**
 * Document recall of each tag: the documents carrying it whose mapped entity record lists them. A tag the
 * mapping leaves out or maps to null finds nothing.
 * @example
 * tagRecall(docs, entities, mapping, [["usa", 120]], "places"); // [{ kind: "places", tag: "usa", entity: "united-states", documents: 120, found: 97 }]
 */
export function tagRecall(
  docs: readonly TaggedDocument[],
  entities: readonly EntityRecord[],
  mapping: TagMapping,
  tags: readonly (readonly [string, number])[],
  kind: TagKind,
): TagRow[] {
  const byId = new Map(entities.map((e) => [e.id, new Set(e.documents.ids)]));
  return tags.map(([tag]) => {
    const entity = mapping[kind]?.[tag] ?? null;
    const listed = entity ? byId.get(entity) : undefined;
    const tagged = docs.filter((doc) => doc[kind].includes(tag));
    return { kind, tag, entity, documents: tagged.length, found: tagged.filter((doc) => listed?.has(doc.id)).length };
  });
}

/**
 * The records sharing the most documents with a tag: what to choose its mapping from.
 * @example
 * candidates(docs, entities, "people", "volcker", 3); // [{ id: "paul-volcker", name: "Paul Volcker", type: "person", shared: 58, documents: 71 }, ...]
 */
export function candidates(
  docs: readonly TaggedDocument[],
  entities: readonly EntityRecord[],
  kind: TagKind,
  tag: string,
  n: number,
): { id: string; name: string; type: string; shared: number; documents: number }[] {
  const tagged = new Set(docs.filter((doc) => doc[kind].includes(tag)).map((doc) => doc.id));
  return entities
    .map((e) => ({
      id: e.id,
      name: e.name,
      type: e.type,
      shared: e.documents.ids.filter((id) => tagged.has(id)).length,
      documents: e.documents.count,
    }))
    .filter((c) => c.shared > 0)
    .sort((a, b) => b.shared - a.shared || a.documents - b.documents || (a.id < b.id ? -1 : 1))
    .slice(0, n);
}

const SMALL = new Set(["of", "the", "and", "for", "&", "de", "in"]);

/** Words that make a name generic on their own: "Stock Exchange", "Finance Ministry", "Exchange". */
const GENERIC = new Set([...ORG_HEADS, ...TITLE_MODIFIERS, ...PLACE_HEADS, "stock", "futures", "commodity", "reserve"]);

/**
 * Why `alias` does not read as a form of the name of a record of type `type`, or undefined when it does (the same
 * key, an acronym spelling its initials, a surname or shortened form, a form qualified by a country):
 * - `initials`: an acronym that spells neither the name's initials nor a word of it ("ID" under ITV Digital);
 * - `head`: a bare generic head ("Stock Exchange" under London Stock Exchange), or the name qualified by something
 *   other than a country ("New York Stock Exchange" under Stock Exchange);
 * - `words`: words the name does not have.
 * @example
 * suspicion("ITV Digital", "ID", "organization"); // "words"
 * suspicion("Kilroy-Silk", "Robert Kilroy-Silk", "person"); // undefined
 */
export function suspicion(alias: string, name: string, type: string): "initials" | "head" | "words" | undefined {
  const a = mergeKey(alias);
  const b = mergeKey(name);
  if (a === b || nameKey(alias) === nameKey(name)) return undefined;
  // The company with or without its legal form: "General Motors Corp" of General Motors.
  if (type === "organization" && companyStem(a) === companyStem(b)) return undefined;
  const theirs = b.split(" ");
  const mine = a.split(" ");
  // A word of the name, or the start of one: "BP" of BP America, "Fed" of Federal Reserve.
  const fromName = (w: string) => SMALL.has(w) || theirs.some((t) => t === w || (w.length >= 3 && t.startsWith(w)));
  // "Gatt" in a title-case headline is the acronym GATT.
  if (!/\s/u.test(alias) && isAcronym(alias.toUpperCase())) {
    return initialsOf(b) === a || initialsOf(nameKey(name)) === a || mine.every(fromName) ? undefined : "initials";
  }
  if (mine.every(fromName)) {
    const generic = type !== "person" && mine.length < theirs.length && mine.every((w) => SMALL.has(w) || GENERIC.has(w));
    return generic ? "head" : undefined;
  }
  // The name with words before it: fine when they are a country ("US State Department").
  if (a.endsWith(` ${b}`)) return lookupGazetteer(a.slice(0, -b.length - 1))?.country ? undefined : "head";
  return "words";
}

/**
 * The aliases of records that are neither spellings, nor acronyms, nor short or country-qualified forms of the
 * record's name (see `suspicion`), most written first.
 * @example
 * suspectAliases([{ id: "id", name: "ID", type: "organization", aliases: [{ name: "ITV Digital", count: 3 }], ... }]);
 * // [{ entity: "id", name: "ID", alias: "ITV Digital", count: 3, why: "words" }]
 */
export function suspectAliases(entities: readonly EntityRecord[]): SuspectAlias[] {
  return entities
    .flatMap((e) =>
      e.aliases.flatMap((a) => {
        const why = suspicion(a.name, e.name, e.type);
        return why ? [{ entity: e.id, name: e.name, alias: a.name, count: a.count, why }] : [];
      }),
    )
    .sort((a, b) => b.count - a.count || (a.entity < b.entity ? -1 : a.entity > b.entity ? 1 : a.alias < b.alias ? -1 : 1));
}

/** Recall summed over the tags of a kind (or of all kinds): documents found / documents tagged. */
export interface RecallTotal {
  kind: TagKind | "overall";
  tags: number;
  documents: number;
  found: number;
}

/** Counts of records that break a rule of the merger outright. */
export interface BrokenRules {
  /** People whose name still starts with a title, job or party label ("Tory MP Jonathan Sayeed"). */
  titledPeople: number;
  /** Organisations and places with roles. */
  rolesOffPeople: number;
  /** Records named in lowercase only. */
  lowercaseNames: number;
}

/**
 * The records that break a rule of the merger outright: a title in a person's name, roles on a place or an
 * organisation, a name in lowercase.
 * @example
 * brokenRules([{ id: "tory-mp-jonathan-sayeed", name: "Tory MP Jonathan Sayeed", type: "person", ... }]).titledPeople; // 1
 */
export function brokenRules(entities: readonly EntityRecord[]): BrokenRules {
  return {
    titledPeople: entities.filter((e) => e.type === "person" && cutTitle(e.name).offset > 0).length,
    rolesOffPeople: entities.filter((e) => e.type !== "person" && e.roles.length > 0).length,
    lowercaseNames: entities.filter((e) => e.name === e.name.toLowerCase() && /\p{L}/u.test(e.name)).length,
  };
}

/** What `resolutionReport` gives: the rows, their totals, the suspect aliases of the mapped records and of all records. */
export interface ResolutionReport {
  rows: TagRow[];
  totals: RecallTotal[];
  /** Suspect aliases of the records the tags map to. */
  mapped: SuspectAlias[];
  /** Suspect aliases of every record, most written first, and how many records have one. */
  suspects: SuspectAlias[];
  suspectRecords: number;
  /** Records breaking a rule of the merger outright (each should be 0). */
  broken: BrokenRules;
  markdown: string;
}

const pct = (found: number, of: number) => (of === 0 ? "–" : `${((100 * found) / of).toFixed(1)} %`);
const cell = (text: string) => text.replace(/\|/gu, "\\|");

/**
 * Recall of the `top` most frequent tags of each kind, suspect aliases, and a Markdown report of both.
 * @example
 * const { totals, markdown } = resolutionReport(tagged, index.entities, mapping);
 * totals.at(-1); // { kind: "overall", tags: 60, documents: 19873, found: 16012 }
 */
export function resolutionReport(
  docs: readonly TaggedDocument[],
  entities: readonly EntityRecord[],
  mapping: TagMapping,
  top = 20,
  listed = 15,
): ResolutionReport {
  const rows = TAG_KINDS.flatMap((kind) => tagRecall(docs, entities, mapping, topTags(docs, kind, top), kind));
  const total = (kind: RecallTotal["kind"], of: readonly TagRow[]): RecallTotal => ({
    kind,
    tags: of.length,
    documents: of.reduce((n, r) => n + r.documents, 0),
    found: of.reduce((n, r) => n + r.found, 0),
  });
  const totals = [
    ...TAG_KINDS.map((kind) =>
      total(
        kind,
        rows.filter((r) => r.kind === kind),
      ),
    ),
    total("overall", rows),
  ];
  const mappedIds = new Set(rows.flatMap((r) => (r.entity ? [r.entity] : [])));
  const suspects = suspectAliases(entities);
  const mapped = suspects.filter((s) => mappedIds.has(s.entity));
  const suspectRecords = new Set(suspects.map((s) => s.entity)).size;
  const broken = brokenRules(entities);

  const lines = [
    `Document recall of the ${top} most frequent Reuters tags of each kind: of the documents carrying a tag, the share its entity record lists.`,
    "",
    "| kind | tags | tagged documents | found | recall |",
    "|---|---:|---:|---:|---:|",
    ...totals.map((t) => `| ${t.kind} | ${t.tags} | ${t.documents} | ${t.found} | ${pct(t.found, t.documents)} |`),
    "",
    "| kind | tag | entity | documents | recall |",
    "|---|---|---|---:|---:|",
    ...rows.map((r) => `| ${r.kind} | ${r.tag} | ${r.entity ?? "–"} | ${r.documents} | ${pct(r.found, r.documents)} |`),
    "",
    `Rules broken outright: ${broken.titledPeople} people named with a title, ${broken.rolesOffPeople} organisations or places with roles, ${broken.lowercaseNames} records named in lowercase.`,
    "",
    `Suspect aliases (not a spelling, acronym, short or qualified form of the record's name): ${suspects.length} aliases on ${suspectRecords} of ${entities.length} records; ${mapped.length} on the records above.`,
    "",
    "| record | alias | mentions | why |",
    "|---|---|---:|---|",
    ...[...mapped.slice(0, listed), ...suspects.filter((s) => !mappedIds.has(s.entity)).slice(0, listed)].map(
      (s) => `| ${cell(s.name)} (\`${s.entity}\`) | ${cell(s.alias)} | ${s.count} | ${s.why} |`,
    ),
  ];
  return { rows, totals, mapped, suspects, suspectRecords, broken, markdown: lines.join("\n") };
}
