import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { correctionGroups, corrections, deletionGroups, editDistance } from "../src/search/typos";

/** The reference: the full optimal string alignment table, no cut-off. */
function osa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number) => d[i]?.[j] as number;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = v;
    }
  }
  return at(a.length, b.length);
}

/** The reference for groups: every word one deletion or adjacent swap away (anywhere), cut to three letters. */
function neighbourGroups(word: string): Set<string> {
  const out = new Set([word]);
  for (let i = 0; i < word.length; i++) out.add(word.slice(0, i) + word.slice(i + 1));
  for (let i = 0; i + 1 < word.length; i++) out.add(word.slice(0, i) + word.charAt(i + 1) + word.charAt(i) + word.slice(i + 2));
  return new Set([...out].map((w) => w.slice(0, 3)).filter((g) => g.length === 3));
}

const word = fc.stringMatching(/^[abkl]{0,9}$/);

describe("edit distance", () => {
  it("counts insertions, deletions, substitutions and adjacent swaps", () => {
    expect(editDistance("taliban", "talliban", 2)).toBe(1);
    expect(editDistance("kabul", "kabol", 2)).toBe(1);
    expect(editDistance("kabul", "kbaul", 2)).toBe(1);
    expect(editDistance("kabul", "kabul", 2)).toBe(0);
    expect(editDistance("kabul", "bakul", 2)).toBe(2);
    expect(editDistance("", "ab", 2)).toBe(2);
    expect(editDistance("ab", "", 2)).toBe(2);
    // Optimal string alignment: a swapped pair is not edited again ("ca" → "abc" is 3, not 2 as with Damerau).
    expect(editDistance("ca", "abc", 3)).toBe(3);
  });

  it("agrees with the full table up to the limit, and says only 'too far' beyond it", () => {
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 3 }), (a, b, max) => {
        const d = editDistance(a, b, max);
        const expected = osa(a, b);
        if (expected <= max) expect(d).toBe(expected);
        else expect(d).toBeGreaterThan(max);
      }),
      { numRuns: 3000 },
    );
  });

  it("gives up as soon as the lengths differ by more than the limit", () => {
    expect(editDistance("a", "abcd", 1)).toBe(2);
    expect(editDistance("kabul", "kabulistan", 2)).toBe(3);
  });

  it("gives up as soon as a whole row is beyond the limit", () => {
    // Every prefix of "xxxxx" is 2 away from "kabul"'s first letters by the third row: the answer is the limit plus one.
    expect(editDistance("kabul", "xxxxx", 1)).toBe(2);
    expect(editDistance("abcd", "wxyz", 2)).toBe(3);
  });
});

