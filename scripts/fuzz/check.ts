/** @module Judges one answer of the Worker: never a 5xx, the status the oracle allows, errors in the table's shape, 200s valid against their schema and equal to the reference engine's. */

import { errors } from "../../src/errors";
import { foldWords } from "../../src/format/analyzer";
import { ErrorResponse, MAX_OFFSET } from "../../src/worker/api/schemas";
import { searchAnswer } from "../../src/worker/routes/search";
import { type Expectation, entityFilters } from "./expect";
import type { Reference } from "./reference";

/** An answer as read off the wire. */
export interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

/** The query echo may come from an equivalent request served from the edge cache, whose key folds case and spaces. */
const foldQuery = (q: unknown) => String(q).toLowerCase().replace(/\s+/g, " ").replace(/^ /, "");

/** Snippets are HTML: document text escaped, only our own `<mark>` tags. */
export const snippetIsInert = (snippet: string) => !/[<>]/.test(snippet.replace(/<\/?mark>/g, ""));

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The same fields with the same values, in any order. */
const sameFields = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  same(Object.keys(a).sort(), Object.keys(b).sort()) && Object.keys(a).every((k) => same(a[k], b[k]));
const first = (values: string[] | undefined) => values?.[0];
/** A count parameter as the Worker reads it: absent or empty, the default. */
const numberOr = (values: string[] | undefined, fallback: number) => (values && values[0] !== "" ? Number(values[0]) : fallback);

