/** @module Code points whose Unicode data differ between Node (where the reference runs) and workerd (where the Worker runs). */
import { Miniflare } from "miniflare";

/** Assigned code points, as `[first, last]` ranges, by the running engine's own Unicode tables; the same code runs in workerd. */
function assignedRanges(): [number, number][] {
  const unassigned = /\p{Cn}/u;
  const out: [number, number][] = [];
  let start = -1;
  for (let cp = 0; cp <= 0x110000; cp++) {
    const assigned = cp < 0x110000 && !unassigned.test(String.fromCodePoint(cp));
    if (assigned && start < 0) start = cp;
    else if (!assigned && start >= 0) {
      out.push([start, cp - 1]);
      start = -1;
    }
  }
  return out;
}

/**
 * The code points assigned in one runtime's Unicode version and not in the other's. The analyzer folds and splits
 * with `\p{L}`, `\p{M}` and NFKD, so text holding one of them may be read differently by Node and by workerd.
 * @example
 * const drift = await unicodeDrift(); // e.g. the code points new in Unicode 17, when Node has it and workerd not yet
 */
export async function unicodeDrift(): Promise<(cp: number) => boolean> {
  const script = `const assignedRanges = ${assignedRanges.toString()};
export default { fetch: () => Response.json(assignedRanges()) };`;
  const mf = new Miniflare({ modules: true, script, compatibilityDate: "2026-04-01" });
  try {
    const theirs = (await (await mf.dispatchFetch("http://localhost/")).json()) as [number, number][];
    const ours = assignedRanges();
    const inRanges = (ranges: [number, number][], cp: number) => {
      let lo = 0;
      let hi = ranges.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const [a, b] = ranges[mid] as [number, number];
        if (cp < a) hi = mid - 1;
        else if (cp > b) lo = mid + 1;
        else return true;
      }
      return false;
    };
    return (cp) => inRanges(ours, cp) !== inRanges(theirs, cp);
  } finally {
    await mf.dispose();
  }
}
