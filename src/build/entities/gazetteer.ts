/** @module A small hand-written gazetteer: countries, big cities, news organisations, political parties and common acronyms. */
import type { EntityType } from "../../format/schema";
import { isAcronym, nameKey } from "./normalize";

/** A canonical name followed by its other spellings. */
type Names = readonly [name: string, ...aliases: string[]];

/**
 * Reads a list written one entity a line as "Name | Alias | Alias", or many entities a line as "Name, Name".
 * Aliases that hold a comma ("Washington, D.C.") need a "|" line.
 */
function table(text: string): Names[] {
  return text
    .trim()
    .split("\n")
    .flatMap((line): Names[] => {
      if (line.includes("|")) return [line.split("|").map((name) => name.trim()) as unknown as Names];
      return line.split(",").flatMap((name): Names[] => (name.trim() ? [[name.trim()]] : []));
    });
}

const COUNTRIES = table(`
  United States | US | U.S. | USA | U.S.A. | America | United States of America
  United Kingdom | UK | U.K. | Britain | Great Britain
  United Arab Emirates | UAE | U.A.E.
  Soviet Union | USSR | U.S.S.R.
  Democratic Republic of the Congo | DRC | Democratic Republic of Congo | Congo-Kinshasa
  Republic of the Congo | Congo | Congo-Brazzaville
  South Korea | Republic of Korea | S. Korea
  North Korea | DPRK | N. Korea
  China | People's Republic of China | PRC
  Taiwan | Republic of China
  Russia | Russian Federation
  Czech Republic | Czechia
  Ivory Coast | Côte d'Ivoire | Cote d'Ivoire
  Myanmar | Burma
  Netherlands | Holland
  Vatican | Vatican City | Holy See
  Palestine | Palestinian Territories
  East Timor | Timor-Leste
  Eswatini | Swaziland
  North Macedonia | Macedonia
  Bosnia and Herzegovina | Bosnia
  Ireland | Republic of Ireland | Eire
  Trinidad and Tobago | Trinidad
  Afghanistan, Albania, Algeria, Andorra, Angola, Antigua and Barbuda, Argentina, Armenia, Australia, Austria
  Azerbaijan, Bahamas, Bahrain, Bangladesh, Barbados, Belarus, Belgium, Belize, Benin, Bhutan, Bolivia
  Botswana, Brazil, Brunei, Bulgaria, Burkina Faso, Burundi, Cambodia, Cameroon, Canada, Cape Verde
  Central African Republic, Chad, Chile, Colombia, Comoros, Costa Rica, Croatia, Cuba, Cyprus, Denmark
  Djibouti, Dominica, Dominican Republic, Ecuador, Egypt, El Salvador, Equatorial Guinea, Eritrea, Estonia
  Ethiopia, Fiji, Finland, France, Gabon, Gambia, Georgia, Germany, Ghana, Greece, Grenada, Guatemala, Guinea
  Guinea-Bissau, Guyana, Haiti, Honduras, Hungary, Iceland, India, Indonesia, Iran, Iraq, Israel
  Italy, Jamaica, Japan, Jordan, Kazakhstan, Kenya, Kiribati, Kosovo, Kuwait, Kyrgyzstan, Laos, Latvia
  Lebanon, Lesotho, Liberia, Libya, Liechtenstein, Lithuania, Luxembourg, Madagascar, Malawi, Malaysia
  Maldives, Mali, Malta, Marshall Islands, Mauritania, Mauritius, Mexico, Micronesia, Moldova, Monaco
  Mongolia, Montenegro, Morocco, Mozambique, Namibia, Nauru, Nepal, New Zealand, Nicaragua, Niger, Nigeria
  Norway, Oman, Pakistan, Palau, Panama, Papua New Guinea, Paraguay, Peru, Philippines, Poland, Portugal
  Qatar, Romania, Rwanda, Saint Kitts and Nevis, Saint Lucia, Samoa, San Marino, Saudi Arabia, Senegal, Serbia
  Seychelles, Sierra Leone, Singapore, Slovakia, Slovenia, Solomon Islands, Somalia, South Africa, South Sudan
  Spain, Sri Lanka, Sudan, Suriname, Sweden, Switzerland, Syria, Tajikistan, Tanzania, Thailand, Togo, Tonga
  Tunisia, Turkey, Turkmenistan, Tuvalu, Uganda, Ukraine, Uruguay, Uzbekistan, Vanuatu, Venezuela, Vietnam
  Yemen, Zambia, Zimbabwe, England, Scotland, Wales, Northern Ireland, Hong Kong, Macau, Puerto Rico
  Greenland, Faroe Islands, Gaza, West Bank, Kashmir, Tibet, Crimea, Chechnya, Kurdistan, Yugoslavia, Czechoslovakia, Zaire
  East Germany, West Germany, Rhodesia
`);

