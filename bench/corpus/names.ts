/** @module Made-up proper names, one per rank: the long tail of rare names a real archive keeps growing. */

const SYLLABLES = [
  "ka",
  "lo",
  "mi",
  "ne",
  "ra",
  "to",
  "vi",
  "su",
  "de",
  "ba",
  "gor",
  "lin",
  "mar",
  "ten",
  "vos",
  "del",
  "chi",
  "ran",
  "bek",
  "zu",
  "ol",
  "an",
  "es",
  "ur",
  "sha",
  "tri",
  "pol",
  "kev",
  "dra",
  "nu",
  "fen",
  "yas",
] as const;

/**
 * The name of rank `rank`: its digits in base 32 read as syllables, at least three, so ranks never collide
 * and no name is a common word.
 * @example
 * rareName(0); // "Kalolo"
 */
export function rareName(rank: number): string {
  let n = rank + SYLLABLES.length ** 2;
  let out = "";
  while (n > 0) {
    out = SYLLABLES[n % SYLLABLES.length] + out;
    n = Math.floor(n / SYLLABLES.length);
  }
  out = (SYLLABLES[rank % 7] as string) + out;
  return out.charAt(0).toUpperCase() + out.slice(1);
}
