/** @module Renders the listbox's options from an answer's items, with text nodes only. */
import { h } from "./dom";
import { formatDate, plural } from "./format";
import { snippetSegments } from "./snippet";
import type { EntityRef, Hit, Item } from "./types";

const types = new Set<string>(["person", "organization", "place"]);

/** An entity as a chip: its type shown by an icon and a colour (from CSS), and named for tooltips. */
export function chip(entity: EntityRef, index?: number): HTMLSpanElement {
  const type = types.has(entity.type) ? entity.type : "other";
  const attributes: Record<string, string> = { class: "chip", part: `chip chip-${type}`, "data-type": type, title: type, dir: "auto" };
  if (index !== undefined) attributes["data-chip"] = String(index);
  return h("span", attributes, entity.name);
}

/**
 * The snippet's text, with `<mark>` elements rebuilt from its literal tags. `dir="auto"` on every text from a document:
 * an Arabic or Hebrew title or snippet reads right to left, each by its own first letters, whatever the page's direction.
 * `lang`, the document's language when the build could tell it: screen readers pronounce it, browsers hyphenate it.
 */
function snippet(text: string, lang: Record<string, string>, id: string): HTMLParagraphElement {
  const p = h("p", { id, class: "snippet", part: "snippet", dir: "auto", ...lang });
  for (const segment of snippetSegments(text)) p.append(segment.mark ? h("mark", { part: "mark" }, segment.text) : segment.text);
  return p;
}

function hit(item: Hit, chips: boolean, id: string): (Node | string)[] {
  const lang: Record<string, string> = item.lang && item.lang !== "und" ? { lang: item.lang } : {};
  const head = h(
    "div",
    { class: "head" },
    h("span", { id: `${id}-title`, class: "title", part: "title", dir: "auto", ...lang }, item.title),
  );
  if (item.date) head.append(h("time", { part: "date", datetime: item.date }, formatDate(item.date)));
  // Its near-duplicates, folded into it by the API (absent from older Workers' answers).
  const versions = item.duplicates ?? 0;
  if (versions > 0) head.append(h("span", { class: "versions", part: "versions" }, `+${plural(versions, "version")}`));
  const nodes: Node[] = [head, snippet(item.snippet, lang, `${id}-snippet`)];
  if (chips && item.entities.length > 0) nodes.push(h("div", { class: "chips", part: "entities" }, ...item.entities.map(chip)));
  return nodes;
}

/**
 * One option of the listbox, `id` unique within the shadow root. A hit is named by its title and described by its
 * snippet: a screen reader says the title on each arrow key, not the snippet and every entity after it.
 */
export function option(item: Item, id: string, chips: boolean): HTMLLIElement {
  const content =
    item.kind === "hit"
      ? hit(item.hit, chips, id)
      : item.kind === "entity"
        ? ["Filter by ", chip(item.entity)]
        : ["Search for ", h("q", { dir: "auto" }, item.text)];
  const named: Record<string, string> =
    item.kind === "hit" ? { "aria-labelledby": `${id}-title`, "aria-describedby": `${id}-snippet` } : {};
  return h(
    "li",
    { id, role: "option", "aria-selected": "false", class: item.kind, part: `option option-${item.kind}`, ...named },
    ...content,
  );
}
