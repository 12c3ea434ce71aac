/** @module The peers a user would pick instead of us, by name. */
import { flexsearchPeer } from "./flexsearch";
import { lunrPeer } from "./lunr";
import { minisearchPeer } from "./minisearch";
import { oramaPeer } from "./orama";
import type { AnyPeer } from "./peer";

export const peers: Record<string, AnyPeer> = {
  flexsearch: flexsearchPeer,
  minisearch: minisearchPeer,
  orama: oramaPeer,
  lunr: lunrPeer,
};

export const peerNames = Object.keys(peers);
