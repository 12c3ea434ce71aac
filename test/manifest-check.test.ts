/** @module The manifest's hand-written check says what its zod schema says, on manifests the build writes and on every kind of damage. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildFromInputs } from "../src/build/pipeline";
import { isManifest } from "../src/format/bundle";
import { Manifest } from "../src/format/manifest-schema";

const { bundle } = await buildFromInputs(["test/fixtures/facets"], { builtAt: "2026-01-01T00:00:00.000Z", facets: ["section"] });
const valid = JSON.parse(JSON.stringify(bundle.manifest)) as Record<string, unknown>;
/** A live manifest after an update: the base's, with a delta segment (a manifest of its own, and its offset). */
const live = {
  ...valid,
  withdrawn: [3],
  archive: { documents: 13, dated: 13, entities: 20 },
  deltas: [
    {
      ...structuredClone(valid),
      numbers: [
        [3, 1],
        [12, 2],
      ],
      runs: [["2026-02-01", 12]],
      withdrawn: [13],
      moved: [[10, 12, 2]],
      similar: "archive",
    },
  ],
} as Record<string, unknown>;

/** Every path to a value of the manifest (objects' keys, arrays' indexes), and the paths of absent optional keys. */
function paths(value: unknown, at: string[] = []): string[][] {
  if (typeof value !== "object" || value === null) return [at];
  const inner = Object.entries(value).flatMap(([k, v]) => paths(v, [...at, k]));
  return [at, ...inner];
}
const all = [
  ...paths(valid).filter((p) => p.length > 0),
  ["engine", "bm25", "title", "k1"],
  ["counts", "dated"],
  ["languages", "xx"],
  ["dates", "0", "1"],
  ["dates", "0", "2"],
];
const liveAll = [
  ...paths(live).filter((p) => p.length > 0),
  ["deltas", "1"],
  ["deltas", "0", "numbers", "2"],
  ["deltas", "0", "moved", "0", "3"],
  ["withdrawn", "1"],
];

const replacement = fc.constantFrom<unknown>(
  undefined,
  null,
  0,
  -1,
  1.5,
  2 ** 60,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  "",
  "strict",
  "title",
  "0123456789abcdef",
  "0123456789ABCDEF",
  [],
  ["title", "text", "entity"],
  ["x"],
  [1],
  {},
  { k1: 1, b: 0.5 },
  { a: 1 },
  { a: -1 },
  true,
);

function withValue(root: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(root);
  let node = copy as Record<string, unknown>;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== "object" || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const last = path.at(-1) as string;
  // An array never has holes in parsed JSON: an undefined element stays one.
  if (value === undefined && !Array.isArray(node)) delete node[last];
  else node[last] = value;
  return copy;
}

describe("isManifest", () => {
  it("takes the manifests the build writes, with and without the optional parts", () => {
    expect(isManifest(valid)).toBe(true);
    expect(Manifest.safeParse(valid).success).toBe(true);
    const bare = withValue(
      withValue(withValue(withValue(valid, ["engine", "facets"], undefined), ["languages"], undefined), ["dates"], undefined),
      ["counts", "dated"],
      undefined,
    );
    expect(isManifest(bare)).toBe(true);
    // The build puts the date runs in the manifest when they are few.
    expect(valid.dates).toEqual(expect.arrayContaining([expect.arrayContaining([expect.any(String), expect.any(Number)])]));
  });

  it("agrees with the zod schema on a manifest damaged anywhere, once or twice", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...all), replacement), { minLength: 1, maxLength: 2 }), (edits) => {
        const damaged = edits.reduce((m, [path, value]) => withValue(m, path, value), valid);
        expect(isManifest(damaged)).toBe(Manifest.safeParse(damaged).success);
      }),
      { numRuns: 3000, seed: 5 },
    );
    for (const raw of [null, 42, "manifest", [], [valid]]) expect(isManifest(raw)).toBe(Manifest.safeParse(raw).success);
  });

  it("agrees with the zod schema on a live manifest with delta segments, damaged anywhere", () => {
    expect(isManifest(live)).toBe(true);
    expect(Manifest.safeParse(live).success).toBe(true);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...liveAll), replacement), { minLength: 1, maxLength: 2 }), (edits) => {
        const damaged = edits.reduce((m, [path, value]) => withValue(m, path, value), live);
        expect(isManifest(damaged)).toBe(Manifest.safeParse(damaged).success);
      }),
      { numRuns: 3000, seed: 7 },
    );
  });
});
