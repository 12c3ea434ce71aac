/** @module The search's shapes, shared by matching, reranking and the hosts: what an engine provides, what a match and a result hold. */
import type { EntityRef, EntityType } from "../format/schema";
import type { Bm25Params } from "../format/scoring";
import type { DateBucket } from "./histogram";
import type { ParsedQuery } from "./parse-query";
import type { PostingSource } from "./postings";
import type { Candidate, TermGroup } from "./rank";

/** What the search needs from a bundle, or from the reference index in tests. */
export interface Engine {
  postings: PostingSource;
  /** Words starting with `prefix`, most frequent first, as `[word, documentFrequency]`. */
  completions(prefix: string): Promise<[string, number][]>;
  /** Every word of some three-letter prefix groups, for typo corrections. */
  dictionary(groups: string[]): Promise<[string, number][]>;
  /** Runs of documents by date, `[YYYY-MM-DD, first document number]`. */
  dates(): Promise<[string, number][]>;
  /** The BM25 parameters the postings' slots were computed with (default: the build's). */
  scoring?: Record<"title" | "text", Bm25Params>;
  /** The languages the bundle's documents were analyzed in, main first (`analysisLanguages`; default: English alone). */
  languages?: readonly string[];
  /** Documents of each language, most first (the manifest's `languages`; default: all English). */
  documentLanguages?: Readonly<Record<string, number>>;
}

export interface MatchOptions {
  /** How many of the best candidates to keep (default 10). */
  want?: number;
  /** `date`: newest first instead of by relevance. */
  order?: "relevance" | "date";
  /** Entity ids every result must have. */
  entities?: string[];
  /** The language every result must be in (ISO 639-1). */
  languages?: string[];
  /** Facet filters: for each facet, the values a result must have one of. */
  fields?: Record<string, string[]>;
  /** Multiply scores by a recency factor with this half-life, in days. */
  recencyDays?: number;
  /** The page alone matters, not the total: see `SearchParams.newestOnly`. */
  newestOnly?: boolean;
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
  /** Every matching document read, in no order (the date histogram's); undefined when the match is a range of them. */
  docs?: number[];
  /** The documents `[first, end)` a query of dates alone matches (some excluded ones aside). */
  range?: [number, number];
  /**
   * With `approximate`: every match numbered above this was read (none was left in an unread chunk), those below only
   * where the heads or the chunks read hold them (the date histogram scales those up to `total`). Read newest first
   * (date order), it is where the reading stopped.
   */
  wholeAbove?: number;
}

export interface SearchParams {
  q: string;
  limit: number;
  offset: number;
  entities?: string[];
  languages?: string[];
  sort?: "relevance" | "date";
  recencyDays?: number;
  /** Fold near-duplicates into their best-ranked hit (default true); false shows every document. */
  group?: boolean;
  /** Facet filters: for each of the bundle's facets, the values a result must have one of. */
  fields?: Record<string, string[]>;
  /**
   * `all`: count the listed entities over every match (`exactFacets`), not only the best `FACET_SAMPLE`. `none`: no
   * facets at all, so the metadata of the page's hits is all a search reads (about half the keys of a cold search).
   */
  facets?: "sample" | "all" | "none";
  /**
   * The page alone matters, not `total` (an entity page's newest documents): in date order, one entity and nothing
   * else asked for, its list is read newest chunks first only as far as the page needs (at a million articles a
   * country's list is dozens of chunks); `total` then counts the documents read. Not an API parameter.
   */
  newestOnly?: boolean;
}

export type { SearchHit } from "./hit";

/** Entities of each type among the best matches, with how many of those documents hold them; and their languages. */
export type Facets = Record<EntityType, (EntityRef & { count: number })[]> & {
  lang: { lang: string; count: number }[];
  /** Every match read, by year, month or day (`dateHistogram`). */
  dates: DateBucket[];
};

import type { SearchHit } from "./hit";

export interface SearchResult {
  query: string;
  /** How the hits are ordered: by relevance, by date (`sort=date`), or by mentions (an entity alone in an archive without dates). */
  order: "relevance" | "date" | "mentions";
  /** Each facet of the bundle (`engine.facets`): its values among the best `FACET_SAMPLE` matches, most first. */
  fieldFacets: Record<string, { value: string; count: number }[]>;
  total: number;
  /** Whether `total` is an estimate. */
  approximate: boolean;
  facets: Facets;
  /** Whether the facets counted every matching document (else the best `FACET_SAMPLE`). */
  facetsExhaustive: boolean;
  corrected: string | null;
  hits: SearchHit[];
}
