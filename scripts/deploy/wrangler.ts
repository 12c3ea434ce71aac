/** @module Runs wrangler for the deploy scripts: against Cloudflare, or with `--local` against wrangler's local state. */
import { spawnSync } from "node:child_process";

export interface Target {
  /** Use wrangler's local KV (`.wrangler/state`) instead of the account's. */
  local: boolean;
  /** A wrangler environment of wrangler.toml (`staging`); its top level is production, named by no `--env`. */
  env?: string;
  /** Directory of the local state, when not the default. */
  persistTo?: string;
}

export class WranglerError extends Error {}

/** A terminal colour escape (ESC, "[", numbers, "m"), built from its code: no control character in the source. */
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

/** Runs `npx wrangler ...args`, returning stdout; throws with wrangler's own message on failure. */
export function wrangler(args: string[], target?: Target): string {
  if (target?.env === "production" || args.includes("--env=production"))
    throw new WranglerError("wrangler.toml's top level is production, and it has no [env.production]: leave out --env production");
  const full = [...args];
  if (target) {
    full.push(target.local ? "--local" : "--remote");
    if (target.env) full.push("--env", target.env);
    if (target.local && target.persistTo) full.push("--persist-to", target.persistTo);
  }
  const run = spawnSync("npx", ["wrangler", ...full], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.status !== 0) {
    // Without wrangler's colours: the message is read in logs and CI too.
    const detail = `${run.stderr ?? ""}\n${run.stdout ?? ""}`
      .replace(/npm warn[^\n]*\n/g, "")
      .replace(ANSI_COLOUR, "")
      .trim();
    throw new WranglerError(`wrangler ${args.slice(0, 3).join(" ")} failed:\n${detail.slice(-2000)}`);
  }
  return run.stdout;
}

const kv = (_target: Target) => ["--binding", "SEARCH_KV"];

/** Puts a bulk file of pairs. */
export function bulkPut(file: string, target: Target): void {
  wrangler(["kv", "bulk", "put", file, ...kv(target)], target);
}

/** Deletes the keys listed in a file (a JSON array of key names). */
export function bulkDelete(file: string, target: Target): void {
  wrangler(["kv", "bulk", "delete", file, "--force", ...kv(target)], target);
}

/** Every key name under a prefix. */
export function listKeys(prefix: string, target: Target): string[] {
  const out = wrangler(["kv", "key", "list", "--prefix", prefix, ...kv(target)], target);
  const json = out.slice(out.indexOf("["));
  return (JSON.parse(json) as { name: string }[]).map((k) => k.name);
}

/** One value, or undefined when the key is absent. */
export function getValue(key: string, target: Target): string | undefined {
  // wrangler prints "Value not found" and exits 0 for an absent key.
  const out = wrangler(["kv", "key", "get", key, "--text", ...kv(target)], target);
  return out.trim() === "Value not found" ? undefined : out;
}
