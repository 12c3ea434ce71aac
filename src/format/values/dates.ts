/** @module The date runs: `[YYYY-MM-DD, first document number]` in order (documents are numbered by date, undated first); read by date filters, date order and recency. */
import { type Codec, jsonCodec } from "./codec";

export type DateRuns = [string, number][];

export const datesCodec: Codec<DateRuns, "dates"> = jsonCodec<DateRuns, "dates">("dates", 2);
