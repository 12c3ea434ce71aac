/** @module Entity resolution, as behaviours: which mentions the merger makes one record, with which name, id and roles. Mentions are given by hand, so the extractor's choices do not enter. */
import { describe, expect, it } from "vitest";
import { buildEntities, type EntityDocument, mergeEntities } from "../src/build/entities/merge";
import { titleNationalities } from "../src/build/entities/resolve";
import { cutTitle, isUsefulRole } from "../src/build/entities/roles";
import type { DocumentNames, LocatedMention } from "../src/build/entities/types";
import type { EntityRecord, EntityType } from "../src/format/schema";
import { slugify } from "../src/format/slug";

/** A mention as a test writes it: text, type, and optionally the role the extractor saw. */
type Written = [text: string, type: EntityType, role?: string];

/** A small corpus: each document is its mentions, one a sentence, and its body is their texts. */
function corpus(...documents: Written[][]): { docs: EntityDocument[]; extracted: DocumentNames[] } {
  const docs: EntityDocument[] = [];
  const extracted: DocumentNames[] = [];
  documents.forEach((written, i) => {
    let body = "";
    const mentions: LocatedMention[] = written.map(([text, type, role], sentence) => {
      const start = body.length;
      body += `${text}. `;
      return { text, type, start, end: start + text.length, sentence, ...(role ? { role } : {}) };
    });
    docs.push({ id: String.fromCharCode(97 + i), title: "", body });
    extracted.push({ mentions, untyped: [] });
  });
  return { docs, extracted };
}

const merge = (...documents: Written[][]) => {
  const { docs, extracted } = corpus(...documents);
  return mergeEntities(docs, extracted, [], { mentions: true });
};
const entity = (entities: readonly EntityRecord[], id: string): EntityRecord => {
  const record = entities.find((e) => e.id === id);
  if (!record) throw new Error(`no entity ${id}; have ${entities.map((e) => e.id).join(", ")}`);
  return record;
};
const ids = (entities: readonly EntityRecord[]) => entities.map((e) => e.id).sort();
const aliases = (record: EntityRecord) => record.aliases.map((a) => a.name).sort();

describe("titles, jobs and party labels before a person's name", () => {
  const { entities, mentions } = merge(
    [
      ["Tory MP Jonathan Sayeed", "person"],
      ["Labour MP George Galloway", "person"],
      ["Euro MP Robert Kilroy-Silk", "person"],
    ],
    [
      ["MEP Robert Kilroy-Silk", "person"],
      ["Prof John Smith", "person"],
      ["Sprinter Kelly Holmes", "person"],
    ],
  );

  it("are never part of the name: the record is the person", () => {
    expect(ids(entities)).toEqual(["george-galloway", "john-smith", "jonathan-sayeed", "kelly-holmes", "robert-kilroy-silk"]);
    expect(entity(entities, "robert-kilroy-silk")).toMatchObject({ name: "Robert Kilroy-Silk", mentions: 2 });
  });

  it("go to the record's roles, written as they were", () => {
    expect(entity(entities, "jonathan-sayeed").roles).toEqual(["Tory MP"]);
    expect(entity(entities, "george-galloway").roles).toEqual(["Labour MP"]);
    expect(entity(entities, "robert-kilroy-silk").roles.sort()).toEqual(["Euro MP", "MEP"]);
    expect(entity(entities, "john-smith").roles).toEqual(["Prof"]);
    expect(entity(entities, "kelly-holmes").roles).toEqual(["Sprinter"]);
  });

  it("are left out of the mention's span: it starts at the name", () => {
    expect(mentions?.[0]?.[0]).toMatchObject({
      start: "Tory MP ".length,
      end: "Tory MP Jonathan Sayeed".length,
      entity: "jonathan-sayeed",
    });
  });

  it("are cut only where a name is left, and modifiers only when they name a portfolio; 'Mr.' is no role", () => {
    expect(cutTitle("John Major")).toEqual({ name: "John Major", offset: 0 });
    expect(cutTitle("Martin Luther King Jr")).toEqual({ name: "Martin Luther King Jr", offset: 0 });
    expect(cutTitle("Finance Minister")).toEqual({ name: "Finance Minister", offset: 0 });
    expect(cutTitle("Mr. Blair")).toEqual({ name: "Blair", offset: 4 });
    expect(cutTitle("Energy Subroto")).toEqual({ name: "Subroto", offset: 7, role: "Energy" });
    expect(cutTitle("Mines Subroto")).toEqual({ name: "Subroto", offset: 6, role: "Mines" });
    expect(cutTitle("Central Soya")).toEqual({ name: "Central Soya", offset: 0 });
    expect(cutTitle("Chancellor of the Exchequer Gordon Brown")).toEqual({
      name: "Gordon Brown",
      offset: 28,
      role: "Chancellor of the Exchequer",
    });
  });
});

