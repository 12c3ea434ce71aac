/** @module The shape of one corpus size's results: what `bench/results/<size>.json` holds and the Markdown is made from. */
import type { Corpus } from "../corpus/prepare";
import type { HttpReport } from "../http/http-phase";
import type { Machine } from "../lib/machine";
import type { BuildReport } from "../ours/build";
import type { TermProjection } from "../ours/project-terms";
import type { OursReport } from "../ours/queries-phase";
import type { PeerReport } from "../peers/measure-peer";

/** A peer ÷ ours: above 1, the peer is bigger or slower. */
export interface PeerRatios {
  name: string;
  /** Peer's serialized index ÷ our whole bundle. */
  size: number;
  /** Peer's load ÷ our cold query (manifest, shards, metadata and search: our time to a first answer). */
  loadVsColdQuery: number;
  /** Peer's load ÷ our manifest read (all a fresh isolate loads before reading a query's keys). */
  loadVsManifest: number;
  /** Peer's heap after load ÷ our heap after 1,000 queries (above the heap before them). */
  heap: number;
  /** Peer's warm query p99 ÷ our warm full search p99. */
  warmP99: number;
  /** The same for its other ways of querying (FlexSearch through our ranking). */
  other: Record<string, number>;
}

export interface SizeReport {
  label: string;
  command: string;
  date: string;
  machine: Machine;
  /** The commit measured (`+changes` when src/ or scripts/ had uncommitted changes). */
  revision?: string;
  corpus: Omit<Corpus, "inputs">;
  queries: number;
  cacheBudgetMb: number;
  /** Wall time of the whole size, corpus generation excepted. */
  seconds: number;
  build?: BuildReport;
  ours?: OursReport;
  /** When our build could not finish: the term shards it would have written, and what the queries would read of them. */
  projection?: TermProjection;
  peers: PeerReport[];
  ratios: PeerRatios[];
  http?: HttpReport;
  /** Phases that could not run, and why. */
  failures: Record<string, string>;
}
