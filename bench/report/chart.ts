/** @module The report's chart, as hand-written SVG: cold-query bytes, warm p99 and heap against corpus size (log scale). */
import type { SizeReport } from "./types";

interface Series {
  name: string;
  color: string;
  points: [docs: number, value: number][];
  dashed?: boolean;
}

interface Panel {
  title: string;
  unit: string;
  series: Series[];
  /** A horizontal target line. */
  target?: { value: number; label: string };
  /** A log scale for values spanning decades. */
  log?: boolean;
}

const W = 300;
const H = 230;
const PAD = { left: 48, right: 14, top: 34, bottom: 40 };
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const fmt = (n: number) => (n >= 10 ? n.toFixed(0) : n >= 1 ? n.toFixed(1) : n.toFixed(2));
const sizeLabel = (docs: number) => (docs >= 1e6 ? `${docs / 1e6}M` : `${Math.round(docs / 1000)}k`);

function panel(p: Panel, x0: number, sizes: number[]): string {
  const all = [...p.series.flatMap((s) => s.points.map(([, v]) => v)), ...(p.target ? [p.target.value] : [])].filter((v) => v > 0);
  const lo = Math.log10(Math.min(...sizes));
  const hi = Math.log10(Math.max(...sizes));
  const px = (docs: number) => x0 + PAD.left + (hi === lo ? 0.5 : (Math.log10(docs) - lo) / (hi - lo)) * (W - PAD.left - PAD.right);
  const plotH = H - PAD.top - PAD.bottom;
  const vLo = p.log ? Math.floor(Math.log10(Math.min(...all, 1))) : 0;
  const vHi = p.log ? Math.ceil(Math.log10(Math.max(...all, 10))) : Math.max(...all, 1e-9) * 1.15;
  const py = (v: number) =>
    p.log ? PAD.top + (1 - (Math.log10(Math.max(v, 10 ** vLo)) - vLo) / (vHi - vLo)) * plotH : PAD.top + (1 - v / vHi) * plotH;
  const ticks = p.log ? Array.from({ length: vHi - vLo }, (_, i) => 10 ** (vLo + i + 1)) : [1, 2, 3, 4].map((i) => (vHi / 4) * i);
  const bottom = PAD.top + plotH;
  const out: string[] = [];
  out.push(`<text x="${x0 + W / 2}" y="16" text-anchor="middle" font-weight="bold">${esc(p.title)}</text>`);
  out.push(`<text x="${x0 + 6}" y="${PAD.top - 8}" font-size="10" fill="#555">${esc(p.unit)}</text>`);
  // Axes and grid.
  out.push(`<line x1="${x0 + PAD.left}" y1="${bottom}" x2="${x0 + W - PAD.right}" y2="${bottom}" stroke="#999"/>`);
  out.push(`<line x1="${x0 + PAD.left}" y1="${PAD.top}" x2="${x0 + PAD.left}" y2="${bottom}" stroke="#999"/>`);
  for (const v of ticks) {
    out.push(`<line x1="${x0 + PAD.left}" y1="${py(v)}" x2="${x0 + W - PAD.right}" y2="${py(v)}" stroke="#eee"/>`);
    out.push(`<text x="${x0 + PAD.left - 4}" y="${py(v) + 3}" text-anchor="end" font-size="10">${fmt(v)}</text>`);
  }
  for (const docs of sizes) {
    out.push(`<text x="${px(docs)}" y="${bottom + 14}" text-anchor="middle" font-size="10">${sizeLabel(docs)}</text>`);
  }
  out.push(
    `<text x="${x0 + PAD.left + (W - PAD.left - PAD.right) / 2}" y="${H - 8}" text-anchor="middle" font-size="10" fill="#555">articles (log scale)</text>`,
  );
  if (p.target) {
    const y = py(p.target.value);
    out.push(`<line x1="${x0 + PAD.left}" y1="${y}" x2="${x0 + W - PAD.right}" y2="${y}" stroke="#c0392b" stroke-dasharray="5,3"/>`);
    out.push(`<text x="${x0 + W - PAD.right}" y="${y - 4}" text-anchor="end" font-size="10" fill="#c0392b">${esc(p.target.label)}</text>`);
  }
  p.series.forEach((s, i) => {
    const pts = [...s.points].sort((a, b) => a[0] - b[0]);
    if (pts.length > 1) {
      const d = pts.map(([x, v], j) => `${j === 0 ? "M" : "L"}${px(x).toFixed(1)},${py(v).toFixed(1)}`).join(" ");
      out.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="4,3"' : ""}/>`);
    }
    for (const [x, v] of pts) {
      out.push(
        `<circle cx="${px(x).toFixed(1)}" cy="${py(v).toFixed(1)}" r="3" fill="${s.color}"><title>${esc(`${s.name}: ${fmt(v)} ${p.unit} at ${sizeLabel(x)}`)}</title></circle>`,
      );
    }
    out.push(`<rect x="${x0 + PAD.left + 6}" y="${PAD.top + 4 + i * 13}" width="10" height="3" fill="${s.color}"/>`);
    out.push(`<text x="${x0 + PAD.left + 20}" y="${PAD.top + 9 + i * 13}" font-size="10">${esc(s.name)}</text>`);
  });
  return out.join("\n");
}

