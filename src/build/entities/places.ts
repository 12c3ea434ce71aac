/**
 * @module The world's places (`places.txt`, written by `npm run train:places`): cities of 100,000 people or more and
 * provinces and states, by name key. A name that is a place somewhere is no proof it is one here ("Florence",
 * "Reading", "Victoria"): extraction reads it as the place only where the text says it is one (see
 * `placesAfterPrepositions` in extract.ts).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { nameKey } from "./normalize";

/** The list extraction reads and `npm run train:places` writes. */
export const PLACES_PATH = fileURLToPath(new URL("./places.txt", import.meta.url));

/**
 * A city's tier by its population: "1" from a million people, else "2" (the list holds cities of 100,000 or more).
 * @example
 * placeTier(1_019_942); // "1"
 */
export const placeTier = (population: number): string => (population >= 1_000_000 ? "1" : "2");

let keys: ReadonlySet<string> | undefined;
/** Names asked before, and the answer: a corpus asks the same few thousand again and again. */
const asked = new Map<string, boolean>();

/**
 * Whether a name is a city of 100,000 people or more or a province or state of the world's list (read once).
 * @example
 * isWorldPlace("Eldoret"); // true
 * isWorldPlace("Chelsea"); // false: a town of 40,000 (and a club, and a borough)
 */
export function isWorldPlace(name: string): boolean {
  keys ??= new Set(
    readFileSync(PLACES_PATH, "utf8")
      .split("\n")
      .filter((line) => line && !line.startsWith("#"))
      .map((line) => nameKey(line.slice(2))),
  );
  let answer = asked.get(name);
  if (answer === undefined) {
    answer = keys.has(nameKey(name));
    if (asked.size >= 100_000) asked.clear();
    asked.set(name, answer);
  }
  return answer;
}
