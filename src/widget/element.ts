/** @module `<edge-search>`: a combobox over the search API, following the WAI-ARIA 1.2 combobox pattern. */
import type { Query, WidgetError } from "./api";
import { WidgetAttributes } from "./attributes";
import { safeUrl } from "./format";
import { moveActive } from "./keyboard";
import { answerView, emptyView, errorView, type View } from "./present";
import { chip, option } from "./render";
import { Searcher } from "./searcher";
import { buildShell, type Shell } from "./shell";
import type { Answer, EntityRef, ErrorDetail, Item, ResultsDetail, SelectDetail } from "./types";

export class EdgeSearch extends WidgetAttributes {
  readonly #ui: Shell;
  readonly #searcher = new Searcher({
    endpoint: () => this.endpoint,
    answer: (answer) => this.#show(answer),
    error: (error) => this.#fail(error),
    busy: (on) => this.#busy(on),
  });
  #items: Item[] = [];
  #active = -1;
  #filter?: EntityRef;
  /** The box's text and filter the options shown are for: while another query is pending they are stale. */
  #shown = "";

  constructor() {
    super();
    const ui = buildShell(this.attachShadow({ mode: "open" }));
    this.#ui = ui;
    ui.input.addEventListener("input", () => this.#schedule());
    ui.input.addEventListener("keydown", (e) => this.#onKey(e));
    ui.input.addEventListener("focus", () => this.#setOpen(this.#items.length > 0 || !!ui.status.textContent));
    ui.root.addEventListener("focusout", (e) => {
      if (!ui.root.contains(e.relatedTarget as Node | null)) this.#setOpen(false);
    });
    ui.remove.addEventListener("click", () => this.#setFilter(undefined));
    // Keep the focus in the box while the pointer is on the popup.
    ui.panel.addEventListener("mousedown", (e) => e.preventDefault());
    ui.listbox.addEventListener("mousemove", (e) => {
      const index = this.#indexOf(e.target);
      if (index >= 0 && index !== this.#active) this.#setActive(index, false);
    });
    ui.listbox.addEventListener("click", (e) => this.#onClick(e));
  }

  /** The entity the results are filtered by. */
  get filter(): EntityRef | undefined {
    return this.#filter;
  }
  set filter(entity: EntityRef | undefined) {
    this.#setFilter(entity, false);
  }
  get value(): string {
    return this.#ui.input.value;
  }
  set value(text: string) {
    // The box's own limit, which typing cannot pass either.
    this.#ui.input.value = String(text).slice(0, this.#ui.input.maxLength);
    this.#schedule(true);
  }

  connectedCallback(): void {
    // Properties a page set before this script defined the element are plain fields of it: set them again, now
    // through the element's own setters.
    for (const name of Object.keys(this)) {
      const value = (this as Record<string, unknown>)[name];
      delete (this as Record<string, unknown>)[name];
      (this as Record<string, unknown>)[name] = value;
    }
    document.addEventListener("keydown", this.#onHotkey);
    this.attributeChangedCallback();
  }
  disconnectedCallback(): void {
    document.removeEventListener("keydown", this.#onHotkey);
    this.#searcher.cancel();
  }
  attributeChangedCallback(): void {
    const { input, hotkey } = this.#ui;
    input.placeholder = this.placeholder;
    // An empty placeholder still leaves the box a name.
    input.setAttribute("aria-label", this.placeholder.trim() || "Search");
    hotkey.textContent = this.hotkey;
    hotkey.hidden = !this.hotkey;
    if (this.hotkey) input.setAttribute("aria-keyshortcuts", this.hotkey === "/" ? "Slash" : this.hotkey);
    else input.removeAttribute("aria-keyshortcuts");
  }

  #onHotkey = (e: KeyboardEvent): void => {
    if (!this.hotkey || e.key !== this.hotkey || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    const target = e.composedPath()[0];
    if (target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    // A widget the page hides (one for small screens, one for large) leaves the key to the one shown.
    const { input } = this.#ui;
    input.focus();
    if (this.shadowRoot?.activeElement === input) e.preventDefault();
  };

  #onKey(e: KeyboardEvent): void {
    if (e.isComposing) return;
    const { input, panel } = this.#ui;
    const open = !panel.hidden;
    if (e.key === "ArrowDown" || e.key === "ArrowUp" || ((e.key === "Home" || e.key === "End") && open)) {
      const next = moveActive(e.key, this.#active, this.#items.length);
      if (next === undefined) return;
      e.preventDefault();
      this.#setOpen(true);
      this.#setActive(next, true);
    } else if (e.key === "Enter") {
      e.preventDefault();
      // Options left from the previous query while this one is pending are not what the box asks for.
      if (open && this.#active >= 0 && this.#shown === this.#current()) this.#choose(this.#active);
      else this.#schedule(true);
    } else if (e.key === "Escape") {
      // Only when there is something to close, clear or remove: otherwise Escape is the page's (a dialog closes).
      if (open) this.#setOpen(false);
      else if (input.value) {
        input.value = "";
        this.#schedule();
      } else if (this.#filter) this.#setFilter(undefined);
      else return;
      e.preventDefault();
    } else if (e.key === "Backspace" && !input.value && this.#filter) this.#setFilter(undefined);
  }

  #onClick(e: MouseEvent): void {
    const index = this.#indexOf(e.target);
    const item = this.#items[index];
    const chipIndex = (e.target as Element).closest?.("[data-chip]")?.getAttribute("data-chip");
    if (item?.kind === "hit" && chipIndex) {
      const entity = item.hit.entities[Number(chipIndex)];
      if (entity) {
        this.#chooseEntity(entity);
        return;
      }
    }
    if (index >= 0) this.#choose(index);
  }

  #indexOf(target: EventTarget | null): number {
    const li = (target as Element | null)?.closest?.("[role=option]");
    return li ? Array.prototype.indexOf.call(this.#ui.listbox.children, li) : -1;
  }

  #emit(name: string, detail: SelectDetail | ResultsDetail | ErrorDetail): boolean {
    return this.dispatchEvent(new CustomEvent(`edge-search:${name}`, { detail, bubbles: true, composed: true, cancelable: true }));
  }

  #choose(index: number): void {
    const item = this.#items[index];
    if (!item) return;
    if (item.kind === "term") {
      this.#ui.input.value = item.text;
      this.#schedule(true);
    } else if (item.kind === "entity") this.#chooseEntity(item.entity);
    else {
      // A hit without a (safe) url only fires the event: the page decides where it leads.
      const url = safeUrl(item.hit.url, document.baseURI);
      if (!this.#emit("select", { kind: "hit", hit: item.hit, url })) return;
      this.#setOpen(false);
      if (url && this.openIn === "new-tab") window.open(url, "_blank", "noopener");
      else if (url) location.assign(url);
    }
  }

  #chooseEntity(entity: EntityRef): void {
    if (this.#emit("select", { kind: "entity", entity })) this.#setFilter(entity);
  }

  #setFilter(entity: EntityRef | undefined, focus = true): void {
    const { filter, remove, input } = this.#ui;
    this.#filter = entity;
    filter.hidden = !entity;
    filter.replaceChildren();
    if (entity) {
      remove.setAttribute("aria-label", `Remove filter: ${entity.name}`);
      filter.append(chip(entity), remove);
    }
    if (focus) input.focus();
    this.#schedule(true);
  }

  /** Asks for what the box holds, after the debounce or `now`; an empty box closes. */
  #schedule(now = false): void {
    const query: Query = { q: this.#ui.input.value, limit: this.limit, filter: this.#filter };
    if (query.q.trim()) {
      this.#searcher.request(query, now);
      return;
    }
    this.#searcher.cancel();
    this.#render(emptyView);
    this.#setOpen(false);
  }

  #busy(on: boolean): void {
    const { root, listbox, status } = this.#ui;
    root.classList.toggle("busy", on);
    listbox.setAttribute("aria-busy", String(on));
    if (on && this.#items.length === 0) status.textContent = "Searching\u2026";
  }

  /** What the box asks for now: its text and filter. */
  #current(): string {
    return `${this.#filter?.id ?? ""}\u0000${this.#ui.input.value}`;
  }

  #show(answer: Answer): void {
    const { search, filter } = answer;
    this.#render(answerView(answer, this.entityFilters));
    this.#shown = this.#current();
    this.#emit("results", { query: search.query, total: search.total, hits: search.hits, filter });
  }

  #fail(error: WidgetError): void {
    this.#render(errorView(error.code, error.message));
    this.#emit("error", { code: error.code, message: error.message, status: error.status });
  }

  #render(view: View): void {
    const { listbox, status, live, input } = this.#ui;
    this.#items = view.items;
    this.#active = -1;
    input.removeAttribute("aria-activedescendant");
    listbox.replaceChildren(...view.items.map((item, i) => option(item, `edge-search-option-${i}`, this.entityFilters)));
    listbox.hidden = view.items.length === 0;
    status.className = view.error ? "status error" : "status";
    status.textContent = view.status;
    live.textContent = view.live;
    this.#setOpen(this.matches(":focus-within"));
  }

  #setOpen(open: boolean): void {
    const { panel, input, listbox } = this.#ui;
    panel.hidden = !open;
    // Expanded only while the listbox shows options: a message alone ("No results…", "Searching…") is not a list.
    input.setAttribute("aria-expanded", String(open && !listbox.hidden));
    if (!open) this.#setActive(-1, false);
  }

  #setActive(index: number, scroll: boolean): void {
    const { listbox, input } = this.#ui;
    listbox.children[this.#active]?.setAttribute("aria-selected", "false");
    this.#active = index;
    const li = listbox.children[index];
    if (li) {
      li.setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", li.id);
      if (scroll) li.scrollIntoView({ block: "nearest" });
    } else input.removeAttribute("aria-activedescendant");
  }
}
