/**
 * @module The Worker's numeric settings, read from its vars (wrangler.toml `[vars]`) in one place: each with its
 * default and its least value. A var that is missing, not a number, or below its least value gives the default.
 */

/** The vars this module reads; wrangler's `Env` has those set in wrangler.toml, tests and tools may set any. */
export type SettingVars = Partial<
  Record<"CACHE_BUDGET_MB" | "MANIFEST_TTL_S" | "ANSWER_CACHE_MB" | "CACHE_MAX_AGE" | "CACHE_STALE_WHILE_REVALIDATE", string>
>;

export interface Settings {
  /** The isolate's cache of parsed bundle values, in bytes (`CACHE_BUDGET_MB`, default 32, at least 1). */
  cacheBudgetBytes: number;
  /** Seconds an isolate trusts the live manifest (`MANIFEST_TTL_S`, default 30): a new version is seen within that. */
  manifestTtlSeconds: number;
  /** The isolate's cache of whole answers, in bytes (`ANSWER_CACHE_MB`, default 4; 0 turns it off). */
  answerCacheBytes: number;
  /** `Cache-Control` of answers: `max-age` (`CACHE_MAX_AGE`, default 60) and `stale-while-revalidate` (default 600), whole seconds. */
  maxAgeSeconds: number;
  staleWhileRevalidateSeconds: number;
}

const MIB = 1024 * 1024;

/** A var as a number of at least `least`, else `fallback`. */
function numberVar(value: string | undefined, fallback: number, least: number): number {
  if (value === undefined || value.trim() === "") return fallback;
  const n = Number(value);
  return Number.isFinite(n) && n >= least ? n : fallback;
}

/**
 * The settings of some vars.
 * @example
 * readSettings({ CACHE_BUDGET_MB: "64" }).cacheBudgetBytes; // 67108864
 * readSettings({ ANSWER_CACHE_MB: "0" }).answerCacheBytes; // 0: off
 */
export function readSettings(vars: SettingVars): Settings {
  // Read once per env object: the Worker asks for its settings on every request.
  const known = read.get(vars);
  if (known) return known;
  const settings: Settings = {
    cacheBudgetBytes: numberVar(vars.CACHE_BUDGET_MB, 32, 1) * MIB,
    manifestTtlSeconds: numberVar(vars.MANIFEST_TTL_S, 30, 0),
    answerCacheBytes: Math.floor(numberVar(vars.ANSWER_CACHE_MB, 4, 0) * MIB),
    maxAgeSeconds: Math.floor(numberVar(vars.CACHE_MAX_AGE, 60, 0)),
    staleWhileRevalidateSeconds: Math.floor(numberVar(vars.CACHE_STALE_WHILE_REVALIDATE, 600, 0)),
  };
  read.set(vars, settings);
  return settings;
}

const read = new WeakMap<SettingVars, Settings>();
