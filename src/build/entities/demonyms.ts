/** @module Words for peoples, nationalities and faiths ("Afghan", "Kurdish", "Muslim"): adjectives, not names of entities. */

const DEMONYMS = new Set(
  `
  afghan american arab argentine argentinian armenian asian australian austrian azerbaijani azeri balkan
  bangladeshi belarusian belgian bolivian bosnian brazilian british briton bulgarian burmese cambodian
  canadian catalan chechen chilean chinese colombian congolese croat croatian cuban cypriot czech danish
  dutch ecuadorean ecuadorian egyptian emirati english eritrean estonian ethiopian european filipino
  finnish flemish french georgian german ghanaian greek guatemalan haitian hungarian icelandic indian
  indonesian iranian iraqi irish israeli italian ivorian jamaican japanese jordanian kazakh kenyan korean
  kosovar kurd kurdish kuwaiti kyrgyz laotian latin latvian lebanese liberian libyan lithuanian macedonian
  malaysian malian maltese mexican moldovan mongolian montenegrin moroccan mozambican namibian nepali
  nepalese nigerian nigerien norwegian pakistani palestinian panamanian paraguayan persian peruvian
  philippine polish portuguese qatari romanian russian rwandan salvadoran saudi scottish senegalese serb
  scot serbian sierra singaporean slovak slovakian slovenian somali soviet south-african spanish sri sudanese swedish
  swiss syrian taiwanese tajik tanzanian thai tibetan tunisian turkish turkmen ugandan ukrainian uruguayan
  uzbek venezuelan vietnamese welsh yemeni yugoslav zairean zambian zimbabwean pashtun tamil uighur uyghur
  hutu tutsi basque sikh hindu muslim moslem islamist jewish jew christian catholic protestant orthodox
  sunni shia shiite shi'ite buddhist anglican evangelical coptic
  `
    .trim()
    .split(/\s+/u),
);

/**
 * Whether a word names a people, nationality or faith, in the singular or plural.
 * @example
 * isDemonymWord("Iraqi"); // true
 * isDemonymWord("Afghans"); // true
 * isDemonymWord("Kabul"); // false
 */
export function isDemonymWord(word: string): boolean {
  const lower = word.toLowerCase().replace(/’/gu, "'");
  return DEMONYMS.has(lower) || (lower.endsWith("s") && DEMONYMS.has(lower.slice(0, -1)));
}

/** A nationality's adjective → its country, as the gazetteer names it: "Japanese" is Japan's, "West German" West Germany's. */
const NATIONALITIES = new Map<string, string>(
  `
  afghan Afghanistan|american United States|argentine Argentina|argentinian Argentina|armenian Armenia
  australian Australia|austrian Austria|azerbaijani Azerbaijan|azeri Azerbaijan|bangladeshi Bangladesh
  belarusian Belarus|belgian Belgium|bolivian Bolivia|bosnian Bosnia and Herzegovina|brazilian Brazil|british United Kingdom
  bulgarian Bulgaria|burmese Myanmar|cambodian Cambodia|canadian Canada|chilean Chile|chinese China|colombian Colombia
  croatian Croatia|cuban Cuba|cypriot Cyprus|czech Czech Republic|danish Denmark|dutch Netherlands|ecuadorean Ecuador
  ecuadorian Ecuador|egyptian Egypt|emirati United Arab Emirates|eritrean Eritrea|estonian Estonia|ethiopian Ethiopia
  filipino Philippines|finnish Finland|french France|georgian Georgia|german Germany|ghanaian Ghana|greek Greece
  guatemalan Guatemala|haitian Haiti|hungarian Hungary|icelandic Iceland|indian India|indonesian Indonesia|iranian Iran
  iraqi Iraq|irish Ireland|israeli Israel|italian Italy|ivorian Ivory Coast|jamaican Jamaica|japanese Japan
  jordanian Jordan|kazakh Kazakhstan|kenyan Kenya|kuwaiti Kuwait|kyrgyz Kyrgyzstan|laotian Laos|latvian Latvia
  lebanese Lebanon|liberian Liberia|libyan Libya|lithuanian Lithuania|macedonian North Macedonia|malaysian Malaysia
  malian Mali|maltese Malta|mexican Mexico|moldovan Moldova|mongolian Mongolia|montenegrin Montenegro|moroccan Morocco
  mozambican Mozambique|namibian Namibia|nepali Nepal|nepalese Nepal|nigerian Nigeria|nigerien Niger|norwegian Norway
  pakistani Pakistan|palestinian Palestine|panamanian Panama|paraguayan Paraguay|peruvian Peru|philippine Philippines
  polish Poland|portuguese Portugal|qatari Qatar|romanian Romania|russian Russia|rwandan Rwanda|salvadoran El Salvador
  saudi Saudi Arabia|senegalese Senegal|serbian Serbia|singaporean Singapore|slovak Slovakia|slovakian Slovakia
  slovenian Slovenia|somali Somalia|soviet Soviet Union|spanish Spain|sudanese Sudan|swedish Sweden|swiss Switzerland
  syrian Syria|taiwanese Taiwan|tajik Tajikistan|tanzanian Tanzania|thai Thailand|tunisian Tunisia|turkish Turkey
  turkmen Turkmenistan|ugandan Uganda|ukrainian Ukraine|uruguayan Uruguay|uzbek Uzbekistan|venezuelan Venezuela
  vietnamese Vietnam|yemeni Yemen|yugoslav Yugoslavia|zairean Zaire|zambian Zambia|zimbabwean Zimbabwe
  west german West Germany|east german East Germany|south korean South Korea|north korean North Korea
  south african South Africa|sri lankan Sri Lanka|new zealand New Zealand|saudi arabian Saudi Arabia
  `
    .trim()
    .split(/\s*[|\n]\s*/u)
    .map((pair) => {
      const words = pair.split(" ");
      // The adjective is lowercase, the country capitalised: "west german West Germany".
      const at = words.findIndex((word) => /^\p{Lu}/u.test(word));
      return [words.slice(0, at).join(" "), words.slice(at).join(" ")] as [string, string];
    }),
);

/**
 * The country a nationality's adjective (lowercase, one or two words) is of, as the gazetteer names it; undefined for
 * any other words, and for a people or faith that is no one country's ("Arab", "Kurdish", "Korean").
 * @example
 * countryOfNationality("japanese"); // "Japan"
 * countryOfNationality("west german"); // "West Germany"
 */
export function countryOfNationality(words: string): string | undefined {
  return NATIONALITIES.get(words);
}
