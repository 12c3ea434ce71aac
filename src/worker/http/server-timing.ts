/**
 * @module The `Server-Timing` header of every answer, written and read here only: time waiting for KV and what was
 * read, values from the isolate's cache, the edge cache's verdict, search and Worker time. The Worker writes it; the
 * bench, the load test and the tests read it back with `parseServerTiming`.
 *
 * On Cloudflare a Worker's clock advances only across I/O (the `performance` runtime API): the KV wait, the keys,
 * bytes, round trips and cache verdicts are true there, but the search's time reads 0 and the Worker's total is its
 * I/O waits. Those two say so in their `desc`; they are CPU time only in a local runtime (workerd, `npm run query`).
 */

export interface ServerTiming {
  /** Where the bundle's values come from: Workers KV (billed per key), or the Worker's Static Assets (free); `kv` when absent. */
  store?: "kv" | "assets";
  /** Milliseconds waiting for the store. */
  kvMs: number;
  /** Values read from the store, their bytes, and the round trips that read them. */
  keys: number;
  bytes: number;
  roundTrips: number;
  /** Values the isolate's cache held. */
  cachedValues: number;
  /** The edge cache: `hit`, `miss`, `stale`, `none`, … */
  edge: string;
  /** Milliseconds searching, when the request searched, KV waits aside (0 on Cloudflare: see the module). */
  searchMs?: number;
  /** Milliseconds in the Worker (on Cloudflare, its I/O waits only). */
  totalMs: number;
}

/** What the two clock readings say of themselves (see the module). */
const SEARCH_DESC = "local clock only";
const TOTAL_DESC = "I/O waits only on Cloudflare";

/**
 * The header's value.
 * @example
 * formatServerTiming({ kvMs: 3, keys: 2, bytes: 900, roundTrips: 1, cachedValues: 0, edge: "miss", searchMs: 1, totalMs: 5 });
 * // 'kv;dur=3;desc="2 keys, 900 bytes, 1 round trips", isolate;desc="0 cached values", edge;desc="miss",
 * //  search;dur=1;desc="local clock only", total;dur=5;desc="I/O waits only on Cloudflare"'
 */
export function formatServerTiming(t: ServerTiming): string {
  return (
    `${t.store ?? "kv"};dur=${t.kvMs};desc="${t.keys} keys, ${t.bytes} bytes, ${t.roundTrips} round trips", ` +
    `isolate;desc="${t.cachedValues} cached values", edge;desc="${t.edge}", ` +
    `${t.searchMs === undefined ? "" : `search;dur=${t.searchMs};desc="${SEARCH_DESC}", `}total;dur=${t.totalMs};desc="${TOTAL_DESC}"`
  );
}

/**
 * A header written by `formatServerTiming`, read back; undefined when it is not one.
 * @example
 * parseServerTiming(res.headers.get("server-timing"))?.keys; // 2
 */
export function parseServerTiming(header: string | null | undefined): ServerTiming | undefined {
  const m =
    /(kv|assets);dur=([\d.]+);desc="(\d+) keys, (\d+) bytes, (\d+) round trips", isolate;desc="(\d+) cached values", edge;desc="([^"]*)", (?:search;dur=([\d.]+);desc="[^"]*", )?total;dur=([\d.]+);desc="[^"]*"/.exec(
      header ?? "",
    );
  if (!m) return undefined;
  const [, store, kvMs, keys, bytes, roundTrips, cachedValues, edge, searchMs, totalMs] = m;
  return {
    ...(store === "assets" ? { store } : {}),
    kvMs: Number(kvMs),
    keys: Number(keys),
    bytes: Number(bytes),
    roundTrips: Number(roundTrips),
    cachedValues: Number(cachedValues),
    edge: edge as string,
    ...(searchMs === undefined ? {} : { searchMs: Number(searchMs) }),
    totalMs: Number(totalMs),
  };
}
