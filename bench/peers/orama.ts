/** @module Orama as a peer: a schema of title and body (Orama keeps the documents too), default search. */
import { type AnyOrama, create, insertMultiple, load, save, search } from "@orama/orama";
import type { Peer } from "./peer";

const schema = { title: "string", body: "string" } as const;
const newDb = () => create({ schema }) as AnyOrama;

export const oramaPeer: Peer<AnyOrama> = {
  name: "orama",
  description: "Orama 3, schema title and body (it stores the documents as well), default full-text search",
  async build(documents) {
    const db = newDb();
    await insertMultiple(
      db,
      documents.map((d) => ({ title: d.title, body: d.body })),
      1000,
    );
    return db;
  },
  serialize: async (db) => [JSON.stringify(save(db))],
  async load([text = ""]) {
    const db = newDb();
    load(db, JSON.parse(text));
    return db;
  },
  queries: { search: async (db, q) => (await search(db, { term: q, limit: 10 })).hits.length },
};
