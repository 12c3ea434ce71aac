/** @module The command-line scripts' arguments: a stray argument or an unknown option gets a message and the usage, not a stack trace. */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const run = (script: string, ...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", script, ...args], { encoding: "utf8", timeout: 30_000 });
const runWith = (input: string, script: string, ...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", script, ...args], { encoding: "utf8", timeout: 60_000, input });

describe("bad arguments", () => {
  it("a stray argument to npm run build: the message and the usage, status 1", () => {
    const { status, stderr } = run("scripts/build/build.ts", "seeds");
    expect(status).toBe(1);
    expect(stderr).toContain("✘ Unexpected argument 'seeds'");
    expect(stderr).toContain("Usage: npm run build -- [--input PATH...]");
    expect(stderr).not.toMatch(/^\s+at /mu);
  }, 30_000);

  it("--help of a script without a usage line: its options with their defaults, status 0, nothing done", () => {
    const { status, stderr } = run("scripts/deploy/load-local.ts", "--help");
    expect(status).toBe(0);
    expect(stderr.trim()).toBe("Options:\n  --bundle VALUE  (default: dist/bundle)");
    const deploy = run("scripts/deploy/deploy.ts", "-h");
    expect(deploy.status).toBe(0);
    expect(deploy.stderr).toContain("--dry-run");
  }, 30_000);

  it("an unknown option to a script without a usage line: the message alone, status 1", () => {
    const { status, stderr } = run("scripts/deploy/versions.ts", "--bogus");
    expect(status).toBe(1);
    expect(stderr.trim()).toBe("✘ Unknown option '--bogus'");
  }, 30_000);

  it("npm run query: --help prints its usage, a query may come as arguments, and an unknown option gets the usage", () => {
    const help = run("scripts/query/query.ts", "--help");
    expect(help.status).toBe(0);
    expect(help.stderr + help.stdout).toContain("Usage: npm run query --");
    const bad = run("scripts/query/query.ts", "--bogus");
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("✘ Unknown option '--bogus'");
    expect(bad.stderr).toContain("Usage: npm run query --");
    // Both forms against the same bundle: the seeds, built into a folder of its own.
    const out = join(mkdtempSync(join(tmpdir(), "query-")), "bundle");
    const bundle = ["--bundle", out];
    const built = spawnSync(process.execPath, ["--import", "tsx", "scripts/build/build.ts", "--out", out, "--no-cache"], {
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(built.status, built.stderr).toBe(0);
    const words = run("scripts/query/query.ts", ...bundle, "taliban", "kabul");
    expect(words.status, words.stderr).toBe(0);
    const lines = runWith('{"_id": "q", "text": "taliban kabul"}\n', "scripts/query/query.ts", ...bundle);
    expect(lines.status, lines.stderr).toBe(0);
    const hitsOf = (out: string) => (JSON.parse(out.trim()) as { hits: string[] }).hits;
    expect(hitsOf(words.stdout).length).toBeGreaterThan(0);
    expect(hitsOf(words.stdout)).toEqual(hitsOf(lines.stdout));
  }, 180_000);
});
