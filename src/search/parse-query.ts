/** @module Reads the query language leniently: words, "phrases", -excluded, a OR b, title:, from:/to:, entity:, lang:, and prefixes. */
import { foldWords, isStopWord, joinedWord } from "../format/analyzer";
import { MIN_PREFIX } from "../format/bundle";

/** One thing a document should (or, negated, must not) match: a word, or alternatives joined by OR. */
export interface Clause {
  /** Folded words, any of which matches (more than one only with OR). */
  words: string[];
  /** The last word matches every word it starts (the word being typed, or one ending in `*`). */
  prefix: boolean;
  /** `title:` restricts the clause to titles. */
  field: "text" | "title";
  negated: boolean;
  /** The word it was hyphenated into, written together ("pre-tax" → "pretax"): it matches that too. */
  compound?: string;
}

export interface ParsedQuery {
  clauses: Clause[];
  /** Each phrase as its folded words, stop words kept. */
  phrases: string[][];
  /** `entity:<id>` filters. */
  entities: string[];
  /** `lang:<code>` filters (ISO 639-1, lowercased). */
  languages: string[];
  /** `from:` and `to:`, as inclusive `YYYY-MM-DD` bounds. */
  from?: string;
  to?: string;
  /** `<facet>:<value>` filters, `[facet, value]`, for the bundle's facets (`parseQuery`'s `facets`). */
  fields?: [string, string][];
}

/** A language as filters name it: an ISO 639 code ("de", "und"). */
export const LANGUAGE_CODE = /^[a-z]{2,3}$/i;

const TOKEN = /(-?)(?:([a-z]+):)?("[^"]*"?|[^\s"]+)|(-)?"([^"]*)"?/giu;

/** `2021`, `2021-08` or `2021-08-15` as the first or last day it covers; undefined when not a date. */
export function dateBound(text: string, end: boolean): string | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text);
  if (!m) return undefined;
  const [, y, mo, d] = m;
  if (d) return `${y}-${mo}-${d}`;
  if (mo) return end ? `${y}-${mo}-${String(new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate()).padStart(2, "0")}` : `${y}-${mo}-01`;
  return end ? `${y}-12-31` : `${y}-01-01`;
}

/**
 * Parses a query. Never throws: an unclosed quote runs to the end, a lone `-` or an empty `title:` is ignored,
 * an unknown `name:` is read as words.
 * @example
 * parseQuery('"security council" -taliban kabul OR herat from:2021-08 entity:john-kirby lang:en kab');
 * parseQuery('vote category:politics', ["category"]).fields; // [["category", "politics"]]
 */
export function parseQuery(q: string, facets: readonly string[] = []): ParsedQuery {
  const parsed: ParsedQuery = { clauses: [], phrases: [], entities: [], languages: [] };
  const normalized = q.replace(/[“”„]/g, '"');
  let orPending = false;
  let last: Clause | undefined;
  for (const m of normalized.matchAll(TOKEN)) {
    const negated = m[1] === "-" || m[4] === "-";
    const name = m[2]?.toLowerCase();
    let value = m[3] ?? `"${m[5] ?? ""}`;
    if (/^(title|entity|lang|from|to):$/i.test(value)) continue; // an operator with nothing after it
    if (value === "OR" && !name && !negated) {
      orPending = parsed.clauses.length > 0;
      continue;
    }
    if (name === "entity" && !value.startsWith('"')) {
      if (value) parsed.entities.push(value.toLowerCase());
      last = undefined;
      continue;
    }
    if (name === "lang" && LANGUAGE_CODE.test(value)) {
      parsed.languages.push(value.toLowerCase());
      last = undefined;
      continue;
    }
    if ((name === "from" || name === "to") && dateBound(value, name === "to")) {
      parsed[name] = dateBound(value, name === "to");
      last = undefined;
      continue;
    }
    // A facet of the bundle's: `category:politics`, `source:"Le Monde"`.
    if (name && facets.includes(name) && !negated) {
      const facetValue = (value.startsWith('"') ? value.slice(1).replace(/"$/, "") : value).trim();
      if (facetValue) {
        parsed.fields ??= [];
        parsed.fields.push([name, facetValue]);
      }
      last = undefined;
      continue;
    }
    const field = name === "title" ? "title" : "text";
    if (name && name !== "title") value = `${m[2]} ${value}`; // not an operator: plain words
    const quoted = value.startsWith('"');
    // A possessive's "s" is no word the query asks for ("Fed's" is Fed, not Fed and every text's stray "s"); a quoted
    // phrase keeps it, as the text it is checked against does.
    const words = foldWords(quoted ? value.slice(1) : value.replace(/(\p{L}\.?)['’]s(?!\p{L})/gu, "$1"));
    if (quoted) {
      if (words.length > 1 && !negated) parsed.phrases.push(words);
      for (const word of words)
        if (!isStopWord(word) || words.length === 1) parsed.clauses.push({ words: [word], prefix: false, field, negated });
      orPending = false;
      last = undefined;
      continue;
    }
    // A word hyphenated in two or three parts ("pre-tax", "cease-fire"): each part also matches it written together.
    // Not when its first part joins an OR before it ("kabul OR herat-kandahar").
    const compound = !negated && !(orPending && last) ? joinedWord(value.replace(/\*$/u, "")) : undefined;
    words.forEach((word, i) => {
      const starred = i === words.length - 1 && value.endsWith("*") && word.length >= MIN_PREFIX;
      if (orPending && i === 0 && last && !negated) {
        last.words.push(word);
        last.prefix ||= starred;
      } else {
        last = { words: [word], prefix: starred, field, negated, ...(compound ? { compound } : {}) };
        parsed.clauses.push(last);
      }
      orPending = false;
    });
  }
  // The word still being typed (no space after it yet) matches as a prefix.
  if (last && /[\p{L}\p{N}]$/u.test(q)) {
    const word = last.words.at(-1) ?? "";
    if (word.length >= MIN_PREFIX) last.prefix = true;
  }
  // Stop words match nothing on their own (they are not indexed), unless the query has nothing else.
  const content = parsed.clauses.filter((c) => c.prefix || c.words.some((w) => !isStopWord(w)));
  if (content.length > 0) parsed.clauses = content;
  const seen = new Set<string>();
  parsed.clauses = parsed.clauses.filter((c) => {
    const key = JSON.stringify(c);
    return !seen.has(key) && seen.add(key);
  });
  return parsed;
}