describe("correction groups", () => {
  it("holds the word's own group and those one deletion or swap away in its first letters", () => {
    expect(correctionGroups("kbaul")).toEqual(["kba", "bau", "kau", "kbu", "bka", "kab"]);
    expect(correctionGroups("kabul")).toEqual(["kab", "abu", "kbu", "kau", "akb", "kba"]);
  });

  it("lists each group once", () => {
    expect(correctionGroups("aaaa")).toEqual(["aaa"]);
    expect(correctionGroups("abab")).toEqual(["aba", "bab", "aab", "abb", "baa"]);
  });

  it("holds the group of every word one deletion or swap away, even when the typo is past the third letter", () => {
    fc.assert(
      fc.property(word, (w) => {
        expect(new Set(correctionGroups(w))).toEqual(neighbourGroups(w));
      }),
      { numRuns: 2000 },
    );
  });

  it("with the near lists (a word filed under its first letters with one left out), reach every word one edit away", () => {
    const letter = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz");
    const edit = fc.record({ kind: fc.constantFrom("delete", "substitute", "insert", "swap"), at: fc.nat(), letter });
    fc.assert(
      fc.property(fc.array(letter, { minLength: 4, maxLength: 9 }), edit, (letters, { kind, at, letter: c }) => {
        const word = letters.join("");
        const i = at % word.length;
        const typo =
          kind === "delete"
            ? word.slice(0, i) + word.slice(i + 1)
            : kind === "substitute"
              ? word.slice(0, i) + c + word.slice(i + 1)
              : kind === "insert"
                ? word.slice(0, i) + c + word.slice(i)
                : word.slice(0, i) + (word[i + 1] ?? "") + word[i] + word.slice(i + 2);
        if (typo === word || typo.length < 4) return;
        // Where the word is listed: its own group's words, and the near lists of its deletion groups.
        const groups = correctionGroups(typo);
        expect(groups.includes(word.slice(0, 3)) || deletionGroups(word).some((g) => groups.includes(g)), `${word} → ${typo}`).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("gives nothing for a word too short to have a whole group", () => {
    expect(correctionGroups("")).toEqual([]);
    expect(correctionGroups("k")).toEqual([]);
    expect(correctionGroups("ka")).toEqual([]);
    expect(correctionGroups("kab")).toEqual(["kab", "akb", "kba"]);
    expect(correctionGroups("kabu")).toEqual(["kab", "abu", "kbu", "kau", "akb", "kba"]);
  });
});

describe("corrections", () => {
  /** The reference: every word of the dictionary (but the word itself) within reach, sorted in full. */
  const reference = (w: string, dictionary: [string, number][], limit = 3) => {
    const max = w.length >= 8 ? 2 : 1;
    const best = new Map<string, [number, number]>();
    for (const [c, df] of dictionary) if (c !== w && !best.has(c) && osa(w, c) <= max) best.set(c, [osa(w, c), df]);
    return [...best]
      .sort((a, b) => a[1][0] - b[1][0] || b[1][1] - a[1][1] || a[0].localeCompare(b[0]))
      .slice(0, limit)
      .map(([c, [, df]]) => [c, df]);
  };

  it("finds the dictionary words one edit away, nearest then most frequent first", () => {
    expect(
      corrections("kabull", [
        ["kabul", 40],
        ["kabuki", 2],
        ["kabull", 99],
        ["kabal", 7],
      ]),
    ).toEqual([["kabul", 40]]);
    expect(
      corrections("herat", [
        ["herat", 9],
        ["heart", 30],
        ["hearts", 50],
        ["hera", 3],
        ["berat", 30],
      ]),
    ).toEqual([
      ["berat", 30],
      ["heart", 30],
      ["hera", 3],
    ]);
  });

  it("reaches two edits for words of eight letters or more, one for shorter ones", () => {
    const dictionary: [string, number][] = [
      ["taliban", 10],
      ["tallibann", 1],
      ["talibans", 5],
    ];
    expect(corrections("talliban", dictionary)).toEqual([
      ["taliban", 10],
      ["tallibann", 1],
      ["talibans", 5],
    ]);
    expect(corrections("talibon", dictionary)).toEqual([["taliban", 10]]);
    expect(corrections("qandahar", [["kandahr", 4]])).toEqual([["kandahr", 4]]);
    expect(corrections("qandaha", [["kandahr", 4]])).toEqual([]);
  });

  it("keeps the first frequency of a word listed twice (as in two prefix groups)", () => {
    expect(
      corrections("kabol", [
        ["kabul", 40],
        ["kabul", 1],
      ]),
    ).toEqual([["kabul", 40]]);
  });

  it("returns at most `limit` corrections, ties broken alphabetically", () => {
    const dictionary: [string, number][] = [
      ["kabud", 1],
      ["kabuc", 1],
      ["kabua", 1],
      ["kabub", 1],
    ];
    expect(corrections("kabuz", dictionary)).toEqual([
      ["kabua", 1],
      ["kabub", 1],
      ["kabuc", 1],
    ]);
    expect(corrections("kabuz", dictionary, 1)).toEqual([["kabua", 1]]);
    expect(corrections("kabuz", dictionary, 10)).toHaveLength(4);
  });

  it("matches a plain scan of the dictionary", () => {
    const entry = fc.tuple(word, fc.integer({ min: 1, max: 5 }));
    fc.assert(
      fc.property(word, fc.array(entry, { maxLength: 30 }), fc.integer({ min: 1, max: 5 }), (w, dictionary, limit) => {
        expect(corrections(w, dictionary, limit)).toEqual(reference(w, dictionary, limit));
      }),
      { numRuns: 2000 },
    );
  });
});