const PLACES = table(`
  New York | New York City | NYC
  Washington | Washington, D.C. | Washington D.C.
  Los Angeles | L.A.
  Middle East | Mideast
  Midwest | Middle West
  Far East, Near East, Scandinavia, Central Asia, South Asia, Southeast Asia, East Asia, West Africa, East Africa
  Gulf | Persian Gulf
  Europe, Asia, Africa, North America, South America, Latin America, Antarctica, Balkans, Caribbean, Pacific
  Atlantic, Wall Street, Silicon Valley, Kabul, Beijing, Shanghai, Tokyo, Moscow, London, Paris, Berlin, Rome, Madrid, Lisbon
  Brussels, Amsterdam, Vienna, Prague, Warsaw, Budapest, Athens, Istanbul, Ankara, Cairo, Tehran, Baghdad
  Damascus, Beirut, Jerusalem, Tel Aviv, Riyadh, Dubai, Abu Dhabi, Doha, Islamabad, Karachi, Lahore, New Delhi
  Delhi, Mumbai, Bombay, Kolkata, Calcutta, Dhaka, Bangkok, Hanoi, Jakarta, Manila, Seoul, Pyongyang, Taipei
  Singapore, Kuala Lumpur, Sydney, Melbourne, Canberra, Wellington, Ottawa, Toronto, Montreal, Vancouver
  Chicago, Boston, San Francisco, Houston, Dallas, Miami, Atlanta, Detroit, Seattle, Philadelphia, Mexico City
  Havana, Caracas, Bogota, Lima, Santiago, Buenos Aires, Brasilia, Sao Paulo, Rio de Janeiro, Johannesburg
  Pretoria, Cape Town, Nairobi, Lagos, Abuja, Addis Ababa, Khartoum, Tripoli, Tunis, Algiers, Rabat, Kyiv
  Kiev, Minsk, Tbilisi, Yerevan, Baku, Tashkent, Almaty, Astana, Nur-Sultan, Bishkek, Dushanbe, Ashgabat
  Stockholm, Oslo, Copenhagen, Helsinki, Tallinn, Riga, Vilnius, Dublin, Edinburgh, Geneva, Zurich, Frankfurt
  Munich, Hamburg, Milan, Bucharest, Sofia, Belgrade, Zagreb, Sarajevo, Kandahar, Hong Kong
`);

/** Places that hold cities: states and provinces ("Bluffton, Ohio"), as countries do. */
const REGIONS = table(`
  Texas, California, Florida, Alaska, Hawaii, Arizona, Nevada, Oregon, Colorado, Utah, Ohio, Michigan, Illinois, Pennsylvania
  Virginia, Massachusetts, New Jersey, Louisiana, Kentucky, Tennessee, Alabama, Mississippi, Arkansas
  Oklahoma, Kansas, Nebraska, Iowa, Missouri, Minnesota, Wisconsin, Indiana, Maryland, Delaware, Connecticut
  Vermont, Maine, New Hampshire, Rhode Island, North Carolina, South Carolina, North Dakota, South Dakota
  Montana, Wyoming, Idaho, New Mexico, West Virginia, Quebec, Ontario, Siberia, Bavaria
`);

