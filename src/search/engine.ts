/** @module The search itself, the same in the Worker and in Node: parse, expand prefixes, correct typos, filter, rank, verify phrases, page, snippet. */
import { stem } from "../bundle/analyzer";
import type { BundleReader } from "../bundle/reader";
import { type DocMeta, type EntityRef, type EntityType, entityTypes } from "../bundle/schema";
import { AppError } from "../errors";
import { analyzeDoc, type DocWords, initialsOf } from "./doc-words";
import { type ParsedQuery, parseQuery } from "./parse-query";
import type { PostingSource, TermPostings } from "./postings";
import { type Candidate, compareTiered, docsOf, type Ranked, rankCandidates, type TermGroup } from "./rank";
import { rerankPage } from "./rerank";
import { makeSnippet } from "./snippet";
import { holdingAny, inRange, TailLoader, type TailRequest } from "./tails";
import { topK } from "./top-k";
import { correctionGroups, corrections, MIN_CORRECTABLE } from "./typos";

/** Completions tried for the word being typed. */
export const MAX_EXPANSIONS = 8;
/** Distinct terms a query may have: bounds the shards one request reads. */
export const MAX_TERMS = 32;
/** Queries with at most this many clauses rank documents matching all of them first. */
const TIER_MAX_GROUPS = 4;
/** Full matches whose phrases are checked against the text, at most. */
const MAX_PHRASE_CHECKS = 100;
/** Documents whose entities are counted for the facets: the best this many matches (all of them when fewer). */
export const FACET_SAMPLE = 20;
/** Entities listed per type in the facets. */
export const FACET_VALUES = 10;
const COMPLETION_WEIGHT = 0.8;
const CORRECTION_WEIGHT = 0.7;

/** What the search needs from a bundle, or from the reference index in tests. */
export interface Engine {
  postings: PostingSource;
  /** Words starting with `prefix`, most frequent first, as `[word, documentFrequency]`. */
  completions(prefix: string): Promise<[string, number][]>;
  /** Every word of some three-letter prefix groups, for typo corrections. */
  dictionary(groups: string[]): Promise<[string, number][]>;
  /** Runs of documents by date, `[YYYY-MM-DD, first document number]`. */
  dates(): Promise<[string, number][]>;
}

export interface MatchOptions {
  /** How many of the best candidates to keep (default 10). */
  want?: number;
  /** `date`: newest first instead of by relevance. */
  order?: "relevance" | "date";
  /** Entity ids every result must have. */
  entities?: string[];
  /** Multiply scores by a recency factor with this half-life, in days. */
  recencyDays?: number;
}

export interface Match {
  parsed: ParsedQuery;
  groups: TermGroup[];
  /** The best candidates, in order (as many as asked for). */
  candidates: Candidate[];
  /** How many documents match. */
  total: number;
  /** Whether documents matching every group were put first. */
  tiered: boolean;
  /** How many groups decide the tiers (common clauses do not): a full match has this many. */
  full: number;
  /** Whether `total` is an estimate: some long lists were read in part (their heads, or the chunks a filter needed). */
  approximate: boolean;
  /** The query with its unknown words corrected, when some were. */
  corrected?: string;
}

/**
 * Finds and ranks the documents matching a parsed query.
 * @example
 * const { candidates } = await matchQuery(engine, parseQuery("kabul embassy"));
 */
