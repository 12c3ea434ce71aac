/**
 * @module The search itself, the same in the Worker and in Node: a query matched (`match.ts`), phrases checked, the
 * first page reranked, its hits made with snippets and facets. The search's public surface: what hosts import.
 */
import { AppError } from "../errors";
import { SNIPPET_SOURCE_CHARS } from "../format/bundle";
import type { BundleReader } from "../format/reader";
import type { DocMeta } from "../format/schema";
import { analyzeDoc, type DocWords, initialsOf } from "./doc-words";
import { countFacets, countFieldFacets, emptyFacets, exactFacets, FACET_SAMPLE } from "./facets";
import { filtersOf } from "./filters";
import { foldDuplicates, MAX_FOLD_CANDIDATES } from "./fold";
import { dateHistogram } from "./histogram";
import { matchQuery } from "./match";
import { parseQuery } from "./parse-query";
import { checkPhrases, MAX_PHRASE_CHECKS } from "./phrases";
import type { Candidate } from "./rank";
import { rerankPage } from "./rerank";
import { hitOf } from "./similar";
import { makeSnippet } from "./snippet";
import type { Engine, Match, SearchParams, SearchResult } from "./types";

export { countFacets, FACET_SAMPLE, FACET_VALUES } from "./facets";
export { MAX_EXPANSIONS, MAX_TERMS, matchQuery } from "./match";
export { containsSequence } from "./phrases";
export type { Engine, Facets, Match, MatchOptions, SearchHit, SearchParams, SearchResult } from "./types";

/**
 * Answers a search over a bundle.
 * @example
 * await search(bundleEngine(reader), reader, { q: "kabul embassy", limit: 10, offset: 0 });
 */
export async function search(engine: Engine, reader: BundleReader, params: SearchParams): Promise<SearchResult> {
  const declared = reader.manifest.engine.facets ?? [];
  const parsed = parseQuery(params.q, declared);
  const dated = reader.counts.dated !== 0;
  // An archive without dates has no date order: its documents are numbered as the input gave them.
  if (!dated && (params.sort === "date" || params.recencyDays || parsed.from || parsed.to)) {
    const asked = params.sort === "date" ? "sort=date" : params.recencyDays ? "recency" : parsed.from ? "from:" : "to:";
    throw new AppError("dates_unavailable", `No document of this archive has a date, so ${asked} cannot apply.`);
  }
  const facets = emptyFacets();
  const fieldFacets = Object.fromEntries(declared.map((name) => [name, []]));
  const empty = {
    query: params.q,
    order: (params.sort === "date" ? "date" : "relevance") as SearchResult["order"],
    total: 0,
    approximate: false,
    facets,
    fieldFacets,
    facetsExhaustive: true,
    corrected: null,
    hits: [],
  };
  // Only exclusions, and nothing that narrows the archive (filters, dates): nothing to list.
  if (parsed.clauses.every((c) => c.negated) && filtersOf(parsed, params).length === 0) {
    return empty;
  }
  const wanted = params.offset + params.limit;
  const grouped = params.group !== false;
  const matchOptions = {
    // Filters alone list their documents newest first whatever `sort` says: in a dated archive, in date order.
    order: dated && parsed.clauses.length === 0 ? ("date" as const) : params.sort,
    entities: params.entities,
    languages: params.languages,
    fields: params.fields,
    recencyDays: params.recencyDays,
    ...(params.newestOnly ? { newestOnly: true } : {}),
  };
  // Phrase queries keep as many as checkPhrases checks (twice the page, 20 to MAX_PHRASE_CHECKS); the facets count
  // the best FACET_SAMPLE; folding duplicates wants twice the page, so that a folded page is rarely short.
  const wantFor = (want: number) =>
    Math.max(FACET_SAMPLE, parsed.phrases.length > 0 ? Math.max(want, Math.min(MAX_PHRASE_CHECKS, Math.max(2 * want, 20))) : want);
  const match = await matchQuery(engine, parsed, { want: wantFor(grouped ? 2 * wanted : wanted), ...matchOptions });
  // Each hit's stored text is analyzed once for the phrase checks, the rerank and the snippet; only the words that
  // may be one of the query's terms are stemmed (the rerank and the snippet look for nothing else).
  const stems = new Set(match.groups.flatMap((g) => [...g.variants.keys()]));
  const initials = initialsOf(stems);
  const analyzed = new Map<number, DocWords>();
  const wordsOf = (n: number, meta: DocMeta): DocWords => {
    let words = analyzed.get(n);
    if (!words) {
      words = analyzeDoc(meta, initials, engine.languages);
      analyzed.set(n, words);
    }
    return words;
  };
  const checked = (m: Match) =>
    parsed.phrases.length > 0 && params.sort !== "date" ? checkPhrases(reader, m, wanted, wordsOf, dated) : Promise.resolve(m.candidates);
  // An archive without dates has no "newest first" for an entity alone: the documents naming it most come first.
  const entityIds = [...parsed.entities, ...(params.entities ?? [])];
  let order: SearchResult["order"] = matchOptions.order === "date" ? "date" : "relevance";
  let byMentions: Candidate[] | undefined;
  if (!dated && match.groups.length === 0 && entityIds[0] && match.docs && params.sort !== "date") {
    byMentions = await mentionOrder(reader, entityIds[0], match.docs);
    order = "mentions";
  }
  const candidates = byMentions ?? (await checked(match));
  // No facets asked for: the page's metadata is all there is to read, the date runs none.
  const counted = params.facets !== "none";
  const sample = counted ? candidates.slice(0, FACET_SAMPLE) : [];
  const withDates = dated && counted;
  let page: Candidate[];
  let metas: Map<number, DocMeta>;
  // The date runs, for the histogram, come in the metadata's read (then from the isolate's cache).
  if (grouped) {
    // More matches when folding left the page short: the same query, twice as many kept (the postings are cached).
    const more = async (had: number) =>
      !byMentions && had < match.total && had < MAX_FOLD_CANDIDATES
        ? checked(await matchQuery(engine, parsed, { want: wantFor(Math.min(MAX_FOLD_CANDIDATES, 2 * had)), ...matchOptions }))
        : undefined;
    ({ page, metas } = await foldDuplicates(reader, candidates, sample, params.offset, wanted, more, withDates));
  } else {
    page = candidates.slice(params.offset, wanted);
    // One read for the page and the facets' documents.
    metas = await reader.metas([...new Set([...page, ...sample].map((c) => c.doc))], withDates);
  }
  if (params.offset === 0 && params.sort !== "date" && match.groups.length > 1) page = rerankPage(page, metas, match, wordsOf);
  const matcher = {
    stems,
    // The words as typed, in each of the bundle's languages: not their completions or corrections.
    exact: new Set(match.groups.flatMap((g) => [...g.variants].filter(([, weight]) => weight >= 1).map(([term]) => term))),
    prefixes: parsed.clauses.filter((c) => c.prefix && !c.negated).map((c) => c.words.at(-1) as string),
  };
  let entityFacets = counted ? countFacets(sample.map((c) => metas.get(c.doc) as DocMeta)) : emptyFacets();
  let facetsExhaustive = counted && !match.approximate && sample.length >= match.total;
  // Asked for: the listed entities counted over every match the ranker saw (one or two more round trips).
  if (params.facets === "all" && !facetsExhaustive && match.docs) {
    const exact = await exactFacets(engine.postings, entityFacets, new Set(match.docs));
    entityFacets = exact.facets;
    facetsExhaustive = exact.whole && !match.approximate;
  }
  return {
    query: params.q,
    order,
    total: match.total,
    approximate: match.approximate,
    facets: {
      ...entityFacets,
      dates: withDates
        ? dateHistogram(
            match.docs,
            match.range,
            await engine.dates(),
            match.approximate
              ? { total: match.total, ...(match.wholeAbove !== undefined ? { wholeAbove: match.wholeAbove } : {}) }
              : undefined,
          )
        : [],
    },
    fieldFacets: countFieldFacets(
      sample.map((c) => metas.get(c.doc) as DocMeta),
      declared,
    ),
    facetsExhaustive,
    corrected: match.corrected ?? null,
    hits: page.map((c) => {
      const meta = metas.get(c.doc) as DocMeta;
      // A stored text of SNIPPET_SOURCE_CHARS is the start of a longer body.
      return hitOf(
        meta,
        c.score,
        makeSnippet(meta.text, matcher, undefined, wordsOf(c.doc, meta).text, meta.text.length >= SNIPPET_SOURCE_CHARS),
      );
    }),
  };
}