describe("roles", () => {
  const { entities } = merge(
    [
      ["Jane Doe", "person", "press secretary"],
      ["Jane Doe", "person", "chief"],
      ["Jane Doe", "person", "official"],
      ["Jane Doe", "person", "vice president of"],
      ["Jane Doe", "person", "Finance\nMinister"],
    ],
    [
      ["Acme Corp", "organization", "chairman of"],
      ["Springfield", "place", "Mayor"],
    ],
  );

  it("are roles of people: organisations and places have none", () => {
    expect(entity(entities, "acme-corp").roles).toEqual([]);
    expect(entity(entities, "springfield").roles).toEqual([]);
  });

  it("drop noise: a bare 'chief' or 'official', a role cut off before its object; spaces made single", () => {
    expect(entity(entities, "jane-doe").roles.sort()).toEqual(["Finance Minister", "press secretary"]);
    expect(["chief", "official", "officials", "president of", "senior", "Mr."].filter(isUsefulRole)).toEqual([]);
    expect(["press secretary", "chief executive", "General", "MEP"].every(isUsefulRole)).toBe(true);
  });
});

describe("acronyms", () => {
  it("never merge with a name whose initials they are not the acronym of: 'ID' is not 'ITV Digital'", () => {
    const { entities } = merge([
      ["ITV Digital", "organization"],
      ["ID", "organization"],
    ]);
    expect(ids(entities)).toEqual(["id", "itv-digital"]);
  });

  it("merge with the name they spell only once some document writes both", () => {
    const apart = merge([["Zephyr Kite Association", "organization"]], [["ZKA", "organization"]]);
    expect(ids(apart.entities)).toEqual(["zephyr-kite-association", "zka"]);
    const together = merge(
      [["Zephyr Kite Association", "organization"]],
      [["ZKA", "organization"]],
      [
        ["Zephyr Kite Association", "organization"],
        ["ZKA", "organization"],
      ],
    );
    expect(ids(together.entities)).toEqual(["zephyr-kite-association"]);
    expect(entity(together.entities, "zephyr-kite-association").documents.ids).toEqual(["a", "b", "c"]);
  });

  it("go to the company their document names with them first, or with and without its legal form", () => {
    const { mentions } = merge(
      [
        ["Ceylon Petroleum Corp", "organization"],
        ["CPC", "organization"],
      ],
      [
        ["CPC International Inc", "organization"],
        ["CPC", "organization"],
      ],
      [
        ["Trans World Airlines Inc", "organization"],
        ["Trans World Airlines", "organization"],
        ["TWA", "organization"],
      ],
    );
    expect(mentions?.map((doc) => doc.map((m) => m.entity))).toEqual([
      ["ceylon-petroleum-corp", "ceylon-petroleum-corp"],
      ["cpc-international-inc", "cpc-international-inc"],
      ["trans-world-airlines-inc", "trans-world-airlines-inc", "trans-world-airlines-inc"],
    ]);
  });

  it("across documents, take a name only when it introduces them somewhere or they are often written beside it", () => {
    const alone: Written[][] = [[["FMC", "organization"]], [["FMC", "organization"]], [["FMC", "organization"]], [["FMC", "organization"]]];
    const once = merge(...alone, [
      ["Ford Motor Co", "organization"],
      ["FMC", "organization"],
    ]);
    expect(entity(once.entities, "fmc").documents.count).toBe(4);
    // "Ford Motor Co (FMC)": the acronym starts right after the name that introduces it.
    const { docs, extracted } = corpus(...alone, [["Ford Motor Co", "organization"]]);
    const last = extracted[4] as DocumentNames;
    last.mentions.push({
      text: "FMC",
      type: "organization",
      start: "Ford Motor Co (".length,
      end: "Ford Motor Co (FMC".length,
      sentence: 0,
    });
    const introduced = mergeEntities(docs, extracted).entities;
    expect(ids(introduced)).toEqual(["ford-motor-co"]);
  });

  it("stay apart when two names written beside them spell them", () => {
    const { entities } = merge(
      [
        ["Zephyr Kite Association", "organization"],
        ["ZKA", "organization"],
      ],
      [
        ["Zinc Kettle Alliance", "organization"],
        ["ZKA", "organization"],
      ],
      [["ZKA", "organization"]],
    );
    expect(entity(entities, "zka").documents.ids).toEqual(["c"]);
  });

  it("the gazetteer knows still resolve anywhere: 'IMF' is the International Monetary Fund", () => {
    const { entities } = merge([["International Monetary Fund", "organization"]], [["IMF", "organization"]]);
    expect(ids(entities)).toEqual(["international-monetary-fund"]);
  });
});

