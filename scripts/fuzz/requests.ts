/** @module fast-check arbitraries of hostile HTTP requests to the Worker: adversarial `q`, odd numbers, repeated and unknown parameters, odd paths and methods. */
import fc from "fast-check";
import { ROUTE_PARAMETERS } from "../../src/worker/api/schemas";

/** One request as sent: `target` is the path and query exactly as they go on the wire (possibly badly encoded). */
export interface FuzzRequest {
  method: string;
  target: string;
  headers: Record<string, string>;
  body?: string;
}

/** What the generator draws real words and ids from, so that some requests find something. */
export interface FuzzVocabulary {
  words: string[];
  documentIds: string[];
  entityIds: string[];
}

const char = (from: number, to: number) => fc.integer({ min: from, max: to }).map((c) => String.fromCodePoint(c));

/** Characters that break naive code: every plane, marks, bidi controls, C0/C1 controls, NUL, lone surrogates, noncharacters. */
const nastyChar = fc.oneof(
  char(0x00, 0x1f), // C0 controls, NUL
  char(0x7f, 0x9f), // DEL, C1 controls
  char(0x0300, 0x036f), // combining marks
  char(0x1ab0, 0x1aff),
  char(0x20d0, 0x20ff),
  char(0x0590, 0x05ff), // Hebrew
  char(0x0600, 0x06ff), // Arabic
  fc.constantFrom("\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"),
  fc.constantFrom("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00a0", "\u3000", "\u2028", "\u2029", "\u180e"),
  char(0xd800, 0xdfff), // a lone surrogate (String.fromCodePoint keeps it as one code unit)
  fc.constantFrom("\ufffe", "\uffff", "\ufffd", "\u{1fffe}", "\u{10ffff}", "\u{e0001}", "\u{e007f}"),
  char(0x4e00, 0x9fff), // CJK
  char(0x1d400, 0x1d7ff), // mathematical letters (fold under NFKD)
  char(0x1f300, 0x1faff), // emoji
  char(0x10000, 0x10ffff), // any astral code point
  fc.constantFrom("İ", "ı", "ß", "ẞ", "Σ", "ς", "ﬁ", "Ⅻ", "①", "㎏", "ǅ", "ŉ", "ΐ"), // case and compatibility folding oddities
);

/** Regex, query-syntax, URL and markup metacharacters. */
const meta = fc.constantFrom(
  ".",
  "*",
  "+",
  "?",
  "^",
  "$",
  "{",
  "}",
  "(",
  ")",
  "|",
  "[",
  "]",
  "\\",
  '"',
  "'",
  "`",
  "-",
  "--",
  ":",
  "::",
  "%",
  "%%",
  "&",
  "=",
  "#",
  "/",
  ";",
  ",",
  "~",
  "!",
  "@",
  "<",
  ">",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  "(?:a+)+$",
  "(a|aa)*b",
  ".*.*.*.*.*=",
  "\\u0000",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal template-injection probe
  "${7*7}",
  "{{7*7}}",
  "__proto__",
  "constructor",
  "hasOwnProperty",
  "toString",
);

const operator = fc.constantFrom(
  "OR",
  "or",
  "-",
  "title:",
  "from:",
  "to:",
  "entity:",
  "TITLE:",
  "Entity:",
  '"',
  "*",
  "**",
  '-"',
  'title:"',
  "-title:",
);
const dateLike = fc.oneof(
  fc.constantFrom("2021", "2021-08", "2021-08-16", "0000", "9999-12-31", "2021-13", "2021-02-30", "1987-03", "20210816", "2021-8-1"),
  fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 })).map(([y, m]) => `${y}-${String(m).padStart(2, "0")}`),
);

function pieces(vocab: FuzzVocabulary): fc.Arbitrary<string> {
  const word = fc.constantFrom(...vocab.words);
  const entity = fc.constantFrom(...vocab.entityIds, "no-such-entity", "");
  return fc.oneof(
    { weight: 8, arbitrary: word },
    { weight: 2, arbitrary: word.map((w) => w.slice(0, Math.max(1, Math.ceil(w.length / 2)))) }, // a prefix being typed
    { weight: 1, arbitrary: word.map((w) => `${w}*`) },
    { weight: 1, arbitrary: word.map((w) => w.toUpperCase()) },
    { weight: 1, arbitrary: word.map((w) => (w.length > 4 ? w.slice(0, 2) + w[3] + w[2] + w.slice(4) : `${w}x`)) }, // a typo
    { weight: 3, arbitrary: operator },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom("from:", "to:"), dateLike).map(([o, d]) => o + d) },
    { weight: 1, arbitrary: entity.map((e) => `entity:${e}`) },
    { weight: 1, arbitrary: word.map((w) => `title:${w}`) },
    { weight: 1, arbitrary: word.map((w) => `-${w}`) },
    { weight: 2, arbitrary: meta },
    { weight: 2, arbitrary: fc.string({ unit: nastyChar, maxLength: 6 }) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 8 }) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 8 }) },
  );
}

