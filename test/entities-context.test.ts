/** @module Entity types the tagger reads from context: sports sides named after places, businesses, places, names glued into adjectives. */
import { describe, expect, it } from "vitest";
import { extractMentions } from "../src/build/entities/extract";

const found = (text: string) => extractMentions(text).map((m) => [m.text, m.type]);
const typeOf = (text: string, name: string) => extractMentions(text).find((m) => m.text === name)?.type;

describe("sports reports", () => {
  const cricket =
    "Leicestershire beat Somerset by an innings and 39 runs in the county championship. Essex and Kent drew. The batsman and the bowler starred.";

  it("reads a place that beats or is beaten as a side: an organization", () => {
    expect(found(cricket).slice(0, 2)).toEqual([
      ["Leicestershire", "organization"],
      ["Somerset", "organization"],
    ]);
    expect(found(cricket).map(([name]) => name)).toEqual(["Leicestershire", "Somerset", "Essex", "Kent"]);
  });

  it("keeps national sides as places, as CoNLL does", () => {
    const soccer = "Japan beat Syria 2-1 in the Asian Cup soccer match on Friday. The coach praised the goalkeeper and the striker.";
    expect(found(soccer)).toEqual([
      ["Japan", "place"],
      ["Syria", "place"],
    ]);
  });

  it("keeps a venue a place, and reads nicknames after 'the' as sides", () => {
    const baseball =
      "In Chicago , the Braves beat the Cubs 6-5 in the first game . The pitcher allowed two hits in the ninth inning of the baseball game .";
    expect(found(baseball)).toEqual([
      ["Chicago", "place"],
      ["Braves", "organization"],
      ["Cubs", "organization"],
    ]);
  });

  it("reads the names before scores in a results table as sides, one sense per text", () => {
    const table =
      "Soccer results in the English league on Saturday :\nHull 0 Barnet 2\nCrewe 1 Watford 3\nThe goals came late in both matches .";
    expect(found(table)).toEqual([
      ["Hull", "organization"],
      ["Barnet", "organization"],
      ["Crewe", "organization"],
      ["Watford", "organization"],
    ]);
  });

  it("reads a club's name as an organization", () => {
    expect(typeOf("The San Diego Padres won again.", "San Diego Padres")).toBe("organization");
  });

  it("leaves places alone outside sports reports", () => {
    expect(found("Troops beat back an attack on Kandahar. Kabul was quiet.")).toEqual([
      ["Kandahar", "place"],
      ["Kabul", "place"],
    ]);
  });
});

describe("businesses", () => {
  it("reads a name as a business from 'shares of', and gives one name one type through the text", () => {
    expect(typeOf("Cofinec fell. Analysts said shares of Cofinec were cheap.", "Cofinec")).toBe("organization");
    const text = "Italian tyre giant Pirelli said on Friday it would build a plant in China. Pirelli shares rose 2 percent.";
    const types = new Set(
      extractMentions(text)
        .filter((m) => m.text === "Pirelli")
        .map((m) => m.type),
    );
    expect(types.size).toBe(1);
  });

  it("reads names joined by '&' and names ending in a company form (SpA, S.A., AB) as organizations", () => {
    expect(found("Douglas & Lomason has 4.45 million shares outstanding, said Pirelli SpA.")).toEqual([
      ["Douglas & Lomason", "organization"],
      ["Pirelli SpA", "organization"],
    ]);
  });

  it("does not take jargon acronyms for organizations, nor acronyms for given names", () => {
    expect(found("The meeting starts at 0800 GMT. He had three RBI as GDP grew.")).toEqual([]);
    expect(found("An IRA attempt failed.")).toEqual([["IRA", "organization"]]);
  });
});

describe("places", () => {
  it("reads an unknown name after 'in' as a place, and keeps it so through the text", () => {
    expect(found("Miners were waiting in Longyear to fly home. Longyear is a town in mourning.")).toEqual([
      ["Longyear", "place"],
      ["Longyear", "place"],
    ]);
  });
});

describe("names glued into other words", () => {
  it("drops names that are part of an adjective ('Pro-Moscow'), but finds the place a company is based in ('New York-based')", () => {
    expect(found("The New York-based group said so. Pro-Moscow leaders were angry.")).toEqual([["New York", "place"]]);
    // Only a place: "Cloud-based" and "Android-based" name none.
    expect(found("Android-based phones and Cloud-based tools sold well.")).toEqual([]);
    // The tagger alone misses both places.
    expect(found("Zhongke Weina, a Beijing-based maker of etching machines, hired a London-born engineer.")).toContainEqual([
      "Beijing",
      "place",
    ]);
    expect(found("The Grand Rapids-based utility serves 1.1 million customers.")).toEqual([["Grand Rapids", "place"]]);
    // A name the tagger ran on past the compound keeps the rest ("Bahrain-based Gulf News Agency" read as one).
    expect(found("Ministers ended a meeting, the Bahrain-based Gulf News Agency (GNA) said.")).toEqual([
      ["Bahrain", "place"],
      ["Gulf News Agency", "organization"],
      ["GNA", "organization"],
    ]);
  });

  it("cuts 'Former' off the name that follows", () => {
    expect(found("Former England captain Will Carling kicked.")).toEqual([
      ["England", "place"],
      ["Will Carling", "person"],
    ]);
  });

  it("stops a name before a weekday", () => {
    expect(found("On Friday, she met Jose Miguel Insulza Monday.")).toEqual([["Jose Miguel Insulza", "person"]]);
    expect(found("On the network CNBC Friday, she spoke.").flatMap(([name]) => (name?.includes("Friday") ? [name] : []))).toEqual([]);
  });

  it("reads a short results line as names, not as a title-case headline", () => {
    expect(found("1. Gabriela Szabo ( Romania ) 15:04.95\n2. Gete Wami ( Ethiopia ) 15:05.21")).toEqual([
      ["Gabriela Szabo", "person"],
      ["Romania", "place"],
      ["Gete Wami", "person"],
      ["Ethiopia", "place"],
    ]);
  });

  it("reads a list of names as names, not as a title-case headline", () => {
    expect(found("Christian Cullen, Jeff Wilson, Walter Little, Frank Bunce, Olo Brown.")).toEqual([
      ["Christian Cullen", "person"],
      ["Jeff Wilson", "person"],
      ["Walter Little", "person"],
      ["Frank Bunce", "person"],
      ["Olo Brown", "person"],
    ]);
  });
});
