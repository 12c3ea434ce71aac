/**
 * @module Filters: what restricts the documents a query may return, one module a kind. Each reads what it needs
 * (the date runs, an entity's postings and the chunks of them in the dates asked for) and narrows the query's scope;
 * the matcher reads the term chunks the scope needs and ranks only what it allows. Adding an operator: the parser,
 * a filter here, its test.
 */

import { DEFAULT_LANGUAGE } from "../format/analyzer";
import { fieldTerm, languageTerm, type TailRef } from "../format/bundle";
import { type Bitmap, hasBit, hasBitmap, holdsAny } from "../format/values/bits";
import type { ParsedQuery } from "./parse-query";
import type { TermPostings } from "./postings";
import { docsOf } from "./rank";
import { EXACT_DATE_CHUNKS, holdingAny, inRange, type TailLoader } from "./tails";
import type { Engine, MatchOptions } from "./types";

/** The documents a query may return, as its filters narrowed them. */
export interface Scope {
  /** Document numbers `[first, end)` (a date range: documents are numbered by date). */
  range?: [number, number];
  /** The only documents allowed (entities, a language). */
  allowed?: Set<number>;
  /** Documents left out (those in other languages than the bundle's main one, when that one is asked for). */
  denied?: Set<number>;
  /** Whether a filter's own list was read in part (its count is then an estimate). */
  partial: boolean;
  /** An entity alone read newest first: the documents its whole list holds (the count when the list was read in part). */
  listed?: number;
  /**
   * Entity lists left for the matcher to read newest first with the query's words (date order: see `entityFilter`):
   * `allowed` holds the documents of what is read so far, whole only above the newest document an unread chunk of
   * them may hold; `allowedEstimate` is how many documents they allow in all (for the estimated count).
   */
  deferred?: string[];
  allowedEstimate?: number;
  /**
   * Documents of long lists tested one by one (membership bitmaps: see `entityFilter`), where `allowed` would hold
   * too many to list: the matcher reads the words' chunks (all of them may hold some) and none of the lists'.
   */
  tested?: (doc: number) => boolean;
  /** The tail chunks that may hold a document `tested` lets through: those the words' are read from. */
  testedChunks?: (ref: TailRef) => boolean;
}

/** What a filter may use: the engine, the query's postings (its terms read in one round trip) and the chunk loader. */
export interface FilterContext {
  engine: Engine;
  postings: Map<string, TermPostings>;
  tails: TailLoader;
}

export interface Filter {
  /** Index terms whose postings it reads, with the query's own in one round trip. */
  readonly terms: string[];
  /** The scope narrowed by this filter; filters apply in order, date ranges first. */
  narrow(context: FilterContext, scope: Scope): Promise<Scope>;
}

/**
 * The filters of a query, in the order they apply: date ranges first (entity lists are read within them).
 * @example
 * filtersOf(parseQuery("oil from:2021-08 entity:opec"), {}); // [dateFilter, entityFilter]
 */
export function filtersOf(parsed: ParsedQuery, options: MatchOptions, engine?: Pick<Engine, "documentLanguages" | "languages">): Filter[] {
  const entityIds = [...new Set([...parsed.entities, ...(options.entities ?? [])])];
  const languages = [...new Set([...parsed.languages, ...(options.languages ?? [])])];
  const fields = new Map<string, Set<string>>();
  for (const [name, values] of [...(parsed.fields ?? []).map(([n, v]) => [n, [v]] as const), ...Object.entries(options.fields ?? {})]) {
    const set = fields.get(name) ?? new Set<string>();
    for (const value of values) set.add(value);
    fields.set(name, set);
  }
  // By relevance with words, long lists are tested by their bitmaps (see `entityFilter`).
  const words = parsed.clauses.some((c) => !c.negated);
  const test = options.order !== "date" && words;
  return [
    ...(parsed.from || parsed.to ? [dateFilter(parsed.from, parsed.to)] : []),
    ...(entityIds.length > 0
      ? [
          entityFilter(
            entityIds,
            newestOnly(parsed, options, languages, fields),
            options.newestOnly === true,
            options.order === "date" && words,
            test,
          ),
        ]
      : []),
    ...languages.map((lang) => languageFilter(lang, engine?.documentLanguages, engine?.languages?.[0])),
    ...[...fields].map(([name, values]) => fieldFilter(name, [...values], test)),
  ];
}

