/** @module The entity tagger: training on a small labelled fixture, the model file, decoding, words and document evidence. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readConllLabels } from "../scripts/train/conll-labels";
import { readNewsLabels, unmark } from "../scripts/train/news-labels";
import { extractMentions } from "../src/build/entities/extract";
import { isWorldPlace, PLACES_PATH } from "../src/build/entities/places";
import { clusterKey, learnClusters } from "../src/build/entities/tagger/clusters";
import { documentContext, EVIDENCE, prepareSentence } from "../src/build/entities/tagger/features";
import { allowed, decodeSpans, encodeSpans, LABEL_COUNT, LABELS, labelOf, mayEnd } from "../src/build/entities/tagger/labels";
import { DEFAULT_MODEL_PATH, loadModel } from "../src/build/entities/tagger/load";
import { decodeModel, EntityModelError, encodeModel } from "../src/build/entities/tagger/model";
import { tagDocument } from "../src/build/entities/tagger/tag";
import { splitSentences } from "../src/build/entities/tagger/tokenize";
import { denseModel, trainTagger } from "../src/build/entities/tagger/train";
import { viterbi } from "../src/build/entities/tagger/viterbi";

const fixture = readConllLabels(readFileSync(new URL("./fixtures/tagger.conll", import.meta.url), "utf8"));
const spansOf = (labels: readonly number[]) => decodeSpans(labels).map(({ from, to, type }) => [from, to, type]);

describe("training", () => {
  const trained = trainTagger(fixture, { epochs: 5 });
  const file = encodeModel(trained);

  it("tags the sentences it was trained on as they are labelled", () => {
    const model = decodeModel(file);
    const [doc] = fixture;
    const tagged = tagDocument(model, doc?.sentences.map((s) => s.words) ?? []);
    expect(tagged.map((spans) => spans.map(({ from, to, type }) => [from, to, type]))).toEqual(
      doc?.sentences.map((s) => spansOf(s.labels)),
    );
  });

  it("writes the same bytes from the same data, and the file reads back to the same answers", () => {
    expect(encodeModel(trainTagger(fixture, { epochs: 5 }))).toEqual(file);
    const words = [["Maria", "Lopez", "met", "Peter", "Grant", "in", "Lisbon", "."]];
    expect(tagDocument(decodeModel(file), words)).toEqual(tagDocument(denseModel(trained), words));
  });

  it("refuses a damaged model file with its own code", () => {
    const fails = (bytes: Uint8Array) => {
      try {
        decodeModel(bytes);
      } catch (error) {
        return error instanceof EntityModelError ? error.code : String(error);
      }
      return "read";
    };
    const flipped = file.slice();
    flipped[flipped.length - 2] = (flipped[flipped.length - 2] as number) ^ 0xff;
    expect(fails(flipped)).toBe("entity_model_corrupt");
    expect(fails(file.subarray(0, file.length - 10))).toBe("entity_model_corrupt");
    expect(fails(new TextEncoder().encode("not a model at all"))).toBe("entity_model_corrupt");
    expect(fails(new Uint8Array(3))).toBe("entity_model_corrupt");
    expect(fails(file)).toBe("read");
  });
});

describe("annotated news articles", () => {
  const LABEL = (name: string) => LABELS.indexOf(name);

  it("lose their marks, and the names they marked are where the plain text has them", () => {
    const { text, spans } = unmark("[[PER|Amina Wanjiru]]'s firm [[ORG|Kassatech Ltd]] left [[LOC|Kisumu]].");
    expect(text).toBe("Amina Wanjiru's firm Kassatech Ltd left Kisumu.");
    expect(spans.map((s) => [text.slice(s.start, s.end), s.type])).toEqual([
      ["Amina Wanjiru", "PER"],
      ["Kassatech Ltd", "ORG"],
      ["Kisumu", "LOC"],
    ]);
    expect(() => unmark("a [[PER|broken mark")).toThrow(/malformed/);
  });

  it("are labelled word by word as the build splits them, the title a sentence of its own", () => {
    const line = JSON.stringify({
      id: "a",
      title: "[[ORG|Kassatech]] shares jump",
      body: "NAIROBI, May 2 - [[ORG|Kassatech Ltd]] said [[PER|Amina Wanjiru]] would visit [[LOC|Kisumu]], a [[MISC|Kenyan]] port.",
    });
    const { documents, skipped, names } = readNewsLabels(line);
    expect(skipped).toBe(0);
    expect(names).toBe(5);
    const [title, body] = documents[0]?.sentences ?? [];
    expect(title?.words).toEqual(["Kassatech", "shares", "jump"]);
    expect(title?.labels).toEqual([LABEL("U-ORG"), 0, 0]);
    const at = (word: string) => body?.labels[body.words.indexOf(word)];
    expect([at("Kassatech"), at("Ltd"), at("Amina"), at("Wanjiru"), at("Kisumu"), at("Kenyan"), at("NAIROBI")]).toEqual([
      LABEL("B-ORG"),
      LABEL("L-ORG"),
      LABEL("B-PER"),
      LABEL("L-PER"),
      LABEL("U-LOC"),
      LABEL("U-MISC"),
      0,
    ]);
  });

  it("leave out a sentence whose mark cuts a word, and say how many", () => {
    const line = JSON.stringify({ id: "b", title: "", body: "The [[ORG|Kassa]]tech deal closed. [[PER|Wanjiru]] left." });
    const { documents, skipped } = readNewsLabels(line);
    expect(skipped).toBe(1);
    expect(documents[0]?.sentences.map((s) => s.words.join(" "))).toEqual(["Wanjiru left ."]);
  });

  it("name the file and line of a broken mark or a line that is no JSON", () => {
    expect(() => readNewsLabels('{"id":"a","title":"","body":"ok"}\n{"id":"b","title":"","body":"[[PER|Wanjiru left"}', "f.jsonl")).toThrow(
      /^f\.jsonl:2: a mark is malformed/,
    );
    expect(() => readNewsLabels("{not json", "f.jsonl")).toThrow("f.jsonl:1: not a JSON object");
  });
});

describe("the committed model", () => {
  it("loads and tags the seeds", () => {
    const model = loadModel(DEFAULT_MODEL_PATH);
    const seed = readFileSync(new URL("../seeds/000_956f74d6789d3da8.txt", import.meta.url), "utf8");
    const found = extractMentions(seed).map((m) => `${m.text}/${m.type}`);
    expect(found).toContain("Kabul/place");
    expect(found).toContain("Taliban/organization");
    expect(found).toContain("John Kirby/person");
    expect(tagDocument(model, [["Peter", "Grant", "visited", "Oslo", "."]]).flat()).toEqual([
      { from: 0, to: 2, type: 0 },
      { from: 3, to: 4, type: 2 },
    ]);
  });

  it("is missing or damaged with a code of its own, which the build prints", () => {
    expect(() => loadModel("/nonexistent/entities.model")).toThrow(expect.objectContaining({ code: "entity_model_missing" }));
    const dir = mkdtempSync(join(tmpdir(), "model-"));
    const bad = join(dir, "bad.model");
    writeFileSync(bad, "garbage");
    const build = spawnSync(
      process.execPath,
      ["--import", "tsx", "scripts/build/build.ts", "--input", "seeds", "--out", join(dir, "out")],
      {
        env: { ...process.env, ENTITY_MODEL: bad },
        encoding: "utf8",
      },
    );
    expect(build.status).toBe(1);
    expect(build.stderr).toContain("[entity_model_corrupt]");
    expect(build.stderr).toContain(bad);
  }, 30_000);
});

describe("the world's places", () => {
  it("are what npm run train:places writes from GeoNames' and Natural Earth's packages, byte for byte", () => {
    const out = join(mkdtempSync(join(tmpdir(), "places-")), "places.txt");
    const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/train/places.ts", "--out", out], { encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(out, "utf8")).toBe(readFileSync(PLACES_PATH, "utf8"));
  }, 30_000);

  it("hold big cities and provinces, by name key, and no small town", () => {
    expect(["Eldoret", "Calgary", "British Columbia", "A Coruña", "a coruna", "São Paulo"].map(isWorldPlace)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(["Chelsea", "Kirkenes", "Reuters"].map(isWorldPlace)).toEqual([false, false, false]);
  });
});

describe("word clusters", () => {
  const sentences = [
    ...["Smith", "Jones", "Brown", "Taylor"].flatMap((name) => [
      ["said", name, "on", "Monday"],
      ["Mr", name, "said"],
    ]),
    ...["London", "Paris", "Tokyo", "Berlin"].flatMap((city) => [
      ["in", city, "on", "Monday"],
      ["flew", "to", city, "today"],
    ]),
  ];

  it("puts words seen in the same contexts together, the same way every time", () => {
    const table = learnClusters(sentences, { clusters: 4, minCount: 2, contexts: 20 });
    const of = (word: string) => table.get(clusterKey(word));
    expect(new Set(["Smith", "Jones", "Brown", "Taylor"].map(of)).size).toBe(1);
    expect(new Set(["London", "Paris", "Tokyo", "Berlin"].map(of)).size).toBe(1);
    expect(of("Smith")).not.toBe(of("London"));
    expect(learnClusters(sentences, { clusters: 4, minCount: 2, contexts: 20 })).toEqual(table);
  });

  it("are kept in the model file, and the tagger reads them", () => {
    const clusters = learnClusters(sentences, { clusters: 4, minCount: 2, contexts: 20 });
    const trained = trainTagger(fixture, { epochs: 2, clusters });
    expect(decodeModel(encodeModel(trained)).clusters).toEqual(clusters);
    const model = decodeModel(encodeModel(trained));
    const words = [["Smith", "visited", "Tokyo", "."]];
    expect(tagDocument(model, words)).toEqual(tagDocument(denseModel(trained), words));
  });
});

describe("labels and decoding", () => {
  it("spells spans in BILOU and reads them back", () => {
    const labels = encodeSpans(6, [
      { from: 0, to: 2, type: 0 },
      { from: 3, to: 4, type: 2 },
      { from: 4, to: 6, type: 1 },
    ]);
    expect(labels.map((l) => LABELS[l])).toEqual(["B-PER", "L-PER", "O", "U-LOC", "B-ORG", "L-ORG"]);
    expect(spansOf(labels)).toEqual([
      [0, 2, 0],
      [3, 4, 2],
      [4, 6, 1],
    ]);
  });

  it("decodes only well-formed sequences, whatever the scores", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer(), (length, seed) => {
        let state = seed >>> 0;
        const random = () => {
          state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
          return state / 2 ** 32 - 0.5;
        };
        const emissions = Float64Array.from({ length: length * LABEL_COUNT }, random);
        const transitions = Float64Array.from({ length: (LABEL_COUNT + 1) * LABEL_COUNT }, random);
        const labels = viterbi(emissions, transitions, length);
        expect(labels).toHaveLength(length);
        labels.forEach((label, i) => {
          expect(allowed(i === 0 ? LABEL_COUNT : (labels[i - 1] as number), label)).toBe(true);
        });
        expect(mayEnd(labels[length - 1] as number)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("keeps a word the scores rule out as 'O'", () => {
    const emissions = new Float64Array(2 * LABEL_COUNT).fill(1);
    for (let t = 1; t < LABEL_COUNT; t++) emissions[LABEL_COUNT + t] = -1e9;
    // B-PER scores best at the first word, but nothing may follow it: a one-word name is what is left.
    emissions[labelOf("B", 0)] = 50;
    emissions[labelOf("U", 0)] = 5;
    expect(viterbi(emissions, new Float64Array((LABEL_COUNT + 1) * LABEL_COUNT), 2)).toEqual([labelOf("U", 0), 0]);
  });
});

describe("words", () => {
  const words = (text: string) => splitSentences(text).map((s) => s.map((w) => w.text));

  it("splits sentences and words as CoNLL does, with offsets into the text", () => {
    expect(words("Mr. Blair met U.S. officials. Clinton's aides came.")).toEqual([
      ["Mr.", "Blair", "met", "U.S.", "officials", "."],
      ["Clinton", "'s", "aides", "came", "."],
    ]);
    expect(words("P. Simmons took 4-38 for the 12-year-old side, 1,000.5 runs")).toEqual([
      ["P.", "Simmons", "took", "4-38", "for", "the", "12-year-old", "side", ",", "1,000.5", "runs"],
    ]);
    expect(words('He said "no ." \nThen left')).toEqual([
      ["He", "said", '"', "no", ".", '"'],
      ["Then", "left"],
    ]);
    const text = "Kabul fell.\nThe Taliban won";
    for (const w of splitSentences(text).flat()) expect(text.slice(w.start, w.end)).toBe(w.text);
  });

  it("joins the lines of hard-wrapped text", () => {
    expect(words("talks with the European\nCommunity officials ended\nand the rest went\nhome today.")).toHaveLength(1);
  });

  it("reads how a document writes each word, and the contexts of its capitalised names", () => {
    const { evidence } = documentContext(
      [
        ["Rates", "rose", "in", "Chile", "."],
        ["Mr", "Blair", "said", "that", "his", "friend", "Tony", "Blair", "was", "at", "the", "Acme", "Corp", "office", "."],
        ["CHILE", "RATES", "FALL"],
      ].map(prepareSentence),
    );
    expect(evidence.get("chile")).toBe(EVIDENCE.capital | EVIDENCE.afterLocative);
    expect((evidence.get("blair") ?? 0) & EVIDENCE.afterTitle).toBeTruthy();
    expect((evidence.get("blair") ?? 0) & EVIDENCE.surname).toBeTruthy();
    expect((evidence.get("acme") ?? 0) & EVIDENCE.beforeOrgHead).toBeTruthy();
    expect(evidence.get("rates")).toBeUndefined();
  });
});
