/** @module Runs wrangler for the deploy scripts: against Cloudflare, or with `--local` against wrangler's local state. */
import { spawnSync } from "node:child_process";

export interface Target {
  /** Use wrangler's local KV (`.wrangler/state`) instead of the account's. */
  local: boolean;
  /** A wrangler environment (`staging`, `production`). */
  env?: string;
  /** Directory of the local state, when not the default. */
  persistTo?: string;
}

export class WranglerError extends Error {}

/** Runs `npx wrangler ...args`, returning stdout; throws with wrangler's own message on failure. */
export function wrangler(args: string[], target?: Target): string {
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
    const detail = `${run.stderr ?? ""}\n${run.stdout ?? ""}`.replace(/npm warn[^\n]*\n/g, "").trim();
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