/**
 * How many of an entity's newest documents its filter must find when it reads its list newest first (see
 * `entityFilter`): only in date order, for entities and nothing else (no words, dates, languages or facets, which
 * would leave fewer of them on the page).
 */
function newestOnly(
  parsed: ParsedQuery,
  options: MatchOptions,
  languages: readonly string[],
  fields: ReadonlyMap<string, unknown>,
): number | undefined {
  const alone = parsed.clauses.length === 0 && !parsed.from && !parsed.to && languages.length === 0 && fields.size === 0;
  return options.order === "date" && alone ? (options.want ?? 10) : undefined;
}

/**
 * An estimate of the documents a scope allows (`Scope.allowedEstimate`, set by entity lists read in part), narrowed
 * by a later filter whose lists hold `share` of the archive (taken as independent of the entities').
 * @example
 * narrowedEstimate({ partial: true, allowedEstimate: 400 }, 0.5); // { allowedEstimate: 200 }
 */
function narrowedEstimate(scope: Scope, share: number): { allowedEstimate?: number } {
  return scope.allowedEstimate === undefined ? {} : { allowedEstimate: Math.round(scope.allowedEstimate * Math.min(1, share)) };
}

/** The share of the archive some terms' lists hold (in the entity field: languages, facet values). */
const shareOf = (engine: Engine, postings: Map<string, TermPostings>, terms: readonly string[]) =>
  terms.reduce((n, term) => n + (postings.get(term)?.count.entity ?? 0), 0) / Math.max(1, engine.postings.documents);

/**
 * The lists of `terms` a search by relevance tests by their membership bitmaps (`PostingSource.bits`): those of more
 * than `EXACT_DATE_CHUNKS` chunks in the dates asked, where the bundle has bitmaps (`Layout.bitsFrom`).
 */
function bitmapTerms({ engine, postings, tails }: FilterContext, terms: readonly string[], inDates: (ref: TailRef) => boolean): string[] {
  const source = engine.postings;
  if (!source.bits || source.bitsFrom === undefined) return [];
  const from = source.bitsFrom;
  return terms.filter(
    (term) =>
      hasBitmap(term, postings.get(term)?.tails.entity.length ?? 0, from) &&
      tails.count([{ term, field: "entity", accept: inDates }]) > EXACT_DATE_CHUNKS,
  );
}

/**
 * Each term's test of membership, its bitmap read (one round trip for all): a delta's documents are not in the base's
 * bitmap, they are all in the list's slots read already.
 */
async function memberTests({ engine, postings }: FilterContext, terms: string[]): Promise<Member[]> {
  const bitmaps = (await engine.postings.bits?.(terms)) ?? new Map<string, Bitmap>();
  return terms.map((term) => {
    const bitmap = bitmaps.get(term) as Bitmap;
    const extra = docsOf(postings.get(term)?.entity ?? []);
    for (const doc of extra) if (hasBit(bitmap, doc)) extra.delete(doc);
    return {
      has: extra.size === 0 ? (doc: number) => hasBit(bitmap, doc) : (doc: number) => hasBit(bitmap, doc) || extra.has(doc),
      // Tail chunks are the base's: a delta's documents are in no chunk.
      holds: (first: number, last: number) => holdsAny(bitmap, first, last),
    };
  });
}

/** A list's test of membership, and whether it holds any document numbered `first` to `last` (a tail chunk's). */
interface Member {
  has: (doc: number) => boolean;
  holds: (first: number, last: number) => boolean;
}

/**
 * A scope narrowed by a test of membership (`Scope.tested`) that lets `share` of the documents through, and the tail
 * chunks that may hold one (`Scope.testedChunks`).
 */
