/** @module Merges the mentions of a corpus into one record per real-world entity, with aliases, roles and co-occurrences. */
import type { EntityRecord, EntityRef, EntityType } from "../../format/schema";
import { assignIds, byText, canonicalName, majorityType } from "./canonical";
import { writesWord, writtenLowercase } from "./casing";
import { NOT_ROLES, sportsStory } from "./cues";
import { laterParsed } from "./dates";
import { bodyOffset, documentText, extractDocument } from "./document";
import { mergeKeyCache } from "./keys";
import { occurrencesOf } from "./occurrences";
import { extraFields, indexRegistry } from "./registry";
import { cooccurrences, type Row } from "./related";
import {
  bracketedAcronyms,
  companyStem,
  isLegalForm,
  makeResolver,
  type NationalDefaults,
  nationalKeyOfName,
  type Occurrence,
  pushTo,
  titleNationalities,
} from "./resolve";
import type { DocumentNames, EntityDocument, RegistryEntry } from "./types";
import { wordBefore } from "./words";

export type { EntityDocument, RegistryEntry } from "./types";

/** All entities of a corpus, and the entities of each document (most mentioned first). */
export interface EntityIndex {
  entities: EntityRecord[];
  byDocument: EntityRef[][];
  /** With `{ mentions: true }`: each document's mentions, in text order, with the id of the entity each went to. */
  mentions?: EntityMention[][];
  /** What the merge decided of bodies every country has, for an update to resolve as it did (`NationalDefaults`). */
  national?: NationalDefaults;
}

/** A mention and the entity it was merged into; offsets into the text `extractDocument` read (title, blank line, body). */
export interface EntityMention {
  start: number;
  end: number;
  type: EntityType;
  entity: string;
}

export interface MergeOptions {
  /** Also return every mention with its entity id (`EntityIndex.mentions`). */
  mentions?: boolean;
  /**
   * False: a registry entry nothing mentions makes no record (its id stays taken). An update resolves its documents'
   * names against every entity of the archive this way, and writes records only for those it touched.
   */
  unmentioned?: boolean;
  /** Ids new entities may not take besides the registry's (an update's: every entity of the archive). */
  reserved?: Iterable<string>;
  /** Ids taken besides `reserved`, asked one at a time (an update's: the archive's, from its entity lookups). */
  isTaken?: (id: string) => boolean;
  /**
   * Documents (indexes into `docs`) whose co-occurrences the records' related entities leave out: an update's
   * documents that come again unchanged (moved after a late one, or folded), whose weights the archive's records hold.
   */
  relatedSkip?: ReadonlySet<number>;
  /** An update's: what the archive's build decided of bodies every country has (`EntityIndex.national`). */
  national?: NationalDefaults;
}

export const MAX_ENTITIES_PER_DOCUMENT = 20;
export const MAX_RELATED = 10;
/** Documents an entity record lists as naming it most (`top_documents`). */
export const TOP_DOCUMENTS = 10;

interface Cluster {
  key: string;
  entry: RegistryEntry | undefined;
  aliases: Map<string, number>;
  /** Aliases written outside headlines: what the name is chosen from when there are any. */
  prose: Map<string, number>;
  /** Types of its mentions written as its name, and of the short forms resolved to it ("Blinken", "Drexel"). */
  types: Map<EntityType, number>;
  shortTypes: Map<EntityType, number>;
  /** Lowercased role → spelling → count. */
  roles: Map<string, Map<string, number>>;
  mentions: number;
  docs: Set<number>;
  /** Where the entity is in the sorted list of all entities, once there is one. */
  index: number;
}

/** An entity's index in the sorted list, and a weight. */
type EntityIndexWeight = [number, number];

interface Entity {
  cluster: Cluster;
  name: string;
  type: EntityType;
}

const bump = <K>(map: Map<K, number>, key: K, by = 1) => map.set(key, (map.get(key) ?? 0) + by);

