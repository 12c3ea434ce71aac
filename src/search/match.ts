/** @module Matching: a parsed query's clauses expanded (prefixes, corrections), its filters applied, its postings ranked, the chunks it needs read. */

import { AppError } from "../errors";
import { isUnspaced, stem, stemsOf } from "../format/analyzer";
import { PREFIX_GROUP } from "../format/bundle";
import { estimateTotal } from "./estimate";
import { allows, filtersOf, region, type Scope } from "./filters";
import { runIndex } from "./histogram";
import type { ParsedQuery } from "./parse-query";
import type { TermPostings } from "./postings";
import { docsOf, type Ranked, rankCandidates, type TermGroup } from "./rank";
import { EXACT_DATE_CHUNKS, holdingAny, inRange, TailLoader, type TailRequest } from "./tails";
import { topK } from "./top-k";
import type { Engine, Match, MatchOptions } from "./types";
import { correctionGroups, corrections, editDistance, MIN_CORRECTABLE } from "./typos";

/** Completions tried for the word being typed. */
export const MAX_EXPANSIONS = 8;
/** Distinct terms a query may have: bounds the shards one request reads. */
export const MAX_TERMS = 32;
/** Queries with at most this many clauses rank documents matching all of them first. */
const TIER_MAX_GROUPS = 4;
const COMPLETION_WEIGHT = 0.8;
const CORRECTION_WEIGHT = 0.7;

/**
 * The clauses a document should match, each with its index terms: the words' stems, and the completions of a prefix.
 * In a bundle of several languages a word also matches its stems in the others (see `analysisLanguages`), as long as
 * the query's terms stay within `MAX_TERMS`: `room` new terms at most, the first words' first.
 */
async function expand(engine: Engine, parsed: ParsedQuery, room: number): Promise<TermGroup[]> {
  const [first, ...others] = engine.languages ?? [];
  /** Each group's words and completions, with their weights, for the other languages' stems. */
  const sources: [string, number][][] = [];
  /** The terms the query's bound counted already: its words' stems. */
  const counted = new Set(parsed.clauses.flatMap((c) => c.words.map((w) => stem(w, first))));
  const groups = await Promise.all(
    parsed.clauses
      .filter((c) => !c.negated)
      .map(async (clause, i) => {
        const words: [string, number][] = clause.words.map((word) => [word, 1]);
        // The hyphenated word written together, as the build indexes it too ("pretax" for "pre-tax"), while the
        // query's bound on terms leaves room for it (it is an extra: the query reads as its parts without it).
        if (clause.compound) {
          const term = stem(clause.compound, first);
          if (counted.has(term) || room > 0) {
            if (!counted.has(term)) room--;
            counted.add(term);
            words.push([clause.compound, 1]);
          }
        }
        const last = clause.words.at(-1) as string;
        if (clause.prefix) {
          for (const [completion] of (await engine.completions(last)).slice(0, MAX_EXPANSIONS)) words.push([completion, COMPLETION_WEIGHT]);
        }
        const variants = new Map<string, number>();
        for (const [word, weight] of words) {
          const s = stem(word, first);
          if (!variants.has(s)) variants.set(s, weight);
        }
        sources[i] = words;
        return { word: clause.words.join(" OR "), field: clause.field, variants, typed: clause.words };
      }),
  );
  const known = new Set(groups.flatMap((g) => [...g.variants.keys()]));
  for (const lang of others) {
    groups.forEach((group, i) => {
      for (const [word, weight] of sources[i] ?? []) {
        const s = stem(word, lang);
        if (group.variants.has(s)) continue;
        if (!known.has(s)) {
          if (room <= 0) continue;
          room--;
          known.add(s);
        }
        group.variants.set(s, weight);
      }
    });
  }
  return groups;
}

/**
 * Finds and ranks the documents matching a parsed query.
 * @example
 * const { candidates } = await matchQuery(engine, parseQuery("kabul embassy"));
 */