function testing(scope: Scope, test: Member, share: number, documents: number): Scope {
  const before = scope.tested;
  const chunks = scope.testedChunks;
  // Asked of the same chunks at every round trip's planning: each one's answer is kept (a sparse bitmap is scanned).
  const known = new WeakMap<TailRef, boolean>();
  const holds = (ref: TailRef) => {
    let answer = known.get(ref);
    if (answer === undefined) {
      answer = test.holds(ref[1], ref[2]);
      known.set(ref, answer);
    }
    return answer;
  };
  return {
    ...scope,
    tested: before ? (doc) => before(doc) && test.has(doc) : test.has,
    testedChunks: chunks ? (ref) => chunks(ref) && holds(ref) : holds,
    allowedEstimate: Math.round(share * (scope.allowedEstimate ?? scope.allowed?.size ?? documents)),
  };
}

/**
 * The share of `of` documents that lists let through all together, taken as independent of one another (the share of
 * the archive each holds, multiplied).
 */
const independentShare = (engine: Engine, postings: Map<string, TermPostings>, terms: readonly string[], of = 1) =>
  terms.reduce((n, term) => n * Math.min(1, shareOf(engine, postings, [term])), of);

/** Whether a document is in a scope. */
export function allows(scope: Scope): ((doc: number) => boolean) | undefined {
  const { allowed, denied, range, tested } = scope;
  if (!allowed && !denied && !range && !tested) return undefined;
  return (doc) =>
    (!allowed || allowed.has(doc)) && !denied?.has(doc) && (!range || (doc >= range[0] && doc < range[1])) && (!tested || tested(doc));
}

/** The tail chunks a scope needs read for its documents to be whole: those holding its allowed documents, or its range. */
export function region(scope: Scope): (ref: [number, number, number]) => boolean {
  const allow = allows(scope);
  if (scope.allowed) return holdingAny([...scope.allowed].filter((d) => !allow || allow(d)).sort((a, b) => a - b));
  const { range, testedChunks } = scope;
  const inDates = range ? inRange(range[0], range[1]) : undefined;
  if (testedChunks) return inDates ? (ref) => inDates(ref) && testedChunks(ref) : testedChunks;
  return inDates ?? (() => true);
}

/**
 * Documents dated within `[from, to]` (inclusive `YYYY-MM-DD` bounds, either open).
 * @example
 * dateFilter("2021-08-01", "2021-08-31");
 */
export function dateFilter(from?: string, to?: string): Filter {
  return {
    terms: [],
    async narrow({ engine }, scope) {
      const [first, end] = documentRange(await engine.dates(), from, to);
      const range: [number, number] = scope.range ? [Math.max(first, scope.range[0]), Math.min(end, scope.range[1])] : [first, end];
      return { ...scope, range };
    },
  };
}

/**
 * Documents holding every one of some entities. An entity's list must be whole within the dates asked for: its chunks
 * there are read first (one round trip for all the entities). With `newest` (one entity alone, in date order), a list
 * of more than `EXACT_DATE_CHUNKS` chunks (or any, with `always`: `SearchParams.newestOnly`) is read newest first
 * instead, only until the page's `newest` documents are found; the count is then the list's (`Scope.listed`). With
 * `defer` (date order, with words), lists of more than `EXACT_DATE_CHUNKS` chunks are left to the matcher to read
 * newest first with the words' (`Scope.deferred`). With `test` (relevance order, with words), a list of more than
 * `EXACT_DATE_CHUNKS` chunks where the bundle has its membership bitmap (`PostingSource.bits`) is tested by it
 * (`Scope.tested`): one key instead of its chunks (a country's at a million articles: 16 chunks), and no set of its
 * hundreds of thousands of documents to build and search. The words' chunks are read as for a list read whole (a
 * dense list's documents are in every one of them): the same page and count, within the same budget of chunks.
 * @example
 * entityFilter(["kabul", "taliban"]);
 */
