/** @module One hit of a search as the API returns it: its own file, with nothing else of the engine, so that the API's schema is built from it (`src/worker/api/schemas.ts`). */
import { z } from "zod";
import { EntityRef } from "../format/schema";

/** The one definition of a hit: the engine's type, and the API's schema with the descriptions below. */
export const SearchHit = z.object({
  id: z.string(),
  title: z.string().describe("Plain text (escape it before putting it in HTML)."),
  url: z.string().nullable(),
  date: z.string().nullable(),
  lang: z.string().describe('The document\'s language: an ISO 639-1 code, "und" when the build could not tell.'),
  score: z.number(),
  snippet: z.string().describe("HTML: the body's best passage, all document text escaped, matched words in `<mark>`."),
  entities: z.array(EntityRef),
  duplicates: z
    .number()
    .int()
    .describe("How many other documents of the archive are near-duplicates of this one (the same story re-run, lightly edited)."),
  duplicate_ids: z
    .array(z.string())
    .describe("The ids of those near-duplicates (the first 20). With `group=true`, the default, none of them is another hit."),
});
export type SearchHit = z.infer<typeof SearchHit>;
