/**
 * @module The widget's stylesheet: themed by `--edge-search-*` custom properties, light and dark from the system
 * (or the `theme` attribute). Text styles are set on the root inside the shadow tree, not on the host: a page's rules
 * on the host ("* { font: inherit }", "nav { white-space: nowrap }") would win over the host's own.
 */

/** The dark theme's colours: the system's when it prefers dark, or `theme="dark"`. */
const DARK = `--edge-search-bg:#18191e;--edge-search-fg:#ececf2;--edge-search-muted:#a9a9b4;
--edge-search-border:#41424c;--edge-search-accent:#8eb0ff;--edge-search-mark:#6b5800;
--edge-search-person:#d0a6ff;--edge-search-organization:#7fdcaa;--edge-search-place:#ffab7a`;

export const styles = `
:host{--edge-search-bg:#fff;--edge-search-fg:#17171c;--edge-search-muted:#55555f;--edge-search-border:#c4c4cc;
--edge-search-accent:#2050c8;--edge-search-mark:#ffe98a;--edge-search-radius:10px;
--edge-search-person:#7b2fbf;--edge-search-organization:#17683f;--edge-search-place:#b03a06;
display:block;position:relative;max-width:100%}
@media (prefers-color-scheme:dark){:host(:not([theme=light])){${DARK}}}
:host([theme=dark]){${DARK}}
[part=root]{--edge-search-active-default:color-mix(in srgb,var(--edge-search-accent) 13%,var(--edge-search-bg));
color:var(--edge-search-fg);font:var(--edge-search-font,15px/1.45 system-ui,sans-serif);
text-align:start;text-indent:0;text-transform:none;letter-spacing:normal;word-spacing:normal;white-space:normal}
[hidden]{display:none!important}
*{box-sizing:border-box}
.box{display:flex;align-items:center;gap:6px;padding:0 10px;background:var(--edge-search-bg);
border:1px solid var(--edge-search-border);border-radius:var(--edge-search-radius)}
.box:focus-within{border-color:var(--edge-search-accent);box-shadow:0 0 0 2px var(--edge-search-accent)}
.box::before{content:"";width:16px;height:16px;flex:none;background:var(--edge-search-muted);
-webkit-mask:url("data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24'><circle cx='10' cy='10' r='6.5' fill='none' stroke='black' stroke-width='2.6'/><path d='M15 15l6 6' stroke='black' stroke-width='2.6' stroke-linecap='round'/></svg>") center/contain no-repeat;
mask:url("data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24'><circle cx='10' cy='10' r='6.5' fill='none' stroke='black' stroke-width='2.6'/><path d='M15 15l6 6' stroke='black' stroke-width='2.6' stroke-linecap='round'/></svg>") center/contain no-repeat}
.busy .box::before{width:14px;height:14px;background:none;-webkit-mask:none;mask:none;border:2px solid var(--edge-search-muted);
border-right-color:transparent;border-radius:50%;animation:spin .7s linear infinite}
@keyframes spin{to{transform:rotate(1turn)}}
@media (prefers-reduced-motion:reduce){.busy .box::before{animation:none}}
input{flex:1;min-width:0;padding:10px 0;border:0;outline:0;background:none;color:inherit;font:inherit;font-size:max(16px,1em)}
input::placeholder{color:var(--edge-search-muted);opacity:1}
kbd{padding:0 6px;border:1px solid var(--edge-search-border);border-radius:4px;color:var(--edge-search-muted);font:inherit;font-size:.8em}
.box:focus-within kbd{display:none}
@media (hover:none){kbd{display:none}}
.filter{display:flex;align-items:center;gap:2px;min-width:0;max-width:60%;white-space:nowrap}
.filter .chip{display:block;overflow:hidden;text-overflow:ellipsis}
button{display:grid;place-items:center;width:24px;height:24px;padding:0;border:0;border-radius:50%;background:none;color:inherit;font:inherit;cursor:pointer}
button:hover,button:focus-visible{background:var(--edge-search-active,var(--edge-search-active-default))}
.panel{position:absolute;z-index:var(--edge-search-z,1000);top:calc(100% + 4px);left:0;right:0;overflow:auto;
max-height:min(70vh,34rem);background:var(--edge-search-bg);border:1px solid var(--edge-search-border);
border-radius:var(--edge-search-radius);box-shadow:0 8px 28px #0003}
.busy ul{opacity:.65}
ul{margin:0;padding:4px;list-style:none}
li{padding:8px 10px;border-radius:calc(var(--edge-search-radius) - 4px);cursor:pointer;overflow-wrap:anywhere}
li[aria-selected=true]{background:var(--edge-search-active,var(--edge-search-active-default));box-shadow:inset 3px 0 var(--edge-search-accent)}
li.entity,li.term{color:var(--edge-search-muted)}
.head{display:flex;flex-wrap:wrap;gap:0 10px;align-items:baseline}
.title{font-weight:600;margin-inline-end:auto}
time,.versions{color:var(--edge-search-muted);font-size:.85em}
.snippet{margin:2px 0 0;font-size:.92em}
mark{background:var(--edge-search-mark);color:inherit;border-radius:2px}
.chips{display:flex;flex-wrap:wrap;gap:4px;margin-top:6px}
.chip{--c:var(--edge-search-muted);display:inline-flex;gap:4px;align-items:center;padding:0 8px;font-size:.8em;
color:var(--c);border:1px solid currentColor;border-radius:99px}
.chip::before{content:"\\25C6" / "";font-size:.8em}
.chip[data-type=person]{--c:var(--edge-search-person)}.chip[data-type=person]::before{content:"\\25CF" / ""}
.chip[data-type=organization]{--c:var(--edge-search-organization)}.chip[data-type=organization]::before{content:"\\25A0" / ""}
.chip[data-type=place]{--c:var(--edge-search-place)}.chip[data-type=place]::before{content:"\\25B2" / ""}
.hit .chip{cursor:pointer}.hit .chip:hover{background:var(--edge-search-bg)}
.status{margin:0;padding:10px 14px;color:var(--edge-search-muted)}
.status:empty{display:none}
.status.error{color:var(--edge-search-fg)}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
`;