describe("names sharing a head noun", () => {
  const { entities } = merge(
    [
      ["London Stock Exchange", "organization"],
      ["Stock Exchange", "organization"],
    ],
    [
      ["New York Stock Exchange", "organization"],
      ["Exchange", "organization"],
    ],
    [["Stock Exchange", "organization"]],
    [
      ["London Stock Exchange", "organization"],
      ["New York Stock Exchange", "organization"],
      ["Exchange", "organization"],
    ],
  );

  it("are different entities: the London and the New York Stock Exchange", () => {
    expect(aliases(entity(entities, "london-stock-exchange"))).toEqual(["London Stock Exchange"]);
    expect(aliases(entity(entities, "new-york-stock-exchange"))).toEqual(["Exchange", "New York Stock Exchange"]);
  });

  it("leave a bare head on its own record, merged into none of them, unless its document names one body it heads", () => {
    expect(entity(entities, "stock-exchange").documents.ids).toEqual(["a", "c"]);
    // "The Exchange" of a story naming the New York Stock Exchange alone is that exchange; of one naming two, neither.
    expect(entity(entities, "new-york-stock-exchange").documents.ids).toEqual(["b", "d"]);
    expect(entity(entities, "exchange").documents.ids).toEqual(["d"]);
  });

  it("read a head noun alone as the one body of its document that it heads: 'the Bank' beside the Bank of England", () => {
    const { entities: banks, mentions } = merge(
      [
        ["Bank of England", "organization"],
        ["Bank", "organization"],
      ],
      [
        ["World Bank", "organization"],
        ["Bank", "organization"],
      ],
      [
        ["World Bank", "organization"],
        ["Bank of England", "organization"],
        ["Bank", "organization"],
      ],
      // Not a body whose name only holds the word ("Bank Street Group" is headed by "Group"), nor one in an acronym.
      [
        ["Bank Street Group", "organization"],
        ["Bank", "organization"],
      ],
    );
    expect(mentions?.map((doc) => doc.map((m) => m.entity))).toEqual([
      ["bank-of-england", "bank-of-england"],
      ["world-bank", "world-bank"],
      ["world-bank", "bank-of-england", "bank"],
      ["bank-street-group", "bank"],
    ]);
    expect(entity(banks, "bank").documents.ids).toEqual(["c", "d"]);
  });

  it("merge a country's own department with the bare name, unless other countries have one too", () => {
    const { entities: departments } = merge(
      [["US State Department", "organization"]],
      [["State Department", "organization"]],
      [["Japanese Finance Ministry", "organization"]],
      [
        ["Japan Finance Ministry", "organization"],
        ["Brazil Finance Ministry", "organization"],
      ],
      [["Finance Ministry", "organization"]],
      [["Brazil", "place"]],
      [["Brazil", "place"]],
    );
    expect(aliases(entity(departments, "state-department"))).toEqual(["State Department", "US State Department"]);
    // A finance ministry is every country's: each its own, "Japanese" and "Japan" one; the bare name none of them (the
    // archive's own country, Brazil, most documents name, is written with it no more often than Japan).
    expect(ids(departments).filter((id) => id.includes("finance-ministry"))).toEqual([
      "brazil-finance-ministry",
      "finance-ministry",
      "japan-finance-ministry",
    ]);
    expect(aliases(entity(departments, "japan-finance-ministry"))).toEqual(["Japan Finance Ministry", "Japanese Finance Ministry"]);
  });
});

