import { describe, expect, it } from "vitest";
import { type Clause, dateBound, type ParsedQuery, parseQuery } from "../src/search/parse-query";

const clause = (words: string | string[], more: Partial<Clause> = {}): Clause => ({
  words: typeof words === "string" ? [words] : words,
  prefix: false,
  field: "text",
  negated: false,
  ...more,
});
const parsed = (more: Partial<ParsedQuery>): ParsedQuery => ({ clauses: [], phrases: [], entities: [], languages: [], ...more });

describe("the query language: words", () => {
  it("reads nothing from an empty or blank query", () => {
    expect(parseQuery("")).toEqual(parsed({}));
    expect(parseQuery("   ")).toEqual(parsed({}));
  });

  it("reads each word as a clause, folded", () => {
    expect(parseQuery("Kabul ÉMBASSY ")).toEqual(parsed({ clauses: [clause("kabul"), clause("embassy")] }));
  });

  it("splits a token at punctuation into several words", () => {
    expect(parseQuery("U.S.-led ")).toEqual(parsed({ clauses: [clause("us"), clause("led")] }));
  });

  it("drops a possessive's 's' (a stray word every such text holds), but not in a quoted phrase", () => {
    expect(parseQuery("Fed's rate ")).toEqual(parsed({ clauses: [clause("fed"), clause("rate")] }));
    expect(parseQuery("Müller’s transfer ")).toEqual(parsed({ clauses: [clause("muller"), clause("transfer")] }));
    expect(parseQuery('"Fed\'s rate" ').phrases).toEqual([["fed", "s", "rate"]]);
    expect(parseQuery("it's ").clauses.map((c) => c.words[0])).toEqual(["it"]);
  });

  it("lists a repeated clause once", () => {
    expect(parseQuery("kabul Kabul KABUL ")).toEqual(parsed({ clauses: [clause("kabul")] }));
    expect(parseQuery("kabul -kabul ")).toEqual(parsed({ clauses: [clause("kabul"), clause("kabul", { negated: true })] }));
  });
});

describe("the query language: prefixes", () => {
  it("completes the word being typed, when it has two letters or more", () => {
    expect(parseQuery("kabul emb")).toEqual(parsed({ clauses: [clause("kabul"), clause("emb", { prefix: true })] }));
    expect(parseQuery("kabul em")).toEqual(parsed({ clauses: [clause("kabul"), clause("em", { prefix: true })] }));
    expect(parseQuery("kabul e")).toEqual(parsed({ clauses: [clause("kabul"), clause("e")] }));
  });

  it("completes a number being typed, and a word with diacritics", () => {
    expect(parseQuery("kabul 202").clauses.at(-1)).toEqual(clause("202", { prefix: true }));
    expect(parseQuery("kabul caf\u00e9").clauses.at(-1)).toEqual(clause("cafe", { prefix: true }));
  });

  it("does not complete a word followed by a space or punctuation", () => {
    expect(parseQuery("kabul emb ").clauses.at(-1)).toEqual(clause("emb"));
    expect(parseQuery("kabul emb.").clauses.at(-1)).toEqual(clause("emb"));
    expect(parseQuery("kabul emb?").clauses.at(-1)).toEqual(clause("emb"));
  });

  it("reads a trailing * as a prefix anywhere in the query, from two letters", () => {
    expect(parseQuery("sec* council ")).toEqual(parsed({ clauses: [clause("sec", { prefix: true }), clause("council")] }));
    expect(parseQuery("se* council ").clauses[0]).toEqual(clause("se", { prefix: true }));
    expect(parseQuery("s* council ").clauses[0]).toEqual(clause("s"));
    expect(parseQuery("sec*urity ").clauses).toEqual([clause("sec"), clause("urity")]);
  });

  it("puts the * on the last word of a token only", () => {
    expect(parseQuery("kabul.emb* ").clauses).toEqual([clause("kabul"), clause("emb", { prefix: true })]);
    expect(parseQuery("u.s.emb* ").clauses).toEqual([clause("us"), clause("emb", { prefix: true })]);
    expect(parseQuery("emb.u* ").clauses).toEqual([clause("emb"), clause("u")]);
  });

  it("completes the last word of an OR group being typed", () => {
    expect(parseQuery("kabul OR her")).toEqual(parsed({ clauses: [clause(["kabul", "her"], { prefix: true })] }));
  });

  it("does not complete a word ended by a quote", () => {
    expect(parseQuery('"kabul emb"').clauses).toEqual([clause("kabul"), clause("emb")]);
  });
});