export async function matchQuery(engine: Engine, parsed: ParsedQuery, options: MatchOptions = {}): Promise<Match> {
  const filters = filtersOf(parsed, options, engine);
  const filterTerms = filters.flatMap((f) => f.terms);
  // Refused before any read: expanding prefixes only adds terms, and each prefix clause costs a read of its own.
  const languages = engine.languages ?? [];
  const stems = (word: string) => stemsOf(word, languages);
  // The query's own reading: its words stemmed in the bundle's main language.
  const base = new Set([...parsed.clauses.flatMap((c) => c.words.map((w) => stem(w, languages[0]))), ...filterTerms]);
  if (base.size > MAX_TERMS) {
    throw new AppError(
      "query_too_complex",
      `The query needs at least ${base.size} index terms (its distinct words and filters); at most ${MAX_TERMS} are allowed.`,
    );
  }
  const excluded = [...new Set(parsed.clauses.filter((c) => c.negated).flatMap((c) => c.words.flatMap(stems)))];
  const groups = await expand(engine, parsed, MAX_TERMS - new Set([...base, ...excluded]).size);
  const terms = [...new Set([...groups.flatMap((g) => [...g.variants.keys()]), ...excluded, ...filterTerms])];
  if (terms.length > MAX_TERMS) {
    throw new AppError("query_too_complex", `The query needs ${terms.length} index terms; at most ${MAX_TERMS} are allowed.`);
  }
  const postings = await engine.postings.postings(terms);
  const corrected = await correctTypos(engine, parsed, groups, postings);
  const tails = new TailLoader(engine.postings, postings);
  const fieldsOf = (g: TermGroup) => (g.field === "text" ? (["text", "title"] as const) : (["title"] as const));
  const documents = engine.postings.documents;

  const narrowed = async () => {
    let narrowing: Scope = { partial: false };
    for (const filter of filters) narrowing = await filter.narrow({ engine, postings, tails }, narrowing);
    return narrowing;
  };
  let scope = await narrowed();
  let allow = allows(scope);
  let { range, allowed } = scope;
  // Entity lists left to read newest first with the words (date order: see `entityFilter`), within the dates asked.
  const deferred = scope.deferred ?? [];
  const inDates = range ? inRange(range[0], range[1]) : () => true;
  const entityChunks = deferred.map((term) => ({ term, field: "entity" as const, accept: inDates }));
  // Under a filter or in date order, the heads alone would miss some of the documents the filters let through, so
  // the chunks holding them are read (those of the dates asked, while entity lists are still being read). A list is
  // whole for this query when no such chunk is left.
  const wanted = deferred.length > 0 ? inDates : region(scope);
  const termChunks = groups.flatMap((g) =>
    [...g.variants.keys()].flatMap((term) => fieldsOf(g).map((field) => ({ term, field, accept: wanted }))),
  );
  // In date order a long list is read newest first, only until the page is settled (see below), when its chunks are
  // more than `EXACT_DATE_CHUNKS` (or an entity list's are): the count is then an estimate, the page is exact.
  const newestFirst = options.order === "date" && (deferred.length > 0 || tails.count(termChunks) > EXACT_DATE_CHUNKS);
  // Lists tested by their bitmaps (by relevance: see `entityFilter`) allow documents all over the archive: every
  // chunk of the words' lists may hold some, and is read, as for an entity's list read whole.
  if ((allowed || range || scope.tested || options.order === "date") && !newestFirst) await tails.load(termChunks);
  // Newest first, every clause decides the tiers: the documents above the unread chunks are known whole.
  const markCommon = () => {
    for (const g of groups) {
      const field = g.field === "text" ? "text" : "title";
      g.common = !newestFirst && [...g.variants.keys()].every((t) => !tails.whole(t, field, wanted));
    }
  };
  markCommon();
  const boost = options.recencyDays ? recencyBoost(await engine.dates(), options.recencyDays) : undefined;

  // Withdrawn documents are left out as an excluded word's are.
  const exclude = new Set<number>(engine.postings.withdrawn ?? []);
  const excludeLoaded = () => {
    for (const term of excluded) for (const doc of docsOf(postings.get(term)?.text ?? [])) exclude.add(doc);
  };
  excludeLoaded();

  const tiered = groups.length <= TIER_MAX_GROUPS;
  const want = options.want ?? 10;
  const rank = (): Ranked => {
    if (groups.length > 0) {
      return rankCandidates(groups, postings, {
        documents,
        tiered,
        want,
        order: options.order,
        exclude,
        allow,
        boost,
        bm25: engine.scoring,
      });
    }
    // Filters alone (entity:, lang:, from:/to:): every document they allow, newest first.
    if (allowed) {
      const docs = [...allowed].filter((doc) => !exclude.has(doc) && (!allow || allow(doc)));
      return { candidates: topK(docs, want, (a, b) => b - a).map((doc) => ({ doc, matched: 0, score: 0 })), total: docs.length, docs };
    }
    if (!range && !scope.denied) return { candidates: [], total: 0 };
    // A range of documents (the last date run ends at the last document, not at MAX_SAFE_INTEGER), or the whole
    // corpus but some: counted, and walked from the newest only as far as the page needs.
    const [first, end] = range ? [range[0], Math.min(range[1], documents)] : [0, documents];
    const out = (doc: number) => exclude.has(doc) || (allow !== undefined && !allow(doc));
    let total = Math.max(0, end - first);
    for (const doc of new Set([...exclude, ...(scope.denied ?? [])])) if (doc >= first && doc < end && out(doc)) total--;
    const candidates: Ranked["candidates"] = [];
    for (let doc = end - 1; doc >= first && candidates.length < want; doc--) if (!out(doc)) candidates.push({ doc, matched: 0, score: 0 });
    return { candidates, total, range: [first, end] as [number, number] };
  };
  let ranked = rank();
  // Newest first: a round trip of chunks at a time (2, 6, the rest), until the page's last document matches every clause
  // and is newer than any chunk left unread. No document left in those chunks can then come before it: in date order
  // documents matching more clauses come first, then the newest.
  // The excluded words' chunks too: a document above them all is known to hold none of them.
  const excludedChunks = excluded.map((term) => ({ term, field: "text" as const, accept: wanted }));
  const settleChunks = [...termChunks, ...entityChunks, ...excludedChunks];
  // Two chunks, then six, then all the budget leaves: each round ranks all that was read, so a page that does not
  // settle early costs three rankings, not one a doubling.
  const steps = [2, 6];
  const settle = async () => {
    while (!settled(ranked.candidates, want, groups.length, tails.newestUnread(settleChunks))) {
      const before = tails.read;
      const entitiesLeft = tails.count(entityChunks);
      await tails.load(settleChunks, steps.shift() ?? Number.POSITIVE_INFINITY);
      if (tails.read === before) break;
      excludeLoaded();
      if (tails.count(entityChunks) !== entitiesLeft) {
        // What the entity lists allow now: whole above the newest document an unread chunk of theirs may hold.
        scope = await narrowed();
        allow = allows(scope);
        ({ range, allowed } = scope);
      }
      ranked = rank();
    }
  };
  if (newestFirst) await settle();
  // A page deeper than the heads reach: more chunks, newest first, two a round trip, until it fills or the budget ends.
  while (ranked.candidates.length < want) {
    const before = tails.read;
    await tails.load(termChunks, 2);
    if (tails.read === before) break;
    markCommon();
    ranked = rank();
  }
  // An excluded word with a long list: check the candidates against the chunks that could hold them, until none could;
  // newest first, a page its exclusions changed is settled again (older documents come onto it).
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
    if (newestFirst) await settle();
  }

  const partial = (term: string, fields: readonly ("text" | "title")[]) => fields.some((f) => !tails.whole(term, f, wanted));
  // An excluded word's list read in part leaves the count unsure too (its unread documents may be counted).
  const excludedWhole = excluded.every((t) => tails.whole(t, "text", wanted));
  const approximate =
    groups.some((g) => [...g.variants.keys()].some((t) => partial(t, fieldsOf(g)))) ||
    scope.partial ||
    (groups.length > 0 && !excludedWhole);
  const full = groups.some((g) => !g.common) ? groups.filter((g) => !g.common).length : groups.length;
  const withdrawnCount = engine.postings.withdrawn?.length ?? 0;
  if (approximate) {
    // An entity alone read newest first: its list's count.
    const listed = groups.length === 0 ? scope.listed : undefined;
    ranked = {
      ...ranked,
      total:
        listed !== undefined
          ? Math.max(ranked.total, listed)
          : estimateTotal(
              groups,
              postings,
              documents,
              // What was read is no floor while an excluded word's list is read in part: some of it may be excluded.
              excludedWhole ? ranked.total : 0,
              range,
              scope.allowedEstimate ?? allowed?.size,
              withdrawnCount,
              excluded.reduce((n, term) => n + (postings.get(term)?.count.text ?? 0), 0),
            ),
    };
  }
  // Every match numbered above the newest document an unread chunk (of the query's terms or its filters') may hold was read.
  const wholeAbove = approximate
    ? Math.max(
        tails.newestUnread(termChunks),
        tails.newestUnread(filterTerms.map((term) => ({ term, field: "entity" as const, accept: () => true }))),
        tails.newestUnread(excludedChunks),
      )
    : undefined;
  return {
    parsed,
    groups,
    ...ranked,
    tiered,
    full,
    approximate,
    ...(corrected ? { corrected } : {}),
    ...(wholeAbove !== undefined ? { wholeAbove } : {}),
  };
}