describe("places written short", () => {
  it("resolve a U.S. state's abbreviation to the state, not one a country or a city has", () => {
    const { entities } = merge(
      [
        ["Irvine", "place"],
        ["Calif.", "place"],
      ],
      [["California", "place"]],
      [
        ["Pittsburgh", "place"],
        ["Pa.", "place"],
      ],
      [
        ["Atlanta", "place"],
        ["Ga.", "place"],
      ],
    );
    expect(entity(entities, "california").documents.ids).toEqual(["a", "b"]);
    expect(entity(entities, "pennsylvania").name).toBe("Pennsylvania");
    expect(ids(entities)).toContain("ga");
    // "N.Y." is no New York City, the gazetteer's New York.
    expect(
      entity(
        merge(
          [
            ["Albany", "place"],
            ["N.Y.", "place"],
          ],
          [["New York City", "place"]],
        ).entities,
        "ny",
      ).type,
    ).toBe("place");
  });
});

describe("bodies every country has", () => {
  /** A document of sentences, each a list of [text, type] written side by side ("'s " between a country and a body), the first a headline with `headline`. */
  const story = (id: string, sentences: [string, EntityType][][], headline = false) => {
    let body = "";
    const mentions: LocatedMention[] = [];
    sentences.forEach((sentence, n) => {
      sentence.forEach(([text, type], i) => {
        if (i > 0) body += type === "organization" && sentence[i - 1]?.[1] === "place" ? "'s " : " and ";
        mentions.push({
          text,
          type,
          start: body.length,
          end: body.length + text.length,
          sentence: n,
          ...(headline && n === 0 ? { headline } : {}),
        });
        body += text;
      });
      body += ". ";
    });
    return { doc: { id, title: "", body }, names: { mentions, untyped: [] } as DocumentNames };
  };
  const stories = [
    story("a", [
      [
        ["Japan", "place"],
        ["Finance Ministry", "organization"],
      ],
    ]),
    story("b", [[["Japan", "place"]], [["Japan", "place"]], [["U.S.", "place"]], [["Finance Ministry", "organization"]]]),
    story("c", [[["Brazil", "place"]], [["Brazil", "place"]], [["Finance Ministry", "organization"]]]),
    story("d", [[["Taiwan", "place"]], [["U.S.", "place"]], [["U.S.", "place"]], [["Central Bank", "organization"]]], true),
    story("e", [
      [
        ["Taiwan", "place"],
        ["Central Bank", "organization"],
      ],
    ]),
    story("f", [[["U.S. Supreme Court", "organization"]]]),
    story("g", [[["United States", "place"]], [["Supreme Court", "organization"]]]),
    story("h", [
      [["Japan", "place"]],
      [["Ministry of International Trade and Industry", "organization"]],
      [["Japanese Finance Ministry", "organization"]],
    ]),
  ];
  const { entities } = mergeEntities(
    stories.map((s) => s.doc),
    stories.map((s) => s.names),
  );

  it("are the country's its story is about, where the archive writes that country's: 'the Finance Ministry' of a story on Japan", () => {
    const japan = entity(entities, "finance-ministry-japan");
    expect(japan.name).toBe("Finance Ministry (Japan)");
    // "Japanese Finance Ministry" is Japan's too.
    expect(japan.documents.ids).toEqual(["a", "b", "h"]);
    // The archive never writes Brazil's: the bare name stays apart, merged into no country's.
    expect(entity(entities, "finance-ministry").documents.ids).toEqual(["c"]);
  });

  it("take the country a headline names first over the one the text names most", () => {
    expect(entity(entities, "central-bank-taiwan").documents.ids).toEqual(["d", "e"]);
  });

  it("join the body written with its country: 'Supreme Court' in a story on the United States is the U.S. Supreme Court", () => {
    expect(entity(entities, "us-supreme-court").documents.ids).toEqual(["f", "g"]);
  });

  it("give a story naming no country the archive's own, when the archive writes the body as its own country's most", () => {
    const treasuries = [
      story("a", [[["U.S. Treasury", "organization"]]]),
      story("b", [[["Britain", "place"]], [["Treasury", "organization"]]]),
      story("c", [[["U.K. Treasury", "organization"]]]),
      story("d", [[["Treasury", "organization"]]]),
      story("e", [[["United States", "place"]], [["U.S. Treasury", "organization"]]]),
      story("f", [[["U.S.", "place"]], [["Central Bank", "organization"]]]),
      story("g", [[["Central Bank", "organization"]]]),
    ];
    const { entities: bodies } = mergeEntities(
      treasuries.map((s) => s.doc),
      treasuries.map((s) => s.names),
    );
    // The United States is in most stories: a story naming none is about its Treasury, as the archive says twice of three.
    expect(entity(bodies, "us-treasury").documents.ids).toEqual(["a", "d", "e"]);
    expect(entity(bodies, "uk-treasury").documents.ids).toEqual(["b", "c"]);
    // The archive never writes whose "Central Bank" it is: it stays the bare name.
    expect(entity(bodies, "central-bank").documents.ids).toEqual(["f", "g"]);
  });

  it("leave a bare body alone in a story naming two countries as often, or a longer name with its head", () => {
    const more = [
      story("a", [[["U.S. Treasury", "organization"]]]),
      story("b", [[["U.S. Treasury", "organization"]]]),
      story("c", [[["Britain", "place"]], [["Japan", "place"]], [["Treasury", "organization"]]]),
      story("d", [[["France", "place"]], [["European Parliament", "organization"]], [["Parliament", "organization"]]], true),
      story("e", [
        [
          ["France", "place"],
          ["Parliament", "organization"],
        ],
      ]),
    ];
    const { entities: bodies } = mergeEntities(
      more.map((s) => s.doc),
      more.map((s) => s.names),
    );
    expect(entity(bodies, "treasury").documents.ids).toEqual(["c"]);
    expect(entity(bodies, "parliament").documents.ids).toEqual(["d"]);
    expect(entity(bodies, "parliament-france").documents.ids).toEqual(["e"]);
  });

  it("leave a ministry's own long name alone", () => {
    expect(entity(entities, "ministry-of-international-trade-and-industry").documents.ids).toEqual(["h"]);
  });

  it("read a title in sentence case, and its nationality words, as a headline: what the story is about", () => {
    // No story writes either country's Energy Ministry with its country: the titles say whose each is.
    const { entities: titled } = buildEntities([
      {
        id: "a",
        title: "Indonesia's nickel miner plans smelter",
        body: "The Energy Ministry approved the plan. China and Japan buy the ore.",
      },
      { id: "b", title: "Kazakh lender jumps on refinery loan", body: "The Energy Ministry said the refinery in Kazakhstan would expand." },
      { id: "c", title: "Latin American bank governors meet", body: "The Energy Ministry said talks in Mexico and Brazil went well." },
    ]);
    expect(entity(titled, "energy-ministry-indonesia").documents.ids).toEqual(["a"]);
    expect(entity(titled, "energy-ministry-kazakhstan").documents.ids).toEqual(["b"]);
    // "Latin American" is a continent's people, no country's: the story stays unattributed.
    expect(entity(titled, "energy-ministry").documents.ids).toEqual(["c"]);
    expect(titleNationalities("West German and Pan-African officials meet")).toEqual([[0, "west germany"]]);
  });

  it("give an archive of one story a country no archive's own country: Ghana's story is about Ghana's ministry", () => {
    // Each country named by one document: none is the archive's own, whichever name sorts first.
    const { entities: few } = buildEntities([
      { id: "a", title: "Ghana's cocoa regulator cuts forecast", body: "The Finance Ministry will review the price." },
      { id: "b", title: "Kenya passes finance bill", body: "Kenya's Treasury said taxes would rise." },
      { id: "c", title: "Norway welcomes tanker order", body: "The order pleased Norway's Trade Ministry." },
    ]);
    expect(entity(few, "finance-ministry-ghana").documents.ids).toEqual(["a"]);
  });
});

