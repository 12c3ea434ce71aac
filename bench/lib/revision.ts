/** @module Which code a figure was measured with: the commit, and whether src/ or scripts/ had uncommitted changes. */
import { execFileSync } from "node:child_process";
import { ROOT } from "../corpus/reuters";

const git = (...args: string[]) => execFileSync("git", args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();

/**
 * @example
 * revision(); // "daa745c" or "daa745c+changes", or "unknown" outside a git checkout
 */
export function revision(): string {
  try {
    const commit = git("rev-parse", "--short", "HEAD");
    return git("status", "--porcelain", "--", "src", "scripts") ? `${commit}+changes` : commit;
  } catch {
    return "unknown";
  }
}
