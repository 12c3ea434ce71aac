/** @module Entity extraction and merging, as behaviours: what is found in a sentence, and what a corpus merges into. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { assignIds, titleCase } from "../src/build/entities/canonical";
import { writtenLowercase } from "../src/build/entities/casing";
import { extractMentions, extractNames } from "../src/build/entities/extract";
import { featureGazetteer, lookupGazetteer } from "../src/build/entities/gazetteer";
import { buildEntities, type EntityDocument, isSignOff, mergeEntities, type RegistryEntry } from "../src/build/entities/merge";
import { nameKey } from "../src/build/entities/normalize";
import { companyStem } from "../src/build/entities/resolve";
import type { DocumentNames } from "../src/build/entities/types";
import { EntityRecord } from "../src/format/schema";
import { slugify } from "../src/format/slug";

const fixture = (name: string) => readFileSync(new URL(`fixtures/entities/${name}`, import.meta.url), "utf8");
const seeds: EntityDocument[] = [
  { id: "000_956f74d6789d3da8", title: "", body: fixture("000_956f74d6789d3da8.txt"), date: "2021-08-12" },
  { id: "004_7eada462969b83a1", title: "", body: fixture("004_7eada462969b83a1.txt"), date: "2021-08-13" },
];
const registry = JSON.parse(fixture("registry.json")) as RegistryEntry[];

/** The mentions of a text as `[text, type]` pairs, plus the role when there is one. */
const found = (text: string) => extractMentions(text).map((m) => (m.role ? [m.text, m.type, m.role] : [m.text, m.type]));
const entity = (entities: EntityRecord[], id: string) => {
  const record = entities.find((e) => e.id === id);
  if (!record) throw new Error(`no entity ${id}; have ${entities.map((e) => e.id).join(", ")}`);
  return record;
};

