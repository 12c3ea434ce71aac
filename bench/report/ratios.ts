/** @module Each peer against us, as ratios (peer ÷ ours: above 1, the peer is bigger or slower). */
import type { BuildReport } from "../ours/build";
import type { OursReport } from "../ours/queries-phase";
import type { PeerReport } from "../peers/measure-peer";
import type { PeerRatios } from "./types";

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 100) / 100 : 0);

/**
 * @example
 * peerRatios(build, ours, peers).find((r) => r.name === "minisearch")?.warmP99; // 12.3: MiniSearch's p99 is 12× ours
 */
export function peerRatios(build: BuildReport, ours: OursReport, peers: PeerReport[]): PeerRatios[] {
  const heldByUs = ours.warm.heapAfterBytes - ours.warm.heapBeforeBytes;
  return peers
    .filter((p) => !p.failed)
    .map((p) => {
      const [main, ...others] = Object.entries(p.queries);
      return {
        name: p.name,
        size: ratio(p.serializedBytes, build.bundle.bytes),
        loadVsColdQuery: ratio(p.loadMs, ours.cold.wallMs.p50),
        loadVsManifest: ratio(p.loadMs, ours.cold.manifestMs.p50),
        heap: ratio(p.heapAfterLoadBytes, heldByUs),
        warmP99: ratio(main?.[1].p99 ?? 0, ours.warm.wallMs.p99),
        other: Object.fromEntries(others.map(([mode, s]) => [mode, ratio(s.p99, ours.warm.wallMs.p99)])),
      };
    });
}