export async function matchQuery(engine: Engine, parsed: ParsedQuery, options: MatchOptions = {}): Promise<Match> {
  const positive = parsed.clauses.filter((c) => !c.negated);
  // Refused before any read: expanding prefixes only adds terms, and each prefix clause costs a read of its own.
  const base = new Set([...parsed.clauses.flatMap((c) => c.words.map(stem)), ...parsed.entities, ...(options.entities ?? [])]);
  if (base.size > MAX_TERMS) {
    throw new AppError("query_too_complex", `The query needs over ${base.size} index terms; at most ${MAX_TERMS} are allowed.`);
  }
  const groups: TermGroup[] = await Promise.all(
    positive.map(async (clause) => {
      const variants = new Map<string, number>();
      for (const word of clause.words) variants.set(stem(word), 1);
      const last = clause.words.at(-1) as string;
      if (clause.prefix) {
        for (const [completion] of (await engine.completions(last)).slice(0, MAX_EXPANSIONS)) {
          const s = stem(completion);
          if (!variants.has(s)) variants.set(s, COMPLETION_WEIGHT);
        }
      }
      return { word: clause.words.join(" OR "), field: clause.field, variants };
    }),
  );
  const excluded = parsed.clauses.filter((c) => c.negated).flatMap((c) => c.words.map(stem));
  const entityIds = [...new Set([...parsed.entities, ...(options.entities ?? [])])];
  const terms = [...new Set([...groups.flatMap((g) => [...g.variants.keys()]), ...excluded, ...entityIds])];
  if (terms.length > MAX_TERMS) {
    throw new AppError("query_too_complex", `The query needs ${terms.length} index terms; at most ${MAX_TERMS} are allowed.`);
  }
  const postings = await engine.postings.postings(terms);
  const corrected = await correctTypos(engine, parsed, groups, postings);
  const tails = new TailLoader(engine.postings, postings);
  const fieldsOf = (g: TermGroup) => (g.field === "text" ? (["text", "title"] as const) : (["title"] as const));
  const documents = engine.postings.documents;

  const range = parsed.from || parsed.to ? documentRange(await engine.dates(), parsed.from, parsed.to) : undefined;
  const inDates = range ? inRange(range[0], range[1]) : () => true;
  // Entity filters must be whole (within the dates asked for): their chunks are read first.
  await tails.load(entityIds.map((term) => ({ term, field: "entity" as const, accept: inDates })));
  let allowed: Set<number> | undefined;
  for (const id of entityIds) {
    const docs = docsOf(postings.get(id)?.entity ?? []);
    allowed = allowed ? new Set([...allowed].filter((d) => docs.has(d))) : docs;
  }
  const allow =
    allowed || range ? (doc: number) => (!allowed || allowed.has(doc)) && (!range || (doc >= range[0] && doc < range[1])) : undefined;
  // The documents the filters let through: under a filter or in date order, the heads alone would miss some of
  // them, so the chunks holding them are read. A list is whole for this query when no such chunk is left.
  const region = allowed ? holdingAny([...allowed].filter((d) => !allow || allow(d)).sort((a, b) => a - b)) : inDates;
  if (allowed || range || options.order === "date") {
    await tails.load(
      groups.flatMap((g) => [...g.variants.keys()].flatMap((term) => fieldsOf(g).map((field) => ({ term, field, accept: region })))),
    );
  }
  const markCommon = () => {
    for (const g of groups) {
      const field = g.field === "text" ? "text" : "title";
      g.common = [...g.variants.keys()].every((t) => !tails.whole(t, field, region));
    }
  };
  markCommon();
  const boost = options.recencyDays ? recencyBoost(await engine.dates(), options.recencyDays) : undefined;

  const exclude = new Set<number>();
  const excludeLoaded = () => {
    for (const term of excluded) for (const doc of docsOf(postings.get(term)?.text ?? [])) exclude.add(doc);
  };
  excludeLoaded();

  const tiered = groups.length <= TIER_MAX_GROUPS;
  const want = options.want ?? 10;
  const rank = (): Ranked => {
    if (groups.length > 0) {
      return rankCandidates(groups, postings, { documents, tiered, want, order: options.order, exclude, allow, boost });
    }
    // Filters alone (entity:, from:/to:): every document they allow, newest first.
    // The last date run ends at the last document, not at MAX_SAFE_INTEGER.
    const end = range ? Math.min(range[1], documents) : 0;
    const pool = allowed ? [...allowed] : range ? Array.from({ length: Math.max(0, end - range[0]) }, (_, i) => range[0] + i) : [];
    const docs = pool.filter((doc) => !exclude.has(doc) && (!allow || allow(doc)));
    return { candidates: topK(docs, want, (a, b) => b - a).map((doc) => ({ doc, matched: 0, score: 0 })), total: docs.length };
  };
  let ranked = rank();
  // A page deeper than the heads reach: more chunks, newest first, two a round trip, until it fills or the budget ends.
  while (ranked.candidates.length < want) {
    const before = tails.read;
    await tails.load(
      groups.flatMap((g) => [...g.variants.keys()].flatMap((term) => fieldsOf(g).map((field) => ({ term, field, accept: region })))),
      2,
    );
    if (tails.read === before) break;
    markCommon();
    ranked = rank();
  }
  // An excluded word with a long list: check the candidates against the chunks that could hold them, until none could.
  for (;;) {
    const page = ranked.candidates.map((c) => c.doc).sort((a, b) => a - b);
    const pending: TailRequest[] = excluded
      .filter((term) => postings.get(term)?.tails.text.some(holdingAny(page)))
      .map((term) => ({ term, field: "text", accept: holdingAny(page) }));
    if (pending.length === 0) break;
    const before = tails.read;
    await tails.load(pending);
    if (tails.read === before) {
      throw new AppError("query_too_broad", "An excluded word is in too many documents to check in one request: narrow the query.");
    }
    excludeLoaded();
    ranked = rank();
  }

  const partial = (term: string, fields: readonly ("text" | "title" | "entity")[]) => fields.some((f) => !tails.whole(term, f, region));
  const approximate =
    groups.some((g) => [...g.variants.keys()].some((t) => partial(t, fieldsOf(g)))) ||
    entityIds.some((id) => !tails.whole(id, "entity", inDates));
  const full = groups.some((g) => !g.common) ? groups.filter((g) => !g.common).length : groups.length;
  if (approximate) ranked = { ...ranked, total: estimateTotal(groups, postings, documents, ranked.total, range, allowed) };
  return { parsed, groups, ...ranked, tiered, full, approximate, ...(corrected ? { corrected } : {}) };
}

