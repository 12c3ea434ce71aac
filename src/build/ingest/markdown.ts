/**
 * @module The text of a Markdown document as its reader sees it: headings without their `#`s, emphasis, list and
 * quote markers, links' addresses, images' addresses, code fences, rules and HTML tags left out. What is searched,
 * shown in snippets and read for entities is the text, not the markup ("# Council" is no organisation).
 */

/** A fenced code block's opening or closing line: three backticks or tildes or more. */
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** An ATX heading: its text, without the opening `#`s and optional closing ones. */
const HEADING = /^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
/** A setext heading's underline, or a thematic break ("---", "***", "___", "- - -"). */
const RULE = /^ {0,3}(?:=+|-+|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|(?:-[ \t]*){3,})[ \t]*$/;
/** A link reference definition: "[1]: https://example.com "Title"". */
const DEFINITION = /^ {0,3}\[[^\]\n]+\]:[ \t]*\S+.*$/;
/** Block quote markers and a list item's marker, at the start of a line. */
const QUOTE = /^ {0,3}(?:>[ \t]?)+/;
const LIST_ITEM = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?/;
/** A table's delimiter row ("|---|:--:|"). */
const TABLE_RULE = /^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$/;

/** A pattern that matches nothing, for the replacements a line has no use for. */
const NEVER = /(?!)/g;

/**
 * The inline markup of one line taken off: images by their alternative text, links by their text, code spans by their
 * code, emphasis and strike-through by their words, HTML tags and comments dropped, backslash escapes undone.
 * @example
 * markdownInline("**Oil** rose, [Reuters](https://reuters.com) said"); // "Oil rose, Reuters said"
 */
export function markdownInline(line: string): string {
  // Every pattern bounds how far it looks for its closing mark (300 characters, 2,000 for an address), so a line of thousands of
  // unclosed marks ("**", "[", "~~") is read in time linear in its length, not quadratic.
  if (!/[<![`*_~\\]/.test(line)) return line;
  const links = line.includes("](") || line.includes("][");
  return (
    line
      .replace(/<!--[\s\S]{0,2000}?-->/g, "")
      .replace(links ? /!\[([^\]\n]{0,300})\]\([^)\n]{0,2000}\)/g : NEVER, "$1")
      .replace(links ? /!\[([^\]\n]{0,300})\]\[[^\]\n]{0,300}\]/g : NEVER, "$1")
      .replace(
        links
          ? /\[([^\]\n]{1,300})\]\((?:[^()\s]|\([^()\s]{0,300}\)){0,2000}(?:[ \t]+(?:"[^"\n]{0,300}"|'[^'\n]{0,300}'))?[ \t]*\)/g
          : NEVER,
        "$1",
      )
      .replace(links ? /\[([^\]\n]{1,300})\]\[[^\]\n]{0,300}\]/g : NEVER, "$1")
      .replace(/<((?:https?|mailto):[^>\s]{1,2000})>/g, "$1")
      .replace(/(`+)([^`\n]|[^`\n][^\n]{0,1000}?[^`\n])\1(?!`)/g, (_, _ticks: string, code: string) => code.trim())
      .replace(/<\/?[A-Za-z][A-Za-z0-9-]{0,30}(?:[ \t][^<>\n]{0,2000})?\/?>/g, "")
      .replace(/(\*\*|__)(?=\S)([^\n]{0,300}?\S)\1/g, "$2")
      .replace(/(?<![\p{L}\p{N}*\\])\*(?=[^\s*])([^\n*]{0,300}?[^\s*\\])\*(?![\p{L}\p{N}*])/gu, "$1")
      .replace(/(?<![\p{L}\p{N}_\\])_(?=[^\s_])([^\n_]{0,300}?[^\s_\\])_(?![\p{L}\p{N}_])/gu, "$1")
      .replace(/~~(?=\S)([^\n]{0,300}?\S)~~/g, "$1")
      // A backslash escape of a character Markdown would otherwise read as markup.
      .replace(/\\([\\`*_{}[\]()#+\-.!>|~])/g, "$1")
  );
}

/**
 * The text of a Markdown document, line by line so that offsets of lines stay close to the source's paragraphs:
 * headings as their text, blank lines kept (paragraphs), fenced code as its code, tables' rows with their cells
 * apart and their rules dropped, thematic breaks and link definitions dropped.
 * @example
 * markdownToText("# Kabul falls\n\n- The *city* was [taken](https://x.org).\n\n---\n"); // "Kabul falls\n\nThe city was taken."
 */
export function markdownToText(markdown: string): string {
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split(/\r?\n/)) {
    const opening = FENCE.exec(line)?.[1];
    if (fence !== undefined) {
      if (opening !== undefined && opening[0] === fence[0] && opening.length >= fence.length && line.trim() === opening) fence = undefined;
      else out.push(line);
      continue;
    }
    if (opening !== undefined) {
      fence = opening;
      continue;
    }
    if (RULE.test(line) || DEFINITION.test(line) || TABLE_RULE.test(line)) continue;
    const heading = HEADING.exec(line);
    const quoted = line.replace(QUOTE, "");
    const item = !heading && LIST_ITEM.test(quoted);
    let text = heading ? (heading[1] ?? "") : quoted.replace(LIST_ITEM, "");
    // A table's row: its cells apart, without the pipes.
    const row = /^[ \t]*\|.*\|[ \t]*$/.test(text);
    if (row)
      text = text
        .trim()
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim())
        .join("  ");
    // A heading, a list item and a table row are paragraphs of their own: no name runs from one into the next, as
    // lines of one paragraph are joined when text is hard-wrapped.
    const own = heading !== null || item || row;
    if (own && out.length > 0 && out.at(-1) !== "") out.push("");
    out.push(markdownInline(text).replace(/[ \t]+$/, ""));
    if (own) out.push("");
  }
  return out
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