const ORGANIZATIONS = table(`
  United Nations | UN | U.N.
  United Nations Security Council | UNSC | UN Security Council | U.N. Security Council
  United Nations General Assembly | UN General Assembly | U.N. General Assembly
  North Atlantic Treaty Organization | NATO
  European Union | EU | E.U.
  European Commission | EC
  European Central Bank | ECB
  World Health Organization | WHO
  World Trade Organization | WTO
  International Monetary Fund | IMF
  Organization of the Petroleum Exporting Countries | OPEC
  Association of Southeast Asian Nations | ASEAN
  Organisation for Economic Co-operation and Development | OECD
  Organization for Security and Co-operation in Europe | OSCE | Organisation for Security and Cooperation in Europe
  International Atomic Energy Agency | IAEA
  International Criminal Court | ICC
  UN Refugee Agency | UNHCR
  African Union | AU
  Federal Bureau of Investigation | FBI
  Central Intelligence Agency | CIA
  National Security Agency | NSA
  Federal Reserve | Fed
  Securities and Exchange Commission | SEC
  Department of Defense | Defense Department | DoD
  State Department | Department of State
  Islamic State | ISIS | ISIL | Daesh
  al-Qaeda | al-Qaida | Al Qaeda
  Reuters | Reuter
  Associated Press | AP
  Agence France-Presse | AFP
  BBC | British Broadcasting Corporation
  New York Times | NYT
  Wall Street Journal | WSJ
  Financial Times | FT
  The Guardian | Guardian
  General Motors | GM
  General Electric | GE
  JPMorgan | JP Morgan
  Exxon | Exxon Mobil
  International Olympic Committee | IOC
  Red Cross | International Committee of the Red Cross | ICRC
  World Bank, UNICEF, UNESCO, Pentagon, White House, Kremlin, Congress, Senate, House of Representatives
  Taliban, Hamas, Hezbollah, Islamic Emirate of Afghanistan
  Bloomberg, CNN, Al Jazeera, Fox News, NBC, CBS, ABC News, Washington Post, Xinhua, TASS, Interfax, Sputnik
  Kyodo, Yonhap, Google, Apple, Microsoft, Amazon, Facebook, Meta, Twitter, IBM, Ford, Toyota, Boeing, Airbus
  Goldman Sachs, Morgan Stanley, Citigroup, FIFA, UEFA, Amnesty International, Human Rights Watch
`);

/**
 * Political parties of the larger democracies, by the names news writes them with. A party's members ("Democrats",
 * "Republicans") are left out: CoNLL-2003 and most style guides read them as a group of people, not the party; so
 * are names several countries' parties share as aliases of one ("Social Democrats", "Christian Democrats"), and
 * acronyms other bodies have too ("DNC", "CPC").
 */
const PARTIES = table(`
  Conservative Party | Conservatives | Tories | Tory | Tory Party | Conservative and Unionist Party
  Labour Party | Labour | Scottish Labour | Welsh Labour
  Liberal Democrats | Lib Dems | Lib Dem | LibDems | Liberal Democrat Party
  Scottish National Party | SNP
  Democratic Unionist Party | DUP
  Sinn Fein | Sinn Féin
  UK Independence Party | UKIP
  Reform UK | Brexit Party
  Plaid Cymru, Green Party, Alliance Party, Ulster Unionist Party
  Democratic Party
  Republican Party | GOP
  Christian Democratic Union | CDU
  Christian Social Union | CSU
  Social Democratic Party of Germany | SPD
  Free Democratic Party | FDP | Free Democrats
  Alternative for Germany | AfD
  National Rally | Rassemblement National | National Front | Front National
  Bharatiya Janata Party | BJP
  Indian National Congress | Congress Party
  African National Congress | ANC
  Liberal Democratic Party | LDP
  Chinese Communist Party | Communist Party of China
  Kuomintang | KMT
  Fianna Fail | Fianna Fáil
  Likud, Fidesz, Syriza, Podemos, Fine Gael
`);