/** Problems with one answer; empty when it is fine. */
export async function checkAnswer(method: string, expectation: Expectation, answer: Answer, ref?: Reference): Promise<string[]> {
  const problems: string[] = [];
  const { status } = answer;
  if (status >= 500) problems.push(`status ${status} (5xx)`);
  const allowed = expectation.outcomes.filter((o) => o.status === status);
  if (allowed.length === 0) {
    problems.push(`status ${status}, expected ${expectation.outcomes.map((o) => o.code ?? o.status).join(" or ")}`);
  }
  if (allowed.some((o) => o.runtime)) return problems;
  if (method === "HEAD" || status === 204 || status === 304) {
    if (answer.text !== "") problems.push(`a ${method} ${status} with a body`);
    return problems;
  }
  const type = answer.headers.get("content-type") ?? "";
  const json = () => {
    try {
      return JSON.parse(answer.text) as unknown;
    } catch {
      problems.push(`body is not JSON: ${answer.text.slice(0, 120)}`);
      return undefined;
    }
  };

  if (status >= 400) {
    if (!type.startsWith("application/json")) problems.push(`error with content-type ${type}`);
    const parsed = ErrorResponse.safeParse(json());
    if (!parsed.success) problems.push(`error body does not match ErrorResponse: ${answer.text.slice(0, 200)}`);
    else {
      const { code } = parsed.data.error;
      if (errors[code].status !== status) problems.push(`code ${code} with status ${status}, table says ${errors[code].status}`);
      const codes = allowed.map((o) => o.code).filter(Boolean);
      if (codes.length > 0 && !codes.includes(code)) problems.push(`code ${code}, expected ${codes.join(" or ")}`);
    }
    return problems;
  }

  const schema = allowed.find((o) => o.schema)?.schema;
  if (status !== 200) return problems;
  if (expectation.route === "demo") {
    if (!type.startsWith("text/html")) problems.push(`/ with content-type ${type}`);
    return problems;
  }
  if (expectation.route === "widget") {
    if (!type.startsWith("text/javascript")) problems.push(`/widget.js with content-type ${type}`);
    return problems;
  }
  if (!type.startsWith("application/json")) problems.push(`200 with content-type ${type}`);
  const body = json();
  if (body === undefined) return problems;
  if (expectation.route === "openapi") {
    if ((body as { openapi?: string }).openapi !== "3.1.0") problems.push("openapi.json without openapi 3.1.0");
    return problems;
  }
  if (!schema) return problems;
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    problems.push(`200 body does not match its schema: ${parsed.error.issues[0]?.message} at ${parsed.error.issues[0]?.path.join(".")}`);
    return problems;
  }
  const p = expectation.params;
  if (expectation.route === "search") {
    const r = body as { query: string; total: number; hits: { id: string; snippet: string; duplicate_ids: string[] }[] };
    const limit = numberOr(p.limit, 10);
    const offset = numberOr(p.offset, 0);
    const grouped = first(p.group) !== "false";
    // Folding near-duplicates may leave a page short of what `total` (documents) allows, never over it.
    const most = Math.max(0, Math.min(limit, r.total - offset));
    if (grouped ? r.hits.length > most : r.hits.length !== most)
      problems.push(`${r.hits.length} hits for total ${r.total}, offset ${offset}, limit ${limit}`);
    if (grouped) {
      const ids = new Set(r.hits.map((h) => h.id));
      for (const hit of r.hits)
        if (hit.duplicate_ids.some((id) => ids.has(id))) problems.push(`hit ${hit.id} and its near-duplicate both shown with group on`);
    }
    if (offset > MAX_OFFSET) problems.push("offset beyond its maximum answered");
    for (const hit of r.hits) if (!snippetIsInert(hit.snippet)) problems.push(`snippet with markup: ${hit.snippet.slice(0, 120)}`);
    if (ref?.comparable(first(p.q) as string)) {
      const want = await ref.search({
        q: first(p.q) as string,
        limit,
        offset,
        entities: entityFilters(p.entity),
        sort: (first(p.sort) ?? "relevance") as "relevance" | "date",
        recencyDays: p.recency ? Number(first(p.recency)) : undefined,
        group: grouped,
        facets: first(p.facets) === "all" ? "all" : "sample",
      });
      const { query, took_ms: _, ...got } = body as Record<string, unknown>;
      const { query: wantQuery, took_ms: __, ...rest } = JSON.parse(JSON.stringify(searchAnswer(want, 0))) as Record<string, unknown>;
      if (foldQuery(query) !== foldQuery(wantQuery)) problems.push(`query echoed as ${JSON.stringify(query)}`);
      if (!sameFields(got, rest))
        problems.push(
          `answer differs from the reference engine's: got ${JSON.stringify(got).slice(0, 300)}, want ${JSON.stringify(rest).slice(0, 300)}`,
        );
    }
  } else if (expectation.route === "suggest") {
    const r = body as { terms: { text: string }[]; entities: unknown[]; titles: unknown[] };
    const q = first(p.q) as string;
    const limit = numberOr(p.limit, 5);
    if (r.terms.length > limit || r.entities.length > limit || r.titles.length > limit) problems.push("more suggestions than the limit");
    // A completion is the words typed so far, the last one completed (checked where folding cannot reshape the text).
    const words = foldWords(q);
    if (/^[\x20-\x7e]*$/.test(q)) {
      for (const { text } of r.terms) {
        const got = foldWords(text);
        if (!same(got.slice(0, -1), words.slice(0, -1)) || !got.at(-1)?.startsWith(words.at(-1) ?? ""))
          problems.push(`completion "${text}" of "${q}"`);
      }
    }
    if (ref?.comparable(q)) {
      // The head of a completion is typed text, so it may come from an equivalent request in another case.
      const fold = (s: Record<string, unknown>) => ({
        ...s,
        query: foldQuery(s.query),
        terms: (s.terms as { text: string }[]).map((t) => ({ ...t, text: foldQuery(t.text) })),
      });
      const want = fold(JSON.parse(JSON.stringify(await ref.suggest(q, limit))) as Record<string, unknown>);
      const got = fold(body as Record<string, unknown>);
      if (!same(got, want))
        problems.push(
          `suggestions differ from the reference engine's: got ${JSON.stringify(got).slice(0, 300)}, want ${JSON.stringify(want).slice(0, 300)}`,
        );
    }
  } else if (expectation.route === "similar" && ref && expectation.id !== undefined) {
    const want = await ref.similar(expectation.id, numberOr(p.limit, 5));
    if (want !== undefined && !same((body as { similar: unknown }).similar, JSON.parse(JSON.stringify(want))))
      problems.push(`related articles of ${expectation.id} differ from the bundle's`);
  } else if (expectation.route === "document" && ref && expectation.id !== undefined) {
    const want = await ref.document(expectation.id);
    if (want !== undefined && !same(body, JSON.parse(JSON.stringify(want))))
      problems.push(`document ${expectation.id} differs from the bundle's`);
  }
  return problems;
}