/**
 * The three panels for the reports given (one point per corpus size).
 * @example
 * writeFileSync("bench/results/benchmarks.svg", chart(reports));
 */
export function chart(reports: SizeReport[]): string {
  const rs = reports.filter((r) => r.ours || r.projection || r.peers.length > 0).sort((a, b) => a.corpus.documents - b.corpus.documents);
  const sizes = rs.map((r) => r.corpus.documents);
  if (sizes.length === 0)
    return `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="40"><text x="10" y="24">No results yet</text></svg>`;
  const point = (f: (r: SizeReport) => number | undefined): [number, number][] =>
    rs.flatMap((r) => {
      const v = f(r);
      return v === undefined ? [] : [[r.corpus.documents, v] as [number, number]];
    });
  const peerP99 = (name: string) => (r: SizeReport) => r.peers.find((p) => p.name === name && !p.failed)?.queries.search?.p99;
  const panels: Panel[] = [
    {
      title: "Cold query: bytes read",
      unit: "KB (log scale)",
      log: true,
      series: [
        { name: "p99", color: "#2c7fb8", points: point((r) => r.ours && r.ours.cold.bytes.p99 / 1000) },
        { name: "p50", color: "#7fcdbb", points: point((r) => r.ours && r.ours.cold.bytes.p50 / 1000), dashed: true },
        {
          name: "term shards alone, projected (p99)",
          color: "#c0392b",
          points: point((r) => r.projection && r.projection.queryTermBytes.p99 / 1000),
          dashed: true,
        },
      ],
      target: { value: 500, label: "target 500 KB (1M)" },
    },
    {
      title: "Warm query latency (p99)",
      unit: "ms (log scale)",
      log: true,
      series: [
        { name: "edge-search", color: "#2c7fb8", points: point((r) => r.ours?.warm.wallMs.p99) },
        { name: "FlexSearch, unsharded", color: "#e6a817", points: point(peerP99("flexsearch")) },
        { name: "MiniSearch", color: "#8e44ad", points: point(peerP99("minisearch")), dashed: true },
      ],
    },
    {
      title: "Heap after 1,000 queries",
      unit: "MiB",
      series: [
        { name: "edge-search (32 MB cache)", color: "#2c7fb8", points: point((r) => r.ours && r.ours.warm.heapAfterBytes / 1024 / 1024) },
      ],
      target: { value: 64, label: "target 64 MB" },
    },
  ];
  const width = W * panels.length;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${width}" height="${H}" viewBox="0 0 ${width} ${H}" font-family="sans-serif" font-size="12">`,
    `<title>${esc(panels.map((p) => p.title).join(", "))}, against corpus size</title>`,
    `<rect width="${width}" height="${H}" fill="#fff"/>`,
    ...panels.map((p, i) => panel(p, i * W, sizes)),
    "</svg>",
    "",
  ].join("\n");
}
