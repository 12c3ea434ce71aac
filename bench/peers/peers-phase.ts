/** @module The peers of one corpus, one after the other in one process, on our query set; each result reported as soon as it is known. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readDocuments } from "../corpus/reuters";
import type { QuerySet } from "../ours/build";
import { measurePeer, type PeerReport, peerFailure } from "./measure-peer";
import { peers } from "./registry";

export interface PeersArgs {
  inputs: string[];
  queriesFile: string;
  peers: string[];
  /** For the serialized indexes, one at a time. */
  scratchDir: string;
  say?: (message: string) => void;
}

/**
 * @example
 * await peersPhase({ inputs, queriesFile, peers: ["minisearch", "lunr"], scratchDir }, (r) => console.log(r));
 */
export async function peersPhase(args: PeersArgs, onResult: (report: PeerReport) => void): Promise<void> {
  const say = args.say ?? (() => {});
  const documents = await readDocuments(args.inputs);
  const { measured } = JSON.parse(readFileSync(args.queriesFile, "utf8")) as QuerySet;
  for (const name of args.peers) {
    const peer = peers[name];
    if (!peer) {
      onResult(
        peerFailure(
          { name, description: "unknown peer", build: async () => 0, serialize: async () => [], load: async () => 0, queries: {} },
          documents.length,
          "unknown peer",
        ),
      );
      continue;
    }
    say(`Peer ${name}: indexing ${documents.length.toLocaleString("en-US")} documents`);
    onResult(await measurePeer(peer, documents, measured, join(args.scratchDir, `${name}-index`)));
  }
}