/**
 * Whether a date-ordered page is settled: `want` candidates, the last matching all `groups` clauses and newer than
 * `newestUnread` (the newest document any unread chunk may hold), so that nothing unread can come before it.
 * @example
 * settled([{ doc: 9, matched: 2, score: 0 }], 1, 2, 5); // true
 */
export function settled(
  candidates: readonly { doc: number; matched: number }[],
  want: number,
  groups: number,
  newestUnread: number,
): boolean {
  const last = candidates[want - 1];
  return candidates.length >= want && last !== undefined && last.matched >= groups && last.doc > newestUnread;
}

/**
 * Adds dictionary neighbours to the groups whose words match nothing; returns the corrected query. An unknown word
 * is, in this order of preference: one word with its neighbour ("heat wave" where the archive writes "heatwave"),
 * two words run together ("stockmarkets", both halves of at least `MIN_SPLIT` letters known), or a typo of a known
 * word (edit distance 1, 2 from `LONG_WORD` letters).
 */
async function correctTypos(
  engine: Engine,
  parsed: ParsedQuery,
  groups: TermGroup[],
  postings: Map<string, TermPostings>,
): Promise<string | undefined> {
  const single = (g: TermGroup | undefined): g is TermGroup =>
    g !== undefined &&
    !g.word.includes(" ") &&
    // A word of a script without spaces is one of the segmenter's: a letter off is another word, not a typo.
    !isUnspaced(g.word);
  const unknown = groups.filter(
    (g) => single(g) && g.word.length >= MIN_CORRECTABLE && [...g.variants.keys()].every((t) => (postings.get(t)?.count.text ?? 0) === 0),
  );
  if (unknown.length === 0) return undefined;
  // An unknown word and the word before or after it, written together: looked for in the joined word's prefix group.
  const pairs = (g: TermGroup): [TermGroup, TermGroup][] => {
    const i = groups.indexOf(g);
    return [
      [groups[i - 1], g],
      [g, groups[i + 1]],
    ].filter((pair): pair is [TermGroup, TermGroup] => single(pair[0]) && single(pair[1]) && pair[0].field === pair[1].field);
  };
  const joinGroups = unknown.flatMap((g) => pairs(g).map(([a, b]) => (a.word + b.word).slice(0, PREFIX_GROUP)));
  const dictionary = await engine.dictionary([...new Set([...unknown.flatMap((g) => correctionGroups(g.word)), ...joinGroups])]);
  const frequency = new Map<string, number>();
  const learn = (words: [string, number][]) => {
    for (const [word, df] of words) frequency.set(word, Math.max(df, frequency.get(word) ?? 0));
  };
  learn(dictionary);
  // Corrections are index terms too: the query's MAX_TERMS bound holds for them (32 typos would otherwise read ~128 shards).
  const extra = new Set<string>();
  const room = MAX_TERMS - postings.size;
  const stems = (word: string) => stemsOf(word, engine.languages ?? []);
  const fits = (...words: string[]) => {
    const fresh = [...new Set(words.flatMap(stems))].filter((s) => !postings.has(s) && !extra.has(s));
    if (extra.size + fresh.length > room) return false;
    for (const s of fresh) extra.add(s);
    return true;
  };
  const add = (group: TermGroup, word: string) => {
    for (const s of stems(word)) if (!group.variants.has(s)) group.variants.set(s, CORRECTION_WEIGHT);
  };
  /** What each group reads as in the corrected query: its words, a joined word, or a split one's halves. */
  const shown = new Map<TermGroup, string[]>();
  const clauses = parsed.clauses.filter((c) => !c.negated);
  groups.forEach((g, i) => {
    shown.set(g, clauses[i]?.words ?? [g.word]);
  });
  const touched = new Set<TermGroup>();
  const done = new Set<TermGroup>();
  for (const group of unknown) {
    if (done.has(group)) continue;
    const join = pairs(group)
      .filter(([a, b]) => !done.has(a) && !done.has(b) && (frequency.get(a.word + b.word) ?? 0) > 0)
      .sort((x, y) => (frequency.get(y[0].word + y[1].word) ?? 0) - (frequency.get(x[0].word + x[1].word) ?? 0))[0];
    if (join && fits(join[0].word + join[1].word)) {
      const [a, b] = join;
      // Both clauses hold the joined word: a document with it matches both, as one with the two words does.
      add(a, a.word + b.word);
      add(b, a.word + b.word);
      shown.set(a, [a.word + b.word]);
      shown.set(b, []);
      for (const g of join) {
        done.add(g);
        touched.add(g);
      }
      continue;
    }
    const nearest = corrections(group.word, [...frequency]);
    // Not where a known word is one edit away ("usefull" is "useful", not "use full"), and only where the halves are
    // more common than the nearest known word two edits away ("embasy" is "embassy", not "emb asy").
    const typo = nearest.some(([w]) => editDistance(group.word, w, 1) <= 1);
    const split = typo ? undefined : await splitWord(engine, group.word, frequency, learn, nearest[0]?.[1] ?? 0);
    if (split && fits(...split)) {
      const [first, second] = split;
      add(group, first);
      // The second half is a clause of its own, right after: a document should hold both.
      const next: TermGroup = { word: second, field: group.field, variants: new Map(), typed: [second] };
      group.typed = [first];
      add(next, second);
      groups.splice(groups.indexOf(group) + 1, 0, next);
      shown.set(group, [first, second]);
      done.add(group);
      touched.add(group);
      touched.add(next);
      continue;
    }
    const found = nearest.filter(([word]) => fits(word));
    for (const [word] of found) add(group, word);
    if (found[0]) {
      shown.set(group, [found[0][0]]);
      touched.add(group);
    }
    done.add(group);
  }
  if (touched.size === 0) return undefined;
  const added = [...new Set([...touched].flatMap((g) => [...g.variants.keys()]))].filter((t) => !postings.has(t));
  for (const [term, p] of await engine.postings.postings(added)) postings.set(term, p);
  return groups.flatMap((g) => shown.get(g) ?? []).join(" ");
}