/**
 * The parties' names of several words as written ("Alternative for Germany", "Liberal Democrats"), for the rules to
 * find whatever the tagger read of them: it cuts a name at a country ("Alternative" and "Germany").
 */
export const PARTY_NAMES: readonly string[] = PARTIES.flat().filter((name) => /\s/u.test(name) && !isAcronym(name));

export interface GazetteerEntry {
  name: string;
  type: EntityType;
  /** The key came from an acronym ("UK", "EC"): a short form, never the name to show. */
  short: boolean;
  /** A country: its national side keeps the place type in sports reports ("Japan beat Syria"). */
  country: boolean;
  /** A country, state or province: a place cities are in ("Bluffton, Ohio"). */
  region: boolean;
  /**
   * A political party: known to the rules after the tagger, not to the tagger's features (the model was trained
   * without them; a party is an organisation whatever the tagger read, and its name untagged is one too).
   */
  party: boolean;
}

function index(): Map<string, GazetteerEntry> {
  const byKey = new Map<string, GazetteerEntry>();
  const lists: [Names[], EntityType][] = [
    [ORGANIZATIONS, "organization"],
    [PARTIES, "organization"],
    [COUNTRIES, "place"],
    [PLACES, "place"],
    [REGIONS, "place"],
  ];
  for (const [list, type] of lists) {
    for (const names of list) {
      for (const alias of names) {
        const key = nameKey(alias);
        if (!byKey.has(key))
          byKey.set(key, {
            name: names[0],
            type,
            short: isAcronym(alias),
            country: list === COUNTRIES,
            region: list === COUNTRIES || list === REGIONS,
            party: list === PARTIES,
          });
      }
    }
  }
  return byKey;
}

const BY_KEY = index();

/** The first word of every name the gazetteer knows, as keys ("new" for "new york"). */
export const FIRST_WORDS: ReadonlySet<string> = new Set([...BY_KEY.keys()].map((key) => key.split(" ")[0] as string));

/** The longest name, in words, that the gazetteer knows. */
export const LONGEST_NAME = Math.max(...[...BY_KEY.keys()].map((key) => key.split(" ").length));

/** The names the tagger's features read: all but the parties (see `GazetteerEntry.party`). */
const FEATURE_KEYS = [...BY_KEY].filter(([, entry]) => !entry.party).map(([key]) => key);

/** `FIRST_WORDS` of the names the tagger's features read. */
export const FEATURE_FIRST_WORDS: ReadonlySet<string> = new Set(FEATURE_KEYS.map((key) => key.split(" ")[0] as string));

/** `LONGEST_NAME` of the names the tagger's features read. */
export const FEATURE_LONGEST_NAME = Math.max(...FEATURE_KEYS.map((key) => key.split(" ").length));

/**
 * `lookupGazetteer` for the tagger's features: the entries it was trained with (no parties).
 * @example
 * featureGazetteer("labour"); // undefined, where lookupGazetteer("labour")?.type is "organization"
 */
export function featureGazetteer(key: string): GazetteerEntry | undefined {
  const entry = BY_KEY.get(key);
  return entry?.party ? undefined : entry;
}

/**
 * The gazetteer entry for a name key (see `nameKey`), if any.
 * @example
 * lookupGazetteer(nameKey("U.N.")); // { name: "United Nations", type: "organization", short: true }
 */
export function lookupGazetteer(key: string): GazetteerEntry | undefined {
  return BY_KEY.get(key);
}

/**
 * The bodies of the gazetteer that belong to one country, by that country: "Securities and Exchange Commission" is the
 * United States'. With another country's name before it ("Bangladesh Securities and Exchange Commission") a name is
 * that country's own body, not this one.
 */