describe("the query language: phrases", () => {
  it("keeps a quoted phrase with its stop words, and its content words as clauses", () => {
    expect(parseQuery('"the security council" taliban ')).toEqual(
      parsed({ phrases: [["the", "security", "council"]], clauses: [clause("security"), clause("council"), clause("taliban")] }),
    );
  });

  it("reads an unclosed quote to the end, never as a prefix", () => {
    expect(parseQuery('taliban "islamic emirate of afgh')).toEqual(
      parsed({
        phrases: [["islamic", "emirate", "of", "afgh"]],
        clauses: [clause("taliban"), clause("islamic"), clause("emirate"), clause("afgh")],
      }),
    );
  });

  it("reads typographic quotes as quotes", () => {
    expect(parseQuery("\u201ccurly quotes\u201d \u201elow quotes\u201d ").phrases).toEqual([
      ["curly", "quotes"],
      ["low", "quotes"],
    ]);
  });

  it("looks for a phrase of stop words as a phrase alone", () => {
    expect(parseQuery('"to be" ')).toEqual(parsed({ phrases: [["to", "be"]] }));
  });

  it("reads one quoted word as a word, even a stop word", () => {
    expect(parseQuery('"kabul" ')).toEqual(parsed({ clauses: [clause("kabul")] }));
    expect(parseQuery('"the" ')).toEqual(parsed({ clauses: [clause("the")] }));
  });

  it("excludes the words of a negated phrase without looking for the phrase", () => {
    expect(parseQuery('kabul -"security council" ')).toEqual(
      parsed({ clauses: [clause("kabul"), clause("security", { negated: true }), clause("council", { negated: true })] }),
    );
  });

  it("restricts a title: phrase to titles", () => {
    expect(parseQuery('title:"kabul airport" ')).toEqual(
      parsed({ phrases: [["kabul", "airport"]], clauses: [clause("kabul", { field: "title" }), clause("airport", { field: "title" })] }),
    );
  });

  it("ignores an empty pair of quotes", () => {
    expect(parseQuery('kabul "" ')).toEqual(parsed({ clauses: [clause("kabul")] }));
  });

  it("does not join a phrase to an OR before it", () => {
    expect(parseQuery('kabul OR "herat" kandahar ')).toEqual(parsed({ clauses: [clause("kabul"), clause("herat"), clause("kandahar")] }));
  });
});

describe("the query language: exclusions", () => {
  it("reads -word as an exclusion and ignores a lone -", () => {
    expect(parseQuery("kabul -taliban - ")).toEqual(parsed({ clauses: [clause("kabul"), clause("taliban", { negated: true })] }));
  });

  it("excludes every word of a negated token", () => {
    expect(parseQuery("kabul -new.york ")).toEqual(
      parsed({ clauses: [clause("kabul"), clause("new", { negated: true }), clause("york", { negated: true })] }),
    );
    // Letters with dots are one word: "U.S." is "us", as the build indexes it.
    expect(parseQuery("kabul -u.s ")).toEqual(parsed({ clauses: [clause("kabul"), clause("us", { negated: true })] }));
  });

  it("excludes a title word", () => {
    expect(parseQuery("kabul -title:taliban ").clauses).toEqual([clause("kabul"), clause("taliban", { field: "title", negated: true })]);
  });
});