const separator = fc.constantFrom(" ", " ", " ", "  ", "", "\t", "\n", "\u00a0", "\u3000", "+", ",");

/** A query string: mostly pieces joined by separators; also huge strings, boundary lengths and term floods. */
export function queryText(vocab: FuzzVocabulary): fc.Arbitrary<string> {
  const piece = pieces(vocab);
  const word = fc.constantFrom(...vocab.words);
  const joined = fc
    .array(fc.tuple(piece, separator), { minLength: 1, maxLength: 8 })
    .map((parts) => parts.map(([p, s]) => p + s).join(""))
    .chain((s) => fc.constantFrom(s, s.trimEnd(), `${s} `));
  return fc.oneof(
    { weight: 40, arbitrary: joined },
    { weight: 6, arbitrary: fc.string({ unit: nastyChar, maxLength: 40 }) },
    { weight: 3, arbitrary: fc.string({ unit: "binary", maxLength: 60 }) },
    { weight: 2, arbitrary: fc.constantFrom("", " ", "   ", "\t", "\n", "\u3000", "\u200b", "\u0000", "+", "%", '"', "-", "*", "OR") },
    // Boundaries of the 512-character limit (counted in UTF-16 code units), and 10 KB strings.
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(511, 512, 513)
        .chain((n) => fc.constantFrom("a".repeat(n), `${"é".repeat(n - 1)}z`, "😀".repeat(n), "e\u0301".repeat(Math.ceil(n / 2)))),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(piece, fc.integer({ min: 600, max: 10_240 }))
        .map(([p, n]) => (p || "x").repeat(Math.ceil(n / Math.max(1, (p || "x").length))).slice(0, n)),
    },
    { weight: 1, arbitrary: fc.string({ unit: nastyChar, minLength: 600, maxLength: 4_000 }) },
    // Floods: many distinct terms, prefixes, ORs, exclusions, titles, entities (work per request must stay bounded).
    { weight: 2, arbitrary: fc.uniqueArray(word, { minLength: 20, maxLength: 120 }).map((ws) => ws.join(" ")) },
    {
      weight: 1,
      arbitrary: fc.uniqueArray(word, { minLength: 10, maxLength: 100 }).map((ws) => ws.map((w) => `${w.slice(0, 2)}*`).join(" ")),
    },
    { weight: 1, arbitrary: fc.uniqueArray(word, { minLength: 10, maxLength: 100 }).map((ws) => ws.join(" OR ")) },
    { weight: 1, arbitrary: fc.uniqueArray(word, { minLength: 10, maxLength: 100 }).map((ws) => ws.map((w) => `-${w}`).join(" ")) },
    { weight: 1, arbitrary: fc.uniqueArray(word, { minLength: 10, maxLength: 100 }).map((ws) => ws.map((w) => `title:${w}`).join(" ")) },
    {
      weight: 1,
      arbitrary: fc
        .array(fc.constantFrom(...vocab.entityIds, "x"), { minLength: 5, maxLength: 60 })
        .map((es) => es.map((e) => `entity:${e}`).join(" ")),
    },
    {
      weight: 1,
      arbitrary: fc
        .array(dateLike, { minLength: 2, maxLength: 40 })
        .map((ds) => ds.map((d, i) => `${i % 2 ? "to:" : "from:"}${d}`).join(" ")),
    },
    {
      weight: 1,
      arbitrary: fc
        .array(fc.constantFrom('"', "'", "(", ")", "[", "{", "-", ":", "*"), { minLength: 1, maxLength: 200 })
        .map((cs) => cs.join("")),
    },
    // Misspelled words: each one costs a typo-correction lookup.
    {
      weight: 1,
      arbitrary: fc
        .uniqueArray(
          word.filter((w) => w.length >= 4),
          { minLength: 10, maxLength: 40 },
        )
        .map((ws) => ws.map((w) => `${w}qz`).join(" ")),
    },
  );
}

