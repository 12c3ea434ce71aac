/** @module The attributes of `<edge-search>` and their matching properties, with their defaults. */

/** The API is, by default, where this script came from. */
const SCRIPT_ORIGIN = new URL(import.meta.url).origin;
const OFF = /^(off|false|no|0)$/i;

export abstract class WidgetAttributes extends HTMLElement {
  static observedAttributes = ["placeholder", "hotkey"];

  /** The API's origin (and path prefix, if any); defaults to the origin of widget.js. */
  get endpoint(): string {
    return (this.getAttribute("endpoint") || SCRIPT_ORIGIN).replace(/\/+$/, "");
  }
  set endpoint(value: string) {
    this.setAttribute("endpoint", value);
  }
  get placeholder(): string {
    return this.getAttribute("placeholder") ?? "Search";
  }
  set placeholder(value: string) {
    this.setAttribute("placeholder", value);
  }
  /** Hits per query, 1–50 (default 8). */
  get limit(): number {
    const n = Number(this.getAttribute("limit"));
    return Number.isInteger(n) && n >= 1 && n <= 50 ? n : 8;
  }
  set limit(value: number) {
    this.setAttribute("limit", String(value));
  }
  get entityFilters(): boolean {
    return !OFF.test(this.getAttribute("entity-filters") ?? "");
  }
  set entityFilters(on: boolean) {
    this.setAttribute("entity-filters", on ? "on" : "off");
  }
  get openIn(): "same-tab" | "new-tab" {
    return this.getAttribute("open-in") === "new-tab" ? "new-tab" : "same-tab";
  }
  set openIn(value: "same-tab" | "new-tab") {
    this.setAttribute("open-in", value);
  }
  /** `light` or `dark` whatever the system prefers; `auto` (the default) follows `prefers-color-scheme`. */
  get theme(): "light" | "dark" | "auto" {
    const value = this.getAttribute("theme");
    return value === "light" || value === "dark" ? value : "auto";
  }
  set theme(value: "light" | "dark" | "auto") {
    this.setAttribute("theme", value);
  }
  /** The key that focuses the box from anywhere on the page; empty for none. */
  get hotkey(): string {
    return this.getAttribute("hotkey") ?? "/";
  }
  set hotkey(value: string) {
    this.setAttribute("hotkey", value);
  }
}
