/** @module The demo page at `/`: the widget over the live index, and the two lines to paste to embed it. */
import { escapeHtml } from "../search/snippet";

/** The two lines a site owner pastes. Without `?v=`, sites pick up new widget versions (the ETag keeps that cheap). */
export function embedSnippet(origin: string): string {
  return `<script type="module" src="${origin}/widget.js"></script>\n<edge-search endpoint="${origin}" placeholder="Search the archive"></edge-search>`;
}

const styles = `
:root{color-scheme:light dark;font:16px/1.5 system-ui,sans-serif}
body{max-width:44rem;margin:0 auto;padding:2rem 1rem 40vh}
h1{font-size:1.6rem;margin:0 0 .25rem}
p{margin:.25rem 0 1.25rem}
h2{font-size:1.1rem;margin:2rem 0 .5rem}
pre{position:relative;padding:1rem;overflow:auto;border:1px solid #8886;border-radius:8px;font-size:.85rem}
button{font:inherit;padding:.25rem .75rem;border-radius:6px;border:1px solid #8888;cursor:pointer;background:none;color:inherit}
#chosen:empty{display:none}
#chosen{padding:1rem;border:1px solid #8886;border-radius:8px;white-space:pre-wrap}
`;

// Hits without a url only fire edge-search:select; this page shows their document from /documents/{id}.
const script = `
const chosen = document.getElementById("chosen");
document.addEventListener("edge-search:select", async (e) => {
  const d = e.detail;
  if (d.kind !== "hit" || d.url) return;
  chosen.textContent = "Loading " + d.hit.title + "\\u2026";
  const r = await fetch("/documents/" + encodeURIComponent(d.hit.id));
  const doc = await r.json();
  chosen.textContent = r.ok ? doc.title + "\\n\\n" + doc.body : doc.error.message;
});
document.getElementById("copy").addEventListener("click", async (e) => {
  await navigator.clipboard.writeText(document.getElementById("snippet").textContent);
  e.target.textContent = "Copied";
});
`;

/** The whole page; `hash` pins this page's own copy of the widget (an immutable URL). */
export function demoPage(origin: string, hash: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Edge search</title>
<style>${styles}</style>
<script type="module" src="/widget.js?v=${escapeHtml(hash)}"></script>
</head>
<body>
<main>
<h1>Edge search</h1>
<p>Search the news archive: type a few letters, use <kbd>↑</kbd> <kbd>↓</kbd> and <kbd>Enter</kbd>, or press <kbd>/</kbd> from anywhere.</p>
<edge-search placeholder="Search the archive"></edge-search>
<div id="chosen" aria-live="polite"></div>
<h2>Embed it on your site</h2>
<p>Paste these two lines where the search box should go:</p>
<pre tabindex="0"><code id="snippet">${escapeHtml(embedSnippet(origin))}</code></pre>
<button type="button" id="copy">Copy</button>
<p>Attributes: <code>endpoint</code>, <code>placeholder</code>, <code>limit</code>, <code>entity-filters="off"</code>,
<code>open-in="new-tab"</code>, <code>hotkey</code>. Events: <code>edge-search:select</code>, <code>edge-search:results</code>,
<code>edge-search:error</code>. Theme it with <code>--edge-search-*</code> custom properties and <code>::part()</code>.</p>
</main>
<script type="module">${script}</script>
</body>
</html>
`;
}
