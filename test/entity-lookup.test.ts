/**
 * @module How an update finds the archive's entities (`src/build/entities/lookup.ts`): by the keys the merger resolves
 * names by, the newest segment's filing of each entity winning; and how a rebuild of the same documents, options and
 * code knows it has nothing to do (`src/build/fingerprint.ts`).
 */
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeBundle } from "../src/build/bundle-files";
import { assignIds } from "../src/build/entities/canonical";
import { entitiesUnder, fileEntities, hasId, lookupKeys, readEntityLookup, writeEntityLookup } from "../src/build/entities/lookup";
import { buildFingerprint, recordBuild, unchangedBuild } from "../src/build/fingerprint";
import { buildFromInputs } from "../src/build/pipeline";
import { shardOf } from "../src/format/hash";

const root = mkdtempSync(join(tmpdir(), "entity-lookup-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const entity = (id: string, name: string, type: "person" | "organization" | "place", aliases: string[] = [], count = 1) => ({
  id,
  name,
  type,
  aliases: aliases.map((a) => ({ name: a, count: 1 })),
  documents: { count },
});

describe("entity lookups", () => {
  it("files a person under its name, aliases and every last part of its name; others under name and aliases", () => {
    expect(lookupKeys(entity("r", "Robert Kilroy-Silk", "person", ["Kilroy-Silk"]))).toEqual({
      exact: ["robert kilroy silk", "kilroy silk"],
      surnames: ["kilroy silk", "silk"],
    });
    expect(lookupKeys(entity("l", "London Stock Exchange", "organization", ["LSE"]))).toEqual({
      exact: ["london stock exchange", "lse"],
      surnames: [],
    });
  });

  it("finds entities by exact key or surname, and only by those", () => {
    const base = fileEntities([
      entity("antony-blinken", "Antony Blinken", "person", ["Tony Blinken"]),
      entity("donald-blinken", "Donald Blinken", "person"),
      entity("lse", "London Stock Exchange", "organization", ["LSE"]),
    ]);
    expect(entitiesUnder([base], "tony blinken").map((e) => e.id)).toEqual(["antony-blinken"]);
    expect(entitiesUnder([base], "blinken").map((e) => e.id)).toEqual([]);
    expect(entitiesUnder([base], "blinken", true).map((e) => e.id)).toEqual(["antony-blinken", "donald-blinken"]);
    expect(entitiesUnder([base], "lse")).toEqual([{ id: "lse", name: "London Stock Exchange", type: "organization" }]);
    // A bare head is no key of any of them.
    expect(entitiesUnder([base], "stock exchange")).toEqual([]);
    expect(entitiesUnder([base], "exchange", true)).toEqual([]);
  });

  it("takes an entity as the newest segment that files it has it: new aliases count, lost ones and gone entities do not", () => {
    const base = fileEntities([entity("acme", "Acme Corp", "organization", ["Acme Inc"]), entity("zed", "Zed Ltd", "organization")]);
    const delta = fileEntities([entity("acme", "Acme Corp", "organization", ["Acme Co"]), entity("zed", "Zed Ltd", "organization", [], 0)]);
    expect(entitiesUnder([base], "acme inc").map((e) => e.id)).toEqual(["acme"]);
    expect(entitiesUnder([base, delta], "acme inc")).toEqual([]);
    expect(entitiesUnder([base, delta], "acme co").map((e) => e.id)).toEqual(["acme"]);
    expect(hasId([base], "zed")).toBe(true);
    expect(hasId([base, delta], "zed")).toBe(false);
    expect(entitiesUnder([base, delta], "zed ltd")).toEqual([]);
    expect(hasId([base, delta], "acme")).toBe(true);
    expect(hasId([base, delta], "nobody")).toBe(false);
  });

  it("keeps a new entity off an id the archive's lookups say a live entity has", () => {
    const archive = [fileEntities([entity("georgia", "Georgia", "person"), entity("acme", "Acme", "organization", [], 0)])];
    expect(
      assignIds(
        [
          { name: "Georgia", type: "place" },
          { name: "Acme", type: "organization" },
        ],
        [],
        (id) => hasId(archive, id),
      ),
    ).toEqual(["georgia-place", "acme"]);
  });

  it("reads back what it wrote, and nothing from a bundle written without one", async () => {
    const dir = join(root, "written");
    await mkdir(join(dir, "kv-index"), { recursive: true });
    const lookup = fileEntities([entity("kabul", "Kabul", "place")]);
    await writeEntityLookup(dir, "v1", lookup);
    const back = await readEntityLookup(dir, "v1");
    expect(back?.entities).toEqual([["kabul", "Kabul", 2, -1, -1]]);
    expect(entitiesUnder([back as NonNullable<typeof back>], "kabul").map((e) => e.id)).toEqual(["kabul"]);
    expect(await readEntityLookup(dir, "v2")).toBeUndefined();
  });
});

