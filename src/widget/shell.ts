/** @module The widget's fixed parts inside its shadow root: the combobox box, the filter, the popup and the live region. */
import { h } from "./dom";
import { styles } from "./styles";

export interface Shell {
  root: HTMLDivElement;
  input: HTMLInputElement;
  hotkey: HTMLElement;
  filter: HTMLSpanElement;
  remove: HTMLButtonElement;
  panel: HTMLDivElement;
  status: HTMLParagraphElement;
  listbox: HTMLUListElement;
  live: HTMLDivElement;
}

export const LISTBOX_ID = "edge-search-listbox";

export function buildShell(shadow: ShadowRoot): Shell {
  const input = h("input", {
    part: "input",
    type: "text",
    role: "combobox",
    "aria-expanded": "false",
    "aria-controls": LISTBOX_ID,
    "aria-autocomplete": "list",
    autocomplete: "off",
    autocapitalize: "off",
    spellcheck: "false",
    enterkeyhint: "search",
    maxlength: "512",
  });
  const remove = h("button", { type: "button", part: "filter-remove" }, "\u00d7");
  const filter = h("span", { class: "filter", part: "filter", hidden: "" });
  const hotkey = h("kbd", { part: "hotkey", "aria-hidden": "true" });
  const status = h("p", { class: "status", part: "status" });
  const listbox = h("ul", { id: LISTBOX_ID, role: "listbox", part: "listbox", "aria-label": "Results" });
  const panel = h("div", { class: "panel", part: "panel", hidden: "" }, status, listbox);
  const live = h("div", { class: "sr", role: "status", "aria-live": "polite", "aria-atomic": "true" });
  const root = h("div", { part: "root" }, h("div", { class: "box", part: "box" }, filter, input, hotkey), panel, live);
  shadow.append(h("style", {}, styles), root);
  return { root, input, hotkey, filter, remove, panel, status, listbox, live };
}