/**
 * The search an entity page lists its recent documents with: its 10 newest; in an archive without dates (`dated`
 * false) those naming it most (order "mentions"), every one of its top ten, near-duplicates included. Only the hits
 * are shown: no facets, so only their metadata is read (about 9 keys fewer cold on Reuters).
 * @example
 * await search(engine, reader, recentOfEntity("taliban", true)); // the 10 newest documents naming the Taliban
 */
export function recentOfEntity(entity: string, dated: boolean): SearchParams {
  return {
    q: "",
    entities: [entity],
    sort: dated ? "date" : "relevance",
    limit: 10,
    offset: 0,
    facets: "none",
    ...(dated ? { newestOnly: true } : { group: false }),
  };
}

/**
 * Every match of an entity-only query (`docs`), the documents naming the entity most first (its record's
 * `top_documents`, in an archive without dates), then the rest in reverse input order. Two round trips: the entity's
 * record, then the id shards of those documents.
 * @example
 * await mentionOrder(reader, "taliban", match.docs); // [{ doc: 1, ... }, { doc: 0, ... }]
 */
async function mentionOrder(reader: BundleReader, entity: string, docs: number[]): Promise<Candidate[]> {
  const record = await reader.findEntity(entity, 10);
  const top = (record?.top_documents ?? record?.documents.ids ?? []).slice(0, 10);
  const numbers = top.length > 0 ? await reader.documentNumbers(top) : new Map<string, number>();
  const matched = new Set(docs);
  const first = top.map((id) => numbers.get(id)).filter((n): n is number => n !== undefined && matched.has(n));
  const firsts = new Set(first);
  const rest = docs.filter((d) => !firsts.has(d)).sort((a, b) => b - a);
  return [...first, ...rest].map((doc) => ({ doc, matched: 0, score: 0 }));
}
