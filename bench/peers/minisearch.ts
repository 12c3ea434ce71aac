/** @module MiniSearch as a peer: title and body fields, default options (OR, no prefix, no fuzzy). */
import MiniSearch, { type Options } from "minisearch";
import type { Peer } from "./peer";

interface Doc {
  id: number;
  title: string;
  body: string;
}

const options: Options<Doc> = { fields: ["title", "body"] };

export const minisearchPeer: Peer<MiniSearch<Doc>> = {
  name: "minisearch",
  description: "MiniSearch 7, fields title and body, default options (OR of terms, BM25+)",
  async build(documents) {
    const index = new MiniSearch<Doc>(options);
    for (let i = 0; i < documents.length; i++) {
      const d = documents[i];
      if (d) index.add({ id: i, title: d.title, body: d.body });
    }
    return index;
  },
  serialize: async (index) => [JSON.stringify(index)],
  load: async ([text = ""]) => MiniSearch.loadJSON<Doc>(text, options),
  queries: { search: (index, q) => index.search(q).slice(0, 10).length },
};
