/**
 * @module The entry of a phase's child process (see lib/spawn-phase.ts): runs one phase, writes its result as JSON.
 * Each phase is imported on its own, so that the heap a phase measures holds only what that phase loaded.
 */
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";

const [name, argsFile, outFile] = process.argv.slice(2);
if (!name || !argsFile || !outFile) {
  process.stderr.write("Usage: node --import tsx bench/phase.ts <build|ours|project|peers|http> <args.json> <out.json>\n");
  process.exit(2);
}
const args = JSON.parse(readFileSync(argsFile, "utf8"));
const say = (message: string) => process.stderr.write(`  ${message}\n`);
const write = (result: unknown) => writeFileSync(outFile, JSON.stringify(result));

if (name === "build") write(await (await import("./ours/build")).buildPhase({ ...args, say }));
else if (name === "ours") write(await (await import("./ours/queries-phase")).oursPhase(args));
else if (name === "project") write(await (await import("./ours/project-terms")).projectTerms({ ...args, say }));
else if (name === "http") write(await (await import("./http/http-phase")).httpPhase({ ...args, say }));
else if (name === "peers") {
  // One line per peer as soon as it is measured, so a peer that kills the process does not take the others' results.
  const { peersPhase } = await import("./peers/peers-phase");
  await peersPhase({ ...args, say }, (report) => appendFileSync(outFile, `${JSON.stringify(report)}\n`));
} else {
  process.stderr.write(`Unknown phase "${name}".\n`);
  process.exit(2);
}
