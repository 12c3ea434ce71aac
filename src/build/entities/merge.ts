/** @module Merges the mentions of a corpus into one record per real-world entity, with aliases, roles and co-occurrences. */
import type { EntityRecord, EntityRef, EntityType } from "../../format/schema";
import { assignIds, byText, canonicalName, majorityType } from "./canonical";
import { laterDate } from "./dates";
import { extractDocument } from "./document";
import { mergeKey } from "./keys";
import { occurrencesOf } from "./occurrences";
import { extraFields, indexRegistry } from "./registry";
import { addCooccurrences } from "./related";
import { makeResolver, type Occurrence } from "./resolve";
import type { DocumentNames, EntityDocument, RegistryEntry } from "./types";

export type { EntityDocument, RegistryEntry } from "./types";

/** All entities of a corpus, and the entities of each document (most mentioned first). */
export interface EntityIndex {
  entities: EntityRecord[];
  byDocument: EntityRef[][];
  /** With `{ mentions: true }`: each document's mentions, in text order, with the id of the entity each went to. */
  mentions?: EntityMention[][];
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
}

export const MAX_ENTITIES_PER_DOCUMENT = 20;
export const MAX_RELATED = 10;

interface Cluster {
  key: string;
  entry?: RegistryEntry;
  aliases: Map<string, number>;
  /** Aliases written outside headlines: what the name is chosen from when there are any. */
  prose: Map<string, number>;
  types: Map<EntityType, number>;
  /** Lowercased role → spelling → count. */
  roles: Map<string, Map<string, number>>;
  mentions: number;
  docs: Set<number>;
}

const bump = <K>(map: Map<K, number>, key: K, by = 1) => map.set(key, (map.get(key) ?? 0) + by);

function newCluster(key: string, entry?: RegistryEntry): Cluster {
  return {
    key,
    ...(entry ? { entry } : {}),
    aliases: new Map(),
    prose: new Map(),
    types: new Map(),
    roles: new Map(),
    mentions: 0,
    docs: new Set(),
  };
}

/** Whether some alias is a spelling of the key itself, not only a short form of it: what the name is chosen from. */
const spelled = (key: string, aliases: ReadonlyMap<string, number>): boolean =>
  [...aliases.keys()].some((alias) => mergeKey(alias) === key);