/**
 * How many documents match when lists were read in part: clauses taken as independent, each matching its
 * terms' documents, scaled to the dates and entities asked for; never less than the documents seen.
 */
function estimateTotal(
  groups: TermGroup[],
  postings: Map<string, TermPostings>,
  documents: number,
  seen: number,
  range?: [number, number],
  allowed?: Set<number>,
): number {
  if (documents === 0) return seen;
  let none = 1;
  for (const g of groups) {
    let count = 0;
    for (const term of g.variants.keys()) count += postings.get(term)?.count[g.field] ?? 0;
    none *= 1 - Math.min(1, count / documents);
  }
  let share = groups.length > 0 ? 1 - none : 1;
  if (range) share *= Math.max(0, Math.min(documents, range[1]) - range[0]) / documents;
  if (allowed) share *= allowed.size / documents;
  return Math.max(seen, Math.round(documents * share));
}

/** Adds dictionary neighbours to the groups whose words match nothing; returns the corrected query. */
async function correctTypos(
  engine: Engine,
  parsed: ParsedQuery,
  groups: TermGroup[],
  postings: Map<string, TermPostings>,
): Promise<string | undefined> {
  const unknown = groups.filter(
    (g) =>
      g.word.length >= MIN_CORRECTABLE &&
      !g.word.includes(" ") &&
      [...g.variants.keys()].every((t) => (postings.get(t)?.count.text ?? 0) === 0),
  );
  if (unknown.length === 0) return undefined;
  const dictionary = await engine.dictionary([...new Set(unknown.flatMap((g) => correctionGroups(g.word)))]);
  const replaced = new Map<string, string>();
  // Corrections are index terms too: the query's MAX_TERMS bound holds for them (32 typos would otherwise read ~128 shards).
  const extra = new Set<string>();
  const room = MAX_TERMS - postings.size;
  const fits = ([word]: [string, number]) => {
    const s = stem(word);
    if (postings.has(s) || extra.has(s)) return true;
    if (extra.size >= room) return false;
    extra.add(s);
    return true;
  };
  for (const group of unknown) {
    const found = corrections(group.word, dictionary).filter(fits);
    for (const [word] of found) if (!group.variants.has(stem(word))) group.variants.set(stem(word), CORRECTION_WEIGHT);
    if (found[0]) replaced.set(group.word, found[0][0]);
  }
  if (replaced.size === 0) return undefined;
  const added = [...new Set(unknown.flatMap((g) => [...g.variants.keys()]))].filter((t) => !postings.has(t));
  for (const [term, p] of await engine.postings.postings(added)) postings.set(term, p);
  const words = parsed.clauses.flatMap((c) => (c.negated ? [] : c.words));
  return words.map((w) => replaced.get(w) ?? w).join(" ");
}