describe("the query language: OR", () => {
  it("joins the words around OR into one clause", () => {
    expect(parseQuery("kandahar OR herat kabul ")).toEqual(parsed({ clauses: [clause(["kandahar", "herat"]), clause("kabul")] }));
    expect(parseQuery("a1 OR b2 OR c3 ")).toEqual(parsed({ clauses: [clause(["a1", "b2", "c3"])] }));
  });

  it("reads OR in capitals only: or is a (dropped) stop word", () => {
    expect(parseQuery("kandahar or herat ")).toEqual(parsed({ clauses: [clause("kandahar"), clause("herat")] }));
    expect(parseQuery("kandahar Or herat ")).toEqual(parsed({ clauses: [clause("kandahar"), clause("herat")] }));
  });

  it("ignores an OR with nothing before it", () => {
    expect(parseQuery("OR kabul ")).toEqual(parsed({ clauses: [clause("kabul")] }));
  });

  it("reads a lone OR as nothing", () => {
    expect(parseQuery("OR")).toEqual(parsed({}));
  });

  it("does not join an exclusion to an OR", () => {
    expect(parseQuery("kabul OR -herat ")).toEqual(parsed({ clauses: [clause("kabul"), clause("herat", { negated: true })] }));
  });

  it("reads -OR and title:OR as the word or", () => {
    expect(parseQuery("kabul -OR herat ")).toEqual(parsed({ clauses: [clause("kabul"), clause("herat")] }));
    expect(parseQuery("kabul title:OR herat ")).toEqual(parsed({ clauses: [clause("kabul"), clause("herat")] }));
  });

  it("joins only the first word of a token after OR", () => {
    expect(parseQuery("kabul OR herat-kandahar ")).toEqual(parsed({ clauses: [clause(["kabul", "herat"]), clause("kandahar")] }));
  });

  it("makes the OR group a prefix when a starred word joins it", () => {
    expect(parseQuery("kabul OR her* x1 ")).toEqual(parsed({ clauses: [clause(["kabul", "her"], { prefix: true }), clause("x1")] }));
    expect(parseQuery("kab* OR herat ")).toEqual(parsed({ clauses: [clause(["kab", "herat"], { prefix: true })] }));
  });

  it("does not join across an entity: or a date filter", () => {
    expect(parseQuery("kabul OR entity:nato herat ")).toEqual(parsed({ clauses: [clause("kabul"), clause("herat")], entities: ["nato"] }));
    expect(parseQuery("kabul OR from:2021 herat ")).toEqual(parsed({ clauses: [clause("kabul"), clause("herat")], from: "2021-01-01" }));
  });

  it("joins words after a filter to an OR after it", () => {
    expect(parseQuery("entity:nato kabul OR herat ")).toEqual(parsed({ clauses: [clause(["kabul", "herat"])], entities: ["nato"] }));
  });
});