describe("surnames and short forms", () => {
  it("resolve to the full name, titles or not: 'Kilroy-Silk' is Robert Kilroy-Silk", () => {
    const { entities } = merge([["MEP Robert Kilroy-Silk", "person"]], [["Kilroy-Silk", "person"]], [["Mr Kilroy-Silk", "person"]]);
    expect(ids(entities)).toEqual(["robert-kilroy-silk"]);
    expect(aliases(entity(entities, "robert-kilroy-silk"))).toEqual(["Kilroy-Silk", "Robert Kilroy-Silk"]);
  });

  it("resolve in their own document first, then in the corpus when only one full name has them", () => {
    const { entities } = merge(
      [["Tony Blair", "person"]],
      [
        ["Cherie Blair", "person"],
        ["Blair", "person"],
      ],
      [["Blair", "person"]],
      [
        ["Gordon Brown", "person"],
        ["Brown", "person"],
      ],
      [["Brown", "person"]],
    );
    expect(entity(entities, "cherie-blair").documents.ids).toEqual(["b"]);
    // Two Blairs in the corpus and none in its document: "Blair" of document c is nobody's for sure.
    expect(entity(entities, "blair")).toMatchObject({ name: "Blair", documents: { count: 1, ids: ["c"] } });
    expect(entity(entities, "gordon-brown").documents.ids).toEqual(["d", "e"]);
  });

  it("never join a name only ever written in a headline with a common word in it: 'Reagan Hints' is no Reagan's full name", () => {
    const { docs, extracted } = corpus(
      [
        ["Reagan Hints", "person"],
        ["Reagan", "person"],
      ],
      [
        ["Ronald Reagan Hints", "person"],
        ["Reagan", "person"],
      ],
      [["Reagan", "person"]],
    );
    for (const names of extracted) (names.mentions[0] as LocatedMention).headline = true;
    const { entities } = mergeEntities(docs, extracted);
    expect(entity(entities, "reagan").documents.ids).toEqual(["a", "b", "c"]);
    expect(entity(entities, "reagan-hints")).toMatchObject({ name: "Reagan Hints", mentions: 1 });
    expect(ids(entities)).toEqual(["reagan", "reagan-hints", "ronald-reagan-hints"]);
    const headed = corpus([["Antony Blinken", "person"]], [["Blinken", "person"]]);
    (headed.extracted[0]?.mentions[0] as LocatedMention).headline = true;
    expect(ids(mergeEntities(headed.docs, headed.extracted).entities)).toEqual(["antony-blinken"]);
  });

  it("read a headline's title case as the acronym prose writes: 'Usda' is the USDA", () => {
    const { docs, extracted } = corpus([["Usda", "organization"]], [["USDA", "organization"]], [["Usda", "organization"]]);
    for (const names of [extracted[0], extracted[2]]) (names?.mentions[0] as LocatedMention).headline = true;
    const { entities } = mergeEntities(docs, extracted);
    expect(entities.map((e) => [e.name, e.documents.count])).toEqual([["USDA", 3]]);
    const spelled = corpus(
      [["Zkau", "organization"]],
      [
        ["Zephyr Kite Association Union", "organization"],
        ["ZKAU", "organization"],
      ],
    );
    (spelled.extracted[0]?.mentions[0] as LocatedMention).headline = true;
    expect(ids(mergeEntities(spelled.docs, spelled.extracted).entities)).toEqual(["zephyr-kite-association-union"]);
  });

  it("join a word read as a person to the one company its document names with a legal form and that word first, unless a person is named in full with it or has a role", () => {
    const { entities, mentions } = merge(
      [
        ["Hughes Tool Co", "organization"],
        ["Hughes", "person"],
        ["Hughes", "person"],
      ],
      [["Howard Hughes", "person"]],
      [
        ["Hughes Tool Co", "organization"],
        ["Howard Hughes", "person"],
        ["Hughes", "person"],
      ],
      [
        ["Hughes Tool Co", "organization"],
        ["Hughes", "person", "chairman"],
      ],
    );
    // After an honorific, a person: "Mr Hughes" in a story on Hughes Tool Co.
    const honored = corpus([["Hughes Tool Co", "organization"]], [["Howard Hughes", "person"]]);
    const story = honored.docs[0] as EntityDocument;
    story.body += "Mr Hughes. ";
    honored.extracted[0]?.mentions.push({
      text: "Hughes",
      type: "person",
      start: story.body.length - 8,
      end: story.body.length - 2,
      sentence: 1,
    });
    const result = mergeEntities(honored.docs, honored.extracted, [], { mentions: true });
    expect(result.mentions?.[0]?.map((m) => m.entity)).toEqual(["hughes-tool-co", "howard-hughes"]);
    expect(entity(entities, "hughes-tool-co")).toMatchObject({ type: "organization", mentions: 5, documents: { ids: ["a", "c", "d"] } });
    expect(mentions?.[0]?.map((m) => m.entity)).toEqual(["hughes-tool-co", "hughes-tool-co", "hughes-tool-co"]);
    expect(mentions?.[2]?.map((m) => m.entity)).toEqual(["hughes-tool-co", "howard-hughes", "howard-hughes"]);
    expect(mentions?.[3]?.map((m) => m.entity)).toEqual(["hughes-tool-co", "howard-hughes"]);
  });

  it("join a word written with a possessive to the one company its document names with that word first: 'Moody's said'", () => {
    const { docs, extracted } = corpus(
      [
        ["Moody's Investors Service Inc", "organization"],
        ["Moody", "organization"],
        ["Moody", "person"],
      ],
      [["Moody", "organization"]],
    );
    // The document writes "Moody's said" and "Moody's cut": the extractor cut the possessive off.
    const story = docs[0] as EntityDocument;
    story.body = story.body.replace(/Moody\. /gu, "Moody's ");
    let at = 0;
    for (const mention of (extracted[0] as DocumentNames).mentions) {
      mention.start = story.body.indexOf(mention.text, at);
      mention.end = mention.start + mention.text.length;
      at = mention.end;
    }
    const { mentions } = mergeEntities(docs, extracted, [], { mentions: true });
    expect(mentions?.[0]?.map((m) => m.entity)).toEqual(Array(3).fill("moodys-investors-service-inc"));
    // Without the possessive, a common word alone stays as written ("moody" is an adjective).
    expect(mentions?.[1]?.map((m) => m.entity)).toEqual(["moody"]);
  });

  it("name a record after an acronym written more often than its letters in lowercase: 'VW', not a headline's 'Vw'", () => {
    const { entities } = merge([["VW", "organization"]], [["VW", "organization"]], [["Vw", "organization"]]);
    expect(entities.map((e) => [e.id, e.name, e.mentions])).toEqual([["vw", "VW", 3]]);
    // The lowercase spelling written more often wins: "Nasa" as the archive writes it.
    const nasa = merge([["Nasa", "organization"]], [["Nasa", "organization"]], [["NASA", "organization"]]).entities;
    expect(nasa.map((e) => e.name)).toEqual(["Nasa"]);
  });

  it("never leave a record named after a lowercase spelling: 'blair' is Tony Blair", () => {
    const { entities } = merge(
      [
        ["Tony Blair", "person"],
        ["blair", "person"],
      ],
      [["blair", "person"]],
      [["tony blair", "person"]],
      [["zork", "organization"]],
    );
    expect(ids(entities)).toEqual(["tony-blair"]);
    expect(entity(entities, "tony-blair")).toMatchObject({ name: "Tony Blair", mentions: 4 });
    for (const record of entities) expect(record.name).not.toBe(record.name.toLowerCase());
  });
});

