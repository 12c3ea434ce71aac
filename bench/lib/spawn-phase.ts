/** @module Runs one phase of the benchmark in a fresh Node process (clean heap, its own memory limit), with a time limit. */
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../corpus/reuters";

export interface PhaseRun {
  /** Exit code 0. */
  ok: boolean;
  /** What went wrong, when not ok: out of memory, killed after the time limit, or the exit status. */
  reason?: string;
  seconds: number;
}

/**
 * MB of each young-generation semi-space for the build, as `npm run build` and `npm run deploy` set it: the index's
 * short-lived arrays die young instead of filling the old generation (1M build 662 → 506 s, same bundle).
 */
export const BUILD_SEMI_SPACE_MB = 64;

/** The tail of a child's stderr kept to tell why it died. */
const TAIL = 4096;

/**
 * Runs `bench/phase.ts <name> <argsFile> <outFile>` under `node --expose-gc --max-old-space-size=<heapMb>`,
 * its stderr passed through. The phase writes its result to `outFile`.
 * @example
 * const run = await spawnPhase("ours", args, { workDir, outFile, heapMb: 4096, timeoutMs: 600_000 });
 */
export function spawnPhase(
  name: string,
  args: unknown,
  options: { workDir: string; outFile: string; heapMb: number; timeoutMs: number },
): Promise<PhaseRun> {
  const argsFile = join(options.workDir, `${name}-args.json`);
  writeFileSync(argsFile, JSON.stringify(args));
  writeFileSync(options.outFile, "");
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      "--expose-gc",
      `--max-old-space-size=${options.heapMb}`,
      // The young generation `npm run build` gives the build (package.json): the build phase runs as it does.
      ...(name === "build" ? [`--max-semi-space-size=${BUILD_SEMI_SPACE_MB}`] : []),
      "--import",
      "tsx",
      join(ROOT, "bench/phase.ts"),
      name,
      argsFile,
      options.outFile,
    ],
    { cwd: ROOT, stdio: ["ignore", "inherit", "pipe"] },
  );
  let tail = "";
  child.stderr.on("data", (chunk: Buffer) => {
    process.stderr.write(chunk);
    tail = (tail + chunk.toString()).slice(-TAIL);
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill("SIGKILL");
  }, options.timeoutMs);
  return new Promise((resolve) => {
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const seconds = Math.round(performance.now() - started) / 1000;
      if (code === 0) return resolve({ ok: true, seconds });
      const reason = timedOut
        ? `stopped after the time limit of ${Math.round(options.timeoutMs / 1000)} s`
        : /heap out of memory|Allocation failed/i.test(tail)
          ? `out of memory (heap limit ${options.heapMb.toLocaleString("en-US")} MB)`
          : /Invalid string length/.test(tail)
            ? "a string longer than V8's limit (~512 MB): RangeError: Invalid string length"
            : `exited with ${signal ?? `code ${code}`}: ${tail.trim().split("\n").slice(-3).join(" | ").slice(0, 300)}`;
      resolve({ ok: false, reason, seconds });
    });
  });
}