/** Document numbers `[first, end)` dated within `[from, to]`. */
function documentRange(runs: [string, number][], from?: string, to?: string): [number, number] {
  let first = Number.POSITIVE_INFINITY;
  let end = 0;
  runs.forEach(([day, start], i) => {
    if (!day || (from && day < from) || (to && day > to)) return;
    first = Math.min(first, start);
    end = Math.max(end, runs[i + 1]?.[1] ?? Number.MAX_SAFE_INTEGER);
  });
  return first === Number.POSITIVE_INFINITY ? [0, 0] : [first, end];
}

/** Score multiplier: 1 for the newest document of the corpus, halving its bonus every `halfLife` days older. */
function recencyBoost(runs: [string, number][], halfLife: number): (doc: number) => number {
  const days = runs.map(([day, start]) => [day ? Date.parse(day) / 86_400_000 : Number.NaN, start] as const);
  const newest = Math.max(...days.map(([d]) => (Number.isNaN(d) ? Number.NEGATIVE_INFINITY : d)));
  return (doc) => {
    let lo = 0;
    let hi = days.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((days[mid]?.[1] ?? 0) <= doc) lo = mid;
      else hi = mid - 1;
    }
    const day = days[lo]?.[0] ?? Number.NaN;
    return Number.isNaN(day) ? 0.5 : 0.5 + 0.5 * 2 ** (-(newest - day) / halfLife);
  };
}

export interface SearchParams {
  q: string;
  limit: number;
  offset: number;
  entities?: string[];
  sort?: "relevance" | "date";
  recencyDays?: number;
}

export interface SearchHit {
  id: string;
  title: string;
  url: string | null;
  date: string | null;
  score: number;
  snippet: string;
  entities: EntityRef[];
}

/** Entities of each type among the best matches, with how many of those documents hold them. */
export type Facets = Record<EntityType, (EntityRef & { count: number })[]>;

export interface SearchResult {
  query: string;
  total: number;
  /** Whether `total` is an estimate. */
  approximate: boolean;
  facets: Facets;
  /** Whether the facets counted every matching document (else the best `FACET_SAMPLE`). */
  facetsExhaustive: boolean;
  corrected: string | null;
  hits: SearchHit[];
}

/**
 * Answers a search over a bundle.
 * @example
 * await search(bundleEngine(reader), reader, { q: "kabul embassy", limit: 10, offset: 0 });
 */