function rolesOf(roles: Cluster["roles"]): string[] {
  const ranked = [...roles.values()].map((spellings) => {
    const total = [...spellings.values()].reduce((a, b) => a + b, 0);
    const best = [...spellings].sort((a, b) => b[1] - a[1] || byText(a[0], b[0]))[0]?.[0] ?? "";
    return [best, total] as const;
  });
  return ranked.sort((a, b) => b[1] - a[1] || byText(a[0], b[0])).map(([role]) => role);
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
  // A registry alias is the registry name: "Tony Blinken" and "Antony J. Blinken" are one key from here on.
  const found = occurrencesOf(extracted, curated).map((occurrence) => {
    const entry = curated.get(occurrence.key);
    return entry ? { ...occurrence, key: mergeKey(entry.name) } : occurrence;
  });
  const resolve = makeResolver(
    found,
    registry.map(({ name, type }) => ({ key: mergeKey(name), type })),
  );
  // A name only ever written in lowercase ("blair" in a web address) is no record of its own: it is dropped
  // unless it resolved to an entity written with capitals somewhere or to a registry entry.
  const foundKeys = found.map(resolve);
  const cased = new Set(foundKeys.filter((key, i) => /\p{Lu}/u.test((found[i] as Occurrence).surface) || curated.has(key)));
  const occurrences = found.filter((_, i) => cased.has(foundKeys[i] as string));
  const keys = foundKeys.filter((key) => cased.has(key));

  const clusters = new Map<string, Cluster>();
  for (const entry of registry) {
    if (!clusters.has(`r:${entry.id}`)) clusters.set(`r:${entry.id}`, newCluster(mergeKey(entry.name), entry));
  }
  const clusterOf = occurrences.map((occurrence, i) => {
    const key = keys[i] as string;
    const entry = curated.get(key);
    const at = entry ? `r:${entry.id}` : `k:${key}`;
    const cluster = clusters.get(at) ?? newCluster(key);
    clusters.set(at, cluster);
    bump(cluster.aliases, occurrence.surface);
    if (!occurrence.headline) bump(cluster.prose, occurrence.surface);
    bump(cluster.types, occurrence.type);
    for (const role of occurrence.roles ?? []) {
      const spellings = cluster.roles.get(role.toLowerCase()) ?? new Map<string, number>();
      cluster.roles.set(role.toLowerCase(), bump(spellings, role));
    }
    cluster.mentions++;
    cluster.docs.add(occurrence.doc);
    return cluster;
  });

  // Name, type and id, in an order that does not depend on the order of the mentions.
  const all = [...clusters.values()].map((cluster) => ({
    cluster,
    name: cluster.entry?.name ?? canonicalName(cluster.key, spelled(cluster.key, cluster.prose) ? cluster.prose : cluster.aliases),
    type: cluster.entry?.type ?? majorityType(cluster.key, cluster.types),
  }));
  all.sort((a, b) => byText(a.name, b.name) || byText(a.type, b.type) || byText(a.cluster.key, b.cluster.key));
  const ids = assignIds(all.map(({ name, type, cluster }) => ({ name, type, ...(cluster.entry ? { id: cluster.entry.id } : {}) })));
  const index = new Map(all.map(({ cluster }, i) => [cluster, i]));
  const refs: EntityRef[] = all.map(({ name, type }, i) => ({ id: ids[i] as string, name, type }));

  // Per document: mention counts, and the entities of each sentence for co-occurrence.
  const perDoc = docs.map(() => ({ counts: new Map<number, number>(), sentences: new Map<number, number[]>() }));
  occurrences.forEach((occurrence, i) => {
    const n = index.get(clusterOf[i] as Cluster) as number;
    const doc = perDoc[occurrence.doc];
    if (!doc) return;
    bump(doc.counts, n);
    const sentence = doc.sentences.get(occurrence.sentence) ?? [];
    sentence.push(n);
    doc.sentences.set(occurrence.sentence, sentence);
  });
  const weights = new Map<number, Map<number, number>>();
  for (const { sentences } of perDoc) addCooccurrences(weights, [...sentences.values()]);

  const order = (a: number, b: number) =>
    byText((refs[a] as EntityRef).name, (refs[b] as EntityRef).name) || byText((refs[a] as EntityRef).id, (refs[b] as EntityRef).id);
  const entities: EntityRecord[] = all.map(({ cluster }, i) => {
    const ref = refs[i] as EntityRef;
    const docIndexes = [...cluster.docs].sort((a, b) => a - b);
    const dates = docIndexes.flatMap((d) => (docs[d]?.date ? [docs[d]?.date as string] : []));
    const related = [...(weights.get(i) ?? new Map<number, number>())]
      .sort((a, b) => b[1] - a[1] || order(a[0], b[0]))
      .slice(0, MAX_RELATED)
      .map(([n, weight]) => ({ ...(refs[n] as EntityRef), weight }));
    const aliases = new Map(cluster.aliases);
    for (const alias of cluster.entry?.aliases ?? []) if (!aliases.has(alias)) aliases.set(alias, 0);
    const first = dates.reduce<string | undefined>((a, b) => (a === undefined || laterDate(a, b) === a ? b : a), undefined);
    const last = dates.reduce<string | undefined>((a, b) => (a === undefined ? b : laterDate(a, b)), undefined);
    return {
      ...ref,
      aliases: [...aliases].sort((a, b) => b[1] - a[1] || byText(a[0], b[0])).map(([name, count]) => ({ name, count })),
      // Roles are of people: "chairman of" next to a company is the extractor mistaking whose title it was.
      roles: ref.type === "person" ? rolesOf(cluster.roles) : [],
      mentions: cluster.mentions,
      documents: { count: docIndexes.length, ids: docIndexes.map((d) => docs[d]?.id as string) },
      related,
      ...(first ? { first_seen: first } : {}),
      ...(last ? { last_seen: last } : {}),
      ...(cluster.entry ? extraFields(cluster.entry) : {}),
    };
  });

  const byDocument = perDoc.map(({ counts }) =>
    [...counts]
      .sort((a, b) => b[1] - a[1] || (entities[b[0]]?.mentions ?? 0) - (entities[a[0]]?.mentions ?? 0) || order(a[0], b[0]))
      .slice(0, MAX_ENTITIES_PER_DOCUMENT)
      .map(([n]) => refs[n] as EntityRef),
  );
  entities.sort((a, b) => byText(a.id, b.id));
  if (!options.mentions) return { entities, byDocument };
  const mentions: EntityMention[][] = docs.map(() => []);
  occurrences.forEach(({ doc, start, end, type }, i) => {
    const entity = (refs[index.get(clusterOf[i] as Cluster) as number] as EntityRef).id;
    mentions[doc]?.push({ start, end, type, entity });
  });
  for (const list of mentions) list.sort((a, b) => a.start - b.start || a.end - b.end);
  return { entities, byDocument, mentions };
}
