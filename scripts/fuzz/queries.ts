/** @module A realistic, seeded query mix drawn from a bundle's own documents: 1–3 words that occur together, prefixes being typed, phrases, repeats. */

import type { Bundle } from "../../src/build/write";
import { foldWords, isStopWord } from "../../src/format/analyzer";
import type { StoredDocument } from "../../src/format/schema";
import { seeded } from "../shared/prng";

/** A small fast seeded generator: the same seed gives the same queries. */
export const seededRandom = seeded;

export interface QueryMixOptions {
  seed?: number;
  /** Every query different (for the isolate's cache), or some repeated as real traffic does. */
  distinct?: boolean;
  /** Share of repeats when not distinct (default 0.3). */
  repeats?: number;
}

/**
 * `count` queries: words taken side by side from a random document (so they co-occur), 1–3 of them; about one in five
 * with its last word cut as if still being typed, one in ten a quoted phrase, the rest whole words ending with a space.
 * @example
 * realisticQueries(bundle, 1000, { seed: 1 }); // ["oil prices ", "\"crude oil\"", "opec pro", …]
 */
export function realisticQueries(bundle: Bundle, count: number, options: QueryMixOptions = {}): string[] {
  const random = seededRandom(options.seed ?? 1);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)] as T;
  const texts: string[][] = [];
  for (const [key, value] of bundle.values) {
    if (!/\/doc\/\d+$/.test(key)) continue;
    for (const doc of JSON.parse(value) as StoredDocument[]) texts.push(foldWords(`${doc.title} ${doc.body.slice(0, 3_000)}`));
  }
  const out: string[] = [];
  const seen = new Set<string>();
  for (let tries = 0; out.length < count && tries < count * 50; tries++) {
    if (!options.distinct && out.length > 10 && random() < (options.repeats ?? 0.3)) {
      out.push(pick(out));
      continue;
    }
    const words = pick(texts);
    const size = 1 + Math.floor(random() * 3);
    const start = Math.floor(random() * Math.max(1, words.length - size));
    const chosen = words.slice(start, start + size).filter((w) => w.length > 1 && !isStopWord(w) && !/^\d+$/.test(w));
    if (chosen.length === 0) continue;
    const shape = random();
    let q: string;
    if (shape < 0.1 && chosen.length > 1) q = `"${chosen.join(" ")}"`;
    else if (shape < 0.3) {
      const last = chosen.at(-1) as string;
      q = [...chosen.slice(0, -1), last.slice(0, Math.max(2, Math.ceil(last.length * (0.4 + random() * 0.4))))].join(" ");
    } else q = `${chosen.join(" ")} `;
    if (options.distinct && seen.has(q)) continue;
    seen.add(q);
    out.push(q);
  }
  return out;
}

/**
 * `count` distinct queries of made-up words, each nearly 512 characters: every other one ~90 short words (too many
 * terms: analyzed, then refused), the others ~14 long ones (corrected against the dictionary), so that every query
 * brings hundreds of words no memo has seen.
 * @example
 * hostileQueries(10_000, { seed: 8 }); // ["qzv hrk owpa …", "xkqjwhtrbnzlemf vzq…", …]
 */
export function hostileQueries(count: number, options: { seed?: number } = {}): string[] {
  const random = seededRandom(options.seed ?? 1);
  const word = (min: number, max: number) =>
    Array.from({ length: min + Math.floor(random() * (max - min + 1)) }, () => String.fromCharCode(97 + Math.floor(random() * 26))).join(
      "",
    );
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const words: string[] = [];
    let length = 0;
    while (length < 480) {
      const w = i % 2 === 0 ? word(3, 7) : word(14, 40);
      words.push(w);
      length += w.length + 1;
    }
    out.push(`${words.join(" ")} `);
  }
  return out;
}
