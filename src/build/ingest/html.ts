/** @module HTML as text: what a reader sees of an article's markup (a feed item's content, a CMS export's body). */

/** Named character references HTML text uses most (XML's five are decoded by a feed's parser). */
const NAMED: Record<string, string> = {
  nbsp: "\u00a0",
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  hellip: "…",
  mdash: "—",
  ndash: "–",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
  laquo: "«",
  raquo: "»",
  copy: "©",
  eacute: "é",
  egrave: "è",
  agrave: "à",
  ccedil: "ç",
  uuml: "ü",
  ouml: "ö",
  auml: "ä",
  szlig: "ß",
  aacute: "á",
  iacute: "í",
  oacute: "ó",
  uacute: "ú",
  ntilde: "ñ",
  atilde: "ã",
  otilde: "õ",
  acirc: "â",
  ecirc: "ê",
  ocirc: "ô",
  pound: "£",
  euro: "€",
  yen: "¥",
  cent: "¢",
  deg: "°",
  middot: "·",
  bull: "•",
  shy: "",
  times: "×",
};
const BLOCK_END = /<\/(?:p|div|li|h[1-6]|blockquote|tr|pre)\s*>|<br\s*\/?>/gi;
/** A tag at a given place: up to its ">", never across another "<" (so a text of many "<" is read in one pass). */
const TAG_AT = /<[^<>]*>/y;

/**
 * The text without its tags, comments, scripts and styles, in one pass: each "<" is looked at once, and a comment,
 * script or style left open runs to the end, as a browser reads it. (A pattern that looked for each one's end from
 * every "<" took seconds on a body of a few thousand unclosed ones.)
 */
function withoutTags(html: string): string {
  const lower = html.toLowerCase();
  let out = "";
  let at = 0;
  for (;;) {
    const open = html.indexOf("<", at);
    if (open === -1) return out + html.slice(at);
    out += html.slice(at, open);
    if (lower.startsWith("<!--", open)) {
      const close = html.indexOf("-->", open + 4);
      at = close === -1 ? html.length : close + 3;
      continue;
    }
    const element = /^<(script|style)(?![a-z0-9-])/.exec(lower.slice(open, open + 8))?.[1];
    if (element) {
      const close = lower.indexOf(`</${element}`, open);
      const end = close === -1 ? -1 : html.indexOf(">", close);
      at = end === -1 ? html.length : end + 1;
      continue;
    }
    TAG_AT.lastIndex = open;
    const tag = TAG_AT.exec(html);
    if (tag) at = open + tag[0].length;
    else {
      out += "<";
      at = open + 1;
    }
  }
}

/**
 * The text of an item's HTML (a description or content usually is): block ends and `<br>` as line breaks, scripts,
 * styles, comments and every other tag dropped, character references decoded, runs of spaces folded.
 * @example
 * htmlToText("<p>Oil <b>rose</b>&nbsp;2%.</p><p>Gold fell.</p>"); // "Oil rose 2%.\nGold fell."
 */
export function htmlToText(html: string): string {
  if (!html.includes("<") && !html.includes("&")) return html.trim();
  return withoutTags(html.replace(BLOCK_END, "\n"))
    .replace(/&(?:#(\d+)|#x([0-9a-f]+)|([a-z]+));/gi, (whole, dec: string, hex: string, name: string) => {
      if (dec || hex) {
        const code = Number.parseInt(dec ?? hex, dec ? 10 : 16);
        return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : "";
      }
      return NAMED[name.toLowerCase()] ?? whole;
    })
    .replace(/[ \t\u00a0]+/g, " ")
    .replace(/ *\n[ \n]*/g, "\n")
    .trim();
}

/**
 * Whether a record's body is HTML: it opens (after comments, as WordPress writes its blocks) with a block element or
 * a line break. A text that mentions a tag further in ("the <script> tag") is text.
 * @example
 * isHtmlBody("<!-- wp:paragraph -->\n<p>Oil rose.</p>"); // true
 * isHtmlBody("Oil rose. <b>Gold</b> fell."); // false
 */
export function isHtmlBody(body: string): boolean {
  return HTML_BODY.test(body);
}
const HTML_BODY =
  /^\s*(?:<!--[\s\S]*?-->\s*)*<(?:p|div|h[1-6]|article|section|figure|ul|ol|blockquote|table|header|main|br)(?:\s[^<>]*)?\/?>/i;
