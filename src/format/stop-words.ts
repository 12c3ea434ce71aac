/** @module English stop words: left out of the index (their postings are huge and say little), kept in phrases. */

export const stopWords: ReadonlySet<string> = new Set(
  (
    "a an and are as at be but by for from has have he her his i if in into is it its me my no not of on or our she " +
    "so such that the their them then there these they this to was we were what when which while who will with would you your " +
    "been being do does did had than those am can could should may might must shall also about over after before all any both " +
    "each few more most other some only own same too very just"
  ).split(" "),
);