export function entityFilter(ids: string[], newest?: number, always = false, defer = false, test = false): Filter {
  return {
    terms: ids,
    async narrow(context, scope) {
      const { engine, postings, tails } = context;
      const inDates = scope.range ? inRange(scope.range[0], scope.range[1]) : () => true;
      const tested = test ? bitmapTerms(context, ids, inDates) : [];
      if (tested.length > 0) {
        // The other lists first, read whole as below: the documents they allow are what the bitmaps' share scales.
        const rest = ids.filter((term) => !tested.includes(term));
        const within = rest.length > 0 ? await entityFilter(rest, newest, always, defer).narrow(context, scope) : scope;
        const members = await memberTests(context, tested);
        // As many documents as if the lists were independent of one another and of the other filters.
        const share = independentShare(engine, postings, tested);
        const all: Member = {
          has: (doc) => members.every((m) => m.has(doc)),
          holds: (first, last) => members.every((m) => m.holds(first, last)),
        };
        return testing(within, all, share, engine.postings.documents);
      }
      const requests = ids.map((term) => ({ term, field: "entity" as const, accept: inDates }));
      const long = tails.count(requests) > EXACT_DATE_CHUNKS;
      // Date order with words (`defer`), and lists of more than EXACT_DATE_CHUNKS chunks: the matcher reads them
      // newest first with the words' own, until its page is settled. What is read so far allows its documents.
      const deferring = defer && long;
      /** Newest first: the documents in every list above the newest document an unread chunk may hold, and that one. */
      let sample: { above: number; newestUnread: number } | undefined;
      /** Each list's documents, as the newest-first reading left them (whole when it stopped). */
      let lists: Set<number>[] | undefined;
      if (deferring) {
        // Nothing read here: the matcher reads them.
      } else if (newest !== undefined && ids.length > 0 && (always || long)) {
        // Only the page's newest documents (entities alone, no dates: see `newestOnly`): their chunks newest first,
        // more each round trip, until `newest` live documents in every list are newer than any chunk left unread.
        const withdrawn = new Set(engine.postings.withdrawn ?? []);
        for (let step = 1; ; step *= 2) {
          const newestUnread = tails.newestUnread(requests);
          lists = ids.map((term) => docsOf(postings.get(term)?.entity ?? []));
          let above = 0;
          const read = lists;
          for (const doc of read[0] ?? []) if (doc > newestUnread && !withdrawn.has(doc) && read.every((l) => l.has(doc))) above++;
          sample = { above, newestUnread };
          if (above >= newest || newestUnread < 0) break;
          const before = tails.read;
          await tails.load(requests, step);
          if (tails.read === before) break;
        }
      } else await tails.load(requests);
      let allowed = scope.allowed;
      ids.forEach((term, i) => {
        const docs = lists?.[i] ?? docsOf(postings.get(term)?.entity ?? []);
        allowed = allowed ? new Set([...allowed].filter((d) => docs.has(d))) : docs;
      });
      if (deferring) {
        // How many documents of the whole archive they allow (the count applies the dates), as if the lists were
        // independent of one another.
        const allowedEstimate = Math.round(
          independentShare(engine, postings, ids, scope.allowedEstimate ?? scope.allowed?.size ?? engine.postings.documents),
        );
        return { ...scope, allowed: allowed ?? new Set(), partial: true, deferred: [...(scope.deferred ?? []), ...ids], allowedEstimate };
      }
      const partial = scope.partial || ids.some((id) => !tails.whole(id, "entity", inDates));
      // Read in part: one list's count, over the documents not withdrawn (its unread chunks still hold the withdrawn
      // ones: as many as its share gives); several lists' documents in common as many as in the newest ones read,
      // over the whole archive (entities named together are not independent). An estimate, as the total then is.
      let listed: number | undefined;
      if (newest !== undefined && ids.length > 0 && partial) {
        const documents = Math.max(1, engine.postings.documents);
        const live = documents - (engine.postings.withdrawn?.length ?? 0);
        // Never more than any one list holds.
        const most = Math.min(...ids.map((term) => live * Math.min(1, shareOf(engine, postings, [term]))));
        listed = Math.round(
          ids.length === 1 || !sample ? most : Math.min(most, (sample.above * live) / Math.max(1, documents - 1 - sample.newestUnread)),
        );
      }
      return { ...scope, allowed, partial, ...(listed !== undefined ? { listed } : {}) };
    },
  };
}

