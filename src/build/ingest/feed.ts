/**
 * @module Reads an RSS (2.0, and 1.0/RDF) or Atom feed into documents, one an item or entry, with fast-xml-parser: the
 * item's guid (or link, or Atom id) is its id, its content or description (HTML turned into text) its body, its
 * link its url, its pubDate (or published, updated, dc:date) its date, its own language (else the detected one, else
 * the feed's when the text says too little) its language; authors,
 * categories and the feed's title are kept in `meta`.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { languageTag } from "../language";
import { decodeText, normalizeNewlines } from "./decode";
import { type Entry, makeDocument } from "./document";
import { htmlToText } from "./html";
import { normalizeDate } from "./parse-date";

/** Elements that may repeat, always read as lists. */
const LISTS = new Set(["item", "entry", "category", "link", "author", "dc:creator", "dc:subject"]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  textNodeName: "#text",
  // Values stay strings: a guid of digits is an id, not a number.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: true,
  isArray: (name) => LISTS.has(name),
});

type Node = Record<string, unknown>;

/** The text of an element: itself when a string, its `#text` when it has attributes. */
function text(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && typeof (value as Node)["#text"] === "string") return (value as Node)["#text"] as string;
  return undefined;
}

const first = (value: unknown): unknown => (Array.isArray(value) ? value[0] : value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

/** The link an Atom entry is read at: its `alternate` one, else its first. */
function atomLink(links: unknown): string | undefined {
  const all = list(links).filter((l): l is Node => !!l && typeof l === "object");
  const chosen = all.find((l) => (l["@rel"] ?? "alternate") === "alternate") ?? all[0];
  return typeof chosen?.["@href"] === "string" ? (chosen["@href"] as string) : text(first(links));
}

interface FeedItem {
  id?: string;
  title?: string;
  html?: string;
  url?: string;
  date?: string;
  /** The item's own language, if it says. */
  lang?: string;
  authors: string[];
  categories: string[];
}

function rssItem(item: Node): FeedItem {
  const link = text(first(item.link));
  return {
    id: text(item.guid) ?? link,
    title: text(item.title),
    html: text(item["content:encoded"]) ?? text(item.description),
    url: link,
    date: text(item.pubDate) ?? text(item["dc:date"]),
    lang: text(item["dc:language"]),
    authors: [...list(item.author), ...list(item["dc:creator"])].map(text).filter((a): a is string => !!a),
    categories: [...list(item.category), ...list(item["dc:subject"])].map(text).filter((c): c is string => !!c),
  };
}

function atomEntry(entry: Node): FeedItem {
  const url = atomLink(entry.link);
  return {
    id: text(entry.id) ?? url,
    title: text(entry.title),
    html: text(entry.content) ?? text(entry.summary),
    url,
    date: text(entry.published) ?? text(entry.updated),
    lang: entry["@xml:lang"] as string | undefined,
    authors: list(entry.author)
      .map((a) => (a && typeof a === "object" ? text((a as Node).name) : text(a)))
      .filter((a): a is string => !!a),
    categories: list(entry.category)
      .map((c) => (c && typeof c === "object" ? (((c as Node)["@term"] as string | undefined) ?? text(c)) : text(c)))
      .filter((c): c is string => !!c),
  };
}

/**
 * The documents of a feed file, each entry with its item's index (`item [i]: …` in its problems). A file that is no
 * well-formed XML is one `malformed_feed` problem with its line; well-formed XML that is no RSS or Atom feed too.
 * @example
 * readFeed(new TextEncoder().encode('<rss version="2.0"><channel><item><guid>a</guid><title>T</title><description>Body.</description></item></channel></rss>'));
 * // [{ ok: true, index: 0, document: { id: "a", title: "T", body: "Body.", … } }]
 */
export function readFeed(bytes: Uint8Array): Entry[] {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return [{ ok: false, code: decoded.code, line: decoded.line, reason: decoded.reason }];
  const source = decoded.text;
  const valid = XMLValidator.validate(source);
  if (valid !== true) return [{ ok: false, code: "malformed_feed", line: valid.err.line, reason: `malformed XML: ${valid.err.msg}` }];
  const root = parser.parse(source) as Node;
  const rss = root.rss as Node | undefined;
  const rdf = root["rdf:RDF"] as Node | undefined;
  const atom = root.feed as Node | undefined;
  let items: FeedItem[];
  let feedTitle: string | undefined;
  let feedLang: string | undefined;
  if (rss?.channel || rdf) {
    const channel = (first(rss?.channel) ?? first(rdf?.channel) ?? {}) as Node;
    feedTitle = text(channel.title);
    feedLang = text(channel.language) ?? text(channel["dc:language"]);
    // RSS 2.0 puts items in the channel, RSS 1.0 beside it.
    items = list(channel.item ?? rdf?.item).map((item) => rssItem((item ?? {}) as Node));
  } else if (atom) {
    feedTitle = text(atom.title);
    feedLang = atom["@xml:lang"] as string | undefined;
    items = list(atom.entry).map((entry) => atomEntry((entry ?? {}) as Node));
  } else {
    const name = Object.keys(root).find((k) => !k.startsWith("?")) ?? "nothing";
    return [{ ok: false, code: "malformed_feed", reason: `not an RSS or Atom feed: its root element is <${name}>` }];
  }
  return items.map((item, index): Entry => {
    const fail = (code: "missing_id" | "invalid_record", reason: string): Entry => ({
      ok: false,
      code,
      index,
      reason: `item [${index}]: ${reason}`,
    });
    if (!item.id?.trim()) return fail("missing_id", "the item has no guid, link or id");
    const id = item.id.trim();
    const date = item.date === undefined ? undefined : normalizeDate(item.date);
    if (item.date !== undefined && date === undefined)
      return fail("invalid_record", `item "${id}": date ${JSON.stringify(item.date)} is not a date`);
    const meta: Record<string, unknown> = {};
    if (feedTitle) meta.feed = feedTitle;
    if (item.authors.length > 0) meta.authors = item.authors;
    if (item.categories.length > 0) meta.categories = item.categories;
    const entry = makeDocument({
      id,
      title: item.title ? htmlToText(item.title) : undefined,
      body: normalizeNewlines(htmlToText(item.html ?? "")),
      date,
      url: item.url,
      // An item's own language wins; a feed's only names the items whose text says too little (one feed often
      // mixes languages: a French item in an English feed).
      lang: item.lang === undefined ? undefined : languageTag(item.lang),
      sourceLang: feedLang === undefined ? undefined : languageTag(feedLang),
      meta,
    });
    return entry.ok ? { ...entry, index } : { ...entry, index, reason: `item [${index}]: ${entry.reason}` };
  });
}
