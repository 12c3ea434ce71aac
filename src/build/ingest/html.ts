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
const TAG = /<!--[\s\S]*?-->|<(?:script|style)\b[\s\S]*?<\/(?:script|style)\s*>|<[^>]*>/gi;

/**
 * The text of an item's HTML (a description or content usually is): block ends and `<br>` as line breaks, scripts,
 * styles, comments and every other tag dropped, character references decoded, runs of spaces folded.
 * @example
 * htmlToText("<p>Oil <b>rose</b>&nbsp;2%.</p><p>Gold fell.</p>"); // "Oil rose 2%.\nGold fell."
 */
export function htmlToText(html: string): string {
  if (!html.includes("<") && !html.includes("&")) return html.trim();
  return html
    .replace(BLOCK_END, "\n")
    .replace(TAG, "")
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
