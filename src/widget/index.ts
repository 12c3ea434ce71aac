/** @module The widget's entry, built into `/widget.js`: defines `<edge-search>` once. */
import { EdgeSearch } from "./element";

if (!customElements.get("edge-search")) customElements.define("edge-search", EdgeSearch);

export { EdgeSearch };
