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