/**
 * Documents in one language. Only the documents of languages other than the bundle's main one (the first of its
 * analysis languages, `Engine.languages`) are indexed under their
 * language (`languageTerm`): a filter on one of those reads its list, and a filter on the main language reads the
 * others' lists and leaves their documents out, so that no filter reads a list as long as the corpus. A language the
 * bundle does not hold allows nothing.
 * @example
 * languageFilter("de", { en: 18000, de: 1000 }, "en"); // reads "lang:de"
 */
export function languageFilter(
  lang: string,
  languages: Readonly<Record<string, number>> = { [DEFAULT_LANGUAGE]: 1 },
  main = DEFAULT_LANGUAGE,
): Filter {
  const held = languages[lang] !== undefined;
  const terms = !held
    ? []
    : lang === main
      ? Object.keys(languages)
          .filter((l) => l !== main)
          .map(languageTerm)
      : [languageTerm(lang)];
  return {
    terms,
    async narrow({ engine, postings, tails }, scope) {
      if (!held) return { ...scope, allowed: new Set() };
      const inDates = scope.range ? inRange(scope.range[0], scope.range[1]) : () => true;
      await tails.load(terms.map((term) => ({ term, field: "entity" as const, accept: inDates })));
      const partial = scope.partial || terms.some((term) => !tails.whole(term, "entity", inDates));
      if (lang !== main) {
        const docs = docsOf(postings.get(languageTerm(lang))?.entity ?? []);
        const allowed = scope.allowed ? new Set([...scope.allowed].filter((d) => docs.has(d))) : docs;
        return { ...scope, allowed, partial, ...narrowedEstimate(scope, shareOf(engine, postings, terms)) };
      }
      const denied = new Set(scope.denied);
      for (const term of terms) for (const doc of docsOf(postings.get(term)?.entity ?? [])) denied.add(doc);
      return { ...scope, denied, partial };
    },
  };
}

/**
 * Documents with one of some values of a facet (`fieldTerm`); filters on several facets all apply. Its lists must be
 * whole within the dates asked for, as an entity's.
 * @example
 * fieldFilter("category", ["politics", "business"]);
 */
export function fieldFilter(name: string, values: string[], test = false): Filter {
  const terms = [...new Set(values.map((v) => fieldTerm(name, v)))];
  return {
    terms,
    async narrow(context, scope) {
      const { engine, postings, tails } = context;
      const inDates = scope.range ? inRange(scope.range[0], scope.range[1]) : () => true;
      // By relevance with words, values whose lists all have bitmaps are tested by them, as a long entity's are.
      if (test && terms.length > 0 && bitmapTerms(context, terms, inDates).length === terms.length) {
        const members = await memberTests(context, terms);
        const any: Member = {
          has: (doc) => members.some((m) => m.has(doc)),
          holds: (first, last) => members.some((m) => m.holds(first, last)),
        };
        return testing(scope, any, shareOf(engine, postings, terms), engine.postings.documents);
      }
      await tails.load(terms.map((term) => ({ term, field: "entity" as const, accept: inDates })));
      const docs = new Set<number>();
      for (const term of terms) for (const doc of docsOf(postings.get(term)?.entity ?? [])) docs.add(doc);
      const allowed = scope.allowed ? new Set([...scope.allowed].filter((d) => docs.has(d))) : docs;
      const partial = scope.partial || terms.some((term) => !tails.whole(term, "entity", inDates));
      return { ...scope, allowed, partial, ...narrowedEstimate(scope, shareOf(engine, postings, terms)) };
    },
  };
}

/** Document numbers `[first, end)` dated within `[from, to]`. */
export function documentRange(runs: [string, number][], from?: string, to?: string): [number, number] {
  let first = Number.POSITIVE_INFINITY;
  let end = 0;
  runs.forEach(([day, start], i) => {
    if (!day || (from && day < from) || (to && day > to)) return;
    first = Math.min(first, start);
    end = Math.max(end, runs[i + 1]?.[1] ?? Number.MAX_SAFE_INTEGER);
  });
  return first === Number.POSITIVE_INFINITY ? [0, 0] : [first, end];
}