const integerText = (lo: number, hi: number) =>
  fc.oneof(
    { weight: 12, arbitrary: fc.integer({ min: lo, max: Math.min(hi, lo + 30) }).map(String) },
    { weight: 3, arbitrary: fc.integer({ min: lo, max: hi }).map(String) },
    { weight: 3, arbitrary: fc.constantFrom(lo - 1, lo, lo + 1, hi - 1, hi, hi + 1, -1, 0, 2 ** 31, 2 ** 53 + 1).map(String) },
    { weight: 1, arbitrary: fc.integer().map(String) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        "",
        " ",
        " 5",
        "5 ",
        "1.5",
        "1e2",
        "1e400",
        "-0",
        "0x10",
        "0b11",
        "0o7",
        "010",
        "1_000",
        "NaN",
        "Infinity",
        "-Infinity",
        "null",
        "true",
        "[]",
        "{}",
        "five",
        "١٠",
        "５",
        "99999999999999999999999",
        "%",
        "+5",
      ),
    },
  );

type Param = [name: string, value: string];

/** Zero, one (mostly) or two values of a parameter. */
const some = (value: fc.Arbitrary<string>, weightNone = 6) =>
  fc.oneof(
    { weight: weightNone, arbitrary: fc.constant([] as string[]) },
    { weight: 4, arbitrary: value.map((v) => [v]) },
    { weight: 1, arbitrary: fc.array(value, { minLength: 2, maxLength: 3 }) },
  );

/** `/search`'s parameters (`/suggest` reads only q and limit: `only`), with now and then one no route reads. */
function searchParams(vocab: FuzzVocabulary, maxLimit: number, only?: readonly string[]): fc.Arbitrary<Param[]> {
  const entityValue = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...vocab.entityIds) },
    { weight: 1, arbitrary: fc.constantFrom("no-such-entity", "", ",", "TALIBAN", " taliban ") },
    {
      weight: 1,
      arbitrary: fc
        .array(fc.constantFrom(...vocab.entityIds, "x", "y", "z", "w"), { minLength: 2, maxLength: 8 })
        .map((es) => es.join(",")),
    },
  );
  return (
    fc
      .record({
        q: fc.oneof(
          { weight: 12, arbitrary: queryText(vocab).map((q) => [q]) },
          { weight: 1, arbitrary: fc.array(queryText(vocab), { minLength: 2, maxLength: 3 }) },
        ),
        limit: some(integerText(1, maxLimit)),
        offset: some(integerText(0, 10_000), 8),
        entity: fc.oneof(
          { weight: 5, arbitrary: fc.constant([] as string[]) },
          { weight: 2, arbitrary: fc.array(entityValue, { minLength: 1, maxLength: 7 }) },
        ),
        sort: some(fc.constantFrom("relevance", "date", "date", "DATE", "", "random"), 10),
        recency: some(fc.oneof(integerText(1, 36_500), fc.constantFrom("0.5", "30.5", "36500.1")), 10),
        group: some(fc.constantFrom("true", "false", "false", "TRUE", "0", ""), 10),
        facets: some(fc.constantFrom("all", "all", "sample", "ALL", ""), 10),
        // Rarely: each is a 400 once the rest is valid, and the answers to valid searches are what most requests test.
        unknown: fc.oneof(
          { weight: 7, arbitrary: fc.constant([] as [string, string][]) },
          {
            weight: 1,
            arbitrary: fc.array(
              fc.tuple(
                fc.constantFrom("utm_source", "callback", "__proto__", "q ", "Q", "limit[]", "", "x", "offset", "sort"),
                fc.string({ maxLength: 8 }),
              ),
              { minLength: 1, maxLength: 2 },
            ),
          },
        ),
      })
      .chain((p) => {
        const list: Param[] = [];
        for (const [name, values] of Object.entries(p)) {
          if (name === "unknown") for (const [k, v] of values as [string, string][]) list.push([k, v]);
          else if (!only || only.includes(name)) for (const v of values as string[]) list.push([name, v]);
        }
        // Parameters in any order.
        return fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length });
      })
      // Sometimes no q at all.
      .chain((list) =>
        fc.oneof({ weight: 15, arbitrary: fc.constant(list) }, { weight: 1, arbitrary: fc.constant(list.filter(([n]) => n !== "q")) }),
      )
  );
}

/**
 * Searches drawn from a tiny space, so that many differ only in case, `OR`, spacing, encoding or a second
 * entity: any two the routes answer differently must not share an edge-cache key or an ETag.
 */
