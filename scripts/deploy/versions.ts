/** @module `npm run versions`: the bundle versions in the namespace, newest first, and which one is live. */
import { fail, parseCli, say } from "../shared/cli";
import { storedVersions } from "./version-list";

const { values: args } = parseCli({ options: { local: { type: "boolean", default: false }, env: { type: "string" } } });
try {
  const versions = storedVersions({ local: args.local, ...(args.env ? { env: args.env } : {}) });
  if (versions.length === 0) say("No bundle versions in the namespace.");
  for (const v of versions) {
    const m = v.manifest;
    say(
      `${v.live ? "* " : "  "}${v.version}  built ${m?.built_at ?? "?"}  ${m?.counts.documents.toLocaleString("en-US") ?? "?"} documents  ` +
        `${v.keys.length.toLocaleString("en-US")} keys${!m ? "  (incomplete upload: no manifest)" : v.keys.length < m.counts.keys - 1 ? "  (incomplete upload)" : ""}` +
        `${v.madeLive ? `  (delta of ${v.madeLive.version})` : ""}${v.live ? (v.madeLive ? "  (live: a delta served)" : "  (live)") : ""}`,
    );
  }
} catch (error) {
  fail((error as Error).message);
}