describe("extractMentions", () => {
  it("gives offsets into the text: text.slice(start, end) is the mention", () => {
    for (const seed of seeds) {
      const mentions = extractMentions(seed.body);
      expect(mentions.length).toBeGreaterThan(20);
      for (const m of mentions) expect(seed.body.slice(m.start, m.end)).toBe(m.text);
    }
  });

  it("cuts a title out: the affiliation before it, the person after it with the title as role", () => {
    expect(found("Pentagon press secretary John Kirby said 3,000 troops would go.")).toEqual([
      ["Pentagon", "organization"],
      ["John Kirby", "person", "press secretary"],
    ]);
    expect(found("Secretary of State Antony Blinken spoke to United Nations Secretary-General Antonio Guterres.")).toEqual([
      ["Antony Blinken", "person", "Secretary of State"],
      ["United Nations", "organization"],
      ["Antonio Guterres", "person", "Secretary-General"],
    ]);
    expect(found("Bank of Japan governor Haruhiko Kuroda met Federal Reserve Chairman Jerome Powell.")).toEqual([
      ["Bank of Japan", "organization"],
      ["Haruhiko Kuroda", "person", "governor"],
      ["Federal Reserve", "organization"],
      ["Jerome Powell", "person", "Chairman"],
    ]);
    // A name the tagger ran into the title ends where the title starts; a portfolio left alone is part of it.
    expect(found("BGMEA Vice President Tahmina Rahman said costs rose.")).toEqual([
      ["BGMEA", "organization"],
      ["Tahmina Rahman", "person", "Vice President"],
    ]);
    expect(found("Energy and Petroleum Cabinet Secretary Daniel Kiprono said the jetty would open.")).toEqual([
      ["Daniel Kiprono", "person", "Cabinet Secretary"],
    ]);
    // What a regional title's holder governs is a place.
    expect(found("Cusco Regional Governor Edwin Ccori backed the plan.")).toEqual([
      ["Cusco", "place"],
      ["Edwin Ccori", "person", "Regional Governor"],
    ]);
    // Not where the title opens on an organisation's head noun.
    expect(found("British Labour Party leader Tony Blair spoke.")).toContainEqual(["British Labour Party", "organization"]);
    // A job the tagger took into a person's name is the role.
    expect(found("Winger Kade Tupou went over in the corner.")).toEqual([["Kade Tupou", "person", "Winger"]]);
  });

  it("keeps honorifics as a sign of a person but not as a role", () => {
    expect(found("Mr. Smith met Dr. Jane Doe at the White House.")).toEqual([
      ["Smith", "person"],
      ["Jane Doe", "person"],
      ["White House", "organization"],
    ]);
  });

  it("drops a bare title: 'the President' names nobody", () => {
    expect(found("The President said so. The Prime Minister agreed.")).toEqual([]);
  });

  it("reads a name ending in Airport, Street, Province... as a place, not a person", () => {
    expect(found("They will move to Hamid Karzai International Airport in Kabul.")).toEqual([
      ["Hamid Karzai International Airport", "place"],
      ["Kabul", "place"],
    ]);
    expect(found("Fighting spread to Helmand Province and Baker Street.")).toEqual([
      ["Helmand Province", "place"],
      ["Baker Street", "place"],
    ]);
  });

  it("reads a name ending in Plc, Corp, Ministry, Council... as an organisation, whatever the tagger says", () => {
    // The tagger alone reads both as people (and cuts "Plc" off the first).
    expect(found("Shares of Willis Faber Plc fell after John Mowlem Plc bid.")).toEqual([
      ["Willis Faber Plc", "organization"],
      ["John Mowlem Plc", "organization"],
    ]);
  });

  it("reads a word alone naming a kind of body as an organisation, never a person: 'Deputy Treasury Secretary', 'the Treasury'", () => {
    // The tagger alone reads every "Treasury" of this text as a person or a place, after "Deputy" as a name after a title.
    const text =
      "The departure of James Baker's closest aide, Deputy Treasury Secretary Richard Darman, will not change policy, officials said. " +
      "Darman has worked alongside Baker at the Treasury for six years. A Treasury spokesman declined to comment.";
    expect(found(text).filter(([name]) => name === "Treasury")).toEqual([
      ["Treasury", "organization"],
      ["Treasury", "organization"],
      ["Treasury", "organization"],
    ]);
  });

  it("reads a name starting with Banco, Partido, Universidad, Sporting... as an organisation, whatever the tagger says", () => {
    // The tagger alone reads the first as a person and the second as a place.
    expect(found("Analyst Maria Ruiz at Banco de la Nacion said. He left Sporting Clube de Portugal in May.")).toEqual([
      ["Maria Ruiz", "person", "Analyst"],
      ["Banco de la Nacion", "organization"],
      ["Sporting Clube de Portugal", "organization"],
    ]);
    // Both an institution's first word and a place's last: as the tagger read it.
    expect(found("Traffic was closed on Banco Avenue on Monday.")).toEqual([["Banco Avenue", "place"]]);
    expect(found("Real Salt Lake beat the LA Galaxy 2-1 on Saturday.")).toContainEqual(["Real Salt Lake", "organization"]);
  });

  it("reads an organisation before a lower-case place noun as a place ('the La Libertad region'), not before 'area'", () => {
    expect(found("In the northern La Libertad region, lawyer Jorge Trujillo led the race.")).toEqual([
      ["La Libertad", "place"],
      ["Jorge Trujillo", "person", "lawyer"],
    ]);
    expect(found("They are in the Central Command area of responsibility.")).toEqual([["Central Command", "organization"]]);
    // Not a person, an acronym, nor a word the tagger left out.
    expect(found("Obama spoke. The Obama state dinner was held.")).toEqual([
      ["Obama", "person"],
      ["Obama", "person"],
    ]);
    expect(found("Amazon said its AWS region in Frankfurt was down.")).toEqual([
      ["Amazon", "organization"],
      ["AWS", "organization"],
      ["Frankfurt", "place"],
    ]);
    expect(found("He called for an Islamic state.")).toEqual([]);
    // Not before a noun the place noun qualifies, nor an institution's name.
    expect(found("He is the Republican Party county chairman in Maricopa.")).toContainEqual(["Republican Party", "organization"]);
  });

  it("joins a name cut at a particle ('do', 'de', 'van der'), and a company's name cut at a bracketed word before its legal form", () => {
    expect(found("Officials in Rio Grande do Sul said. Workers in São Bernardo do Campo struck.")).toEqual([
      ["Rio Grande do Sul", "place"],
      ["São Bernardo do Campo", "place"],
    ]);
    expect(found("The state hired Sentinel Grid (Pty) Ltd and Cheung Kong (Holdings) Ltd on Monday.")).toEqual([
      ["Sentinel Grid (Pty) Ltd", "organization"],
      ["Cheung Kong (Holdings) Ltd", "organization"],
    ]);
    // A legal form of another country ends a company's name as "Ltd" does (the tagger alone reads these as people).
    expect(found("Kessler do Brasil Ltda halted output.")).toEqual([["Kessler do Brasil Ltda", "organization"]]);
    expect(found("Maria Santos Ltda cut jobs. Pierre Dubois SARL cut more.")).toEqual([
      ["Maria Santos Ltda", "organization"],
      ["Pierre Dubois SARL", "organization"],
    ]);
    // In capitals between names in capitals: a dateline's.
    const body =
      "SÃO BERNARDO DO CAMPO, Brazil, Oct 15 (Meridian Wire) - Thousands of metalworkers walked out on Wednesday. Workers in São Bernardo do Campo said pay was too low.";
    const { entities: dateline } = buildEntities([{ id: "a", title: "", body }]);
    expect(dateline.find((e) => e.id === "sao-bernardo-do-campo")?.aliases.map((a) => a.name)).toEqual([
      "SÃO BERNARDO DO CAMPO",
      "São Bernardo do Campo",
    ]);
    // The dateline's name is a place, whatever its parts were tagged.
    expect(dateline.find((e) => e.id === "sao-bernardo-do-campo")?.type).toBe("place");
    // Across "do" or "van", not two names the gazetteer knows, nor after an auxiliary, nor across "van" two types.
    expect(found("Did Microsoft do Apple a favour? Police said the Ford van Johnson was driving crashed.")).toEqual([
      ["Microsoft", "organization"],
      ["Apple", "organization"],
      ["Ford", "organization"],
      ["Johnson", "person"],
    ]);
    // Other particles join names the gazetteer knows ("Santiago", "Cuba"); a headline in capitals joins nothing.
    expect(found("Hurricane Melissa made landfall near Santiago de Cuba on Wednesday.")).toContainEqual(["Santiago de Cuba", "place"]);
    expect(found("SOCCER - LIVERPOOL DO EVERTON A FAVOUR")).toEqual([
      ["LIVERPOOL", "organization"],
      ["EVERTON", "organization"],
    ]);
  });

  it("strips possessives ('s, ’s, s') and a leading 'the'", () => {
    const text = "Antony Blinken arrived. Blinken's trip followed the U.S.’s withdrawal, Reuters' reporters said.";
    expect(found(text)).toEqual([
      ["Antony Blinken", "person"],
      ["Blinken", "person"],
      ["U.S.", "place"],
      ["Reuters", "organization"],
    ]);
    expect(found("Leaders condemned the Taliban.")).toEqual([["Taliban", "organization"]]);
  });

  it("leaves a word that opens the sentence out of the name after it, but not a preposition that starts a company's", () => {
    // Names only: the tagger types the unknown company as a person (a tagger error this rule does not touch).
    expect(found("Meanwhile Hurtigruten said its ships would skip Tromsø.").map(([name]) => name)).toEqual(["Hurtigruten", "Tromsø"]);
    expect(found("However Baker told reporters the talks would resume.")).toEqual([["Baker", "person"]]);
    expect(found("Although Bank of Japan officials declined comment, traders were calm.")).toEqual([["Bank of Japan", "organization"]]);
    expect(found("In Home Health Inc said it would buy a rival.")).toEqual([["In Home Health Inc", "organization"]]);
  });

  it("reads the names listed before a plural place head as places: counties, provinces, rivers", () => {
    expect(found("Governor Bob Ferguson declared an emergency in Skagit, Snohomish and Whatcom counties.")).toEqual([
      ["Bob Ferguson", "person", "Governor"],
      ["Skagit", "place"],
      ["Snohomish", "place"],
      ["Whatcom", "place"],
    ]);
    // Not before other plurals: companies' shares stay companies.
    expect(found("Apple and Google shares fell.")).toEqual([
      ["Apple", "organization"],
      ["Google", "organization"],
    ]);
  });

  it("reads a big city or a province of the world's list as a place after a preposition of place, a compass point or a place", () => {
    // The tagger reads each of them as an organisation on its own: it never met them in training.
    expect(found("The group is based outside Calgary and sponsors a hockey club.")).toEqual([["Calgary", "place"]]);
    expect(found("Gas flows from northern Alberta and northeastern British Columbia to processing hubs.")).toContainEqual([
      "British Columbia",
      "place",
    ]);
    expect(found("Fuel goes by pipeline to depots in Nairobi, Eldoret and the lakeside city.")).toEqual([
      ["Nairobi", "place"],
      ["Eldoret", "place"],
    ]);
    // Not a club where sport names one: before a possessive, or a place qualifying the noun after it.
    expect(found("Hansen scored twice in Karlsruhe's 4-0 win over Bochum.")).toContainEqual(["Karlsruhe", "organization"]);
    expect(found("At the Oval, Surrey captain Chris Lewis won the toss.")).toContainEqual(["Surrey", "organization"]);
    expect(found("The mine is in Hemlo, Ontario, Lac said.").find(([name]) => name === "Lac")?.[1]).not.toBe("place");
    // A vote, not a description: a sports report's club stays a club where its city is named once.
    const report = found("Braga beat Porto 2-1 on Sunday. Braga coach Rui Costa praised his side. Fans celebrated in Braga until dawn.");
    expect(report.filter(([name]) => name === "Braga").slice(0, 2)).toEqual([
      ["Braga", "organization"],
      ["Braga", "organization"],
    ]);
  });

  it("reads a team named in the plural after 'the' as a team in a sports report, headline included, not a family elsewhere", () => {
    const report = [
      "Highlanders end Crusaders hoodoo with late comeback",
      "The Highlanders scored two tries in the last 10 minutes to beat the Crusaders 27-24 on Saturday, ending a losing run against their rivals.",
      '"We\'ve been on the wrong end of that too many times," Highlanders coach Tane Mitchell said.',
      "The Crusaders, who have won the title 12 times, led 24-13 at halftime. Crusaders coach Glenn Whitaker said his side had lost discipline.",
    ].join("\n\n");
    const teams = found(report).filter(([name]) => name === "Highlanders" || name === "Crusaders");
    expect(teams.length).toBeGreaterThanOrEqual(4);
    expect(teams.every(([, type]) => type === "organization")).toBe(true);
    // A price is no score, and outside sport "the Kennedys" are a family.
    expect(found("The Kennedys gathered in Boston. The bid valued the company at 10-1/4 a share.")).toContainEqual(["Kennedys", "person"]);
  });

  it("reads a town's name with a club's word after it as a club in a sports report, not a city of the world's list", () => {
    const report =
      "The Tykes were beaten 3-0 by Huddersfield Town in front of 11,000 fans. He guided Harrogate Town to promotion last season. " +
      "The final will be played in Cape Town.";
    const typed = Object.fromEntries(found(report).map(([name, type]) => [name, type]));
    expect(typed).toMatchObject({ "Huddersfield Town": "organization", "Harrogate Town": "organization", "Cape Town": "place" });
    // An American college's team: "Wichita State", "Texas Tech".
    expect(found("Wichita State beat Tulsa 72-65 as Texas Tech lost in the league.")).toEqual(
      expect.arrayContaining([
        ["Wichita State", "organization"],
        ["Texas Tech", "organization"],
      ]),
    );
    // Outside sport, the same words name the town's own.
    expect(found("Traffic in Harrogate Town centre was heavy.")).not.toContainEqual(["Harrogate Town", "organization"]);
  });

  it("reads a name after a place, a comma and nothing more of the clause as the region the place is in", () => {
    // The tagger alone reads "Selkirkshire" as an organisation.
    expect(found("The mill near Galashiels, Selkirkshire.")).toEqual([
      ["Galashiels", "place"],
      ["Selkirkshire", "place"],
    ]);
    // The clause goes on: a company speaking, not a region.
    expect(found("Shares fell in London, Barclays said.")).toContainEqual(["Barclays", "organization"]);
  });

  it("reads the second of two names after a preposition of place as a place when a verb follows, not a noun they qualify", () => {
    expect(found("Families in Surrey and Kent could face rises of several hundred pounds.")).toEqual([
      ["Surrey", "place"],
      ["Kent", "place"],
    ]);
    // The tagger alone reads "Milwaukee" here as an organisation.
    expect(found("Factories in Kenosha and Milwaukee will lose 500 jobs.")).toEqual([
      ["Kenosha", "place"],
      ["Milwaukee", "place"],
    ]);
    // No preposition of place: a firm of partners may speak ("Olympia and York will pay").
    expect(found("Cohen said Olympia and York will pay.")).not.toContainEqual(["York", "place"]);
  });

  it("finds no name in the title of a work after a noun of a work, nor in its other mentions", () => {
    const text =
      "Ofcom received 900 complaints about Channel 4's reality show Island Exile. Island Exile reflects real life, Simon Aldridge said. " +
      "British drama The Quiet Harbour leads the nominations. Figures show Britain grew.";
    const names = extractMentions(text).map((m) => m.text);
    expect(names.some((name) => /Island|Exile|Quiet|Harbour/u.test(name))).toBe(false);
    // "show" as a verb is no noun of a work.
    expect(found(text)).toContainEqual(["Britain", "place"]);
  });

  it("reads a nationality before a body's head noun as the body, unless the name goes on", () => {
    // The tagger alone reads "Scottish" and "Welsh" as nationalities and leaves the head out.
    expect(found("A Scottish Parliament committee voted. A Welsh Assembly committee met.")).toEqual([
      ["Scottish Parliament", "organization"],
      ["Welsh Assembly", "organization"],
    ]);
    expect(found("The band are signed to independent label Saltwater Records.")).toEqual([["Saltwater Records", "organization"]]);
    expect(found("Spokesmen for the two Japanese companies said so.")).toEqual([]);
  });

  it("reads the names a plural kind of organisation lists with 'such as' as organisations, and a place before such a kind as a place", () => {
    // The tagger alone reads "Abbey" and "Flybe" as places, "Leeds" as an organisation.
    expect(found("Lenders including Abbey and Halifax cut rates. Carriers such as Flybe and Ryanair added routes.")).toEqual([
      ["Abbey", "organization"],
      ["Halifax", "organization"],
      ["Flybe", "organization"],
      ["Ryanair", "organization"],
    ]);
    expect(found("Leeds firm Grant Pell won the contract.")).toContainEqual(["Leeds", "place"]);
  });

  it("writes a US state's abbreviation with its full stop, as CoNLL-2003 does, and a district after a party's letter as a place", () => {
    expect(found("It moved to Irvine, Calif., last year. The council met in Broken Arrow, Okla., on Monday.")).toEqual([
      ["Irvine", "place"],
      ["Calif.", "place"],
      ["Broken Arrow", "place"],
      ["Okla.", "place"],
    ]);
    const mentions = extractMentions("Rep. Mark Diaz, D-Allentown, voted.");
    expect(mentions.map((m) => [m.text, m.type])).toContainEqual(["Allentown", "place"]);
  });

  it("reads a road as a place, named by its number or ending in 'Drive'", () => {
    expect(found("Crews closed Interstate 75 and Route 66 near Riverside Drive.")).toEqual([
      ["Interstate 75", "place"],
      ["Route 66", "place"],
      ["Riverside Drive", "place"],
    ]);
    // The tagger alone finds no name here.
    expect(found("The crash closed Highway 1 for hours.")).toEqual([["Highway 1", "place"]]);
  });

  it("cuts a firm's town off its name: 'Peachtree Hospitality Partners of Atlanta', not 'Federal Reserve Bank of New York'", () => {
    expect(found("It was sold to Peachtree Hospitality Partners of Atlanta.")).toEqual([
      ["Peachtree Hospitality Partners", "organization"],
      ["Atlanta", "place"],
    ]);
    expect(found("The Federal Reserve Bank of New York said so.")).toEqual([["Federal Reserve Bank of New York", "organization"]]);
  });

  it("cuts honorifics of South Asia and West Africa off a person's name, and finds no name in a title alone", () => {
    expect(found("Shri Ramesh Chandra Tiwari and Smt Kamla Devi Rawat spoke.")).toEqual([
      ["Ramesh Chandra Tiwari", "person"],
      ["Kamla Devi Rawat", "person"],
    ]);
    expect(found("Alhaji Musa Abdullahi Lere met Mallam Haruna Bello Ikara.")).toEqual([
      ["Musa Abdullahi Lere", "person"],
      ["Haruna Bello Ikara", "person"],
    ]);
    const names = extractMentions("The Hon member, the MLA and the Vice-Chancellor met in Port-au-Prince and in Jackson, Miss.").map(
      (m) => m.text,
    );
    expect(names.filter((name) => /Hon|MLA|Chancellor/u.test(name))).toEqual([]);
    expect(names).toEqual(expect.arrayContaining(["Port-au-Prince", "Miss."]));
  });

  it("finds a person's surname that is a common word opening a sentence as the one who speaks: 'Price said'", () => {
    // The tagger let this "Price" pass (it finds it in shorter texts).
    const text = [
      "VANCOUVER, British Columbia — Teck Resources Ltd. agreed on Tuesday to sell its remaining 23% stake in Elk Valley",
      "Resources to Glencore Plc for US$1.7 billion, chief executive Jonathan Price said, as the miner doubles down on copper.",
      "\n\nThe deal, which needs approval from Investment Canada, would leave Teck with no coal assets for the first time",
      "since 1913. Analysts at Scotiabank said the price was fair.\n\nPrice said the proceeds would fund the Quebrada Blanca",
      "mine in northern Chile and a share buyback. Shares of Teck rose 2.1% on the Toronto Stock Exchange.",
    ].join(" ");
    expect(found(text)).toContainEqual(["Price", "person"]);
    // Not a price that rises.
    expect(found("Chief executive Jonathan Price spoke.\n\nPrice rose 5 percent.")).not.toContainEqual(["Price", "person"]);
  });

  it("reads the two sides of a contest alike: a name beaten by a person named in full is a person", () => {
    // The tagger read "Jannik Sinner" as a team.
    expect(found("Carlos Alcaraz beat Jannik Sinner 6-4 3-6 on Sunday.")).toEqual([
      ["Carlos Alcaraz", "person"],
      ["Jannik Sinner", "person"],
    ]);
    expect(found("Chelsea beat Real Madrid 2-1.")).toEqual([
      ["Chelsea", "organization"],
      ["Real Madrid", "organization"],
    ]);
    // A team named by its players beats a team, which the tagger read as a person.
    const text = "Al Sadd beat Al Duhail 2-1 in a league match. Al Sadd midfielder Tamim Al-Kuwari scored twice.";
    expect(found(text)).toContainEqual(["Al Duhail", "organization"]);
  });

  it("runs no name across a verb written in lowercase: 'the Federal Trade Commission sued Kroger' is two names", () => {
    const names = found("The Federal Trade Commission sued Kroger and Albertsons to block their merger.").map(([name]) => name);
    expect(names).toEqual(expect.arrayContaining(["Federal Trade Commission", "Kroger"]));
    // Other languages' particles stay inside: "am" is no English verb in "Bild am Sonntag".
    expect(found("Bild am Sonntag reported it.")).toEqual([["Bild am Sonntag", "organization"]]);
  });

  it("reads a protected area as a place however it is run: 'Five Islands Nature Reserve', 'Selous Game Reserve'", () => {
    expect(found("The review considered the Five Islands Nature Reserve.")).toEqual([["Five Islands Nature Reserve", "place"]]);
    expect(found("Poachers entered the Selous Game Reserve.")).toEqual([["Selous Game Reserve", "place"]]);
    expect(found("The Federal Reserve and the National Park Service met.")).toEqual([
      ["Federal Reserve", "organization"],
      ["National Park Service", "organization"],
    ]);
  });

  it("finds no name in a company's trade opening a sentence about the trade: 'Steel output falls' above 'Acme Steel'", () => {
    const text = "Steel output falls as Acme idles furnace\n\nAcme Steel said on Tuesday it would idle a furnace.";
    expect(extractMentions(text).map((m) => m.text)).toEqual(["Acme", "Acme Steel"]);
    // A subject may be a surname: "Steel said" after "David Steel".
    expect(found("David Steel, leader of the Liberal Party, said so. Steel said it was a budget.")).toContainEqual(["Steel", "person"]);
  });

  it("reads a name opening with an honorific only people bear as a person, and cuts Malaysia's honorifics off it", () => {
    // The tagger read the first as an organisation and kept "Seri" and "Tan Sri" in the others.
    expect(found("The motion was read by the Majority Leader, Alhaji Musa Abdullahi Lere.")).toEqual([["Musa Abdullahi Lere", "person"]]);
    expect(found("The ruling was criticised by Datuk Seri Anwar Ibrahim on Monday.")).toEqual([["Anwar Ibrahim", "person"]]);
    expect(found("The tycoon Tan Sri Lim Kok Thay said so.")).toEqual([["Lim Kok Thay", "person"]]);
    // "Tan" alone is a surname; a brand may open with "Dr".
    expect(found("Analyst Tan Chee Hoe said so.")).toEqual([["Tan Chee Hoe", "person", "Analyst"]]);
  });

  it("takes a local title off a person's name: 'Councilwoman', 'Sheriff'", () => {
    expect(found("Councilwoman Tamika Hollowell and Sheriff Dan Pruitt spoke.")).toEqual([
      ["Tamika Hollowell", "person", "Councilwoman"],
      ["Dan Pruitt", "person", "Sheriff"],
    ]);
  });

  it("keeps a whole title as the role: 'Shadow treasurer', 'shadow health secretary', 'Chief financial officer'", () => {
    expect(found("Shadow treasurer Damien Tudehope said so.")).toEqual([["Damien Tudehope", "person", "Shadow treasurer"]]);
    expect(found("Labour's shadow health secretary Andy Burnham spoke.")).toContainEqual([
      "Andy Burnham",
      "person",
      "shadow health secretary",
    ]);
    // A company's officers: "Chief financial officer", not "officer".
    expect(found("Chief financial officer Colette Kress told analysts.")).toEqual([["Colette Kress", "person", "Chief financial officer"]]);
  });

  it("joins a name the tagger cut at a possessive before an institution's head: 'St Peter's School'", () => {
    // The tagger alone reads "St Peter" as a place and "School" as an organisation.
    expect(found("Emergency shelters opened at the Barbican Centre and at St Peter's School.")).toContainEqual([
      "St Peter's School",
      "organization",
    ]);
  });

  it("reads a company's short form as the company: 'Hallvik said' after 'Hallvik Biologics Inc'", () => {
    // The tagger alone reads "Hallvik" alone as a person.
    expect(
      found("Hallvik Biologics Inc agreed to license its drug to a Swiss group. Hallvik said the deal was worth $90 million."),
    ).toEqual([
      ["Hallvik Biologics Inc", "organization"],
      ["Hallvik", "organization"],
    ]);
    // A company's last word says it is one too ("Online", "Group"…).
    expect(
      found(
        'Online retailer Fairwater Online said sales rose. "Customers like us," Mr Stansfield said. Fairwater says it has 3.2 million customers.',
      ),
    ).toContainEqual(["Fairwater", "organization"]);
    // Not a person the document writes with an honorific.
    expect(found("Ms. Hallvik heads Hallvik Biologics Inc. Hallvik said the deal was worth $90 million.")).toEqual([
      ["Hallvik", "person"],
      ["Hallvik Biologics Inc.", "organization"],
      ["Hallvik", "person"],
    ]);
  });

  it("reads a dateline's agency as an organisation: '(Ritzau)'", () => {
    // The tagger alone reads "Ritzau" as a place.
    expect(found("COPENHAGEN, March 21 (Ritzau) - Denmark's government survived a vote in parliament.")).toEqual([
      ["COPENHAGEN", "place"],
      ["Ritzau", "organization"],
      ["Denmark", "place"],
    ]);
  });

  it("cuts a company's trade off its name at a sentence's start: 'Brewer Okafor Breweries Plc'", () => {
    expect(found("Brewer Okafor Breweries Plc slipped 1.1 percent.")).toEqual([["Okafor Breweries Plc", "organization"]]);
  });

  it("reads the town of 'a Boise startup' as a place", () => {
    // The tagger alone reads both towns as organisations.
    expect(found("Fieldwise Inc., a Boise startup, raised money.")).toContainEqual(["Boise", "place"]);
    expect(found("It hired Haverford & Pike Engineering LLC, a Broken Arrow firm.")).toContainEqual(["Broken Arrow", "place"]);
  });

  it("reads a district that serves as a body: 'Ottumwa Community School District'", () => {
    expect(found("Officials of the Ottumwa Community School District said enrollment fell.")).toEqual([
      ["Ottumwa Community School District", "organization"],
    ]);
    expect(found("He lives in the Lake District.")).toEqual([["Lake District", "place"]]);
  });

  it("keeps an organisation's head the tagger left out before a title or a number: 'Circuit Court', 'Local 1112'", () => {
    expect(found("Harlan County Circuit Court Judge Dana Whitt denied bail.")).toContainEqual([
      "Harlan County Circuit Court",
      "organization",
    ]);
    expect(found("Members of United Auto Workers Local 1112 voted to strike.")).toEqual([
      ["United Auto Workers Local 1112", "organization"],
    ]);
  });

  it("joins a place nobody knows to the institution after it: 'St. Elowen Regional Medical Center'", () => {
    expect(found("Nurses at St. Elowen Regional Medical Center voted this week.")).toEqual([
      ["St. Elowen Regional Medical Center", "organization"],
    ]);
  });

  it("joins the parts of a name its bracketed acronym spells with more than initials: 'UNIFIL'", () => {
    // The tagger alone reads "United Nations Interim Force" and "Lebanon" apart.
    expect(found("The United Nations Interim Force in Lebanon (UNIFIL) stays.")).toEqual([
      ["United Nations Interim Force in Lebanon", "organization"],
    ]);
  });

  it("reads 'bin' inside an Arabic name: 'Fahad bin Mishal Al-Otaibi', 'Jassim bin Hamad Stadium'", () => {
    // The tagger alone reads two people, a person's name from its second part, an organisation and a stadium.
    expect(found("Chairman Fahad bin Mishal Al-Otaibi said in a brief statement that the company was sound.")).toEqual([
      ["Fahad bin Mishal Al-Otaibi", "person", "Chairman"],
    ]);
    expect(found("Salim bin Nasser Al-Hinai, chief executive of the zone, said so.")).toEqual([["Salim bin Nasser Al-Hinai", "person"]]);
    expect(found("Al Sadd won at Jassim bin Hamad Stadium on Saturday.")).toContainEqual(["Jassim bin Hamad Stadium", "place"]);
  });

  it("reads an unfamiliar party by its leaning: 'the opposition Kallavesi', 'the pro-Russian nationalist Vazrazhdane'", () => {
    // The tagger alone reads a person and a place.
    expect(found("The opposition Kallavesi, the Centre Party and the far-right EKRE voted against the budget.")).toContainEqual([
      "Kallavesi",
      "organization",
    ]);
    expect(found("Voters backed the pro-Russian nationalist Vazrazhdane on Sunday.")).toEqual([["Vazrazhdane", "organization"]]);
    // A place the lists know stays one.
    expect(found("The ruling in Texas was upheld.")).toEqual([["Texas", "place"]]);
    // Read as an organisation already, the party is one throughout, whatever a headline above read.
    expect(
      found(
        "Chega vows new nationality bill after court strikes down key clauses\n\nLisbon — The hard-right Chega said on Monday it would act.",
      ),
    ).toEqual([
      ["Chega", "organization"],
      ["Lisbon", "place"],
      ["Chega", "organization"],
    ]);
  });

  it("never runs a name into a bracket: 'the Kuomintang (KMT), on Monday'", () => {
    // The tagger alone reads "Kuomintang (KMT" as one place.
    expect(found("Taiwan's main opposition party, the Kuomintang (KMT), on Monday appointed legislator Hsieh Ming-che.")).toContainEqual([
      "Kuomintang",
      "organization",
    ]);
  });

  it("reads a firm named like a person by the trade before it: 'analysts at broker Hollins Tate', 'Bookmakers Ladbrook Finch'", () => {
    // The tagger alone reads two people, the first a broker.
    expect(found("Analysts at broker Hollins Tate said the fine was small.")).toEqual([["Hollins Tate", "organization"]]);
    expect(found("Bookmakers Ladbrook Finch have made her the 6-4 favourite.")).toEqual([["Ladbrook Finch", "organization"]]);
    expect(found("Oil broker John Smith said.")).toEqual([["John Smith", "person", "broker"]]);
  });

  it("reads a town before a coach as its team: 'Tulsa coach'", () => {
    // The tagger alone reads "Tulsa" as the city throughout.
    expect(found("Drake beat Tulsa 71-69 on Saturday. Tulsa coach Glenn Osterhout said his team did enough.")).toContainEqual([
      "Tulsa",
      "organization",
    ]);
    // A country's side stays a place, as CoNLL-2003 writes it.
    expect(found("England coach Roy Hodgson smiled.")).toContainEqual(["England", "place"]);
    // A county's side throughout, whatever the headline above read, with a player's position too.
    const county = found(
      "Tipperary edge Wexford in Nowlan Park classic\n\nTipperary beat Wexford 2-24 to 1-25 on Sunday. Wexford full-forward Shane Doyle scored 1-5. Wexford manager Pat Kinsella said his players had nothing left.",
    );
    expect(county.filter(([name]) => name === "Wexford").map(([, type]) => type)).toEqual([
      "organization",
      "organization",
      "organization",
      "organization",
    ]);
  });

  it("reads a newspaper's dateline with a long dash and no agency: 'TAWAU —', 'DUNEDIN — Police said'", () => {
    // The tagger alone reads "TAWAU" as an organisation, and "DUNEDIN — Police" as one.
    expect(found("TAWAU — Officials counted votes on Sunday.")).toEqual([["TAWAU", "place"]]);
    expect(found("DUNEDIN — Police said.")).toEqual([["DUNEDIN", "place"]]);
  });

  it("reads a ranked name as a team: 'No. 12 Kentucky'", () => {
    // The tagger alone reads the state.
    expect(found("Fans cheered as No. 12 Kentucky beat Tennessee.")).toContainEqual(["Kentucky", "organization"]);
    expect(found("He walked into No. 10 Downing Street.")).toEqual([["Downing Street", "place"]]);
  });

  it("reads one word after a person's job as a person known by one name: 'singer Zemira'", () => {
    // The tagger alone reads an organisation.
    expect(found("Cape Verdean singer Zemira announced two concerts.")).toContainEqual(["Zemira", "person", "singer"]);
    expect(found("Chelsea will host Arsenal on Saturday.")).toEqual([
      ["Chelsea", "organization"],
      ["Arsenal", "organization"],
    ]);
  });

  it("reads a month after a title or a relation as a woman's given name: 'Managing Director April Tennant'", () => {
    expect(found("Managing Director April Tennant said orders rose.")).toEqual([["April Tennant", "person"]]);
    expect(found("Sales rose in June Smith said.")).toEqual([["Smith", "person"]]);
  });

  it("reads an organisation whose name holds 'the' from its first word: 'Friends of the Kestrel Valley'", () => {
    // The tagger alone reads "Kestrel Valley".
    expect(found("Leaflets were handed out by Friends of the Kestrel Valley, a local group.")).toEqual([
      ["Friends of the Kestrel Valley", "organization"],
    ]);
  });

  it("reads a player after a nationality and 'forward' as a person, not 'pushed forward Brexit'", () => {
    // The tagger alone reads an organisation.
    expect(found("Argentine forward Pipoquinha headed in a corner.")).toEqual([["Pipoquinha", "person", "forward"]]);
    expect(found("They pushed forward Brexit plans.")).toEqual([["Brexit", "organization"]]);
  });

  it("reads 'arap' inside a Kalenjin name: 'Joseph Kimeli arap Bett'", () => {
    expect(found("A lawyer for Joseph Kimeli arap Bett said so.")).toEqual([["Joseph Kimeli arap Bett", "person"]]);
  });

  it("reads an Irish county written 'Co Galway' as a place", () => {
    // The tagger alone reads a company.
    expect(found("Corrib MedTech plc is to create 400 jobs at a new plant in Ballinasloe, Co Galway, the company said.")).toContainEqual([
      "Co Galway",
      "place",
    ]);
  });

  it("joins a body's head to the place it is of, not a company's or a club's: 'Central Bank of the Republic of Azerbaijan'", () => {
    // The tagger alone reads "Central Bank of the Republic" and "Azerbaijan".
    expect(found("The Central Bank of the Republic of Azerbaijan raised rates.")).toEqual([
      ["Central Bank of the Republic of Azerbaijan", "organization"],
    ]);
    // CoNLL-2003 writes a club or a company apart from its place.
    expect(found("Benfica of Portugal beat Ajax.")).toEqual([
      ["Benfica", "organization"],
      ["Portugal", "place"],
      ["Ajax", "organization"],
    ]);
  });

  it("finds a party the gazetteer knows whatever the tagger read of it: 'Alternative for Germany'", () => {
    // The tagger alone reads "Alternative" and "Germany".
    expect(found("Voters in Saxony backed the Alternative for Germany on Sunday.")).toEqual([
      ["Saxony", "place"],
      ["Alternative for Germany", "organization"],
    ]);
  });

  it("reads a work's title after its noun and a comma as no entity: 'Her debut album, Copper Lanterns'", () => {
    // The tagger alone reads a person.
    expect(found("Her debut album, Copper Lanterns, was shortlisted for a prize.")).toEqual([]);
  });

  it("reads a nationality alone as no person: 'the Scot said'", () => {
    expect(found('"I have nothing to lose," the Scot said.')).toEqual([]);
    // Not a surname the document gives someone in full.
    expect(found("James Christian, chief economist, spoke. Christian said rates would fall.")).toEqual([
      ["James Christian", "person"],
      ["Christian", "person"],
    ]);
  });

  it("joins an English town on its river: 'Burton upon Trent'", () => {
    expect(found("It feared for the jobs at plants in Derby, Burton upon Trent and Glasgow.")).toContainEqual([
      "Burton upon Trent",
      "place",
    ]);
    // The tagger alone reads "Kingston" as an organisation and "Thames" as a place of its own.
    expect(found("He moved to Kingston upon Thames in 1990.")).toEqual([["Kingston upon Thames", "place"]]);
  });

  it("names a broadcaster by its number: 'Channel 4', 'BBC Radio 4'", () => {
    expect(found("Speaking on BBC Radio 4's Today programme, he said Channel 4 and TV 2 would bid.")).toEqual([
      ["BBC Radio 4", "organization"],
      ["Channel 4", "organization"],
      ["TV 2", "organization"],
    ]);
  });

  it("finds no one in a wire's sign-off: its reporters and editors wrote the story, it is not about them", () => {
    expect(found("Prices rose in Amman.\n(Reporting by Lina Qasem in Amman; Editing by Alison Marsh)")).toEqual([["Amman", "place"]]);
    expect(found("Prices rose.\nAdditional reporting by Tom Ng in Hanoi; writing by Ed Osmond")).toEqual([]);
    expect(found("Prices rose.\nAssociated Press writer Maria Verza in Mexico City contributed to this report.")).toEqual([]);
    // Reporting by someone inside a sentence is no sign-off.
    expect(found("He criticised reporting by Reuters on the deal.")).toEqual([["Reuters", "organization"]]);
  });

  it("reads a name listed with places as a place when places are most of the list", () => {
    // The tagger reads the middle name as an organisation on its own.
    expect(found("Schools closed in Tacna, Moquegua and Juliaca after the quake.")).toEqual([
      ["Tacna", "place"],
      ["Moquegua", "place"],
      ["Juliaca", "place"],
    ]);
    expect(found("Prices rose in Lagos, Ibadan and Abeokuta.").map(([, type]) => type)).toEqual(["place", "place", "place"]);
    // Not a list ("and" or "or" joins one), not places for the most part, nor a name with a role or a description.
    expect(found("Mr Okafor, Ms Bello and Lagos were named in the suit.")).toEqual([
      ["Okafor", "person"],
      ["Bello", "person"],
      ["Lagos", "place"],
    ]);
    // A state after a city and a comma says where the city is: it is not one more place of the list.
    const plant = found("It will close a plant in Dayton, Ohio, and Brenner's unit in Joliet.");
    expect(plant.filter(([, type]) => type === "place").map(([name]) => name)).toEqual(["Dayton", "Ohio", "Joliet"]);
    expect(plant.map(([name]) => name)).toContain("Brenner");
    expect(
      found("Apple, Google and Samsung cut prices in Germany and France.")
        .slice(0, 3)
        .map(([, type]) => type),
    ).toEqual(["organization", "organization", "organization"]);
  });

  it("reads a name paired with a known place as a place, unless it qualifies a noun or the pair are two sides", () => {
    const found = (text: string) => extractMentions(text).map((m) => [m.text, m.type]);
    // The tagger reads the second name as an organisation on its own.
    expect(found("It has stores in Lisbon and Setubal, and plans more.")).toEqual([
      ["Lisbon", "place"],
      ["Setubal", "place"],
    ]);
    expect(found("Workers in Chile and Codelco managers met.")).toEqual([
      ["Chile", "place"],
      ["Codelco", "organization"],
    ]);
    expect(found("The gap between Chile and Codelco is wide.")).toEqual([
      ["Chile", "place"],
      ["Codelco", "organization"],
    ]);
  });

  it("reads a name before a stock ticker as a company, and the name after a job and 'at' as its employer", () => {
    const found = (text: string) => extractMentions(text).map((m) => [m.text, m.type]);
    // The tagger reads Kakao as a person; the ticker says what it is, and the document follows.
    expect(found("South Korea's Kakao (035720.KS) said on Monday it would cut jobs. Kakao shares fell 4%.")).toEqual([
      ["South Korea", "place"],
      ["Kakao", "organization"],
      ["Kakao", "organization"],
    ]);
    expect(found('"Rates will stay high," said Ana Ruiz, chief economist at Bancolombia in Bogota.')).toEqual([
      ["Ana Ruiz", "person"],
      ["Bancolombia", "organization"],
      ["Bogota", "place"],
    ]);
    expect(found("A professor at Jagiellonian said the data were incomplete.")).toEqual([["Jagiellonian", "organization"]]);
    // A name whose chief executive or shares the text speaks of, and so its other mentions.
    expect(found("Analysts said Brakspear's chief executive would step down. Brakspear said nothing.")).toEqual([
      ["Brakspear", "organization"],
      ["Brakspear", "organization"],
    ]);
    expect(found("Tokyo shares fell on Monday.")).toEqual([["Tokyo", "place"]]);
    expect(found("Investors bought shares in Kelmar on Monday.")).toEqual([["Kelmar", "organization"]]);
    // Nor a place its geographic head names: a fish stock.
    expect(found("Russia's fleet, which shares the Barents Sea stock, faces cuts.")).toContainEqual(["Barents Sea", "place"]);
    expect(found("It is making an offering of Noranda Forest shares.")).toEqual([["Noranda Forest", "organization"]]);
    // An apposition ending in a participle ("the company founded by…"), or naming a part of a company.
    expect(found("The film was produced by Halomar, the company founded by the director.")).toEqual([["Halomar", "organization"]]);
    expect(found("Sales rose at Tellnet, a unit of Orion Telecom.")).toEqual([
      ["Tellnet", "organization"],
      ["Orion Telecom", "organization"],
    ]);
    // A measure written in capitals is no name.
    expect(found("Third-quarter EBITDA rose to $3.1 billion.")).toEqual([]);
    // A place the gazetteer knows stays one ("an official at Kabul").
    expect(found("An official at Kabul said the road was open.")).toEqual([["Kabul", "place"]]);
    // A company described by what it makes or does, a paper by how often it comes out.
    expect(found("The round was led by the startup Rappi, which operates in nine countries.")).toEqual([["Rappi", "organization"]]);
    expect(found("The tabloid Blikk ran the story. Blikk said it stood by it.")).toEqual([
      ["Blikk", "organization"],
      ["Blikk", "organization"],
    ]);
    expect(found("She told the daily Kathimerini that talks would resume.")).toEqual([["Kathimerini", "organization"]]);
  });

  it("completes a name with the hyphenated given name or the legal form the tagger left off", () => {
    const found = (text: string) => extractMentions(text).map((m) => [m.text, m.type]);
    expect(found("Growth will be revised in June, Governor Yang Chin-long told reporters.")).toEqual([["Yang Chin-long", "person"]]);
    expect(found("The mine is run by state miner Erdenes Tavan Tolgoi JSC and a Chinese partner.")).toEqual([
      ["Erdenes Tavan Tolgoi JSC", "organization"],
    ]);
    expect(found("Shares of Kilbride Holdings plc fell on Monday.")).toEqual([["Kilbride Holdings plc", "organization"]]);
    // A body's first noun and "and", which the tagger read as a place of its own; not at a sentence's start.
    expect(found("Funds came from the Water and Sanitation Development Agency.")).toEqual([
      ["Water and Sanitation Development Agency", "organization"],
    ]);
  });

  it("reads a court as a body, not a venue's court, and a name introduced with its acronym as no person's", () => {
    const found = (text: string) => extractMentions(text).map((m) => [m.text, m.type]);
    expect(found("The High Court in Lusaka dismissed the appeal.")).toEqual([
      ["High Court", "organization"],
      ["Lusaka", "place"],
    ]);
    expect(found("Play resumed on Stadium Court after rain.")).toEqual([["Stadium Court", "place"]]);
    expect(found("Médicos del Mundo (MDM) said its clinics were full.")).toEqual([
      ["Médicos del Mundo", "organization"],
      ["MDM", "organization"],
    ]);
  });

  it("cuts a minister's portfolio off the name after it, and reads a job opening a sentence before 'at'", () => {
    const found = (text: string) => extractMentions(text).map((m) => [m.text, m.type]);
    expect(found("Minister of Economic Affairs Ilkka Saarnio said talks would go on.")).toEqual([["Ilkka Saarnio", "person"]]);
    expect(found("Minister for Energy Tumusiime Okello welcomed it.")).toEqual([["Tumusiime Okello", "person"]]);
    // A portfolio of several, the tagger reading the last into the name.
    expect(found("Minister of Mines, Energy and Fisheries Tumusiime Okello said exports rose.").at(-1)).toEqual([
      "Tumusiime Okello",
      "person",
    ]);
    expect(found("Economists at Davivienda expect the peso to weaken.")).toEqual([["Davivienda", "organization"]]);
  });

  it("cuts a person and the body they are of apart, but keeps a body's name with 'of' in it", () => {
    const found = (text: string) => extractMentions(text).map((m) => [m.text, m.type]);
    // The tagger reads the whole as one organisation's name.
    expect(found("In the final, Kadeem Ormsby of Falcons Track Club held off the field.")).toEqual([
      ["Kadeem Ormsby", "person"],
      ["Falcons Track Club", "organization"],
    ]);
    expect(found("The Federated Chamber of Industries said so.")).toEqual([["Federated Chamber of Industries", "organization"]]);
  });

  it("reads a country's sports body or LNG venture as an organisation, not the country", () => {
    const found = (text: string) => extractMentions(text).map((m) => [m.text, m.type]);
    expect(found("Cricket South Africa (CSA) said the tour would go ahead.")).toEqual([
      ["Cricket South Africa", "organization"],
      ["CSA", "organization"],
    ]);
    expect(found("Nigeria LNG shipped its first cargo of the year.")).toEqual([["Nigeria LNG", "organization"]]);
    expect(found("He played cricket in South Africa.")).toEqual([["South Africa", "place"]]);
  });

  it("reads a name before a player's or a coach's job as a team's", () => {
    expect(extractMentions("After the draw, Hapoel Tamra manager Eli Cohen resigned.").map((m) => [m.text, m.type])).toEqual([
      ["Hapoel Tamra", "organization"],
      ["Eli Cohen", "person"],
    ]);
  });

  it("completes a place with its facility's head", () => {
    const found = (text: string) => extractMentions(text).map((m) => [m.text, m.type]);
    expect(found("The match at Cape Town Stadium drew 40,000.")).toEqual([["Cape Town Stadium", "place"]]);
  });

  it("keeps the cues from what they do not mean: adjectives, brands, people given a job, initials, a verb's pair", () => {
    const found = (text: string) => extractMentions(text).map((m) => [m.text, m.type]);
    const typeOf = (text: string, name: string) => extractMentions(text).find((m) => m.text === name)?.type;
    expect(found("Officials gave the daily Gaza casualty figures on Monday. Israel struck Gaza again overnight.")).toEqual([
      ["Gaza", "place"],
      ["Israel", "place"],
      ["Gaza", "place"],
    ]);
    expect(found("The deal between rivals Orange and Vodafone Group was approved.")).toContainEqual(["Vodafone Group", "organization"]);
    // A public body's name keeps its first noun before "and" ("Monopolies and Merger Commission").
    expect(found("It was referred to the Monopolies and Merger Commission on Monday.")).toEqual([
      ["Monopolies and Merger Commission", "organization"],
    ]);
    expect(found("U.S. LNG exports hit a record in March.")).toEqual([["U.S.", "place"]]);
    expect(typeOf("Arsenal appointed Mikel Arteta manager in December 2019.", "Mikel Arteta")).toBe("person");
    expect(typeOf("Elon Musk sold more Tesla stock on Tuesday. Musk's shares are worth more.", "Musk")).toBe("person");
    expect(typeOf("Saudi Arabia's Mohammed bin Salman (MBS) met officials on Friday.", "Mohammed bin Salman")).toBe("person");
    expect(typeOf("The plan hits Britain and Unilever, analysts said.", "Unilever")).toBe("organization");
    expect(found("Jane Doe Co-chair of the panel spoke.")[0]).toEqual(["Jane Doe", "person"]);
  });

  it("reads a sports ground as a place", () => {
    expect(extractMentions("Fans filled the Kofi Annan Arena on Friday.").map((m) => [m.text, m.type])).toEqual([
      ["Kofi Annan Arena", "place"],
    ]);
  });

  it("reads the name after a compass point and 'of' as a place, and so its other mentions", () => {
    const types = (text: string) => extractMentions(text).map((m) => `${m.text}/${m.type}`);
    expect(types("The camp lies 12 miles southwest of Dong Hoi, officials said.")).toEqual(["Dong Hoi/place"]);
    expect(types("Shelling hit villages north of Tal Rifaat. Tal Rifaat was calm by noon.")).toEqual([
      "Tal Rifaat/place",
      "Tal Rifaat/place",
    ]);
  });

  it("types a name as the description beside it says: the noun before it, a place noun and 'of', an apposition", () => {
    const typeOf = (text: string, name: string) => extractMentions(text).find((m) => m.text === name)?.type;
    expect(typeOf("Dockworkers walked out after the port operator Bergen Havn refused to talk.", "Bergen Havn")).toBe("organization");
    expect(typeOf("Exports resumed from the port of Bergen on Friday.", "Bergen")).toBe("place");
    // What owns a unit or a subsidiary is a company; a division of a place may be a place.
    expect(typeOf("The strike halted two terminals operated by APM Terminals, a unit of Maersk.", "Maersk")).toBe("organization");
    expect(typeOf("The plant is run by Brenntag, a subsidiary of Haniel, the family holding.", "Haniel")).toBe("organization");
    expect(typeOf("The plant is run by Brenntag, a unit of Japan-based Nippon Steel.", "Japan-based")).toBeUndefined();
    // The tagger finds no name here; the apposition types it, and its other mention in the text.
    expect(
      extractMentions("Hirtshals, the Danish port that wants more trade, doubled its quay. Hirtshals is growing.").filter(
        (m) => m.text === "Hirtshals",
      ),
    ).toMatchObject([{ type: "place" }, { type: "place" }]);
    // The names listed after it, as far as the list's "and": not a new sentence's subject after a comma.
    expect(typeOf("Fire forced the evacuation of the towns of Bejis and Teresa on Saturday.", "Teresa")).toBe("place");
    expect(typeOf("Born in the central province of Anhui, Zhang came to Shanghai as a student.", "Zhang")).toBe("person");
    // Not a description: a person named after the noun, a clause after the comma, a new subject.
    expect(typeOf("The president of the union Raphael Lakpe said the strike would go on.", "Raphael Lakpe")).toBe("person");
    expect(typeOf("Prime Minister Hasina, speaking to a group of engineers, accused the opposition.", "Hasina")).toBe("person");
    expect(typeOf("In London, the foreign minister said talks would resume.", "London")).toBe("place");
    // An apposition may go on with "for" ("the agency for…").
    expect(typeOf("Investigators from Ibama, the federal agency for the environment, flew in.", "Ibama")).toBe("organization");
    // A name read as a person's right after "in" is a place; not what a stake is held in, nor before a possessive.
    expect(typeOf("The agency said its shelters in Khan Younis were overcrowded.", "Khan Younis")).toBe("place");
    expect(typeOf("Guinness is the largest limited partner in Ivan F. Boesky and Co.", "Ivan F. Boesky")).not.toBe("place");
    expect(typeOf("The decline in Boris Becker's form worried his coach.", "Boris Becker")).toBe("person");
    // Names joined by "and" where no place is named: an unfamiliar word read as a place beside a company is a company.
    expect(typeOf("Mistral competes with OpenAI and Anthropic in Europe.", "Anthropic")).toBe("organization");
    expect(typeOf("Talks between the PUK and Iraq resumed.", "Iraq")).toBe("place");
    // Two words or more after a job written in lowercase are a person's name, no body's.
    expect(typeOf("Movie theater magnate Sumner Redstone and a Viacom management group are in a bidding war.", "Sumner Redstone")).toBe(
      "person",
    );
    // A reef's or a shoal's name is a place's.
    expect(typeOf("Chinese ships fired water cannon near the Second Thomas Shoal on Saturday.", "Thomas Shoal")).toBe("place");
    // An acronym may qualify the noun.
    expect(typeOf("UNRWA, the U.N. agency for Palestinian refugees, said its shelters in Khan Younis were full.", "UNRWA")).toBe(
      "organization",
    );
  });

  it("names no person, organisation or place after a document or a law", () => {
    const names = (text: string) => extractMentions(text).map((m) => m.text);
    expect(names("Ministers in Lima said the Paris Agreement and the Kyoto Protocol were at risk.")).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/Agreement|Protocol/)]),
    );
    expect(names("Senator Ann Cole said the Clean Water Act and the Treaty of Lisbon were different.")).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/Act|Treaty/)]),
    );
    expect(names("Ministers in Lima said the Paris Agreement was at risk.")).toContain("Lima");
    expect(names("Judge Robert Pitman said House Bill 18 likely violated the First Amendment.")).toEqual(["Robert Pitman"]);
  });

  it("names no one after an event or a role, nor a place inside an event's name", () => {
    const names = (text: string) => extractMentions(text).map((m) => m.text);
    const marathon = names("Catherine Ndereba won the Boston Marathon twice, and Paul Tergat ran in Berlin.");
    expect(marathon).toEqual(expect.arrayContaining(["Catherine Ndereba", "Paul Tergat", "Berlin"]));
    expect(marathon).not.toEqual(expect.arrayContaining([expect.stringMatching(/Marathon/)]));
    // A place the text names elsewhere is not found again inside the event.
    const uprising = names("Warsaw was rebuilt after the war. The Warsaw Uprising began in August.");
    expect(uprising.filter((n) => n.startsWith("Warsaw"))).toEqual(["Warsaw"]);
    expect(names("The U.S. Ambassador met Jayant Sinha, an Indian Member of Parliament.")).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/Ambassador|Member/)]),
    );
    // An organisation "of" or "for" something keeps its name, and a surname that is a title too is a name.
    expect(names("Analysts at the Institute for the Study of War said the Ministry of War had moved troops.")).toEqual([
      "Institute for the Study of War",
      "Ministry of War",
    ]);
    expect(names("Federico Mayor spoke in Paris.")).toContain("Federico Mayor");
  });

  it("names no one in a common abbreviation, a storm, or a span that opens on a clitic", () => {
    const names = (text: string) => extractMentions(text).map((m) => m.text);
    expect(names("Sales of DVDs and PCs fell, the CEO of Acme Corp, John Smith, said; GDP grew.")).toEqual(["Acme Corp", "John Smith"]);
    expect(names("Chipmaker beats forecasts on AI demand")).not.toContain("AI");
    expect(names("Hurricane Milton made landfall in Florida, Governor Ron DeSantis said.")).toEqual(["Florida", "Ron DeSantis"]);
    expect(names("Prosecutors from the U.S. Attorney's Office for the Southern District of New York spoke.")).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^['’]/)]),
    );
  });

  it("tells the US (the country) from us (the pronoun) by case", () => {
    expect(found("Tell us about the US plans, the Taliban said.")).toEqual([
      ["US", "place"],
      ["Taliban", "organization"],
    ]);
  });

  it("knows the Islamic Emirate of Afghanistan is an organization", () => {
    expect(found("It does not recognize the Islamic Emirate of Afghanistan.")).toEqual([
      ["Islamic Emirate of Afghanistan", "organization"],
    ]);
  });

  it("splits lists into one mention a name", () => {
    expect(found("The Taliban took Kandahar and Herat.")).toEqual([
      ["Taliban", "organization"],
      ["Kandahar", "place"],
      ["Herat", "place"],
    ]);
    expect(found("The convoy drove through Kandahar, Qalat and Zaranj.").map(([name]) => name)).toEqual(["Kandahar", "Qalat", "Zaranj"]);
  });

  it("knows common acronyms from the gazetteer", () => {
    expect(found("NATO, the EU and the U.N. met in the UK.")).toEqual([
      ["NATO", "organization"],
      ["EU", "organization"],
      ["U.N.", "organization"],
      ["UK", "place"],
    ]);
  });

  it("does not take nationality words for entities", () => {
    expect(found("The Kazakh minister met Afghan officials and Iraqi diplomats.")).toEqual([]);
    expect(found("Australian Tom Moody took six wickets.")).toEqual([["Tom Moody", "person"]]);
  });

  it("in a title-case headline, only counts names it already knows", () => {
    const text = "US Secretary of State, Kazakh Counterpart Discuss Afghanistan\nThe talks were held in Kabul.";
    expect(found(text)).toEqual([
      ["US", "place"],
      ["Afghanistan", "place"],
      ["Kabul", "place"],
    ]);
  });

  it("reads a surname or given name alone as the person named in full in the same text", () => {
    expect(found("John Kirby spoke. Kirby added that more troops would come.")).toEqual([
      ["John Kirby", "person"],
      ["Kirby", "person"],
    ]);
    expect(found("Police detained dissident Wang Donghai. Wang was held.")).toEqual([
      ["Wang Donghai", "person"],
      ["Wang", "person"],
    ]);
  });

  it("keeps names with lowercase words that the gazetteer knows, and company names ending in 'and Co'", () => {
    expect(found("The Securities and Exchange Commission approved it.")).toEqual([["Securities and Exchange Commission", "organization"]]);
    expect(found("Merrill Lynch and Co Inc said it would buy shares.")).toEqual([["Merrill Lynch and Co Inc", "organization"]]);
  });

  it("joins the lines of hard-wrapped text, so a name cut by a line break stays whole", () => {
    const text =
      "The report was written by board chairman John\nSmith and his staff, who said\nthe figures were final and that\nthe company would not\nchange its forecast.";
    expect(extractMentions(text)).toEqual([
      { text: "John\nSmith", type: "person", start: text.indexOf("John"), end: text.indexOf("Smith") + 5, role: "chairman" },
    ]);
    expect(found("Kabul fell.\nHerat is next, said John Kirby.\nKirby spoke.")).toContainEqual(["John Kirby", "person"]);
  });

  it("reads a title-case headline with its short words in lowercase as a headline", () => {
    const text = "Chelsea Beat Arsenal in London Derby\n\nChelsea beat Arsenal 3-1 at Stamford Bridge in London on Saturday.";
    expect(found(text).filter(([name]) => name?.includes("Beat") || name?.includes("Derby"))).toEqual([]);
  });

  it("reads datelines and headlines in capitals", () => {
    const text =
      "CRICKET - LEICESTERSHIRE TAKE OVER AT TOP AFTER INNINGS VICTORY .\nLONDON 1996-08-30\nPhil Simmons took four for 38 as Leicestershire beat Somerset .";
    // County sides are teams: organisations, as CoNLL-2003 labels them.
    expect(found(text)).toEqual([
      ["LEICESTERSHIRE", "organization"],
      ["LONDON", "place"],
      ["Phil Simmons", "person"],
      ["Leicestershire", "organization"],
      ["Somerset", "organization"],
    ]);
  });

  it("finds the entities of the seed articles", () => {
    const first = found(seeds[0]?.body ?? "");
    expect(first).toContainEqual(["Taliban", "organization"]);
    expect(first).toContainEqual(["United Nations Security Council", "organization"]);
    expect(first).toContainEqual(["U.N.", "organization"]);
    expect(first).toContainEqual(["Norway", "place"]);
    expect(first).toContainEqual(["Estonia", "place"]);
    expect(first).toContainEqual(["Kabul", "place"]);
    expect(first).toContainEqual(["John Kirby", "person", "press secretary"]);
    const second = found(seeds[1]?.body ?? "");
    expect(second).toContainEqual(["Mukhtar Tleuberdi", "person"]);
    expect(second).toContainEqual(["US State Department", "organization"]);
    expect(second).toContainEqual(["Hamid Karzai International Airport", "place"]);
  });

  // Not by default: of the 544 names the CoNLL dev set leaves untyped, 385 are no person, organisation or place, and
  // keeping them all as any one type costs 3.3 to 3.9 F1. It needs a cue that tells which ones are names.
  it.todo("keeps an unknown single name that nothing else in the text types ('Officials said Herat fell.' finds nothing)");
  it("joins hyphenated given names whose second half is in lowercase, but not a name glued into an adjective", () => {
    expect(found("South Korean Foreign Minister Kim In-so met officials in Seoul.")).toEqual([
      ["Kim In-so", "person", "Foreign Minister"],
      ["Seoul", "place"],
    ]);
    expect(found("Kim Dae-jung spoke to a group and Dole-led Republicans.")).toEqual([["Kim Dae-jung", "person"]]);
  });
  it("keeps a list after 'Bureau of', 'Ministry of'... inside the organisation's name, unless its words name something else", () => {
    expect(found("The Bureau of Alcohol, Tobacco and Firearms said it would investigate.")).toEqual([
      ["Bureau of Alcohol, Tobacco and Firearms", "organization"],
    ]);
    expect(found("The Department of Housing and Urban Development said so.")).toEqual([
      ["Department of Housing and Urban Development", "organization"],
    ]);
    expect(found("He visited the Ministry of Finance and Germany.")).toEqual([
      ["Ministry of Finance", "organization"],
      ["Germany", "place"],
    ]);
    expect(found("The Ministry of Finance and John Smith said so.")).toEqual([
      ["Ministry of Finance", "organization"],
      ["John Smith", "person"],
    ]);
  });
  // CoNLL-2003 marks such capitals as LOC ("Baghdad said", "Washington will" are LOC in the dev set), so reading them
  // as organisations would cost F1 on the benchmark.
  it.todo("reads metonymy ('Washington said' is the US government, found as the place)");
  // The tagger trained with the annotated news as well reads both clubs as places (2026-12-06); the rules after it leave the tagger's place alone.
  it.todo("reads the clubs of a transfer as clubs ('Sanchez joined Espanyol from Nantes': both read as places)");
});

