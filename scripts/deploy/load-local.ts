/** @module `npm run load:local`: puts a built bundle into wrangler's local KV, the live manifest last, for `wrangler dev`. */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { bulkFileProblem, bulkFiles } from "../../src/build/bundle-files";
import { fail, parseCli, say } from "../shared/cli";

const { values: args } = parseCli({ options: { bundle: { type: "string", default: "dist/bundle" } } });
if (!existsSync(args.bundle)) fail(`No bundle at ${args.bundle}: run npm run build first.`);

const files = await bulkFiles(args.bundle);
// A file changed since the build wrote it is refused before anything is loaded.
for (const file of files) {
  const problem = await bulkFileProblem(file, readFileSync(file));
  if (problem) fail(`${problem}: build it again (npm run build).`);
}
say(`Loading ${args.bundle} into local KV (${files.length} files, the live manifest last)`);
for (const file of files) {
  const run = spawnSync("npx", ["wrangler", "kv", "bulk", "put", file, "--binding", "SEARCH_KV", "--local"], {
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
  });
  if (run.status !== 0) fail(`wrangler kv bulk put ${file} failed:\n${run.stderr || run.stdout}`);
  say(`  ${file}`);
}
say("✔ Local KV holds the bundle; the previous one stays until you build again (npx wrangler kv key list --local --binding SEARCH_KV).");
