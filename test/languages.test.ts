/**
 * @module Languages: scripts written without spaces (one segmentation at build and at query time), each document's
 * language (detected, or its record's) and the stemmer it picks, checked through the Worker in workerd.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorkerWith, type TestWorker } from "../scripts/shared/local-worker";
import { extractDocument, isLatinText } from "../src/build/entities/document";
import { readRecord } from "../src/build/ingest/record";
import { detectLanguage, languageTag } from "../src/build/language";
import { buildBundle } from "../src/build/write";
import {
  analysisLanguage,
  analysisLanguages,
  analyze,
  foldWords,
  isUnspaced,
  MAX_WORD,
  STEMMED_LANGUAGES,
  stem,
  stemKeepsInitial,
  stemsOf,
  wordSegments,
} from "../src/format/analyzer";
import type { SourceDocument } from "../src/format/schema";
import { bundleEngine } from "../src/search/bundle-engine";
import { textWords } from "../src/search/doc-words";
import { search } from "../src/search/engine";
import { memoryBundle } from "./helpers/memory-bundle";

/** The analyzer before segmentation: what every text without an unspaced script must still fold to. */
function unsegmented(text: string): string[] {
  const folded = text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    // Letters with dots are one word, its letters: "u.s." is "us".
    .replace(/(?<![\p{L}\p{N}.])(?:(?:\p{L}\.)+\p{L}\.?|\p{L}\.(?: \p{L}\.)+)(?![\p{L}\p{N}])/gu, (letters) =>
      letters.replace(/[. ]/gu, ""),
    );
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

describe("each document's language", () => {
  it("tells a language by its script, and Latin and Cyrillic ones by their function words", () => {
    const samples: [string, string][] = [
      ["en", "The council said on Tuesday that the new bridge would open in the spring, after two years of delays."],
      ["de", "Der Stadtrat hat am Dienstag beschlossen, dass die neue Brücke im Frühjahr eröffnet wird, nach zwei Jahren Verzögerung."],
      ["fr", "Le conseil municipal a décidé mardi que le nouveau pont ouvrirait au printemps, après deux ans de retard."],
      ["es", "El ayuntamiento decidió el martes que el nuevo puente se abrirá en la primavera, tras dos años de retrasos."],
      ["it", "Il consiglio comunale ha deciso martedì che il nuovo ponte sarà aperto in primavera, dopo due anni di ritardi."],
      ["pt", "A câmara municipal decidiu na terça-feira que a nova ponte será aberta na primavera, depois de dois anos de atrasos."],
      ["nl", "De gemeenteraad heeft dinsdag besloten dat de nieuwe brug in het voorjaar opengaat, na twee jaar vertraging."],
      [
        "sv",
        "Kommunfullmäktige beslutade på tisdagen att den nya bron ska öppna i vår, efter två års förseningar och att det blir dyrare.",
      ],
      [
        "tr",
        "Belediye meclisi salı günü yeni köprünün iki yıllık gecikmenin ardından ilkbaharda açılacağına karar verdi ve bu çok önemli bir karar.",
      ],
      ["ru", "Городской совет во вторник решил, что новый мост откроется весной, после двух лет задержек, и это было важно для всех."],
      ["ar", "قرر المجلس البلدي يوم الثلاثاء أن الجسر الجديد سيفتح في الربيع بعد عامين من التأخير."],
      ["zh", "市议会周二决定，新桥将在延误两年后于春季开通。"],
      ["ja", "市議会は火曜日、新しい橋が二年の遅れの後、春に開通すると決定した。"],
      ["hi", "नगर परिषद ने मंगलवार को फैसला किया कि नया पुल दो साल की देरी के बाद वसंत में खुलेगा।"],
    ];
    for (const [lang, text] of samples) expect(detectLanguage(text), text).toBe(lang);
    // A results table, or a few words, says nothing: undetermined, which the build reads as English.
    expect(detectLanguage("Shr 12 cts vs 10 cts Net 1.2 mln vs 900,000 Revs 45.6 mln vs 41.1 mln")).toBe("und");
    expect(detectLanguage("Lisboa, Porto.")).toBe("und");
    expect(detectLanguage("12 345 — 67")).toBe("und");
  });

  it("takes a record's own language tag over detection, and refuses one that is no tag", () => {
    expect(languageTag("pt-BR")).toBe("pt");
    expect(languageTag("EN")).toBe("en");
    expect(languageTag("German")).toBeUndefined();
    const record = { id: "a", body: "The council said on Tuesday that the bridge would open." };
    expect(readRecord({ ...record, lang: "de-CH" })).toMatchObject({ ok: true, document: { lang: "de" } });
    expect(readRecord({ ...record, language: "fr" })).toMatchObject({ ok: true, document: { lang: "fr", meta: {} } });
    expect(readRecord(record)).toMatchObject({ ok: true, document: { lang: "en" } });
    expect(readRecord({ ...record, lang: "German" })).toEqual({
      ok: false,
      code: "invalid_record",
      id: "a",
      reason: 'record "a": lang "German" is not a language tag (such as "en", "de" or "pt-BR")',
    });
    expect(readRecord({ ...record, language: 7 })).toMatchObject({
      ok: false,
      code: "invalid_record",
      reason: 'record "a": language must be a string, not a number',
    });
  });

  it("stems a Latin-script word in its document's language, and a query word in each language of the bundle", () => {
    expect(stem("wirtschaftlichen", "de")).toBe(stem("wirtschaft", "de"));
    expect(stem("wirtschaftlichen")).not.toBe(stem("wirtschaft"));
    expect(stem("conducteurs", "fr")).toBe(stem("conducteur", "fr"));
    expect(stem("agricultores", "es")).toBe(stem("agricultor", "es"));
    // Languages without a stemmer of their own, and undetermined text, are stemmed as English; scripts keep theirs.
    expect(stem("embassies", "da")).toBe("embassi");
    expect(stem("embassies", "und")).toBe("embassi");
    expect(stem("бюджета", "de")).toBe("бюджет");
    // A bundle is analyzed in its main language and in those holding 1% of it or 1,000 documents; a document of
    // another (one the detector got wrong, or undetermined) is analyzed in the main one.
    expect(analysisLanguages({ en: 16243, und: 2797, de: 1, nl: 1 })).toEqual(["en"]);
    expect(analysisLanguages({ und: 50, de: 700, en: 300, fr: 11, it: 9 })).toEqual(["de", "en", "fr"]);
    expect(analysisLanguages({ en: 900_000, de: 1500, fr: 900 })).toEqual(["en", "de"]);
    expect(analysisLanguages({ und: 3 })).toEqual(["en"]);
    expect(analysisLanguage("nl", ["en"])).toBe("en");
    expect(analysisLanguage("und", ["de", "en"])).toBe("de");
    expect(analysisLanguage("en", ["de", "en"])).toBe("en");
    expect(stemsOf("wirtschaftlichen", ["en", "de"])).toEqual([stem("wirtschaftlichen"), "wirtschaft"]);
    expect(stemsOf("oil", ["en", "de", "fr"])).toEqual(["oil"]);
    for (const lang of STEMMED_LANGUAGES) expect(typeof stem("zzword", lang)).toBe("string");
  });

  it("keeps each word's first letter in every Latin-script stemmer, as snippets assume", () => {
    const words = [
      "wirtschaftlichen",
      "überraschend",
      "conducteurs",
      "réforme",
      "agricultores",
      "cooperativas",
      "ritardi",
      "atrasos",
      "vertraging",
      "förseningar",
      "gecikmenin",
      "ökonomen",
    ];
    for (const lang of STEMMED_LANGUAGES.filter((l) => l !== "ar" && l !== "ru"))
      for (const word of foldWords(words.join(" "))) expect(stem(word, lang)[0], `${lang} ${word}`).toBe(word[0]);
  });
});

describe("entities only where the English tagger can read", () => {
  it("leaves a document in another language without entities", () => {
    const german = "Bundeskanzler Olaf Scholz traf am Montag in Berlin den französischen Präsidenten Emmanuel Macron.";
    expect(extractDocument({ title: "", body: german, lang: "de" }).mentions).toEqual([]);
    const english = "Chancellor Olaf Scholz met French President Emmanuel Macron in Berlin on Monday.";
    for (const lang of ["en", "und", undefined])
      expect(extractDocument({ title: "", body: english, lang }).mentions.map((m) => m.text)).toContain("Berlin");
  });

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

describe("search in Chinese, Japanese, Thai, Arabic, Russian, German, French and Spanish through the Worker", () => {
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

  it("finds a German, French or Spanish word in another form, stemmed in the document's language, and marks it", async () => {
    // Porter's English stems "wirtschaftliche" to "wirtschaftlich"; German's to "wirtschaft", as the document's "Wirtschaft".
    const de = await hits("wirtschaftliche");
    expect(de.hits.map((h) => h.id)).toEqual(["de-wirtschaft"]);
    expect(de.hits[0]?.snippet).toContain("<mark>Wirtschaft</mark>");
    expect((await hits("conducteur")).hits.map((h) => h.id)).toEqual(["fr-greve"]);
    expect((await hits("agricultor")).hits.map((h) => h.id)).toEqual(["es-cosecha"]);
    // English words keep matching as before in the same bundle.
    expect((await hits("traders")).hits.map((h) => h.id)).toEqual(["en-mixed"]);
  });

  it("stems a long query in the bundle's other languages only as far as the bound on terms allows, never refusing it for them", async () => {
    const words =
      "wirtschaftlichen regierungen ökonomen exporte sinkenden quartals bundesamtes signale optimismus brücken conducteurs syndicats réformes semaines agricultores cooperativas precios mercados ayudas regadíos";
    const { status, body } = await worker.json(`/search?q=${encodeURIComponent(words)}%20`);
    expect(status).toBe(200);
    expect(body.hits.map((h: { id: string }) => h.id)).toEqual(expect.arrayContaining(["de-wirtschaft", "fr-greve", "es-cosecha"]));
  });

  it("gives each document its language, and entities to English documents only", async () => {
    const doc = async (id: string) => (await worker.json(`/documents/${id}`)).body as { lang: string; entities: { name: string }[] };
    const de = await doc("de-wirtschaft");
    expect(de.lang).toBe("de");
    expect(de.entities).toEqual([]);
    expect((await doc("fr-greve")).lang).toBe("fr");
    expect((await doc("zh-economy")).lang).toBe("zh");
    expect((await doc("pt-note")).lang).toBe("pt");
    const en = await doc("en-mixed");
    expect(en.lang).toBe("en");
    expect(en.entities.map((e) => e.name)).toContain("Tokyo");
  });

  it("narrows a search to one language with lang= or lang: in q, counts languages in the facets, and refuses a bad code", async () => {
    const search = async (query: string) =>
      (await worker.json(`/search?${query}`)).body as {
        total: number;
        hits: { id: string; lang: string }[];
        facets: { lang: { lang: string; count: number }[] };
      };
    const both = await search("q=经济%20");
    expect(both.hits.map((h) => [h.id, h.lang])).toEqual([
      ["zh-economy", "zh"],
      ["en-mixed", "en"],
    ]);
    expect(both.facets.lang).toEqual([
      { lang: "en", count: 1 },
      { lang: "zh", count: 1 },
    ]);
    // The bundle's main language (Chinese here, two documents) has no list of its own: the others' are left out.
    expect((await search("q=经济%20&lang=zh")).hits.map((h) => h.id)).toEqual(["zh-economy"]);
    expect((await search("q=经济%20&lang=en")).hits.map((h) => h.id)).toEqual(["en-mixed"]);
    expect((await search("q=%E7%BB%8F%E6%B5%8E%20lang%3Aen%20")).hits.map((h) => h.id)).toEqual(["en-mixed"]);
    expect((await search("q=lang%3Afr%20")).hits.map((h) => h.id)).toEqual(["fr-greve"]);
    expect((await search("q=lang%3Azh%20")).total).toBe(2);
    expect((await search("q=经济%20&lang=ko")).total).toBe(0);
    const bad = await worker.json("/search?q=x&lang=english");
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("bad_request");
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

describe("a bundle's analysis languages", () => {
  const run = async (documents: SourceDocument[], q: string) => {
    const bundle = await buildBundle({ documents, entities: [], byDocument: documents.map(() => []) }, { builtAt: "t" });
    const reader = memoryBundle(bundle).coldReader();
    return { manifest: reader.manifest, result: await search(bundleEngine(reader), reader, { q, limit: 10, offset: 0 }) };
  };
  const english = (i: number): SourceDocument => ({
    id: `en${i}`,
    title: `Council meeting ${i}`,
    body: `The council said on Tuesday that the bridge number ${i} would open in the spring.`,
    lang: "en",
    meta: {},
  });

  it("analyzes a language too rare in the bundle (or one the detector got wrong) as the main one, so its exact words still match", async () => {
    const rare: SourceDocument = { id: "de1", title: "Bericht", body: "Die wirtschaftlichen Zahlen", lang: "de", meta: {} };
    const { manifest, result } = await run([...Array.from({ length: 150 }, (_, i) => english(i)), rare], "wirtschaftlichen ");
    expect(manifest.engine.languages).toEqual(["en"]);
    expect(manifest.languages).toEqual({ en: 150, de: 1 });
    expect(result.hits.map((h) => [h.id, h.lang])).toEqual([["de1", "de"]]);
    expect(result.hits[0]?.snippet).toContain("<mark>wirtschaftlichen</mark>");
  });

  it("analyzes each language holding enough of the bundle as itself, and undetermined documents as the main one", async () => {
    const german = (i: number): SourceDocument => ({
      id: `de${i}`,
      title: `Bericht ${i}`,
      body: "Die wirtschaftlichen Zahlen steigen",
      lang: "de",
      meta: {},
    });
    const table: SourceDocument = { id: "und1", title: "Zahlen", body: "Wirtschaft 12 vs 10", lang: "und", meta: {} };
    const docs = [...Array.from({ length: 5 }, (_, i) => german(i)), english(1), table];
    const { manifest, result } = await run(docs, "wirtschaft ");
    expect(manifest.engine.languages).toEqual(["de", "en"]);
    // "wirtschaft" finds "wirtschaftlichen" in German documents, and the undetermined one analyzed as German.
    expect(result.hits.map((h) => h.id).sort()).toEqual(["de0", "de1", "de2", "de3", "de4", "und1"]);
  });

  it("keeps a language's list out of the term shards but for one posting, so the words sharing a shard with it do not read it", async () => {
    const german = (i: number): SourceDocument => ({
      id: `de${i}`,
      title: `Bericht ${i}`,
      body: "Die Zahlen steigen",
      lang: "de",
      meta: {},
    });
    const documents = [...Array.from({ length: 3 }, (_, i) => german(i)), ...Array.from({ length: 40 }, (_, i) => english(i))];
    const bundle = await buildBundle({ documents, entities: [], byDocument: documents.map(() => []) }, { builtAt: "t" });
    const shards = [...bundle.values].filter(([key]) => key.includes("/term/")).map(([, value]) => JSON.parse(value));
    const entry = shards.flatMap((shard) => shard.entity as unknown[][]).find((e) => e[0] === "lang:de");
    // [term, head as [slot, documents] pairs, count, tail refs]: one posting in the head, the count of all three, the rest in a chunk.
    expect(entry?.[2]).toBe(3);
    expect(((entry?.[1] ?? []) as [number, number[]][]).flatMap(([, ids]) => ids)).toHaveLength(1);
    expect(entry?.[3]).toHaveLength(1);
    const reader = memoryBundle(bundle).coldReader();
    const result = await search(bundleEngine(reader), reader, { q: "lang:de ", limit: 10, offset: 0 });
    expect(result.total).toBe(3);
  });
});