const BODIES_OF_ONE_COUNTRY: Record<string, string[]> = {
  "United States": [
    ...["Securities and Exchange Commission", "Federal Bureau of Investigation", "Central Intelligence Agency"],
    ...["National Security Agency", "Federal Reserve", "Department of Defense", "State Department", "Pentagon"],
    ...["White House", "House of Representatives"],
  ],
  Russia: ["Kremlin"],
  "United Kingdom": ["BBC"],
};
const COUNTRY_OF_BODY = new Map(
  Object.entries(BODIES_OF_ONE_COUNTRY).flatMap(([country, bodies]) => bodies.map((body) => [nameKey(body), nameKey(country)] as const)),
);

/**
 * The country a gazetteer body belongs to, as a key ("united states"), or undefined: a body of no one country, or no
 * body the gazetteer knows.
 * @example
 * countryOfBody("sec"); // "united states"
 * countryOfBody("world bank"); // undefined
 */
export function countryOfBody(key: string): string | undefined {
  const entry = BY_KEY.get(key);
  return entry && COUNTRY_OF_BODY.get(nameKey(entry.name));
}

/**
 * Whether a written word names a gazetteer entry as an acronym. Case matters: "US" is the country, "us" is not.
 * @example
 * gazetteerAcronym("US")?.name; // "United States"
 * gazetteerAcronym("us"); // undefined
 */
export function gazetteerAcronym(word: string): GazetteerEntry | undefined {
  return isAcronym(word) ? BY_KEY.get(nameKey(word)) : undefined;
}

/**
 * The abbreviations of U.S. states that news copy writes after a city ("Pittsburgh, Pa.", "Irvine, Calif."), AP's and
 * the postal codes, as keys → the state's key. Not read by the tagger (its features know the gazetteer only); not
 * those that are a country's or a city's name too ("Ga." is no Georgia of the Caucasus, "Wash." no Washington, D.C.).
 */
const STATE_ABBREVIATIONS = new Map<string, string>(
  `
  ala alabama|ariz arizona|ark arkansas|calif california|colo colorado|conn connecticut|del delaware|fla florida
  ill illinois|ind indiana|kan kansas|kans kansas|ky kentucky|md maryland|mass massachusetts|mich michigan
  minn minnesota|miss mississippi|mo missouri|mont montana|neb nebraska|nebr nebraska|nev nevada|nh new hampshire
  nj new jersey|nm new mexico|nc north carolina|nd north dakota|okla oklahoma|ore oregon|pa pennsylvania
  ri rhode island|sc south carolina|sd south dakota|tenn tennessee|tex texas|vt vermont|va virginia
  wis wisconsin|wisc wisconsin|wyo wyoming|cal california
  `
    .trim()
    .split(/\s*[|\n]\s*/u)
    .map((pair) => {
      const [abbreviation = "", ...state] = pair.split(" ");
      return [abbreviation, state.join(" ")] as [string, string];
    }),
);

/**
 * The key of the U.S. state a place's key abbreviates ("calif" of "Calif."), if it is one.
 * @example
 * stateOfAbbreviation("calif"); // "california"
 * stateOfAbbreviation("ga"); // undefined
 */
export function stateOfAbbreviation(key: string): string | undefined {
  return STATE_ABBREVIATIONS.get(key);
}

/** The short forms of `STATE_ABBREVIATIONS`, and those a state has only with its full stop ("La."). */
const DOTTED_STATE_ABBREVIATIONS = new Map([...STATE_ABBREVIATIONS, ["la", "louisiana"]]);

/**
 * The key of the U.S. state a short form written with its full stop names ("La." is Louisiana, "Calif." California),
 * where the form without it names something else ("LA" is Los Angeles, "la" a word).
 * @example
 * stateOfDottedAbbreviation("La."); // "louisiana"
 * stateOfDottedAbbreviation("LA"); // undefined
 */
export function stateOfDottedAbbreviation(surface: string): string | undefined {
  const short = /^(\p{Lu}\p{Ll}+)\.$/u.exec(surface)?.[1]?.toLowerCase();
  return short === undefined ? undefined : DOTTED_STATE_ABBREVIATIONS.get(short);
}