function newCluster(key: string, entry?: RegistryEntry): Cluster {
  return {
    key,
    entry,
    aliases: new Map(),
    prose: new Map(),
    types: new Map(),
    shortTypes: new Map(),
    roles: new Map(),
    mentions: 0,
    docs: new Set(),
    index: -1,
  };
}

/** Whether some alias is a spelling of the key itself, not only a short form of it: what the name is chosen from. */
function spelled(key: string, aliases: ReadonlyMap<string, number>, keyOf: (surface: string) => string): boolean {
  for (const alias of aliases.keys()) if (keyOf(alias) === key) return true;
  return false;
}

/**
 * The `MAX_RELATED` heaviest entries of an entity's co-occurrence row, heaviest first, ties to the lower `rank`: what sorting
 * the whole row would put first, without sorting it.
 */
function strongest({ others, weights, length }: Row, rank: Int32Array, top: Int32Array): EntityIndexWeight[] {
  const room = top.length;
  let size = 0;
  // Insertion into the few kept so far: heavier first, the lower rank first among equals.
  for (let i = 0; i < length; i++) {
    const weight = weights[i] as number;
    const n = others[i] as number;
    let at = size < room ? size++ : room;
    while (at > 0) {
      const before = top[at - 1] as number;
      const held = weights[before] as number;
      if (weight < held || (weight === held && (rank[n] as number) > (rank[others[before] as number] as number))) break;
      if (at < room) top[at] = before;
      at--;
    }
    if (at < room) top[at] = i;
  }
  const found: EntityIndexWeight[] = [];
  for (let at = 0; at < size; at++) {
    const i = top[at] as number;
    found.push([others[i] as number, weights[i] as number]);
  }
  return found;
}

/**
 * Whether a mention is its document's sign-off: the body's last words, after the end of its last sentence or alone on
 * its last line, as news agencies sign their wires ("… total 55.8 (33.7). REUTER"). Offsets are into the text
 * `extractDocument` read: the trimmed title, a blank line, the body.
 * @example
 * isSignOff({ id: "a", title: "", body: "Prices rose.\nREUTER" }, 13, 19); // true
 */