describe("ids", () => {
  it("are the slug of the canonical name for every record a change left alone", () => {
    const { entities } = merge(
      [
        ["Antony Blinken", "person", "Secretary of State"],
        ["Blinken", "person"],
        ["United Nations", "organization"],
      ],
      [
        ["Kabul", "place"],
        ["U.N.", "organization"],
      ],
    );
    expect(ids(entities)).toEqual(["antony-blinken", "kabul", "united-nations"]);
    for (const record of entities) expect(record.id).toBe(slugify(record.name));
  });
});

describe("related entities", () => {
  it("are the ten heaviest, a shared document weighing 1 and a shared sentence 2 more, ties to the first name", () => {
    const trees = ["Alder", "Birch", "Cedar", "Dogwood", "Elm", "Fir", "Ginkgo", "Hazel", "Ironwood", "Juniper", "Larch"];
    const { entities } = merge(
      [["Oak", "place"], ...trees.map((tree): Written => [tree, "place"])],
      [
        ["Oak", "place"],
        ["Larch", "place"],
      ],
    );
    const related = entity(entities, "oak").related;
    expect(related.map((r) => [r.name, r.weight])).toEqual([
      ["Larch", 2],
      ...["Alder", "Birch", "Cedar", "Dogwood", "Elm", "Fir", "Ginkgo", "Hazel", "Ironwood"].map((name) => [name, 1]),
    ]);
  });

  it("count a sentence once however often it names them, and a document once", () => {
    const body = "Oak and Elm, Oak and Elm. Elm again. Larch.";
    const at = (text: string, from: number) => ({
      text,
      type: "place" as const,
      start: body.indexOf(text, from),
      end: body.indexOf(text, from) + text.length,
    });
    const extracted: DocumentNames[] = [
      {
        mentions: [
          { ...at("Oak", 0), sentence: 0 },
          { ...at("Elm", 0), sentence: 0 },
          { ...at("Oak", 8), sentence: 0 },
          { ...at("Elm", 18), sentence: 0 },
          { ...at("Elm", 26), sentence: 1 },
          { ...at("Larch", 0), sentence: 2 },
        ],
        untyped: [],
      },
    ];
    const { entities } = mergeEntities([{ id: "a", title: "", body }], extracted, [], { mentions: true });
    expect(entity(entities, "oak").related.map((r) => [r.name, r.weight])).toEqual([
      ["Elm", 3],
      ["Larch", 1],
    ]);
    expect(entity(entities, "elm").related.map((r) => [r.name, r.weight])).toEqual([
      ["Oak", 3],
      ["Larch", 1],
    ]);
  });
});
