/** @module The command-line scripts' arguments: a stray argument or an unknown option gets a message and the usage, not a stack trace. */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const run = (script: string, ...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", script, ...args], { encoding: "utf8", timeout: 30_000 });

describe("bad arguments", () => {
  it("a stray argument to npm run build: the message and the usage, status 1", () => {
    const { status, stderr } = run("scripts/build/build.ts", "seeds");
    expect(status).toBe(1);
    expect(stderr).toContain("✘ Unexpected argument 'seeds'");
    expect(stderr).toContain("Usage: npm run build -- [--input PATH...]");
    expect(stderr).not.toMatch(/^\s+at /mu);
  }, 30_000);

  it("an unknown option to a script without a usage line: the message alone, status 1", () => {
    const { status, stderr } = run("scripts/deploy/versions.ts", "--bogus");
    expect(status).toBe(1);
    expect(stderr.trim()).toBe("✘ Unknown option '--bogus'");
  }, 30_000);
});
