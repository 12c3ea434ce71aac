/** @module Scripts written without spaces: one segmentation at build and at query time, checked through the Worker in workerd. */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorkerWith, type TestWorker } from "../scripts/shared/local-worker";
import { extractDocument, isLatinText } from "../src/build/entities/document";
import { analyze, foldWords, isUnspaced, MAX_WORD, stemKeepsInitial, wordSegments } from "../src/format/analyzer";
import { textWords } from "../src/search/doc-words";

/** The analyzer before segmentation: what every text without an unspaced script must still fold to. */
function unsegmented(text: string): string[] {
  const folded = text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
  return Array.from(folded.matchAll(/[\p{L}\p{N}]+/gu), (m) => (m[0].length > MAX_WORD ? m[0].slice(0, MAX_WORD) : m[0]));
}

describe("the analyzer on scripts written without spaces", () => {
  it("cuts Chinese, Japanese and Thai into words, and leaves Latin words around them whole", () => {
    expect(foldWords("中国第一季度经济增长放缓")).toEqual(["中国", "第一", "季度", "经济", "增长", "放", "缓"]);
    expect(foldWords("台風十号が九州に接近")).toContain("九州");
    // Thai is cut before its vowel marks are folded away, so the dictionary still knows its words.
    expect(foldWords("น้ำท่วมในจังหวัดเชียงใหม่")).toEqual([
      ...foldWords("น้ำท่วม"),
      ...foldWords("ใน"),
      ...foldWords("จังหวัด"),
      ...foldWords("เชียงใหม่"),
    ]);
    expect(foldWords("The Nikkei (日経平均株価) rose 2%")).toEqual(["the", "nikkei", "日", "経", "平均", "株価", "rose", "2"]);
    expect(isUnspaced("Kabul Кабул كابول")).toBe(false);
    expect(isUnspaced("カブール")).toBe(true);
  });

  it("stems Cyrillic words with Snowball's Russian stemmer and Arabic ones with its Arabic stemmer, by script", () => {
    expect(analyze("экономики")).toEqual(analyze("экономика"));
    expect(analyze("бюджета")).toEqual(["бюджет"]);
    // The Arabic stemmer cuts the article too: "the grains" and "grains" are one term.
    expect(analyze("الحبوب")).toEqual(analyze("حبوب"));
    expect(stemKeepsInitial("الحبوب")).toBe(false);
    expect(stemKeepsInitial("бюджета")).toBe(true);
    // Latin words keep Porter's stems.
    expect(analyze("embassies evacuated")).toEqual(["embassi", "evacu"]);
  });

  it("folds every text without such a script exactly as before", () => {
    const letters = fc.constantFrom(..."aZéß Ǆ ﬁ Кабул كابول काबुल Ελλάδα 한국어 İstanbul 1,5 U.S. don’t -_".split(""));
    fc.assert(
      fc.property(fc.array(fc.oneof(letters, fc.string()), { maxLength: 40 }), (parts) => {
        const text = parts.join("");
        fc.pre(!isUnspaced(text));
        expect(foldWords(text)).toEqual(unsegmented(text));
      }),
      { numRuns: 500, seed: 17 },
    );
  });

  it("gives each word of a snippet its own offsets, so only the word is marked", () => {
    const text = "据报道，中国经济增长放缓。";
    const words = textWords(text).map((w) => text.slice(w.start, w.end));
    expect(words).toEqual(
      wordSegments(text)
        .map((s) => s.segment)
        .filter((s) => foldWords(s).length > 0),
    );
    expect(words).toContain("经济");
  });
});

describe("entities only where the English tagger can read", () => {
  it("leaves a text mostly in another script without entities, and still reads an English one quoting other scripts", () => {
    const russian = "Президент Владимир Путин встретился в Москве с министром Сергеем Лавровым.";
    expect(isLatinText(russian)).toBe(false);
    expect(extractDocument({ title: "", body: russian }).mentions).toEqual([]);
    expect(isLatinText("كابول")).toBe(false);
    expect(isLatinText("中国经济增长放缓")).toBe(false);
    const english = "Shares in Tokyo rose on Monday as the Nikkei (日経平均株価) gained. Traders in Shanghai watched.";
    expect(isLatinText(english)).toBe(true);
    expect(extractDocument({ title: "", body: english }).mentions.map((m) => m.text)).toContain("Tokyo");
    expect(isLatinText("Café Zürich, 2021")).toBe(true);
    expect(isLatinText("12 345 — 67")).toBe(true);
  });
});

describe("search in Chinese, Japanese, Thai, Arabic and Russian through the Worker", () => {
  let worker: TestWorker;
  beforeAll(async () => {
    ({ worker } = await startWorkerWith(["test/fixtures/languages/news.jsonl"]));
  });
  afterAll(() => worker?.dispose());

  const hits = async (q: string) => {
    const { status, body } = await worker.json(`/search?q=${encodeURIComponent(q)}%20`);
    expect(status, q).toBe(200);
    return body as { total: number; hits: { id: string; snippet: string; title: string }[] };
  };

  it("finds a word inside a Chinese sentence, as the build cut it, and marks it in the snippet", async () => {
    const body = await hits("经济");
    expect(body.hits.map((h) => h.id)).toEqual(["zh-economy", "en-mixed"]);
    expect(body.hits[0]?.snippet).toContain("<mark>经济</mark>");
    expect(body.hits[0]?.snippet).not.toContain("<mark>中国");
    expect((await hits("高速铁路")).hits.map((h) => h.id)).toEqual(["zh-rail"]);
    expect((await hits("成都 重庆")).hits.map((h) => h.id)).toEqual(["zh-rail"]);
  });

  it("finds Japanese, Thai and Arabic words", async () => {
    expect((await hits("台風")).hits.map((h) => h.id)).toEqual(["ja-typhoon"]);
    expect((await hits("九州")).hits.map((h) => h.id)).toEqual(["ja-typhoon"]);
    expect((await hits("น้ำท่วม")).hits.map((h) => h.id)).toEqual(["th-flood"]);
    expect((await hits("เชียงใหม่")).hits.map((h) => h.id)).toEqual(["th-flood"]);
    expect((await hits("ميناء")).hits.map((h) => h.id)).toEqual(["ar-port"]);
  });

  it("finds Russian and Arabic words in another form, and marks them in the snippet", async () => {
    const ru = await hits("бюджета");
    expect(ru.hits.map((h) => h.id)).toEqual(["ru-budget"]);
    expect(ru.hits[0]?.snippet).toContain("<mark>бюджет</mark>");
    // "grains" finds "the grains": the article is cut, and the word is marked though its first letter is the article's.
    const ar = await hits("حبوب");
    expect(ar.hits.map((h) => h.id)).toEqual(["ar-port"]);
    expect(ar.hits[0]?.snippet).toContain("<mark>الحبوب</mark>");
  });
});