function nearDuplicateSearch(vocab: FuzzVocabulary): fc.Arbitrary<string> {
  const words = vocab.words.slice(0, 3);
  const entities = vocab.entityIds.slice(0, 3);
  const cased = (w: string, how: number) => (how === 0 ? w : how === 1 ? w.toUpperCase() : w.charAt(0).toUpperCase() + w.slice(1));
  return fc
    .record({
      words: fc.array(fc.tuple(fc.constantFrom(...words), fc.nat(2)), { minLength: 1, maxLength: 2 }),
      join: fc.constantFrom("%20", "%20OR%20", "%20or%20", "%20%20", "+"),
      lead: fc.constantFrom("", "", "%FF", "%EF%BF%BD", "%C3%A9", "%20"),
      trail: fc.constantFrom("", "%20"),
      entity: fc.array(fc.constantFrom(...entities), { maxLength: 2 }),
      limit: fc.constantFrom("", "&limit=1", "&limit=2"),
      path: fc.constantFrom("/search", "/search", "/suggest"),
    })
    .map(
      (r) =>
        `${r.path}?q=${r.lead}${r.words.map(([w, how]) => cased(w, how)).join(r.join)}${r.trail}${r.entity.map((e) => `&entity=${e}`).join("")}${r.limit}`,
    );
}

function entityListParams(): fc.Arbitrary<Param[]> {
  return fc
    .record({
      type: fc.array(fc.constantFrom("all", "person", "organization", "place", "planet", "", "PERSON", "people"), { maxLength: 2 }),
      limit: fc.array(integerText(1, 100), { maxLength: 2 }),
      offset: fc.array(integerText(0, 10_000), { maxLength: 2 }),
      trending: fc.array(fc.constantFrom("7", "30", "90", "365", "15", "", "30.0"), { maxLength: 2 }),
    })
    .map((p) => Object.entries(p).flatMap(([n, vs]) => vs.map((v): Param => [n, v])));
}

/** Percent-encodes UTF-16 as UTF-8 bytes, a lone surrogate as its own three bytes (WTF-8: invalid UTF-8 on the wire). */
export function wtf8Encode(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    let cp = unit;
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        cp = 0x10000 + ((unit - 0xd800) << 10) + (next - 0xdc00);
        i++;
      }
    }
    if (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(cp)) && cp < 0x80) {
      out += String.fromCharCode(cp);
      continue;
    }
    const bytes =
      cp < 0x80
        ? [cp]
        : cp < 0x800
          ? [0xc0 | (cp >> 6), 0x80 | (cp & 63)]
          : cp < 0x10000
            ? [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)]
            : [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
    for (const b of bytes) out += `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** How a value goes on the wire: as a browser's form would (lone surrogates become U+FFFD), raw bytes, unencoded, or with stray `%`. */
const encoding = fc.constantFrom("form", "form", "form", "wtf8", "raw", "broken") as fc.Arbitrary<"form" | "wtf8" | "raw" | "broken">;

function encode(text: string, how: "form" | "wtf8" | "raw" | "broken", salt: number): string {
  if (how === "form") return new URLSearchParams([["", text]]).toString().slice(1);
  if (how === "wtf8") return wtf8Encode(text);
  // Unencoded: the client's URL parser encodes what it must; `&`, `=` and `#` keep their meaning, which is the point.
  if (how === "raw") return text;
  const junk = ["%", "%G1", "%E2%82", "%ED%A0%80", "%C0%AF", "%FF", "%00", "%2", "%%32"][salt % 9] as string;
  const encoded = new URLSearchParams([["", text]]).toString().slice(1);
  const at = salt % (encoded.length + 1);
  return encoded.slice(0, at) + junk + encoded.slice(at);
}

function queryString(params: fc.Arbitrary<Param[]>): fc.Arbitrary<string> {
  return params.chain((list) =>
    fc.tuple(fc.array(encoding, { minLength: list.length, maxLength: list.length }), fc.nat()).map(([hows, salt]) => {
      if (list.length === 0) return "";
      return `?${list.map(([n, v], i) => `${encode(n, "form", 0)}=${encode(v, hows[i] ?? "form", salt + i)}`).join("&")}`;
    }),
  );
}

const idText = (known: string[]) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...known).map((id) => encodeURIComponent(id)) },
    { weight: 2, arbitrary: fc.string({ unit: nastyChar, minLength: 1, maxLength: 30 }).map(wtf8Encode) },
    {
      weight: 2,
      arbitrary: fc
        .string({ unit: "binary", minLength: 1, maxLength: 30 })
        .map((s) => new URLSearchParams([["", s]]).toString().slice(1) || "x"),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "%",
        "%2F",
        "%2e%2e",
        "..",
        ".",
        "%00",
        "__proto__",
        "constructor",
        "toString",
        "a%2Fb",
        "%252F",
        "%E2%82",
        "😀",
      ),
    },
    { weight: 1, arbitrary: fc.integer({ min: 500, max: 5_000 }).map((n) => "x".repeat(n)) },
  );

