/** @module Issue 3's "done when" on the seeds, from outside: built as `npm run build` builds them, asked through the Worker. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorkerWith, type TestWorker } from "../scripts/shared/local-worker";

const SEED_A = "000_956f74d6789d3da8";
const SEED_B = "004_7eada462969b83a1";

interface Summary {
  id: string;
  name: string;
  type: string;
}

/** Every entity the issue lists: its id, type, and the names (all of them) it is written as in the seeds. */
const expected: [id: string, type: string, names: string[]][] = [
  ["john-kirby", "person", ["John Kirby", "Kirby"]],
  ["antony-blinken", "person", ["Antony Blinken", "Blinken"]],
  ["antonio-guterres", "person", ["Antonio Guterres", "Guterres"]],
  ["mukhtar-tleuberdi", "person", ["Mukhtar Tleuberdi"]],
  // The seeds only ever write "the Biden administration": seeds/entities.json (the curated registry) names him,
  // and its aliases are on the record (seen 0 times but "Biden").
  ["joe-biden", "person", ["Biden", "Joseph R. Biden", "President Biden"]],
  ["taliban", "organization", ["Taliban"]],
  ["reuters", "organization", ["Reuters"]],
  ["united-nations", "organization", ["United Nations", "U.N."]],
  ["united-nations-security-council", "organization", ["United Nations Security Council", "U.N. Security Council", "Security Council"]],
  ["state-department", "organization", ["State Department", "US State Department"]],
  ["department-of-defense", "organization", ["Department of Defense"]],
  ["pentagon", "organization", ["Pentagon"]],
  ["central-command", "organization", ["Central Command"]],
  ["us-army", "organization", ["US Army"]],
  ["us-marines", "organization", ["US Marines"]],
  ["afghanistan", "place", ["Afghanistan"]],
  ["kabul", "place", ["Kabul"]],
  ["kandahar", "place", ["Kandahar"]],
  ["herat", "place", ["Herat"]],
  ["norway", "place", ["Norway"]],
  ["estonia", "place", ["Estonia"]],
  ["middle-east", "place", ["Middle East"]],
  ["islamic-emirate-of-afghanistan", "organization", ["Islamic Emirate of Afghanistan"]],
  ["hamid-karzai-international-airport", "place", ["Hamid Karzai International Airport"]],
  ["united-states", "place", ["U.S.", "US"]],
];

let worker: TestWorker;
let listed: Summary[];
const records = new Map<string, { aliases: { name: string }[]; type: string; documents: { ids: string[] } }>();

beforeAll(async () => {
  ({ worker } = await startWorkerWith(["seeds"]));
  const { body } = await worker.json("/entities?limit=100");
  listed = body.entities;
  expect(body.total).toBe(listed.length);
  for (const { id } of listed) records.set(id, (await worker.json(`/entities/${id}`)).body);
}, 60_000);
afterAll(() => worker?.dispose());

describe("the seeds' entities, as /entities lists them", () => {
  it.each(expected)("lists %s once, as a %s", (id, type, names) => {
    expect(listed.filter((e) => e.id === id)).toEqual([expect.objectContaining({ id, type })]);
    // Once: no other record holds any of its names.
    const holders = [...records].filter(([, r]) => r.aliases.some((a) => names.includes(a.name))).map(([other]) => other);
    expect(holders).toEqual([id]);
    expect(
      records
        .get(id)
        ?.aliases.map((a) => a.name)
        .sort(),
    ).toEqual([...names].sort());
  });

  it("lists John Kirby in both articles", async () => {
    const { status, body } = await worker.json("/entities/john-kirby");
    expect(status).toBe(200);
    expect(body).toMatchObject({ name: "John Kirby", type: "person", documents: { count: 2 } });
    expect([...body.documents.ids].sort()).toEqual([SEED_A, SEED_B]);
  });
});
