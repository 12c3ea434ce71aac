/** @module `npm run prune -- --keep N`: deletes the keys of old versions, never the live one. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BULK_MAX_PAIRS } from "../../src/build/layout";
import { fail, parseCli, say } from "../shared/cli";
import { keptVersions, storedVersions } from "./version-list";
import { bulkDelete, type Target } from "./wrangler";

const { values: args } = parseCli({
  options: {
    keep: { type: "string", default: "2" },
    local: { type: "boolean", default: false },
    env: { type: "string" },
    "dry-run": { type: "boolean", default: false },
  },
});
const keep = Number(args.keep);
if (!Number.isInteger(keep) || keep < 1) fail(`--keep must be a whole number of versions, 1 or more; got "${args.keep}".`);
const target: Target = { local: args.local, ...(args.env ? { env: args.env } : {}) };
try {
  const versions = storedVersions(target);
  const kept = keptVersions(versions, keep);
  const doomed = versions.filter((v) => !kept.has(v.version));
  if (doomed.length === 0) {
    say(`Nothing to prune: ${versions.length} version(s), keeping ${keep}.`);
    process.exit(0);
  }
  const keys = doomed.flatMap((v) => v.keys);
  say(
    `${args["dry-run"] ? "Would delete" : "Deleting"} ${doomed.length} version(s), ${keys.length.toLocaleString("en-US")} keys: ${doomed.map((v) => v.version).join(", ")}`,
  );
  if (args["dry-run"]) process.exit(0);
  const dir = mkdtempSync(join(tmpdir(), "prune-"));
  for (let i = 0; i < keys.length; i += BULK_MAX_PAIRS) {
    const file = join(dir, `${i}.json`);
    writeFileSync(file, JSON.stringify(keys.slice(i, i + BULK_MAX_PAIRS)));
    bulkDelete(file, target);
  }
  say(`✔ Kept ${[...kept].join(", ")}.`);
} catch (error) {
  fail((error as Error).message);
}