/** Halves of a word run together are this long at least ("stockmarket" → "stock market"; not "a lot"). */
export const MIN_SPLIT = 3;
/** Places a word is tried split at, at most: the ones with the most frequent first half. */
const MAX_SPLITS = 3;

/**
 * Two known words that `word` is written together, the pair whose rarer half is the most frequent, if that half is
 * in more documents than `rival` (the nearest known word's); undefined when none. The first halves are in the word's own prefix group (read already); the second halves' groups are read for
 * the `MAX_SPLITS` most frequent first halves.
 */
async function splitWord(
  engine: Engine,
  word: string,
  frequency: Map<string, number>,
  learn: (words: [string, number][]) => void,
  rival: number,
): Promise<[string, string] | undefined> {
  const at: number[] = [];
  for (let i = MIN_SPLIT; i <= word.length - MIN_SPLIT; i++) if ((frequency.get(word.slice(0, i)) ?? 0) > 0) at.push(i);
  if (at.length === 0) return undefined;
  const tried = at.sort((a, b) => (frequency.get(word.slice(0, b)) ?? 0) - (frequency.get(word.slice(0, a)) ?? 0)).slice(0, MAX_SPLITS);
  learn(await engine.dictionary([...new Set(tried.map((i) => word.slice(i, i + PREFIX_GROUP)))]));
  let best: [string, string] | undefined;
  let bestFrequency = rival;
  for (const i of tried) {
    const pair: [string, string] = [word.slice(0, i), word.slice(i)];
    const rarer = Math.min(...pair.map((w) => frequency.get(w) ?? 0));
    if (rarer > bestFrequency) {
      best = pair;
      bestFrequency = rarer;
    }
  }
  return best;
}

/** Score multiplier: 1 for the newest document of the corpus, halving its bonus every `halfLife` days older. */
function recencyBoost(runs: [string, number][], halfLife: number): (doc: number) => number {
  const days = runs.map(([day, start]) => [day ? Date.parse(day) / 86_400_000 : Number.NaN, start] as const);
  const newest = Math.max(...days.map(([d]) => (Number.isNaN(d) ? Number.NEGATIVE_INFINITY : d)));
  const starts = Float64Array.from(days, ([, start]) => start);
  return (doc) => {
    const day = days[runIndex(starts, doc)]?.[0] ?? Number.NaN;
    return Number.isNaN(day) ? 0.5 : 0.5 + 0.5 * 2 ** (-(newest - day) / halfLife);
  };
}