export function isSignOff(doc: EntityDocument, start: number, end: number): boolean {
  const offset = bodyOffset(doc);
  const { body } = doc;
  const from = start - offset;
  const to = end - offset;
  if (from <= 0 || to < body.length - 16 || body.slice(to).trim() !== "") return false;
  const before = body.slice(0, from).replace(/[ \t]+$/u, "");
  return /[.!?"”’)\n]$/u.test(before) && before.trim() !== "";
}

function rolesOf(roles: Cluster["roles"]): string[] {
  const ranked = [...roles.values()].map((spellings) => {
    const total = [...spellings.values()].reduce((a, b) => a + b, 0);
    const best = [...spellings].sort((a, b) => b[1] - a[1] || byText(a[0], b[0]))[0]?.[0] ?? "";
    return [best, total] as const;
  });
  return ranked.sort((a, b) => b[1] - a[1] || byText(a[0], b[0])).map(([role]) => role);
}

/**
 * Two organisations a story writes as "X and Y" ("Standard and Poor's said": the tagger reads "Standard", "Poor")
 * where the archive names a company so with a legal form ("Standard and Poor's Corp"): one occurrence of that company,
 * in place of the two. Changes `found` in place.
 */
function joinPartners(found: Occurrence[], textOf: (doc: number) => string): void {
  /** "standard poor" → "standard and poor's corp": the companies named after two partners, by their partners. */
  const companies = new Map<string, string>();
  for (const { key, type } of found) {
    if (type !== "organization" || !key.includes(" and ")) continue;
    const stem = companyStem(key);
    const partners = stem === key ? null : /^(\S+) and (\S+?)(?:'s)?$/u.exec(stem);
    if (partners) companies.set(`${partners[1]} ${partners[2]}`, key);
  }
  if (companies.size === 0) return;
  const byDoc = new Map<number, number[]>();
  found.forEach(({ doc, type, key }, i) => {
    if (type === "organization" && !key.includes(" ")) pushTo(byDoc, doc, i);
  });
  const gone = new Set<number>();
  for (const [doc, list] of byDoc) {
    if (list.length < 2) continue;
    list.sort((a, b) => (found[a] as Occurrence).start - (found[b] as Occurrence).start);
    for (let n = 0; n + 1 < list.length; n++) {
      const [a, b] = [found[list[n] as number] as Occurrence, found[list[n + 1] as number] as Occurrence];
      const company = companies.get(`${a.key} ${b.key}`);
      if (!company) continue;
      const text = textOf(doc);
      if (!/^\s+(?:and|&)\s+$/u.test(text.slice(a.end, b.start))) continue;
      const end = /^['’]s/u.test(text.slice(b.end, b.end + 2)) ? b.end + 2 : b.end;
      found[list[n] as number] = { ...a, end, surface: text.slice(a.start, end).replace(/\s+/gu, " "), key: company };
      gone.add(list[n + 1] as number);
      n++;
    }
  }
  if (gone.size === 0) return;
  let kept = 0;
  for (let i = 0; i < found.length; i++) if (!gone.has(i)) found[kept++] = found[i] as Occurrence;
  found.length = kept;
}

/**
 * Extracts and merges the entities of a corpus. The same input always gives the same output, entities sorted by id.
 * Registry entries win: their id, name and type replace the guessed ones, their aliases pull mentions in, their
 * other fields are attached, and each is a record even when nothing mentions it.
 * @example
 * const { entities, byDocument } = buildEntities([{ id: "a", title: "", body: "Antony Blinken spoke. Blinken left." }]);
 * entities[0]; // { id: "antony-blinken", name: "Antony Blinken", type: "person", mentions: 2, ... }
 * byDocument[0]; // [{ id: "antony-blinken", name: "Antony Blinken", type: "person" }]
 */
export function buildEntities(docs: readonly EntityDocument[], registry: readonly RegistryEntry[] = []): EntityIndex {
  return mergeEntities(docs, docs.map(extractDocument), registry);
}

/** A possessive right after a name: "'s", "’s". */
const POSSESSIVE_AFTER = /^['’]s(?!\p{L})/u;

/**
 * Merges mentions already extracted (`extracted[i]` is `extractDocument(docs[i])`) into entities: the second half
 * of `buildEntities`, for callers that extract elsewhere (in worker threads). Same input, same output.
 * @example
 * mergeEntities(docs, docs.map(extractDocument), registry); // deep-equals buildEntities(docs, registry)
 * mergeEntities(docs, extracted, [], { mentions: true }).mentions?.[0]; // [{ start: 0, end: 14, type: "person", entity: "antony-blinken" }, ...]
 */
export function mergeEntities(
  docs: readonly EntityDocument[],
  extracted: readonly DocumentNames[],
  registry: readonly RegistryEntry[] = [],
  options: MergeOptions = {},
): EntityIndex {
  if (extracted.length !== docs.length) throw new Error(`mergeEntities: ${extracted.length} extractions for ${docs.length} documents`);
  const curated = indexRegistry(registry);
  const keyOf = mergeKeyCache();
  // A registry alias is the registry name: "Tony Blinken" and "Antony J. Blinken" are one key from here on.
  const found = occurrencesOf(extracted, curated, keyOf).map((occurrence) => {
    const entry = curated.get(occurrence.key);
    return entry ? { ...occurrence, key: keyOf(entry.name) } : occurrence;
  });
  // The text `extractDocument` read, of one document at a time (the occurrences come document by document).
  let textDoc = -1;
  let text = "";
  const textOf = (d: number) => {
    if (d !== textDoc) {
      textDoc = d;
      text = documentText(docs[d] as EntityDocument);
    }
    return text;
  };
  joinPartners(found, textOf);
  // A word alone after an honorific (`NOT_ROLES`) is a person's name ("Mr Hughes" in a story on Hughes Tool Co); one written with a
  // possessive may be the first word of a company's name ("Moody's").
  for (const occurrence of found) {
    if (occurrence.key.includes(" ")) continue;
    const text = textOf(occurrence.doc);
    const before = occurrence.type === "person" ? wordBefore(text, occurrence.start) : undefined;
    if (before && NOT_ROLES.has(before.toLowerCase())) occurrence.honorific = true;
    if (POSSESSIVE_AFTER.test(text.slice(occurrence.end, occurrence.end + 3))) occurrence.possessive = true;
  }
  const sportsReports = new Map<number, boolean>();
  const resolve = makeResolver(
    found,
    // A national body's record ("Finance Ministry (Japan)") also under the key the resolver gives its mentions.
    registry.flatMap(({ name, type }) => {
      const key = keyOf(name);
      const national = type === "organization" ? nationalKeyOfName(name, keyOf) : undefined;
      return national && national !== key
        ? [
            { key, type },
            { key: national, type },
          ]
        : [{ key, type }];
    }),
    bracketedAcronyms(found, textOf),
    options.national,
    docs.map((doc) => (doc.title.trim() ? { end: bodyOffset(doc), nationalities: titleNationalities(doc.title.trim()) } : undefined)),
    {
      sports: (d) => {
        let sports = sportsReports.get(d);
        if (sports === undefined) {
          sports = sportsStory(textOf(d));
          sportsReports.set(d, sports);
        }
        return sports;
      },
      writes: (d, word) => writesWord(textOf(d), word),
    },
  );
  // A name only ever written in lowercase ("blair" in a web address) is no record of its own: it is dropped
  // unless it resolved to an entity written with capitals somewhere or to a registry entry.
  const foundKeys = found.map(resolve);
  const cased = new Set<string>();
  // A word alone read as a person that the archive mostly writes in lowercase ("Cattle", "Class" at the start of a
  // table row) is a common noun, not somebody; a legal form alone ("Ltd") is what is left of a company's name cut in two.
  const single = new Set<string>();
  found.forEach(({ surface, type }, i) => {
    const key = foundKeys[i] as string;
    if (!cased.has(key) && (curated.has(key) || /\p{Lu}/u.test(surface))) cased.add(key);
    if (type === "person" && !key.includes(" ") && !curated.has(key)) single.add(key);
  });
  const common = writtenLowercase(docs, single);
  const occurrences: Occurrence[] = [];
  const keys: string[] = [];
  found.forEach((occurrence, i) => {
    const key = foundKeys[i] as string;
    if (!cased.has(key) || (occurrence.type === "person" && common.has(key)) || isLegalForm(key)) return;
    const doc = docs[occurrence.doc];
    if (doc && isSignOff(doc, occurrence.start, occurrence.end)) return;
    occurrences.push(occurrence);
    keys.push(key);
  });

  // Registry entries first, in registry order, then names as they first come.
  const curatedClusters = new Map<string, Cluster>();
  const clusters = new Map<string, Cluster>();
  for (const entry of registry) {
    if (!curatedClusters.has(entry.id)) curatedClusters.set(entry.id, newCluster(keyOf(entry.name), entry));
  }
  const clusterOf = occurrences.map((occurrence, i) => {
    const key = keys[i] as string;
    const entry = curated.get(key);
    let cluster = entry ? curatedClusters.get(entry.id) : clusters.get(key);
    if (!cluster) {
      cluster = newCluster(key);
      clusters.set(key, cluster);
    }
    bump(cluster.aliases, occurrence.surface);
    if (!occurrence.headline) bump(cluster.prose, occurrence.surface);
    // A name written in full says what it names; a short form resolved to it ("Drexel" alone reads as a surname)
    // only when it never is.
    bump(occurrence.key === key ? cluster.types : cluster.shortTypes, occurrence.type);
    for (const role of occurrence.roles ?? []) {
      const lower = role.toLowerCase();
      const spellings = cluster.roles.get(lower) ?? new Map<string, number>();
      cluster.roles.set(lower, bump(spellings, role));
    }
    cluster.mentions++;
    cluster.docs.add(occurrence.doc);
    return cluster;
  });

  // Name, type and id, in an order that does not depend on the order of the mentions.
  const kept = options.unmentioned === false ? [...curatedClusters.values()].filter((c) => c.mentions > 0) : [...curatedClusters.values()];
  const all: Entity[] = [...kept, ...clusters.values()].map((cluster) => {
    const type = cluster.entry?.type ?? majorityType(cluster.key, cluster.types.size > 0 ? cluster.types : cluster.shortTypes);
    const written = spelled(cluster.key, cluster.prose, keyOf) ? cluster.prose : cluster.aliases;
    return { cluster, name: cluster.entry?.name ?? canonicalName(cluster.key, written, keyOf, type), type };
  });
  all.sort((a, b) => byText(a.name, b.name) || byText(a.type, b.type) || byText(a.cluster.key, b.cluster.key));
  const ids = assignIds(
    all.map(({ name, type, cluster }) => (cluster.entry ? { name, type, id: cluster.entry.id } : { name, type })),
    [...registry.map((entry) => entry.id), ...(options.reserved ?? [])],
    options.isTaken,
  );
  all.forEach(({ cluster }, i) => {
    cluster.index = i;
  });
  const refs: EntityRef[] = all.map(({ name, type }, i) => ({ id: ids[i] as string, name, type }));
  /** Each mention's entity, as an index into `all` and `refs`. */
  const entityOf = clusterOf.map((cluster) => cluster.index);
  // Entities by name, then id (ids are unique): where ties in weight and mention counts are broken.
  const rank = new Int32Array(refs.length);
  refs
    .map((_, i) => i)
    .sort(
      (a, b) =>
        byText((refs[a] as EntityRef).name, (refs[b] as EntityRef).name) || byText((refs[a] as EntityRef).id, (refs[b] as EntityRef).id),
    )
    .forEach((n, at) => {
      rank[n] = at;
    });

  // Per document: mention counts, and the entities of each sentence for co-occurrence.
  const perDoc: ({ counts: Map<number, number>; first: Map<number, number>; sentences: Map<number, number[]> } | undefined)[] = docs.map(
    () => undefined,
  );
  occurrences.forEach((occurrence, i) => {
    if (occurrence.doc < 0 || occurrence.doc >= docs.length || !Number.isInteger(occurrence.doc)) return;
    const n = entityOf[i] as number;
    let doc = perDoc[occurrence.doc];
    if (!doc) {
      doc = { counts: new Map(), first: new Map(), sentences: new Map() };
      perDoc[occurrence.doc] = doc;
    }
    bump(doc.counts, n);
    if (occurrence.start < (doc.first.get(n) ?? Number.POSITIVE_INFINITY)) doc.first.set(n, occurrence.start);
    const sentence = doc.sentences.get(occurrence.sentence);
    if (sentence) sentence.push(n);
    else doc.sentences.set(occurrence.sentence, [n]);
  });
  const rowOf = cooccurrences(
    refs.length,
    perDoc.map((doc, d) => (doc && !options.relatedSkip?.has(d) ? [...doc.sentences.values()] : [])),
  );

  // Each entity's documents with its mentions in each: `[document, mentions]`.
  const mentionsIn: [number, number][][] = refs.map(() => []);
  perDoc.forEach((doc, d) => {
    if (doc) for (const [n, count] of doc.counts) mentionsIn[n]?.push([d, count]);
  });
  const times = docs.map(({ date }) => (date ? Date.parse(date) : Number.NaN));
  // Each document's place in the archive's order (by date, then as given: the bundle numbers them so), in which an
  // entity lists its documents: an update (`npm run build -- --update`) lists them alike.
  const position = new Int32Array(docs.length);
  docs
    .map((doc, i) => ({ date: doc.date ?? "", i }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.i - b.i))
    .forEach(({ i }, k) => {
      position[i] = k;
    });
  const top = new Int32Array(MAX_RELATED);
  const entities: EntityRecord[] = all.map(({ cluster }, i) => {
    const ref = refs[i] as EntityRef;
    const docIndexes = [...cluster.docs].sort((a, b) => (position[a] as number) - (position[b] as number));
    let first: string | undefined;
    let last: string | undefined;
    let firstTime = Number.NaN;
    let lastTime = Number.NaN;
    for (const d of docIndexes) {
      const date = docs[d]?.date;
      if (!date) continue;
      const time = times[d] as number;
      if (first === undefined || laterParsed(first, firstTime, date, time) === first) {
        first = date;
        firstTime = time;
      }
      if (last === undefined || laterParsed(last, lastTime, date, time) !== last) {
        last = date;
        lastTime = time;
      }
    }
    // Literals rather than spreads: a spread object is built property by property, and there are hundreds of thousands.
    const related = strongest(rowOf(i), rank, top).map(([n, weight]) => {
      const { id, name, type } = refs[n] as EntityRef;
      return { id, name, type, weight };
    });
    let aliases: ReadonlyMap<string, number> = cluster.aliases;
    if (cluster.entry?.aliases) {
      const all = new Map(cluster.aliases);
      for (const alias of cluster.entry.aliases) if (!all.has(alias)) all.set(alias, 0);
      aliases = all;
    }
    const record: EntityRecord = {
      id: ref.id,
      name: ref.name,
      type: ref.type,
      aliases: [...aliases].sort((a, b) => b[1] - a[1] || byText(a[0], b[0])).map(([name, count]) => ({ name, count })),
      // Roles are of people: "chairman of" next to a company is the extractor mistaking whose title it was.
      roles: ref.type === "person" ? rolesOf(cluster.roles) : [],
      mentions: cluster.mentions,
      documents: { count: docIndexes.length, ids: docIndexes.map((d) => docs[d]?.id as string) },
      related,
    };
    if (first) record.first_seen = first;
    if (last) record.last_seen = last;
    // Its documents a month, for the timeline (sparse, oldest first: the API fills the months between).
    const months = new Map<string, number>();
    for (const d of docIndexes) {
      const month = docs[d]?.date?.slice(0, 7);
      if (month && /^\d{4}-\d{2}$/.test(month)) months.set(month, (months.get(month) ?? 0) + 1);
    }
    if (months.size > 0) record.timeline = [...months].sort((a, b) => (a[0] < b[0] ? -1 : 1));
    // The documents naming it most, for archives without dates (where "recent" means nothing); of one document, its ids say it.
    if (docIndexes.length > 1)
      record.top_documents = (mentionsIn[i] ?? [])
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .slice(0, TOP_DOCUMENTS)
        .map(([d]) => docs[d]?.id as string);
    return cluster.entry ? { ...record, ...extraFields(cluster.entry) } : record;
  });

  // A document's entities, most named in it first, then as it first names them: what the document says alone, so
  // that an update of the archive (`npm run build -- --update`) never changes the list of a document it keeps.
  const byDocument = perDoc.map((doc) =>
    doc
      ? [...doc.counts]
          .sort(
            (a, b) =>
              b[1] - a[1] ||
              (doc.first.get(a[0]) as number) - (doc.first.get(b[0]) as number) ||
              (rank[a[0]] as number) - (rank[b[0]] as number),
          )
          .slice(0, MAX_ENTITIES_PER_DOCUMENT)
          .map(([n]) => refs[n] as EntityRef)
      : [],
  );
  entities.sort((a, b) => byText(a.id, b.id));
  const national = resolve.national();
  if (!options.mentions) return { entities, byDocument, national };
  const mentions: EntityMention[][] = docs.map(() => []);
  occurrences.forEach(({ doc, start, end, type }, i) => {
    const entity = (refs[entityOf[i] as number] as EntityRef).id;
    mentions[doc]?.push({ start, end, type, entity });
  });
  for (const list of mentions) list.sort((a, b) => a.start - b.start || a.end - b.end);
  return { entities, byDocument, mentions, national };
}
