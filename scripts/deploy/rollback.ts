/** @module `npm run rollback -- <version>`: points the live manifest back at a version still in the namespace. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LIVE_MANIFEST_KEY } from "../../src/format/bundle";
import { Manifest } from "../../src/format/manifest-schema";
import { fail, parseCli, say } from "../shared/cli";
import { storedVersions } from "./version-list";
import { bulkPut, type Target } from "./wrangler";

const { values: args, positionals } = parseCli(
  {
    allowPositionals: true,
    options: { local: { type: "boolean", default: false }, env: { type: "string" } },
  },
  "Usage: npm run rollback -- <version> [--env NAME] [--local]   (npm run versions lists them)",
);
const version = positionals[0];
if (!version) fail("Usage: npm run rollback -- <version> [--env NAME] [--local]   (npm run versions lists them)");
const target: Target = { local: args.local, ...(args.env ? { env: args.env } : {}) };
try {
  const found = storedVersions(target).find((v) => v.version === version);
  if (!found) fail(`Version ${version} is not in the namespace (npm run versions lists what is).`);
  if (!found.manifest)
    fail(
      `Version ${version} has ${found.keys.length} keys in the namespace but no manifest: an upload that did not finish cannot go live.`,
    );
  // A delta segment goes back to the live manifest it made (its base and the deltas up to it); a base, to itself alone.
  const manifest = Manifest.parse(found.madeLive ?? found.manifest);
  const versions = storedVersions(target);
  for (const needed of [manifest.version, ...(manifest.deltas ?? []).map((d) => d.version)]) {
    const stored = versions.find((v) => v.version === needed);
    const want =
      needed === manifest.version
        ? manifest.counts.keys - 1
        : ((manifest.deltas ?? []).find((d) => d.version === needed)?.counts.keys ?? 1) - 1;
    if (!stored || stored.keys.length < want)
      fail(`Version ${needed} is incomplete (${stored?.keys.length ?? 0} of ${want} keys): refusing to serve ${version}.`);
  }
  const file = join(mkdtempSync(join(tmpdir(), "rollback-")), "live.json");
  writeFileSync(file, JSON.stringify([{ key: LIVE_MANIFEST_KEY, value: JSON.stringify(manifest) }]));
  bulkPut(file, target);
  say(
    `✔ The live manifest points at ${manifest.version}${manifest.deltas?.length ? ` with ${manifest.deltas.length} delta(s), up to ${version}` : ""} (built ${manifest.built_at}). Isolates pick it up within about a minute: each keeps the live manifest 30 s, and KV keeps it 30 s at each location.`,
  );
} catch (error) {
  fail((error as Error).message);
}
