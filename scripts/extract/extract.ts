/** @module `npm run extract -- FILE.jsonl`: the people, organizations and places of each document, one JSON line a document. */
import { closeSync, openSync, readFileSync, writeSync } from "node:fs";
import { loadavg } from "node:os";
import type { RegistryEntry } from "../../src/build/entities/merge";
import { defaultThreads } from "../../src/build/entities/parallel";
import { EntityModelError } from "../../src/build/entities/tagger/model";
import { formatIssue } from "../../src/build/ingest/errors";
import { fail, parseCli, progress, say } from "../shared/cli";
import { readExtractInputs } from "./extract-input";
import { extractCorpus } from "./extract-mentions";

const usage = `Usage: npm run -s extract -- FILE.jsonl [FILE.jsonl|FILE.json…] [--out FILE] [--threads N] [--registry entities.json] [--skip-invalid]
Reads {id, title?, body} or {id, text} records, one a line (or a .json file's array of them, or its one record), and prints one line a document (to --out, or to stdout:
-s keeps npm's own banner out of it): {"id", "mentions": [{"start", "end", "text", "type", "entity"}]}, offsets in
UTF-16 code units into the body as given.`;
const { values: args, positionals: files } = parseCli(
  {
    allowPositionals: true,
    options: {
      threads: { type: "string" },
      registry: { type: "string" },
      out: { type: "string", short: "o" },
      "skip-invalid": { type: "boolean", default: false },
    },
  },
  usage,
);
if (files.length === 0) fail(`no input file.\n${usage}`);
const requested = args.threads === undefined ? undefined : Number(args.threads);
if (requested !== undefined && (!Number.isInteger(requested) || requested < 1))
  fail(`--threads must be a whole number of 1 or more, not "${args.threads}".`);

let registry: RegistryEntry[] = [];
if (args.registry) {
  try {
    registry = JSON.parse(readFileSync(args.registry, "utf8"));
  } catch (error) {
    fail(`${args.registry}: cannot read the registry: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!Array.isArray(registry)) fail(`${args.registry}: the registry must be an array of entities.`);
}

let fd: number | undefined;
if (args.out) {
  try {
    fd = openSync(args.out, "w");
  } catch (error) {
    fail(`${args.out}: cannot write the output: ${error instanceof Error ? error.message : String(error)}`);
  }
}
const started = performance.now();
const { docs, issues } = await readExtractInputs(files);
if (issues.length > 0) {
  const list = issues.map((issue) => `  ${formatIssue(issue)}`).join("\n");
  const count = issues.length === 1 ? "1 input problem" : `${issues.length} input problems`;
  if (!args["skip-invalid"]) fail(`${count}:\n${list}\nFix them, or pass --skip-invalid to extract the other records.`);
  say(`Skipping ${count}:\n${list}`);
}
const threads = requested ?? defaultThreads(docs.length);
const why = requested === undefined ? ` (load average ${loadavg()[0]?.toFixed(1)}; --threads N to choose)` : "";
say(`Extracting entities from ${docs.length.toLocaleString("en-US")} documents, on up to ${threads} thread${threads > 1 ? "s" : ""}${why}`);
const results = await extractCorpus(docs, registry, { threads, onProgress: (n, total) => progress("documents", n, total) }).catch(
  (error: unknown) => {
    if (error instanceof EntityModelError) fail(`${error.message} [${error.code}]`);
    throw error;
  },
);

process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0); // the reader (head, less) has had enough
  throw error;
});
let chunk = "";
const flush = () => {
  if (fd === undefined) process.stdout.write(chunk);
  else writeSync(fd, chunk);
  chunk = "";
};
for (const result of results) {
  chunk += `${JSON.stringify(result)}\n`;
  if (chunk.length > 1 << 16) flush();
}
flush();
if (fd !== undefined) closeSync(fd);
const seconds = (performance.now() - started) / 1000;
const mentions = results.reduce((n, r) => n + r.mentions.length, 0);
const entities = new Set(results.flatMap((r) => r.mentions.map((m) => m.entity))).size;
say(
  `✔ ${args.out ? `Wrote ${args.out}: ` : ""}${docs.length.toLocaleString("en-US")} documents, ${mentions.toLocaleString("en-US")} mentions of ${entities.toLocaleString("en-US")} entities in ${seconds.toFixed(1)} s (${Math.round(docs.length / seconds)} documents/s)`,
);
