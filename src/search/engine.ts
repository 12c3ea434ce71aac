/** @module The search itself, the same in the Worker and in Node: parse, expand the typed prefix, rank, verify phrases, page, snippet. */
import { tokenize } from "../bundle/flex-config";
import type { BundleReader } from "../bundle/reader";
import type { DocMeta, EntityRef } from "../bundle/schema";
import { AppError } from "../errors";
import { type ParsedQuery, parseQuery } from "./parse-query";
import type { PostingSource } from "./postings";
import { type Candidate, type TermGroup, compareCandidates, rankCandidates } from "./rank";
import { makeSnippet } from "./snippet";

/** Completions tried for the word being typed. */
export const MAX_EXPANSIONS = 8;
/** Distinct terms a query may have: bounds the shards one request reads. */
export const MAX_TERMS = 32;
/** Full matches whose phrases are checked against the text, at most. */
const MAX_PHRASE_CHECKS = 100;
/** A completion counts a little less than the word typed in full. */
const COMPLETION_WEIGHT = 0.8;

/** What the search needs from a bundle, or from the reference index in tests. */
export interface Engine {
  postings: PostingSource;
  /** Terms starting with `prefix`, most frequent first, as `[term, documentFrequency]`. */
  completions(prefix: string): Promise<[string, number][]>;
}

export interface Match {
  parsed: ParsedQuery;
  groups: TermGroup[];
  candidates: Candidate[];
}

/**
 * Finds and ranks the documents matching a query.
 * @example
 * const { candidates } = await matchQuery(engine, parseQuery("kabul embassy"));
 */
export async function matchQuery(engine: Engine, parsed: ParsedQuery): Promise<Match> {
  const groups: TermGroup[] = await Promise.all(
    parsed.terms.map(async ({ term, prefix }) => {
      const variants = new Map([[term, 1]]);
      if (prefix) {
        for (const [completion] of (await engine.completions(term)).slice(0, MAX_EXPANSIONS)) {
          if (!variants.has(completion)) variants.set(completion, COMPLETION_WEIGHT);
        }
      }
      return { term, variants };
    }),
  );
  const terms = [...new Set(groups.flatMap((g) => [...g.variants.keys()]))];
  const postings = await engine.postings.postings(terms);
  return { parsed, groups, candidates: rankCandidates(groups, postings, engine.postings.documents) };
}

export interface SearchParams {
  q: string;
  limit: number;
  offset: number;
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

export interface SearchResult {
  query: string;
  total: number;
  hits: SearchHit[];
}

/**
 * Answers a search over a bundle.
 * @example
 * await search(bundleEngine(reader), reader, { q: "kabul embassy", limit: 10, offset: 0 });
 */
export async function search(engine: Engine, reader: BundleReader, params: SearchParams): Promise<SearchResult> {
  const parsed = parseQuery(params.q);
  if (parsed.terms.length > MAX_TERMS) {
    throw new AppError("query_too_complex", `The query has ${parsed.terms.length} distinct terms; at most ${MAX_TERMS} are allowed.`);
  }
  if (parsed.terms.length === 0) return { query: params.q, total: 0, hits: [] };
  const match = await matchQuery(engine, parsed);
  let candidates = match.candidates;
  if (parsed.phrases.length > 0) candidates = await checkPhrases(reader, match, params.offset + params.limit);
  const page = candidates.slice(params.offset, params.offset + params.limit);
  const metas = await reader.metas(page.map((c) => c.doc));
  const matcher = {
    exact: new Set(match.groups.flatMap((g) => [...g.variants.keys()])),
    prefixes: parsed.terms.filter((t) => t.prefix).map((t) => t.term),
  };
  return {
    query: params.q,
    total: candidates.length,
    hits: page.map((c) => {
      const meta = metas.get(c.doc) as DocMeta;
      return {
        id: meta.id,
        title: meta.title,
        url: meta.url ?? null,
        date: meta.date ?? null,
        score: Math.round(c.score * 1e4) / 1e4,
        snippet: makeSnippet(meta.text, matcher),
        entities: meta.entities.slice(0, 8),
      };
    }),
  };
}

/** Full matches whose phrases really occur come first; the rest keep their order after them. */
async function checkPhrases(reader: BundleReader, match: Match, wanted: number): Promise<Candidate[]> {
  const full = match.candidates.filter((c) => c.matched === match.groups.length);
  const checked = full.slice(0, Math.min(MAX_PHRASE_CHECKS, Math.max(wanted * 2, 20)));
  const metas = await reader.metas(checked.map((c) => c.doc));
  const verified = new Set<number>();
  for (const c of checked) {
    const meta = metas.get(c.doc) as DocMeta;
    const words = tokenize(`${meta.title}\n${meta.text}`);
    if (match.parsed.phrases.every((phrase) => containsSequence(words, phrase))) verified.add(c.doc);
  }
  const tier = (c: Candidate) => (verified.has(c.doc) ? 1 : 0);
  return [...match.candidates].sort((a, b) => b.matched - a.matched || tier(b) - tier(a) || compareCandidates(a, b));
}

function containsSequence(words: string[], phrase: string[]): boolean {
  outer: for (let i = 0; i + phrase.length <= words.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (words[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}
