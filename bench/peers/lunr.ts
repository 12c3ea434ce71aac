/** @module Lunr as a peer: title and body fields, its default English pipeline (stop words, stemming). */
import lunr from "lunr";
import type { Peer } from "./peer";

export const lunrPeer: Peer<lunr.Index> = {
  name: "lunr",
  description: "Lunr 2, fields title and body, default pipeline (stop words, Porter stemmer)",
  async build(documents) {
    return lunr(function () {
      this.ref("id");
      this.field("title");
      this.field("body");
      documents.forEach((d, i) => {
        this.add({ id: String(i), title: d.title, body: d.body });
      });
    });
  },
  serialize: async (index) => [JSON.stringify(index)],
  load: async ([text = ""]) => lunr.Index.load(JSON.parse(text)),
  // Queries are plain words (the tokenizer's letters and digits), so Lunr's query syntax cannot trip on them.
  queries: { search: (index, q) => index.search(q).slice(0, 10).length },
};