describe("where a lookup says a record is", () => {
  it("is the record's own text in its shard, for every entity of a build", async () => {
    const file = join(root, "places.jsonl");
    const names = ["Maren Holt", "Jonas Berg", "Ida Lund", "Aalborg", "Esbjerg", "the Danish Maritime Authority"];
    writeFileSync(
      file,
      Array.from({ length: 12 }, (_, i) =>
        JSON.stringify({
          id: `d${i}`,
          title: `Report ${i}`,
          body: `${names[i % 6]} met ${names[(i + 2) % 6]} in ${names[3 + (i % 2)]} on Monday.`,
        }),
      ).join("\n"),
    );
    const { bundle } = await buildFromInputs([file], { builtAt: "test" });
    const lookup = bundle.lookup as NonNullable<typeof bundle.lookup>;
    expect(lookup.entities.length).toBeGreaterThan(3);
    for (const [id, , , start, length] of lookup.entities) {
      const text = bundle.values.get(`bundle/${bundle.manifest.version}/entity/${shardOf(id, bundle.manifest.layout.entity)}`) as string;
      expect(JSON.parse(text.slice(start, start + length)).id).toBe(id);
      expect(JSON.parse(text)[id]).toEqual(JSON.parse(text.slice(start, start + length)));
    }
  });
});

describe("build fingerprints", () => {
  const docs = join(root, "docs.jsonl");
  writeFileSync(docs, `${JSON.stringify({ id: "a", title: "Port of Aalborg", body: "Maren Holt said the ferry runs again." })}\n`);

  it("change with the documents and the options, not otherwise", async () => {
    const first = await buildFingerprint([docs], { profile: "default" });
    expect(await buildFingerprint([docs], { profile: "default" })).toBe(first);
    expect(await buildFingerprint([docs], { profile: "free" })).not.toBe(first);
    const other = join(root, "other.jsonl");
    writeFileSync(other, `${JSON.stringify({ id: "a", title: "Port of Esbjerg", body: "Maren Holt said the ferry runs again." })}\n`);
    expect(await buildFingerprint([other], { profile: "default" })).not.toBe(first);
  });

  it("say a bundle is unchanged only while its files are what the build wrote", async () => {
    const out = join(root, "bundle");
    const { bundle } = await buildFromInputs([docs], { builtAt: "test" });
    const written = await writeBundle(bundle, out);
    const fingerprint = await buildFingerprint([docs], {});
    expect(await unchangedBuild(out, fingerprint)).toBeUndefined();
    await recordBuild(out, fingerprint, bundle.manifest.version, written.files);
    expect(await unchangedBuild(out, fingerprint)).toBe(bundle.manifest.version);
    expect(await unchangedBuild(out, "another")).toBeUndefined();
    truncateSync(join(out, written.files[0] as string), 10);
    expect(await unchangedBuild(out, fingerprint)).toBeUndefined();
  });
});
