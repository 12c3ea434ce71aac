/** @module One hit of a search as the API returns it: its own file, with nothing else of the engine, so that the API's schema can be checked against it anywhere. */
import type { EntityRef } from "../format/schema";

export interface SearchHit {
  id: string;
  title: string;
  url: string | null;
  date: string | null;
  score: number;
  snippet: string;
  entities: EntityRef[];
}