describe("the query language: operators", () => {
  it("restricts title: words to titles, the operator's name in any case", () => {
    expect(parseQuery("title:kabul embassy ")).toEqual(parsed({ clauses: [clause("kabul", { field: "title" }), clause("embassy")] }));
    expect(parseQuery("TITLE:Kabul ")).toEqual(parsed({ clauses: [clause("kabul", { field: "title" })] }));
  });

  it("reads title:title:x as title words", () => {
    expect(parseQuery("title:title:kabul ")).toEqual(
      parsed({ clauses: [clause("title", { field: "title" }), clause("kabul", { field: "title" })] }),
    );
  });

  it("collects entity: ids, lowered, as filters", () => {
    expect(parseQuery("entity:John-Kirby ENTITY:nato kabul ")).toEqual(
      parsed({ clauses: [clause("kabul")], entities: ["john-kirby", "nato"] }),
    );
  });

  it("reads a quoted entity: as words, closed or not", () => {
    expect(parseQuery('entity:"john kirby" ')).toEqual(parsed({ clauses: [clause("entity"), clause("john"), clause("kirby")] }));
    expect(parseQuery('entity:"john kirby')).toEqual(
      parsed({ clauses: [clause("entity"), clause("john"), clause("kirby", { prefix: true })] }),
    );
  });

  it("reads from: and to: as inclusive day bounds", () => {
    expect(parseQuery("kabul from:2021-08 to:2021 ")).toEqual(parsed({ clauses: [clause("kabul")], from: "2021-08-01", to: "2021-12-31" }));
    expect(parseQuery("from:2021 to:2021-02 ")).toEqual(parsed({ from: "2021-01-01", to: "2021-02-28" }));
    expect(parseQuery("FROM:2020-02-03 TO:2020-02-09 ")).toEqual(parsed({ from: "2020-02-03", to: "2020-02-09" }));
    expect(parseQuery("to:2024-02")).toEqual(parsed({ to: "2024-02-29" }));
  });

  it("reads a date without from: or to: as a word", () => {
    expect(parseQuery("kabul 2021 ")).toEqual(parsed({ clauses: [clause("kabul"), clause("2021")] }));
    expect(parseQuery("title:2021-08 ")).toEqual(
      parsed({ clauses: [clause("2021", { field: "title" }), clause("08", { field: "title" })] }),
    );
  });

  it("keeps the last of two from: bounds", () => {
    expect(parseQuery("from:2020 from:2021-05 ").from).toBe("2021-05-01");
  });

  it("reads a from: or to: that is not a date as words", () => {
    expect(parseQuery("from:yesterday ")).toEqual(parsed({ clauses: [clause("yesterday")] }));
    expect(parseQuery("to:21 ")).toEqual(parsed({ clauses: [clause("21")] }));
  });

  it("ignores an operator with nothing after it, in any case", () => {
    expect(parseQuery("kabul title: ")).toEqual(parsed({ clauses: [clause("kabul")] }));
    expect(parseQuery("kabul ENTITY: from: To:")).toEqual(parsed({ clauses: [clause("kabul")] }));
  });

  it("reads a word ending in a colon that is not an operator as the word", () => {
    expect(parseQuery("subtitle: kabul ")).toEqual(parsed({ clauses: [clause("subtitle"), clause("kabul")] }));
    expect(parseQuery("titles: ")).toEqual(parsed({ clauses: [clause("titles")] }));
  });

  it("reads an unknown name: as words, kept as typed", () => {
    expect(parseQuery("Foo:Bar ")).toEqual(parsed({ clauses: [clause("foo"), clause("bar")] }));
    expect(parseQuery("kabul OR foo:bar ")).toEqual(parsed({ clauses: [clause(["kabul", "foo"]), clause("bar")] }));
  });
});

describe("the query language: stop words", () => {
  it("drops stop words when the query has other words", () => {
    expect(parseQuery("the embassy of kabul ")).toEqual(parsed({ clauses: [clause("embassy"), clause("kabul")] }));
  });

  it("keeps them when there is nothing else", () => {
    expect(parseQuery("the of ")).toEqual(parsed({ clauses: [clause("the"), clause("of")] }));
  });

  it("keeps a stop word being typed, as it may begin a longer word", () => {
    expect(parseQuery("kabul an")).toEqual(parsed({ clauses: [clause("kabul"), clause("an", { prefix: true })] }));
  });

  it("keeps an OR group holding one content word", () => {
    expect(parseQuery("the OR kabul embassy ")).toEqual(parsed({ clauses: [clause(["the", "kabul"]), clause("embassy")] }));
  });

  it("never throws on symbols alone", () => {
    expect(parseQuery('" - * ( ) "')).toEqual(parsed({}));
    expect(parseQuery("-")).toEqual(parsed({}));
    expect(parseQuery(":")).toEqual(parsed({}));
  });
});

describe("date bounds", () => {
  it("turn a year, a month or a day into its first or last day", () => {
    expect(dateBound("2021", false)).toBe("2021-01-01");
    expect(dateBound("2021", true)).toBe("2021-12-31");
    expect(dateBound("2021-08", false)).toBe("2021-08-01");
    expect(dateBound("2021-08", true)).toBe("2021-08-31");
    expect(dateBound("2021-09", true)).toBe("2021-09-30");
    expect(dateBound("2021-02", true)).toBe("2021-02-28");
    expect(dateBound("2000-02", true)).toBe("2000-02-29");
    expect(dateBound("2021-12", true)).toBe("2021-12-31");
    expect(dateBound("2021-08-15", false)).toBe("2021-08-15");
    expect(dateBound("2021-08-15", true)).toBe("2021-08-15");
  });

  it("are undefined for anything else", () => {
    for (const text of ["", "21", "20211", "2021-8", "2021-08-1", "2021-08-15x", "x2021", "2021/08", "2021-08-15-01", "yesterday"]) {
      expect(dateBound(text, false)).toBeUndefined();
      expect(dateBound(text, true)).toBeUndefined();
    }
  });
});
