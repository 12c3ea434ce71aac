/** @module `npm run mutate:summary`: the mutation score per folder from the last `npm run mutate`, and the list of mutants no test caught. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fail, parseCli, say } from "../shared/cli";
import { MutationReport, scoreTable, survivorList } from "./report";

const { values: args } = parseCli({
  options: {
    report: { type: "string", default: "reports/mutation/mutation.json" },
    survivors: { type: "string", default: "reports/mutation/survivors.md" },
  },
});

if (!existsSync(args.report)) fail(`${args.report} not found: run \`npm run mutate\` first (or pass --report <path>).`);
say(`Reading ${args.report}`);
let json: unknown;
try {
  json = JSON.parse(readFileSync(args.report, "utf8"));
} catch (error) {
  fail(`${args.report} is not JSON (${(error as Error).message}): rerun \`npm run mutate\`.`);
}
const parsed = MutationReport.safeParse(json);
if (!parsed.success) {
  const issue = parsed.error.issues[0];
  fail(`${args.report} is not a Stryker JSON report: ${issue?.message} at ${issue?.path.join(".")}`);
}
const report = parsed.data;

const table = scoreTable(report);
const list = survivorList(report);
const count = list.split("\n").filter((l) => l.startsWith("- ")).length;
writeFileSync(args.survivors, `# Mutants no test caught\n\n${table}\n\n## Surviving and uncovered mutants\n\n${list || "None."}\n`);
process.stdout.write(`${table}\n`);
say(`${count.toLocaleString("en-US")} surviving or uncovered mutants listed in ${args.survivors}`);