const oddPath = fc.constantFrom(
  "/search/",
  "//search",
  "/SEARCH",
  "/Search",
  "/search;x",
  "/search%2F",
  "/search%00",
  "/sea%72ch",
  "/search.json",
  "/search/../search",
  "/./search",
  "/documents",
  "/documents/",
  "/documents//",
  "/documents/a/b",
  "/entities/",
  "/entities/a/b",
  "/health/",
  "/health%20",
  "/openapi.json/",
  "/widget.js/x",
  "/index.html",
  "/../etc/passwd",
  "/%2e%2e/%2e%2e/etc/passwd",
  "/.env",
  "/wp-login.php",
  "/api/search",
  "/%",
  "/%ZZ",
  "/%E2%82",
  "/%ED%A0%80",
  "/😀",
  "/%F0%9F%98%80",
  "/\u0000",
  "/*",
  "/:id",
  "/{id}",
  "/search?",
  "/search??q=kabul",
  "/search#q=kabul",
  `/${"a".repeat(5_000)}`,
  `/documents/${"%41".repeat(2_000)}`,
);

/** A request to the Worker: mostly the API's routes with hostile parameters, some odd paths, methods and headers. */
export function fuzzRequest(vocab: FuzzVocabulary): fc.Arbitrary<FuzzRequest> {
  const target = fc.oneof(
    { weight: 40, arbitrary: queryString(searchParams(vocab, 100)).map((qs) => `/search${qs}`) },
    { weight: 8, arbitrary: nearDuplicateSearch(vocab) },
    { weight: 18, arbitrary: queryString(searchParams(vocab, 20, ROUTE_PARAMETERS["/suggest"])).map((qs) => `/suggest${qs}`) },
    { weight: 8, arbitrary: idText(vocab.documentIds).map((id) => `/documents/${id}`) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(idText(vocab.documentIds), some(fc.oneof(integerText(0, 7), fc.constantFrom("x", "", "2.5")), 4))
        .map(([id, limit]) => `/documents/${id}/similar${limit.map((l, i) => `${i ? "&" : "?"}limit=${encodeURIComponent(l)}`).join("")}`),
    },
    { weight: 7, arbitrary: queryString(entityListParams()).map((qs) => `/entities${qs}`) },
    { weight: 6, arbitrary: idText(vocab.entityIds).map((id) => `/entities/${id}`) },
    { weight: 3, arbitrary: fc.constantFrom("/health", "/", "/widget.js", "/widget.js?v=x", "/openapi.json", "/health?x=1&x=2") },
    {
      weight: 10,
      arbitrary: fc
        .tuple(oddPath, queryString(searchParams(vocab, 100)))
        .map(([p, qs]) => (p.includes("?") || p.includes("#") ? p : p + qs)),
    },
  );
  const method = fc.oneof(
    { weight: 85, arbitrary: fc.constant("GET") },
    { weight: 4, arbitrary: fc.constant("HEAD") },
    { weight: 4, arbitrary: fc.constant("POST") },
    { weight: 3, arbitrary: fc.constant("OPTIONS") },
    { weight: 4, arbitrary: fc.constantFrom("PUT", "DELETE", "PATCH", "PROPFIND") },
  );
  const headers = fc.oneof(
    { weight: 20, arbitrary: fc.constant({}) },
    { weight: 1, arbitrary: fc.constant({ "If-None-Match": "*" }) },
    { weight: 1, arbitrary: fc.constantFrom('W/"x"', '"0000000000000000-1"', ",,,", "").map((v) => ({ "If-None-Match": v })) },
    { weight: 1, arbitrary: fc.constantFrom("https://evil.example", "null", "http://localhost").map((v) => ({ Origin: v })) },
    {
      weight: 1,
      arbitrary: fc.constant({
        Origin: "https://evil.example",
        "Access-Control-Request-Method": "DELETE",
        "Access-Control-Request-Headers": "x-evil",
      }),
    },
    { weight: 1, arbitrary: fc.constantFrom("text/html", "application/xml", "*/*;q=0", "").map((v) => ({ Accept: v })) },
  );
  return fc
    .record({ method, target, headers })
    .chain((r) =>
      r.method === "POST" || r.method === "PUT" || r.method === "PATCH"
        ? fc.string({ maxLength: 200 }).map((body) => ({ ...r, body }))
        : fc.constant(r as FuzzRequest),
    );
}