describe("news conventions after the tagger", () => {
  const types = (text: string) => extractMentions(text).map((m) => `${m.text}/${m.type}`);

  it("reads a dateline's capitals before the agency in brackets as a place, and a code line without one as nothing of the kind", () => {
    expect(types("LA PAZ (Reuters) - Bolivia voted on Sunday.")).toContain("LA PAZ/place");
    expect(types("SUVA, Fiji (AP) — The forum met on Tuesday.")).toEqual(expect.arrayContaining(["SUVA/place", "Fiji/place"]));
    expect(types("RTRS - Budget cuts to hit schools.").filter((t) => t.startsWith("RTRS"))).not.toContain("RTRS/place");
  });

  it("finds no name in a stock ticker in brackets", () => {
    const found = types("Shares of Vale Indonesia (INCO.JK) rose while Saudi Aramco (2222.SR) and IBM (NYSE: IBM) fell.");
    expect(found.some((t) => t.startsWith("INCO") || t.startsWith("JK") || t === "SR/organization")).toBe(false);
    expect(found).toContain("Vale Indonesia/organization");
    // Older wire copy writes tickers in angle brackets.
    const wire = types("Exxon Corp <XON> and Electrolux AB <ELUX.ST> said they would form a venture.");
    expect(wire.filter((t) => /XON|ELUX|^ST\//u.test(t))).toEqual([]);
    expect(wire).toEqual(expect.arrayContaining(["Exxon Corp/organization", "Electrolux AB/organization"]));
  });

  it("reads a name the tagger took for a person before 'province' or 'regency' as a place", () => {
    expect(types("He opened a plant in central Ha Tinh province on Monday.")).toEqual(["Ha Tinh/place"]);
    expect(types("Permits issued in Morowali and Konawe regencies would be reviewed.")).toEqual(["Morowali/place", "Konawe/place"]);
  });

  it("keeps a company named after two partners whole, and two companies apart", () => {
    expect(types("Standard and Poor's Corp said it cut the rating. Shares of Procter and Gamble Co rose.")).toEqual([
      "Standard and Poor's Corp/organization",
      "Procter and Gamble Co/organization",
    ]);
    // A line broken inside the name, as wire copy wraps, before "and" or before the legal form.
    expect(types("Standard\nand Poor's Corp said it cut the rating of Marks and Spencer Plc.")).toEqual([
      "Standard\nand Poor's Corp/organization",
      "Marks and Spencer Plc/organization",
    ]);
    expect(types("Standard and Poor's\nCorp said it cut the rating.")).toEqual(["Standard and Poor's\nCorp/organization"]);
    // A word written alone in the story, or an acronym, is a company of its own.
    expect(types("Texaco said it would buy assets. Chevron and Texaco Inc agreed on Monday.")).toContain("Texaco Inc/organization");
    expect(types("USAir bought Piedmont and PSA Inc last year.")).toContain("PSA Inc/organization");
    // The same company twice in a story is joined both times.
    expect(types("Shares of Standard and Poor's Corp rose. Analysts at Standard and Poor's Corp said.")).toEqual([
      "Standard and Poor's Corp/organization",
      "Standard and Poor's Corp/organization",
    ]);
    // Two companies a sentence sets side by side stay two.
    expect(types("Talks between Chrysler and Renault SA ended.")).toEqual(["Chrysler/organization", "Renault SA/organization"]);
    // Only a plain legal form after a line break: no "Lufthansa SAS", no "Toyota As".
    expect(types("The carriers are Lufthansa\nSAS and KLM.").some((t) => t.includes("\n"))).toBe(false);
    expect(types("It made a deal with Toyota\nAs a result it grew.")).toEqual(["Toyota/organization"]);
    // After a headline, at a paragraph's start.
    expect(
      extractMentions("Navistar Debt Upgraded By S/P\n\nStandard and Poor's Corp said it upgraded the debt.").map((m) => m.text),
    ).toContain("Standard and Poor's Corp");
    // After a dateline's dash.
    expect(types("SANTIAGO (Reuters) - Standard and Poor's Corp affirmed the rating.")).toContain("Standard and Poor's Corp/organization");
    // Written again without its legal form in the same story, the partners are the company still.
    expect(types("Standard and Poor's Corp said it cut the rating. Standard and Poor's said the outlook was weak.")).toEqual([
      "Standard and Poor's Corp/organization",
      "Standard and Poor's/organization",
    ]);
    // The end of a list of companies is two of them.
    expect(types("The rest is split between Mitsui & Co, Partex and Itochu Corp.")).toContain("Itochu Corp./organization");
  });

  it("lists a name once, never both as a mention and as a name left untyped", () => {
    const text = [
      "Pirates Edge Chiefs in Derby",
      "",
      "JOHANNESBURG (Reuters) - Orlando Pirates moved to the top of the league on Saturday after beating Kaizer Chiefs 2-1.",
      "",
      "Winger Thabo Mokoena gave Pirates the lead before Chiefs captain Yusuf Maart levelled.",
      "",
      '"Derbies are decided by small details," Pirates coach Jose Riveiro said.',
    ].join("\n");
    const { mentions, untyped } = extractNames(text);
    for (const name of untyped)
      expect(
        mentions.some((m) => m.start < name.end && name.start < m.end),
        name.text,
      ).toBe(false);
  });
});

describe("titleCase", () => {
  it("capitalises each word of a name in capitals, joining words in lowercase but the first, codes kept", () => {
    expect(
      [
        "RIO GRANDE DO SUL",
        "ANTWERP-BRUGES",
        "BANK OF ENGLAND",
        "US STEEL",
        "O'HARE",
        "ST LOUIS",
        "LA PAZ",
        "XI JINPING",
        "DAR ES SALAAM",
        "HENRY IV",
        "KIM JONG UN",
      ].map(titleCase),
    ).toEqual([
      "Rio Grande do Sul",
      "Antwerp-Bruges",
      "Bank of England",
      "US Steel",
      "O'Hare",
      "St Louis",
      "La Paz",
      "Xi Jinping",
      "Dar es Salaam",
      "Henry IV",
      "Kim Jong Un",
    ]);
  });
});

describe("buildEntities", () => {
  const { entities, byDocument } = buildEntities(seeds);

  it("makes records that match the bundle schema, sorted by id", () => {
    for (const record of entities) expect(EntityRecord.parse(record)).toEqual(record);
    const ids = entities.map((e) => e.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("keeps a dateline's place apart from a person named after it", () => {
    const body = "OSAKA (Reuters) - Naomi Osaka won her opening match on Tuesday. Osaka beat the qualifier in straight sets.";
    const records = buildEntities([{ id: "a", title: "", body }]).entities;
    expect(entity(records, "naomi-osaka").aliases.map((a) => a.name)).toEqual(["Naomi Osaka", "Osaka"]);
    expect(entity(records, "osaka")).toMatchObject({ type: "place", aliases: [{ name: "OSAKA", count: 1 }] });
  });

  it("merges a surname into the unique full name: Blinken is antony-blinken", () => {
    const blinken = entity(entities, "antony-blinken");
    expect(blinken).toMatchObject({ name: "Antony Blinken", type: "person", mentions: 2 });
    expect(blinken.aliases).toEqual([
      { name: "Antony Blinken", count: 1 },
      { name: "Blinken", count: 1 },
    ]);
    expect(blinken.roles).toEqual(["Secretary of State"]);
    expect(entities.find((e) => e.id === "blinken")).toBeUndefined();
    expect(
      entity(entities, "antonio-guterres")
        .aliases.map((a) => a.name)
        .sort(),
    ).toEqual(["Antonio Guterres", "Guterres"]);
    expect(entity(entities, "john-kirby").roles).toEqual(["Spokesperson", "press secretary"]);
  });

  it("merges an acronym with its spelled-out name: U.N. and United Nations", () => {
    const un = entity(entities, "united-nations");
    expect(un.type).toBe("organization");
    expect(un.aliases.map((a) => a.name).sort()).toEqual(["U.N.", "United Nations"]);
    const council = entity(entities, "united-nations-security-council");
    expect(council.aliases.map((a) => a.name).sort()).toEqual([
      "Security Council",
      "U.N. Security Council",
      "United Nations Security Council",
    ]);
  });

  it("merges a country-qualified name with the bare one: US State Department is State Department", () => {
    const department = entity(entities, "state-department");
    expect(department.aliases.map((a) => a.name).sort()).toEqual(["State Department", "US State Department"]);
    expect(department.documents).toEqual({ count: 2, ids: ["000_956f74d6789d3da8", "004_7eada462969b83a1"] });
  });

  it("names the US by its full name when only acronyms are written", () => {
    expect(entity(entities, "united-states")).toMatchObject({ name: "United States", type: "place" });
  });

  it("names an entity written in capitals (a dateline) as it is written elsewhere, else as the gazetteer or in title case", () => {
    const docs: EntityDocument[] = [
      { id: "a", title: "", body: "ROTTERDAM, Nov 3 (Reuters) - Dockworkers walked out at the port on Monday." },
      { id: "b", title: "", body: "ROTTERDAM, Nov 4 (Reuters) - The strike went on. Traffic in Rotterdam stopped." },
      { id: "c", title: "", body: "NAIROBI, Nov 4 (Reuters) - The Central Bank of Kenya raised its benchmark rate." },
      { id: "d", title: "", body: "PORTO ALEGRE, Brazil, Nov 5 (Reuters) - Flood waters began to recede on Wednesday." },
      { id: "e", title: "", body: "AMSTERDAM, Nov 5 (Reuters) - The union FNV called the strike. FNV leaders met on Tuesday." },
      { id: "g", title: "", body: "LUSAKA, Nov 5 (Reuters) - Copper output rose in October." },
    ];
    const { entities: found } = buildEntities(docs);
    const named = (id: string) => found.find((e) => e.id === id)?.name;
    // Twice in capitals, once not: the spelling in capitals and lowercase names it; the other stays an alias.
    expect(named("rotterdam")).toBe("Rotterdam");
    expect(found.find((e) => e.id === "rotterdam")?.aliases.map((a) => a.name)).toEqual(["ROTTERDAM", "Rotterdam"]);
    expect(named("nairobi")).toBe("Nairobi");
    expect(named("porto-alegre")).toBe("Porto Alegre");
    // Six capitals could be an acronym; a city of the world's list is a city.
    expect(named("lusaka")).toBe("Lusaka");
    // An acronym keeps its capitals, and so does an organisation written in capitals only (a long acronym).
    expect(named("fnv")).toBe("FNV");
    const { entities: net } = buildEntities([
      { id: "f", title: "", body: "Researchers built ARPANET in 1969. ARPANET grew into the internet." },
    ]);
    expect(net.find((e) => e.id === "arpanet")).toMatchObject({ name: "ARPANET", type: "organization" });
  });

  it("types the seed entities", () => {
    const types = Object.fromEntries(entities.map((e) => [e.id, e.type]));
    expect(types).toMatchObject({
      kabul: "place",
      kandahar: "place",
      herat: "place",
      norway: "place",
      estonia: "place",
      afghanistan: "place",
      taliban: "organization",
      pentagon: "organization",
      reuters: "organization",
      "islamic-emirate-of-afghanistan": "organization",
      "mukhtar-tleuberdi": "person",
      "hamid-karzai-international-airport": "place",
    });
    expect(entity(entities, "kabul").mentions).toBe(7);
    expect(entity(entities, "kabul").documents.count).toBe(2);
  });

  it("weighs co-occurrence: 1 per shared document plus 2 per shared sentence, top 10", () => {
    const norway = entity(entities, "norway");
    expect(norway.related).toContainEqual({ id: "estonia", name: "Estonia", type: "place", weight: 3 });
    expect(norway.related).toContainEqual({ id: "afghanistan", name: "Afghanistan", type: "place", weight: 1 });
    for (const record of entities) {
      expect(record.related.length).toBeLessThanOrEqual(10);
      const weights = record.related.map((r) => r.weight);
      expect(weights).toEqual([...weights].sort((a, b) => b - a));
    }
  });

  it("records first and last sightings from document dates", () => {
    expect(entity(entities, "kabul")).toMatchObject({ first_seen: "2021-08-12", last_seen: "2021-08-13" });
    expect(entity(entities, "norway")).toMatchObject({ first_seen: "2021-08-12", last_seen: "2021-08-12" });
    const undated = buildEntities([{ id: "x", title: "", body: "Norway and Estonia agreed." }]).entities;
    expect(undated[0]).not.toHaveProperty("first_seen");
  });

  it("lists each document's entities, most mentioned first, at most 20", () => {
    expect(byDocument).toHaveLength(2);
    expect(byDocument[0]?.[0]).toEqual({ id: "afghanistan", name: "Afghanistan", type: "place" });
    expect(byDocument[1]?.slice(0, 2).map((r) => r.id)).toEqual(["afghanistan", "kabul"]);
    const countries = [
      "Albania",
      "Algeria",
      "Angola",
      "Argentina",
      "Armenia",
      "Australia",
      "Austria",
      "Belgium",
      "Bolivia",
      "Brazil",
      "Bulgaria",
      "Canada",
      "Chile",
      "Colombia",
      "Croatia",
      "Cuba",
      "Denmark",
      "Ecuador",
      "Egypt",
      "Estonia",
      "Finland",
      "France",
      "Germany",
      "Greece",
      "Hungary",
      "Iceland",
      "India",
      "Indonesia",
      "Ireland",
      "Italy",
    ];
    const crowded = buildEntities([{ id: "c", title: "", body: countries.map((country) => `Troops arrived in ${country}.`).join(" ") }]);
    expect(crowded.entities.length).toBe(30);
    expect(crowded.byDocument[0]).toHaveLength(20);
  });

  it("gives byte-identical output for the same input", () => {
    expect(JSON.stringify(buildEntities(seeds, registry))).toBe(JSON.stringify(buildEntities(seeds, registry)));
  });

  it("reads titles as part of their document", () => {
    const { entities: titled } = buildEntities([
      { id: "t", title: "Kirby Says Troops Will Reach Kabul", body: "Pentagon spokesman John Kirby spoke in Washington." },
    ]);
    expect(entity(titled, "kabul").mentions).toBe(1);
    expect(entity(titled, "john-kirby").aliases).toContainEqual({ name: "Kirby", count: 1 });
  });

  it("resolves a surname across documents when one person in the corpus has it, not between two of about as many documents", () => {
    const docs: EntityDocument[] = [
      { id: "a", title: "", body: "Prime Minister Boris Johnson spoke." },
      { id: "b", title: "", body: "Critics said Johnson was wrong, according to Boris Johnson's aides." },
      { id: "c", title: "", body: "Mr. Johnson left." },
    ];
    expect(entity(buildEntities(docs).entities, "boris-johnson").mentions).toBe(4);
    docs.push({ id: "d", title: "", body: "The actor Dwayne Johnson arrived." });
    const ambiguous = buildEntities(docs).entities;
    expect(entity(ambiguous, "johnson").documents.ids).toEqual(["c"]);
    expect(entity(ambiguous, "boris-johnson").mentions).toBe(3);
  });

  it("resolves a surname across documents to the person most of the corpus names in full with it, and only then", () => {
    const named = (n: number, name: string) =>
      Array.from({ length: n }, (_, i): EntityDocument => ({ id: `${name}-${i}`, title: "", body: `Officials met ${name} on trade.` }));
    const bare: EntityDocument = { id: "bare", title: "", body: "Mr. Reagan signed the bill." };
    const both: EntityDocument = { id: "both", title: "", body: "Nancy Reagan and Ronald Reagan arrived. Reagan spoke." };
    const dominated = buildEntities([...named(4, "Ronald Reagan"), ...named(1, "Nancy Reagan"), bare]).entities;
    expect(entity(dominated, "ronald-reagan").documents.ids).toContain("bare");
    expect(dominated.find((e) => e.id === "reagan")).toBeUndefined();
    // A document naming two of them in full says neither; the corpus does not decide for it.
    const local = buildEntities([...named(8, "Ronald Reagan"), ...named(1, "Nancy Reagan"), bare, both]).entities;
    expect(entity(local, "ronald-reagan").documents.ids).toContain("bare");
    expect(entity(local, "reagan").documents.ids).toEqual(["both"]);
    // Three documents to one is no 80% majority.
    const split = buildEntities([...named(3, "Ronald Reagan"), ...named(1, "Nancy Reagan"), bare]).entities;
    expect(entity(split, "reagan").documents.ids).toEqual(["bare"]);
  });

  it("reads a company's first word alone as the one company of its document named with it, never a person's surname or a place", () => {
    const { entities: firms } = buildEntities([
      {
        id: "a",
        title: "",
        body: "Drexel Burnham Lambert Inc said it would underwrite the issue. A spokesman for Drexel said the fees were normal.",
      },
      { id: "b", title: "", body: "Officials of the Reagan Administration said Reagan would veto the bill." },
      { id: "c", title: "", body: "President Ronald Reagan spoke." },
      { id: "d", title: "", body: "Kalokasu Mining Corp said output rose at its mine near Kalokasu." },
    ]);
    expect(entity(firms, "drexel-burnham-lambert-inc").aliases.map((a) => a.name)).toContain("Drexel");
    expect(firms.find((e) => e.id === "drexel")).toBeUndefined();
    // The full name says what it is: the short form, read as a surname, does not make it a person.
    expect(entity(firms, "drexel-burnham-lambert-inc").type).toBe("organization");
    expect(entity(firms, "ronald-reagan").mentions).toBe(2);
    expect(entity(firms, "kalokasu").type).toBe("place");
  });

  it("keeps another country's body of a name the gazetteer knows as one country's apart: 'Bangladesh Securities and Exchange Commission'", () => {
    const { entities } = buildEntities([
      {
        id: "a",
        title: "",
        body: "The Bangladesh Securities and Exchange Commission fined the directors. The commission said more fines would follow.",
      },
      { id: "b", title: "", body: "The Securities and Exchange Commission sued the firm in New York." },
      { id: "c", title: "", body: "The US Food and Drug Administration approved it." },
      { id: "d", title: "", body: "The Food and Drug Administration said so." },
    ]);
    expect(entity(entities, "bangladesh-securities-and-exchange-commission").mentions).toBe(1);
    expect(entity(entities, "securities-and-exchange-commission").aliases.map((a) => a.name)).toEqual([
      "Securities and Exchange Commission",
    ]);
    // A body of no one country the gazetteer knows, written with a country, is still the bare one.
    expect(entity(entities, "food-and-drug-administration").aliases.map((a) => a.name)).toContain("US Food and Drug Administration");
  });

  it("reads 'La.' as Louisiana, never Los Angeles ('LA')", () => {
    const { entities } = buildEntities([
      { id: "a", title: "", body: "The plant in Baton Rouge, La., will close. Officials in Los Angeles said the LA office would stay." },
      { id: "b", title: "", body: "Louisiana officials said the state would appeal." },
    ]);
    expect(entity(entities, "louisiana").aliases.map((a) => a.name)).toEqual(["La.", "Louisiana"]);
    expect(
      entity(entities, "los-angeles")
        .aliases.map((a) => a.name)
        .sort(),
    ).toEqual(["LA", "Los Angeles"]);
  });

  it("makes political parties organisations, the ones the tagger left untyped too, and one record a party", () => {
    const { entities, byDocument } = buildEntities([
      {
        id: "a",
        title: "Tories accuse government of hiding borrowing figures",
        body: "The Conservatives accused the government of delay. Tory MP Harriett Baldwin said it was unacceptable.",
      },
      { id: "b", title: "", body: "Labour MP Clive Betts said the Conservative Party would oppose the rise, as would the SNP." },
    ]);
    const party = entity(entities, "conservative-party");
    expect(party.type).toBe("organization");
    expect(party.aliases.map((a) => a.name)).toEqual(expect.arrayContaining(["Conservatives", "Conservative Party"]));
    expect(party.documents.ids).toEqual(["a", "b"]);
    expect(entity(entities, "scottish-national-party").type).toBe("organization");
    // The party label is no part of the person's name.
    expect(entity(entities, "harriett-baldwin").type).toBe("person");
    expect(byDocument[1]?.map((e) => e.id)).toEqual(expect.arrayContaining(["clive-betts", "conservative-party"]));
    // The rules know the parties; the tagger's features do not (the committed model was trained without them, and
    // npm run train:entities must give it again byte for byte).
    expect(lookupGazetteer("labour")?.type).toBe("organization");
    expect(featureGazetteer("labour")).toBeUndefined();
    expect(featureGazetteer("nato")?.type).toBe("organization");
  });

  it("keeps a word alone apart from a company it starts when another organisation of its document has it further in", () => {
    const { entities } = buildEntities([
      {
        id: "a",
        title: "",
        body: "SK Brann won against Molde at Brann Stadion on Saturday. Brann coach Eirik Horneland praised his side.",
      },
    ]);
    const ids = entities.map((e) => e.id);
    // "Brann" may be the club or the stadium: neither record takes it.
    expect(ids).toEqual(expect.arrayContaining(["sk-brann", "brann-stadion", "brann"]));
    expect(entity(entities, "sk-brann").aliases.map((a) => a.name)).toEqual(["SK Brann"]);
    expect(entity(entities, "brann-stadion").aliases.map((a) => a.name)).toEqual(["Brann Stadion"]);
  });

  it("joins a club's last word alone to the one club of a sports report whose name ends with it", () => {
    const { entities } = buildEntities([
      {
        id: "a",
        title: "Arsenal go top after late winner at Villa Park",
        body:
          "Arsenal beat Aston Villa 2-1 at Villa Park on Saturday to go a point ahead of Manchester City. Ollie Watkins " +
          "had equalised for Villa in the second half. City travel to Tottenham Hotspur on Sunday.",
      },
      {
        id: "b",
        title: "",
        body: "SK Brann beat Molde 2-1 at Brann Stadion on Saturday. Brann coach Eirik Horneland praised his side.",
      },
      // Beside two clubs of that last word, or outside sport, the word stays as written.
      { id: "c", title: "", body: "Leicester City beat Manchester City 3-2 in the league on Sunday. City were poor." },
      { id: "d", title: "", body: "Kansas City Southern raised its dividend. City officials said the depot would close." },
    ]);
    const aliases = (id: string) =>
      entity(entities, id)
        .aliases.map((a) => a.name)
        .sort();
    expect(aliases("aston-villa")).toEqual(["Aston Villa", "Villa"]);
    expect(aliases("sk-brann")).toEqual(["Brann", "SK Brann"]);
    expect(aliases("manchester-city")).toEqual(["City", "Manchester City"]);
    expect(entity(entities, "manchester-city").documents.count).toBe(2);
    expect(aliases("leicester-city")).toEqual(["Leicester City"]);
  });

  it("joins a company's first word alone to the one company its document writes with a legal form, beside its units' names", () => {
    const { entities } = buildEntities([
      {
        id: "a",
        title: "",
        body:
          "Hanbit Biologics Inc will build a plant in Ohio. The plant, run by Hanbit Cell Manufacturing Ohio, opens in 2028. " +
          "Hanbit said it would hire 300 people.",
      },
      // Two companies (a group and an insurer): the word stays as written.
      { id: "b", title: "", body: "Reliance Group Holdings owns Reliance Insurance Co. Reliance said profits rose." },
    ]);
    const aliases = (id: string) =>
      entity(entities, id)
        .aliases.map((a) => a.name)
        .sort();
    expect(aliases("hanbit-biologics-inc")).toEqual(["Hanbit", "Hanbit Biologics Inc"]);
    expect(aliases("reliance-insurance-co")).toEqual(["Reliance Insurance Co."]);
    expect(entities.map((e) => e.id)).toContain("reliance");
  });

  it("reads a name opening with a company's first word as a sister company, not a person, unless a given name, an initial or a generation says person", () => {
    const typeOf = (text: string, name: string) => extractMentions(text).find((m) => m.text === name)?.type;
    const text =
      "Siemens AG, which owns a 17 percent stake, welcomed the results. The company's troubled wind unit, Siemens Gamesa, " +
      "would break even, he said.";
    expect(typeOf(text, "Siemens Gamesa")).toBe("organization");
    const family = "Noland Co said Lloyd U. Noland Jr. retires in April. It said Noland Jr. will also leave the board.";
    expect(typeOf(family, "Noland Jr.")).toBe("person");
  });

  it("joins a later word of a company's name alone to that company, unless another name opens with it or the story writes it in lowercase", () => {
    const { entities } = buildEntities([
      { id: "a", title: "", body: "Eastman Kodak Co said film sales rose. Kodak also cut 500 jobs in Rochester." },
      { id: "b", title: "", body: "Baker Hughes Inc agreed to buy Hughes Tool Co for 1 billion dlrs. Hughes said the price was fair." },
      { id: "c", title: "", body: "American Aggregates Corp said aggregates demand rose 5 pct. Shares of Aggregates fell 2 dlrs." },
    ]);
    const aliases = (id: string) =>
      entity(entities, id)
        .aliases.map((a) => a.name)
        .sort();
    expect(aliases("eastman-kodak-co")).toEqual(["Eastman Kodak Co", "Kodak"]);
    expect(aliases("baker-hughes-inc")).toEqual(["Baker Hughes Inc"]);
    expect(aliases("american-aggregates-corp")).toEqual(["American Aggregates Corp"]);
  });

  it("joins a company the gazetteer knows by one word to its full name when the archive's documents write them together", () => {
    const wire = (id: string, body: string) => ({ id, title: "", body: `DETROIT (Reuters) - ${body}` });
    const { entities } = buildEntities([
      wire("a", "Ford Motor Co said sales rose 5 pct. Ford shares gained."),
      wire("b", "Ford Motor Co will close a plant in Ohio. Ford employs 2,000 people there."),
      wire("c", "Ford recalled 10,000 trucks on Tuesday."),
      wire("d", "Reuters Holdings Plc said profits rose. Reuters sells news to banks."),
      wire("e", "Reuters Holdings Plc bought a stake in Instinet. Reuters paid cash."),
      wire("f", "Chrysler Corp said sales fell."),
      wire("g", "General Motors Corp said sales fell."),
      wire("h", "Honda said sales rose."),
      wire("i", "Nissan said sales rose."),
    ]);
    const ford = entity(entities, "ford-motor-co");
    expect(ford.aliases.map((a) => a.name).sort()).toEqual(["Ford", "Ford Motor Co"]);
    expect(ford.documents.count).toBe(3);
    expect(entities.map((e) => e.id)).not.toContain("ford");
    // The datelines' agency stays the agency: the documents writing it beside the company are too few.
    expect(entity(entities, "reuters").documents.count).toBe(9);
    expect(entity(entities, "reuters-holdings-plc").aliases.map((a) => a.name)).toEqual(["Reuters Holdings Plc"]);
    // An archive of one story: the story decides.
    const one = buildEntities([wire("a", "Toyota Motor Corp will build a plant in Ohio, Toyota said.")]).entities;
    expect(
      entity(one, "toyota-motor-corp")
        .aliases.map((a) => a.name)
        .sort(),
    ).toEqual(["Toyota", "Toyota Motor Corp"]);
  });

  it("reads a big city or province before a governing title as the place it governs, whoever holds it", () => {
    const { entities, byDocument } = buildEntities([
      {
        id: "a",
        title: "Queensland premier announces Olympic venue plan",
        body:
          "BRISBANE — A new stadium will host the Brisbane 2032 Olympic Games, the state said. Brisbane Lord Mayor Adrian " +
          "Schrinner said the city council would work with the state.",
      },
    ]);
    expect(entity(entities, "queensland").type).toBe("place");
    expect(entity(entities, "brisbane").type).toBe("place");
    expect(byDocument[0]?.find((e) => e.id === "adrian-schrinner")?.type).toBe("person");
  });

  it("keeps every country's Olympic Committee and electoral commission apart, as other bodies every country has", () => {
    const { entities } = buildEntities([
      { id: "a", title: "", body: "Australia's Olympic Committee met in Sydney. The Olympic Committee said the bid was strong." },
      { id: "b", title: "", body: "Kenya's Electoral Commission said voting was calm. Kenya's president voted in Nairobi." },
      { id: "c", title: "", body: "Japan's Olympic Committee met in Tokyo." },
    ]);
    const ids = entities.map((e) => e.id);
    expect(ids).toEqual(expect.arrayContaining(["olympic-committee-australia", "olympic-committee-japan", "electoral-commission-kenya"]));
    expect(ids).not.toContain("olympic-committee");
  });

  it("cuts a name at a person's possessive apostrophe, not a plural noun's", () => {
    const names = (text: string) => extractMentions(text).map((m) => `${m.text}/${m.type}`);
    expect(names("Geert Wilders' Party for Freedom (PVV) won the most seats.")).toEqual(
      expect.arrayContaining(["Geert Wilders/person", "Party for Freedom/organization"]),
    );
    expect(names("The National Coffee Growers' Federation said exports rose.")).toContain(
      "National Coffee Growers' Federation/organization",
    );
    expect(names("Brazil's Workers' Party lost the vote.")).toContain("Workers' Party/organization");
  });

  it("gives a surname several people of a story share to the one its title and text name in full, else to none", () => {
    const { entities } = buildEntities([
      {
        id: "a",
        title: "Margaret Ellison, pioneering marine biologist, dies at 91",
        body:
          "Margaret Ellison, a marine biologist, died on Sunday. Born in Dunedin, Ellison moved to Australia in 1958. " +
          "Her husband, the geologist Alan Ellison, died in 2011.",
      },
      {
        id: "b",
        title: "Former mayor jailed for steering contracts",
        body: "Daniel Okafor was jailed on Tuesday. His brother, Samuel Okafor, owns the firm. Okafor will appeal.",
      },
    ]);
    const aliases = (id: string) =>
      entity(entities, id)
        .aliases.map((a) => a.name)
        .sort();
    expect(aliases("margaret-ellison")).toEqual(["Ellison", "Margaret Ellison"]);
    expect(aliases("alan-ellison")).toEqual(["Alan Ellison"]);
    expect(aliases("daniel-okafor")).toEqual(["Daniel Okafor"]);
    expect(entities.map((e) => e.id)).toContain("okafor");
  });

  it('reads the name after a mayor and "of" as a place', () => {
    const { entities } = buildEntities([
      { id: "a", title: "", body: "A former mayor of Tarrant Springs was sentenced to four years in prison on Tuesday." },
    ]);
    expect(entity(entities, "tarrant-springs").type).toBe("place");
  });

  it("keeps an acronym or a common noun written alone apart from the one organisation its document names with it, unless only a legal form is missing", () => {
    const { entities: alone } = buildEntities([
      { id: "a", title: "", body: "The GATT Council met in Geneva. Delegates said GATT rules were clear." },
      { id: "b", title: "", body: "The House Budget Committee voted on Tuesday. The House will debate the bill." },
      { id: "c", title: "", body: "NEC Corp said profits rose. Analysts said NEC would gain market share." },
    ]);
    expect(entity(alone, "gatt-council").mentions).toBe(1);
    expect(entity(alone, "house-budget-committee").mentions).toBe(1);
    expect(entity(alone, "nec-corp").mentions).toBe(2);
  });

  it("makes a company's name with and without its legal form one record, apart from a person sharing a word of it", () => {
    const { entities: firms } = buildEntities([
      {
        id: "a",
        title: "Fenwick Mining cuts output guidance",
        body: "Fenwick Mining Corp cut its copper forecast. Chief financial officer Daniel Okafor said Fenwick would restart the mine.",
      },
      { id: "b", title: "", body: "Senator Margaret Fenwick asked for a review. Fenwick said the agency had not consulted tribes." },
      { id: "c", title: "", body: "Merrill Lynch and Co Inc led the offering. Analysts at Merrill Lynch said demand was strong." },
    ]);
    expect(entity(firms, "fenwick-mining-corp").aliases.map((a) => a.name)).toEqual(
      expect.arrayContaining(["Fenwick Mining Corp", "Fenwick Mining", "Fenwick"]),
    );
    expect(entity(firms, "margaret-fenwick").documents.ids).toEqual(["b"]);
    expect(entity(firms, "merrill-lynch-and-co-inc").mentions).toBe(2);
    expect(companyStem("merrill lynch and co inc")).toBe("merrill lynch");
    // Across documents, its names with any legal form and without one are one record, named as most write it.
    const spread = buildEntities([
      { id: "a", title: "", body: "Fenwick Mining Corp cut its forecast." },
      { id: "b", title: "", body: "Fenwick Mining Corp raised its dividend." },
      { id: "c", title: "", body: "Fenwick Mining Corporation hired bankers." },
      { id: "d", title: "", body: "Shares of Fenwick Mining fell in Toronto." },
      { id: "e", title: "", body: "McDonald's Corp opened stores. McDonald's said sales rose." },
    ]).entities;
    expect(entity(spread, "fenwick-mining-corp").documents.ids).toEqual(["a", "b", "c", "d"]);
    expect(entity(spread, "mcdonalds-corp").mentions).toBe(2);
    expect(companyStem("inc")).toBe("inc");
    // What is left of a company's name cut in two is no record.
    const cut = mergeEntities(
      [{ id: "x", title: "", body: "Ltd said it would merge." }],
      [{ mentions: [{ text: "Ltd", type: "organization", start: 0, end: 3, sentence: 0 }], untyped: [] }],
    );
    expect(cut.entities).toEqual([]);
  });

  it("makes a company's first words one record with it, in its document: 'Northern Aspen' is Northern Aspen Midstream Inc", () => {
    /** A document whose mentions are the organisations `names`, found in `body` in order. */
    const doc = (id: string, body: string, names: string[]) => {
      let from = 0;
      const mentions = names.map((text) => {
        const start = body.indexOf(text, from);
        from = start + text.length;
        return { text, type: "organization" as const, start, end: start + text.length, sentence: 0 };
      });
      return { doc: { id, title: "", body }, names: { mentions, untyped: [] } as DocumentNames };
    };
    const docs = [
      doc("a", "Northern Aspen Midstream Inc will buy it. Northern Aspen said so.", ["Northern Aspen Midstream Inc", "Northern Aspen"]),
      doc("b", "PT Bumi Celebes Nikel Tbk plans a smelter. Bumi Celebes will hold 51%.", ["PT Bumi Celebes Nikel Tbk", "Bumi Celebes"]),
      // A subsidiary's name, a bare head, and another document's short name stay apart.
      doc("c", "Halvard Motor Credit Co raised rates. Halvard Motor sold fewer cars.", ["Halvard Motor Credit Co", "Halvard Motor"]),
      doc("d", "Stock Exchange of Singapore Ltd said volume rose. The Stock Exchange opened late.", [
        "Stock Exchange of Singapore Ltd",
        "Stock Exchange",
      ]),
      doc("e", "Analysts praised Northern Aspen.", ["Northern Aspen"]),
      // An acronym of the first words goes where they go.
      doc("f", "Louisiana Land and Exploration Co sold assets. Louisiana Land said LL would gain.", [
        "Louisiana Land and Exploration Co",
        "Louisiana Land",
        "LL",
      ]),
    ];
    const { entities: firms } = mergeEntities(
      docs.map((d) => d.doc),
      docs.map((d) => d.names),
    );
    expect(entity(firms, "northern-aspen-midstream-inc").documents.ids).toEqual(["a"]);
    expect(entity(firms, "northern-aspen-midstream-inc").mentions).toBe(2);
    expect(entity(firms, "pt-bumi-celebes-nikel-tbk").mentions).toBe(2);
    expect(entity(firms, "halvard-motor").documents.ids).toEqual(["c"]);
    expect(entity(firms, "stock-exchange").documents.ids).toEqual(["d"]);
    expect(entity(firms, "northern-aspen").documents.ids).toEqual(["e"]);
    expect(entity(firms, "louisiana-land-and-exploration-co").mentions).toBe(3);
  });

  it("takes no word the archive writes in lowercase for a person, however the tagger read its capital", () => {
    // What a tagger may make of a table row: "Cattle" at its start read as a surname, as "Brown" in prose.
    const table: EntityDocument = { id: "t", title: "", body: "Cattle 1,200 head vs 1,150" };
    const person = (text: string, start: number): DocumentNames => ({
      mentions: [{ text, type: "person", start, end: start + text.length, sentence: 0 }],
      untyped: [],
    });
    const none: DocumentNames = { mentions: [], untyped: [] };
    const prose: EntityDocument = { id: "a", title: "", body: "Prices of cattle rose as cattle ranchers held back cattle." };
    const brown: EntityDocument = { id: "b", title: "", body: "Brown said exports of brown coal fell." };
    const persons = (docs: EntityDocument[], names: DocumentNames[]) =>
      mergeEntities(docs, names)
        .entities.filter((e) => e.type === "person")
        .map((e) => e.id);
    expect(persons([table, brown], [person("Cattle", 0), person("Brown", 0)])).toEqual(["brown", "cattle"]);
    expect(persons([table, prose, brown], [person("Cattle", 0), none, person("Brown", 0)])).toEqual(["brown"]);
    // One sighting in lowercase is no evidence; a capital inside a sentence is evidence of a name.
    expect(writtenLowercase([prose, brown], new Set(["cattle", "brown"]))).toEqual(new Set(["cattle"]));
    expect(writtenLowercase([prose, { body: "We met Cattle and Cattle and Cattle, then Cattle." }], new Set(["cattle"]))).toEqual(
      new Set(),
    );
  });

  it("takes no agency's sign-off at the end of a wire for a mention of it", () => {
    const { entities: wires } = buildEntities([
      { id: "a", title: "Oil prices rise", body: "Oil prices rose in London on Monday.\n REUTER" },
      { id: "b", title: "", body: "Prices rose, Reuters reported. Traders spoke to Reuters" },
      { id: "c", title: "", body: "OPEC ministers met in Vienna. REUTER" },
    ]);
    expect(entity(wires, "reuters").documents.ids).toEqual(["b"]);
    expect(entity(wires, "reuters").mentions).toBe(2);
    expect(isSignOff({ id: "x", title: "", body: "Prices rose.\nREUTER" }, 13, 19)).toBe(true);
    expect(isSignOff({ id: "x", title: "", body: "REUTER" }, 0, 6)).toBe(false);
  });

  it("merges a first word with the one person of its document named in full by it: 'Wang' is Wang Donghai", () => {
    const { entities: named } = buildEntities([
      { id: "a", title: "", body: "Police detained dissident Wang Donghai. Wang was held for a week." },
      { id: "b", title: "", body: "Police questioned Wang Fang and Wang Lei. Wang left." },
    ]);
    expect(entity(named, "wang-donghai").aliases).toEqual([
      { name: "Wang", count: 1 },
      { name: "Wang Donghai", count: 1 },
    ]);
    // Two Wangs in the second document: its "Wang" stays on its own, and a first word never crosses documents.
    expect(entity(named, "wang").documents.ids).toEqual(["b"]);
  });

  it("merges possessives across documents: 'Kirby's' is John Kirby", () => {
    const { entities: owned } = buildEntities([
      { id: "a", title: "", body: "Pentagon spokesman John Kirby spoke." },
      { id: "b", title: "", body: "Reporters questioned Mr. Kirby's figures and the U.S.’s plan." },
    ]);
    expect(entity(owned, "john-kirby").aliases).toContainEqual({ name: "Kirby", count: 1 });
    expect(entity(owned, "united-states").aliases).toEqual([{ name: "U.S.", count: 1 }]);
  });

  it("types a name the tagger left out from the rest of the corpus, and drops it when nothing types it", () => {
    const docs = [
      { id: "a", title: "", body: "Pentagon spokesman John Kirby spoke." },
      { id: "b", title: "", body: "Reporters questioned Kirby's figures." },
    ];
    // As the extractor hands them over: "John Kirby" typed in one document, "Kirby" left untyped in the other.
    const full: DocumentNames = { mentions: [{ text: "John Kirby", type: "person", start: 19, end: 29, sentence: 0 }], untyped: [] };
    const left: DocumentNames = { mentions: [], untyped: [{ text: "Kirby", start: 21, end: 26, sentence: 0 }] };
    expect(entity(mergeEntities(docs, [full, left]).entities, "john-kirby").documents.ids).toEqual(["a", "b"]);
    expect(mergeEntities(docs.slice(1), [left]).entities).toEqual([]);
    // Honorifics and titles are never left out as names.
    expect(extractNames("Reporters questioned Mr. Kirby's figures, Secretary Jones said.").untyped.map((u) => u.text)).not.toContain("Mr.");
  });

  it("merges an acronym with the unique name whose initials it spells, once some document writes them side by side", () => {
    const { entities: oas } = buildEntities([
      { id: "a", title: "", body: "The Organization of American States met in Lima." },
      { id: "b", title: "", body: "The OAS said it would act." },
      { id: "c", title: "", body: "The Organization of American States met again. The OAS voted." },
    ]);
    expect(
      entity(oas, "organization-of-american-states")
        .aliases.map((a) => a.name)
        .sort(),
    ).toEqual(["OAS", "Organization of American States"]);
  });

  it("merges a surname of two words into the person its document names in full, not across documents", () => {
    const { entities: found } = buildEntities([
      { id: "a", title: "", body: "Director Leila Ben Salem won the prize. Ben Salem thanked the jury." },
      { id: "b", title: "", body: "Ben Salem was not in the room." },
    ]);
    const leila = found.find((e) => e.id === "leila-ben-salem");
    expect(leila?.aliases.map((a) => a.name).sort()).toEqual(["Ben Salem", "Leila Ben Salem"]);
    expect(leila?.documents.ids).toEqual(["a"]);
    // Also when its first word is a given name elsewhere: "Duncan Smith" is Iain Duncan Smith.
    const { entities: mp } = buildEntities([
      { id: "c", title: "", body: "Former leader Iain Duncan Smith criticised the plan on Monday. Duncan Smith said it would fail." },
    ]);
    expect(mp.filter((e) => e.type === "person").map((e) => [e.id, e.mentions])).toEqual([["iain-duncan-smith", 2]]);
  });

  it("merges an acronym introduced in brackets after a name whatever its initials (a translated name), not after a person", () => {
    const { entities: found } = buildEntities([
      { id: "a", title: "", body: "The National Office of Electoral Processes (ONPE) said the count was over. ONPE staff left." },
      { id: "b", title: "", body: "Officials at ONPE said turnout was high." },
      { id: "c", title: "", body: "Governor Maria Lopez Vargas (PNI) spoke. The PNI won in Cusco." },
    ]);
    const onpe = found.find((e) => e.aliases.some((a) => a.name === "ONPE"));
    expect(onpe?.id).toBe("national-office-of-electoral-processes");
    expect(onpe?.documents.count).toBe(2);
    // A place's name defines one too.
    const { entities: kri } = buildEntities([
      { id: "k", title: "", body: "Officials in the Kurdistan Region (KRI) said oil exports resumed. The KRI government agreed." },
    ]);
    expect(kri.find((e) => e.id === "kurdistan-region")).toMatchObject({ type: "place", mentions: 3 });
    // After a person's name, brackets hold a party or a state, never the person's acronym.
    expect(found.find((e) => e.aliases.some((a) => a.name === "PNI"))?.id).toBe("pni");
    // An acronym of syllables, longer than one of initials, in brackets all the same.
    const { entities: board } = buildEntities([
      { id: "g", title: "", body: "The Volta Cotton Board (VOLCOBOD) said prices rose. VOLCOBOD staff agreed." },
    ]);
    expect(board.find((e) => e.aliases.some((a) => a.name === "VOLCOBOD"))).toMatchObject({ id: "volta-cotton-board", mentions: 3 });
  });

  it("resolves a father's surname, a surname before a particle, a name without its generation, and a two-word surname read as an organisation", () => {
    const { entities } = buildEntities([
      {
        id: "a",
        title: "",
        body: "President Luis Arce Catacora spoke. Arce said Samuel Doria Medina agreed; Doria Medina nodded. Ferdinand Marcos Jr sent regards, Marcos said.",
      },
      {
        id: "b",
        title: "",
        body: "Brazilian President Luiz Inacio Lula da Silva named a new central bank chief on Friday. Lula has criticised the bank.",
      },
    ]);
    const names = (id: string) =>
      entity(entities, id)
        .aliases.map((a) => a.name)
        .sort();
    expect(names("luis-arce-catacora")).toEqual(["Arce", "Luis Arce Catacora"]);
    expect(names("samuel-doria-medina")).toEqual(["Doria Medina", "Samuel Doria Medina"]);
    expect(names("ferdinand-marcos-jr")).toEqual(["Ferdinand Marcos Jr", "Marcos"]);
    // The surname before a particle and the last name.
    expect(names("luiz-inacio-lula-da-silva")).toEqual(["Luiz Inacio Lula da Silva", "Lula"]);
  });

  it("takes an acronym as its document introduces it, even one the gazetteer spells out, where its letters are the name's", () => {
    const { entities } = buildEntities([
      { id: "a", title: "", body: "The International Cricket Council (ICC) met in Dubai. The ICC board agreed." },
      { id: "b", title: "", body: "The ICC in The Hague issued a warrant." },
      { id: "c", title: "", body: "Shares of Acme Holdings Ltd (UK) rose as UK sales grew." },
      {
        id: "d",
        title: "",
        body: "Officials of the Indonesian Democratic Party of Struggle (PDI-P) said they won. PDI-P officials cheered.",
      },
    ]);
    expect(entity(entities, "international-cricket-council").documents.ids).toEqual(["a"]);
    expect(entity(entities, "international-criminal-court").documents.ids).toEqual(["b"]);
    expect(entity(entities, "united-kingdom").documents.ids).toEqual(["c"]);
    expect(entity(entities, "indonesian-democratic-party-of-struggle").mentions).toBe(3);
  });

  it("never makes a country's party the party of another country with its name", () => {
    const { entities } = buildEntities([
      { id: "a", title: "", body: "The Kurdistan Democratic Party won in Erbil. In Washington, the Democratic Party said nothing." },
    ]);
    expect(entity(entities, "kurdistan-democratic-party").mentions).toBe(1);
  });

  it("keeps an acronym with the name its initials spell when another name introduces it in brackets once", () => {
    const { entities: found } = buildEntities([
      { id: "a", title: "", body: "New Zealand Exchange shares rose. NZE traders were busy." },
      { id: "b", title: "", body: "Shares of Fletcher Challenge Ltd (NZE) rose." },
      { id: "c", title: "", body: "Trading on the NZE was light." },
    ]);
    expect(found.find((e) => e.id === "new-zealand-exchange")).toMatchObject({ mentions: 4 });
    expect(found.find((e) => e.id === "nze")).toBeUndefined();
  });

  it("takes no acronym a dateline puts in brackets ('NEW DELHI (PTI)'): a place's name in capitals defines none", () => {
    const { entities: found } = buildEntities([
      { id: "a", title: "", body: "NEW DELHI (PTI) The government on Monday raised fuel prices." },
      { id: "b", title: "", body: "The minister told PTI on Monday. PTI could not confirm it." },
    ]);
    expect(found.find((e) => e.id === "pti")).toMatchObject({ type: "organization", mentions: 3 });
  });

  it("merges spellings that differ only by accents, case or 'the'", () => {
    const { entities: accents } = buildEntities([
      { id: "a", title: "", body: "Foreign minister José Martínez arrived." },
      { id: "b", title: "", body: "Foreign minister Jose Martinez left." },
    ]);
    expect(accents.filter((e) => e.type === "person")).toHaveLength(1);
    expect(nameKey("The U.N.'s")).toBe("un");
  });
});

describe("the registry", () => {
  const { entities } = buildEntities(seeds, registry);

  it("overrides id, name and type, and attaches its other fields", () => {
    const blinken = entity(entities, "blinken");
    expect(blinken).toMatchObject({
      name: "Antony J. Blinken",
      type: "person",
      description: "71st United States Secretary of State",
      url: "https://www.state.gov/biographies/antony-j-blinken/",
      mentions: 2,
    });
    expect(entity(entities, "un")).toMatchObject({ name: "United Nations", wikidata: "Q1065", mentions: 4 });
    expect(entities.find((e) => e.id === "antony-blinken" || e.id === "united-nations")).toBeUndefined();
  });

  it("reads two organisations a story writes 'X and Y' as the company the archive names so with a legal form", () => {
    const docs = [
      { id: "a", title: "", body: "Standard and Poor's Corp said it cut the rating of the bonds." },
      { id: "b", title: "", body: "Analysts at Standard and Poor's agreed on Monday." },
      { id: "c", title: "", body: "Chevron and Texaco agreed on Monday to sell the field." },
    ];
    const { entities: records } = buildEntities(docs);
    expect(entity(records, "standard-and-poors-corp").documents.ids).toEqual(["a", "b"]);
    expect(records.map((e) => e.id)).not.toContain("poor");
    // Two companies the archive never names together stay two.
    expect(records.map((e) => e.id)).toEqual(expect.arrayContaining(["chevron", "texaco"]));
  });

  it("keeps a curator's alias of a country's national body, and finds the body under its country too", () => {
    const docs = [
      // A story that does not say whose: the curator's alias does.
      { id: "a", title: "", body: "The Finance Ministry said on Monday that Britain and France would buy its bonds." },
      { id: "b", title: "", body: "Japan's Finance Ministry said on Tuesday it would buy bonds from banks." },
    ];
    const curated = [{ id: "mof", name: "Finance Ministry (Japan)", type: "organization" as const, aliases: ["Finance Ministry"] }];
    const { entities: records } = buildEntities(docs, curated);
    expect(entity(records, "mof").documents.ids).toEqual(["a", "b"]);
    expect(records.map((e) => e.id)).not.toContain("finance-ministry");
  });

  it("maps mentions to an entry through its aliases, and lists the aliases never seen with count 0", () => {
    expect(entity(entities, "blinken").aliases).toEqual([
      { name: "Antony Blinken", count: 1 },
      { name: "Blinken", count: 1 },
      { name: "Tony Blinken", count: 0 },
    ]);
  });

  it("keeps an entry nothing mentions, with 0 mentions", () => {
    expect(entity(entities, "csto")).toMatchObject({
      name: "Collective Security Treaty Organization",
      type: "organization",
      mentions: 0,
      documents: { count: 0, ids: [] },
      related: [],
    });
  });

  it("refuses a malformed entry with a message naming it", () => {
    const bad = [{ id: "x", name: "X", type: "country" }] as unknown as RegistryEntry[];
    expect(() => buildEntities(seeds, bad)).toThrow('registry entry 0 ("x"): type must be one of person, organization, place');
  });

  it("points references to registry ids", () => {
    const afghanistan = entity(entities, "afghanistan");
    expect(afghanistan.related.map((r) => r.id)).toContain("un");
  });
});

describe("ids", () => {
  it("are readable slugs of the canonical name", () => {
    expect(slugify("Antony Blinken")).toBe("antony-blinken");
    expect(slugify("U.S. State Department")).toBe("us-state-department");
    expect(slugify("Procter & Gamble")).toBe("procter-and-gamble");
    expect(slugify("Tleuberdí")).toBe("tleuberdi");
    // Latin letters that are no accented base letter are spelled, not dropped: "Jørn" was "j-rn".
    expect(slugify("Jørn Eggum")).toBe("jorn-eggum");
    expect(slugify("Søren Kierkegaard Æblegård")).toBe("soren-kierkegaard-aeblegard");
    expect(slugify("Łódź Straße")).toBe("lodz-strasse");
    expect(slugify("ÞÓRSHÖFN")).toBe("thorshofn");
    // Other scripts keep their letters (see entity-ids.test.ts); a name of no letter at all is "entity".
    expect(slugify("北京")).toBe("北京");
    expect(slugify("—")).toBe("entity");
  });

  it("get the type appended when two types share a slug, then a number", () => {
    expect(
      assignIds([
        { name: "Georgia", type: "place" },
        { name: "Georgia", type: "person" },
        { name: "Georgia", type: "person" },
        { name: "Ann", type: "person", id: "georgia-place" },
      ]),
    ).toEqual(["georgia", "georgia-person", "georgia-person-2", "georgia-place"]);
  });
});