export async function search(engine: Engine, reader: BundleReader, params: SearchParams): Promise<SearchResult> {
  const parsed = parseQuery(params.q);
  const facets = { person: [], organization: [], place: [] };
  const empty = { query: params.q, total: 0, approximate: false, facets, facetsExhaustive: true, corrected: null, hits: [] };
  if (parsed.clauses.every((c) => c.negated) && parsed.entities.length === 0 && !params.entities?.length && !parsed.from && !parsed.to) {
    return empty;
  }
  const wanted = params.offset + params.limit;
  const match = await matchQuery(engine, parsed, {
    // Phrase queries keep more, to check the phrase in the best of them; the facets count the best FACET_SAMPLE.
    want: Math.max(FACET_SAMPLE, parsed.phrases.length > 0 ? Math.max(wanted, Math.min(MAX_PHRASE_CHECKS, 2 * wanted, 20)) : wanted),
    order: params.sort,
    entities: params.entities,
    recencyDays: params.recencyDays,
  });
  // Each hit's stored text is analyzed once for the phrase checks, the rerank and the snippet; only the words that
  // may be one of the query's terms are stemmed (the rerank and the snippet look for nothing else).
  const stems = new Set(match.groups.flatMap((g) => [...g.variants.keys()]));
  const initials = initialsOf(stems);
  const analyzed = new Map<number, DocWords>();
  const wordsOf = (n: number, meta: DocMeta): DocWords => {
    let words = analyzed.get(n);
    if (!words) {
      words = analyzeDoc(meta, initials);
      analyzed.set(n, words);
    }
    return words;
  };
  let candidates = match.candidates;
  if (parsed.phrases.length > 0 && params.sort !== "date") candidates = await checkPhrases(reader, match, wanted, wordsOf);
  let page = candidates.slice(params.offset, wanted);
  const sample = candidates.slice(0, FACET_SAMPLE);
  // One read for the page and the facets' documents.
  const metas = await reader.metas([...new Set([...page, ...sample].map((c) => c.doc))]);
  if (params.offset === 0 && params.sort !== "date" && match.groups.length > 1) page = rerankPage(page, metas, match, wordsOf);
  const matcher = {
    stems,
    prefixes: parsed.clauses.filter((c) => c.prefix && !c.negated).map((c) => c.words.at(-1) as string),
  };
  return {
    query: params.q,
    total: match.total,
    approximate: match.approximate,
    facets: countFacets(sample.map((c) => metas.get(c.doc) as DocMeta)),
    facetsExhaustive: !match.approximate && sample.length >= match.total,
    corrected: match.corrected ?? null,
    hits: page.map((c) => {
      const meta = metas.get(c.doc) as DocMeta;
      return {
        id: meta.id,
        title: meta.title,
        url: meta.url ?? null,
        date: meta.date ?? null,
        score: Math.round(c.score * 1e4) / 1e4,
        snippet: makeSnippet(meta.text, matcher, undefined, wordsOf(c.doc, meta).text),
        entities: meta.entities.slice(0, 8),
      };
    }),
  };
}

/**
 * The entities of some documents, per type, by how many of the documents hold them.
 * @example
 * countFacets(metas).place; // [{ id: "kabul", name: "Kabul", type: "place", count: 7 }, ...]
 */
export function countFacets(metas: DocMeta[]): Facets {
  const counts = new Map<string, EntityRef & { count: number }>();
  for (const meta of metas) {
    for (const ref of new Map(meta.entities.map((e) => [e.id, e])).values()) {
      const seen = counts.get(ref.id);
      if (seen) seen.count++;
      else counts.set(ref.id, { id: ref.id, name: ref.name, type: ref.type, count: 1 });
    }
  }
  const out = { person: [], organization: [], place: [] } as Facets;
  const sorted = [...counts.values()].sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : 1));
  for (const type of entityTypes) out[type] = sorted.filter((e) => e.type === type).slice(0, FACET_VALUES);
  return out;
}

/** Full matches whose phrases really occur come first; the rest keep their order after them. */
async function checkPhrases(
  reader: BundleReader,
  match: Match,
  wanted: number,
  wordsOf: (n: number, meta: DocMeta) => DocWords,
): Promise<Candidate[]> {
  const full = match.candidates.filter((c) => c.matched === match.full);
  const checked = full.slice(0, Math.min(MAX_PHRASE_CHECKS, Math.max(wanted * 2, 20)));
  const metas = await reader.metas(checked.map((c) => c.doc));
  const verified = new Set<number>();
  for (const c of checked) {
    const meta = metas.get(c.doc) as DocMeta;
    const words = wordsOf(c.doc, meta).folded;
    if (match.parsed.phrases.every((phrase) => containsSequence(words, phrase))) verified.add(c.doc);
  }
  const tier = (c: Candidate) => (verified.has(c.doc) ? 1 : 0);
  return [...match.candidates].sort((a, b) => b.matched - a.matched || tier(b) - tier(a) || compareTiered(a, b));
}

export function containsSequence(words: string[], phrase: string[]): boolean {
  outer: for (let i = 0; i + phrase.length <= words.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (words[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}
