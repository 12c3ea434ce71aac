/** @module Finds the people, organisations and places named in a text, with their character offsets: the trained tagger, read back as mentions. */
import type { EntityType } from "../../format/schema";
import {
  CALENDAR,
  COMPANY_TRADES,
  LEGAL_FORMS,
  NOT_ROLES,
  ORG_DESCRIPTORS,
  ORG_HEADS,
  PERSONS_HONORIFICS,
  PLACE_DESCRIPTORS,
  PLACE_DESCRIPTORS_BEFORE,
  PLACE_NOUNS_AFTER,
  sportsStory,
  TITLE_HEADS,
} from "./cues";
import { isDemonymWord } from "./demonyms";
import { FIRST_WORDS, lookupGazetteer, PARTY_NAMES, stateOfAbbreviation } from "./gazetteer";
import { isTitleCase, knownNames } from "./headlines";
import { ACRONYM_SKIPS } from "./keys";
import { isAcronym, nameKey, wordKey } from "./normalize";
import { isWorldPlace } from "./places";
import { GENERATIONS, isBracketedAcronym, lettersIn, NATIONAL_BODIES } from "./resolve";
import { isPortfolioWord, isTitleHead, PARTY_LABELS, ROLE_NOUNS } from "./roles";
import { type PreparedSentence, prepareSentence, useClusters, type WordInfo } from "./tagger/features";
import { defaultModel } from "./tagger/load";
import type { TaggerModel } from "./tagger/model";
import { type TaggedSpan, tagPrepared } from "./tagger/tag";
import { splitSentences, type Word } from "./tagger/tokenize";
import { roleBefore } from "./titles";
import type { DocumentNames, LocatedMention, Mention, UntypedName } from "./types";
import { endsPhrase, isCommonWord, isVerbOnly, lexiconClass, opensSentence, wordBefore } from "./words";

/** The types the tagger reports, by its type index (MISC, index 3, is never reported). */
const TYPES: readonly EntityType[] = ["person", "organization", "place"];

/**
 * Last words that make a name of two words or more a place whatever the tagger says: "Helmand Province", "Baker
 * Street", "Hamid Karzai International Airport", and sports grounds, which CoNLL-2003 counts as places ("Kensington
 * Oval": 15 names ending in "Oval" on train, all places; "National Stadium", "Olympic Arena"). The heads that also end
 * the names of teams or bodies ("City", "State", "Port", "Park" of Queen's Park Rangers) are left to the tagger.
 */
const GEOGRAPHIC_HEADS = new Set(
  `airport street avenue road boulevard square bridge province county district region river lake mountain mountains
   island islands valley bay gulf sea ocean coast peninsula desert canal strait heights plain plains hills forest
   highway village oblast prefecture governorate territory stadium arena oval drive parkway expressway freeway
   turnpike shoal reef atoll lagoon glacier fjord`.split(/\s+/u),
);

/**
 * Last words that make a name of two words or more an organisation whatever the tagger says: bodies and firms
 * ("National Security Council", "Arcadium Lithium Corp"). Not "Bank" ("West Bank"), "Union" ("Soviet Union"),
 * "Federation" ("Russian Federation"), "Court" ("Stadium Court"), nor the heads that also end the names of teams or
 * papers ("League", "Times", "Post"): on CoNLL-2003 train the names of two words or more ending in these are
 * organisations 369 times, places never, MISC 5 times ("Olympic Committee"); and the legal forms of firms in many
 * countries ("Co", "AG", "AB", "NV", "SA", "Oy", "Ltda", "SARL"…: organisations 52 times in 52).
 */
const INSTITUTION_HEADS = new Set([
  ...LEGAL_FORMS,
  ...`ministry department agency commission committee council parliament congress senate assembly university college
   institute association embassy consulate exchange bureau authority foundation airlines airways fund`.split(/\s+/u),
]);
/**
 * "Court" ends a body's name ("Supreme Court", "Sindh High Court": organisations 12 times on CoNLL-2003 train) but
 * for a venue's ("Stadium Court", the other 3).
 */
const courtOf = (words: readonly Word[]) =>
  (words.at(-1) as Word).text.toLowerCase() === "court" && !words.some((w) => VENUE_WORDS.has(w.text.toLowerCase()));
const VENUE_WORDS = new Set(["stadium", "arena", "centre", "center", "tennis"]);

/**
 * First words that make a name of two words or more an organisation whatever the tagger says: the heads of names in
 * languages that put them first ("Banco do Brasil", "Partido Nacional Integrador", "Universidad de Chile") and the
 * words that open a club's ("Sporting Clube de Portugal", "Atletico Madrid", "VfB Stuttgart"). On CoNLL-2003 train
 * the names of two words or more starting with one of these are organisations 62 times in 62.
 */
const INSTITUTION_FIRST_WORDS = new Set(
  `banco banca banque caixa caja compañía compania companhia compagnie partido parti partito frente movimiento movimento
   instituto institut istituto universidad universidade université universite università universita universitat clube
   club sociedad sociedade société societe società grupo gruppo groupe fundación fundacion fundação fondation
   fondazione asociación asociacion associação federación federacion federação fédération federazione confederación
   sindicato syndicat consejo conselho conseil consiglio ministerio ministério ministère ministero comisión comision
   comissão tribunal corte cour agencia agência agence agenzia empresa petróleos petroleos aerolíneas sporting atlético
   atletico olympique real deportivo athletic racing ac fc sc cf cd ud rcd sv vfb vfl tsv`.split(/\s+/u),
);

/**
 * Last words of names that are neither people, organisations nor places, whatever the tagger says of them (CoNLL's
 * MISC): documents and laws (the "Paris Agreement", the "Clean Air Act", the "First Amendment", "House Bill 18"; also
 * the "Treaty of Rome") and events (the
 * "World Cup", the "U.S. Open", the "Boston Marathon", the "Warsaw Uprising"). Not "League", "Games" nor "Revolution":
 * they end the names of parties, people and clubs too ("New England Revolution").
 */
const MISC_HEADS = new Set(
  `Agreement Accord Accords Protocol Act Declaration Charter Cup Open War Series Rally Classic Championship Championships
   Prize Trophy Olympics Marathon Uprising Festival Awards Amendment Bill`.split(/\s+/u),
);
/**
 * Roles, not names: a run that ends with one of these ("U.S. Ambassador", "Indian Member", "Pakistani Members" of
 * parliament) names a role, not its holder. Not the titles that are surnames too ("King", "General", "Judge", "Mayor").
 */
const ROLE_ENDS = new Set(
  `secretary secretary-general ambassador envoy senator minister president president-elect governor spokesman
   spokeswoman spokesperson chairman chairwoman commissioner representative member members premier congressman
   congresswoman mp mep mps meps deputy treasurer`.split(/\s+/u),
);
/** First words of names that are no entity: a storm's ("Hurricane Milton", "Typhoon Haiyan"), a treaty's. */
const MISC_STARTS = new Set(["Treaty", "Hurricane", "Typhoon", "Cyclone"]);
/**
 * Abbreviations of common nouns, written in capitals but no names: formats and products ("DVD", "PCs"), measures
 * ("GDP", "CPI"), titles ("CEO", "MVP"). Alone they are no entity; inside a name ("Globo TV") they are left alone.
 */
const COMMON_ACRONYMS = new Set(
  `DVD DVDs CD CDs PC PCs TV TVs HDTV IPTV GDP GNP CEO CEOs CFO COO CTO MVP IPO IPOs VAT SUV SUVs ATM ATMs GPS USB
   SMS MP3 HIV DNA RNA LNG LPG ETF ETFs ID IDs AI CPI EV EVs EBITDA EBIT ESG CFA`.split(/\s+/u),
);
/**
 * Whether words `from`–`to` name no person, organisation or place: a common abbreviation alone (`COMMON_ACRONYMS`), a
 * span the tagger opened on a clitic ("'s Office" of "the U.S. Attorney's Office"), two words or more starting with a
 * `MISC_STARTS` word or a span right after one, or, with no "of" or "for" in it ("Office of the President", "Ministry of War" are organisations),
 * two words or more ending with a `MISC_HEADS` one or a run ending with a role (`ROLE_ENDS`).
 */
function namesNoEntity(words: readonly Word[], from: number, to: number): boolean {
  const last = (words[to - 1] as Word).text;
  const first = (words[from] as Word).text;
  if ((to - from === 1 && COMMON_ACRONYMS.has(first)) || /^['’]/u.test(first)) return true;
  if (to - from >= 2 && MISC_STARTS.has(first)) return true;
  // The tagger left the storm's word out: "Hurricane" before "Milton".
  if (from > 0 && MISC_STARTS.has((words[from - 1] as Word).text)) return true;
  // "Ministry of War", "Institute for the Study of War" are organisations.
  for (let i = from; i < to; i++) if ((words[i] as Word).text === "of" || (words[i] as Word).text === "for") return false;
  return (to - from >= 2 && MISC_HEADS.has(last)) || ROLE_ENDS.has(last.toLowerCase().replace(/\.$/u, ""));
}

/**
 * Finds the named people, organisations and places of a text, with the index of the sentence of each.
 * @example
 * extractLocated("The Taliban took Kandahar and Herat.").map((m) => [m.text, m.type, m.sentence]);
 * // [["Taliban", "organization", 0], ["Kandahar", "place", 0], ["Herat", "place", 0]]
 */
export function extractLocated(text: string, model: TaggerModel = defaultModel()): LocatedMention[] {
  return readNames(text, model).mentions;
}

/** A text split and tagged: what the steps after the tagger read. */
interface Reading {
  text: string;
  sentences: readonly (readonly Word[])[];
  /** Per sentence: written in capitals or in title case. */
  headlines: readonly boolean[];
  /**
   * Where the text names something that is no entity, as character spans (filled by `taggedMentions`): a tagged MISC
   * name of two words or more, or one `namesNoEntity` refuses. No mention is found inside one ("Warsaw" in "the
   * Warsaw Uprising").
   */
  misc: [number, number][];
}

/**
 * Whether a sentence the tagger reads as a headline is one as the steps after it read one: not a sentence of prose
 * that names many things ("Separately, the Kurdistan Democratic Party (KDP) won in Erbil, and the Democratic Party
 * said nothing."), which has most of its long words capitalised, all the tagger's reading asks, but ends with a full
 * stop and has lowercase words of four letters or more, two at least (a title keeps one, "Situation after Takeover").
 */
function headlineAfterAll({ words, infos }: PreparedSentence): boolean {
  if (words[words.length - 1] !== ".") return true;
  let lowercase = 0;
  for (const info of infos) if (info.letters && !info.capital && info.lower.length >= 4 && /^\p{Ll}/u.test(info.lower)) lowercase++;
  return lowercase < 2;
}

/** The tagged mentions of a text and the capitalised names the tagger left out (see `extractNames`). */
function readNames(text: string, model: TaggerModel): DocumentNames {
  const sentences = splitSentences(text);
  useClusters(model.clusters);
  const prepared = sentences.map((words) => prepareSentence(words.map((word) => word.text)));
  const spans = tagPrepared(model, prepared);
  const titleCase = prepared.map(isTitleCase);
  const reading: Reading = {
    text,
    sentences,
    headlines: prepared.map((sentence, i) => (sentence.headline && headlineAfterAll(sentence)) || (titleCase[i] as boolean)),
    misc: [],
  };
  const tickers = tickerSpans(text);
  // No name is found in a ticker ("(INCO.JK)"), nor in a wire's sign-off, which names who wrote the story, not whom
  // it is about: neither here nor by a later step.
  const nameless = [...tickers, ...signOffSpans(text)];
  const mentions = taggedMentions(reading, spans, titleCase).filter((m) => !within(nameless, m.start, m.end));
  reading.misc.push(...nameless);
  cutAtRoles(text, mentions);
  completeNames(text, mentions);
  partnersAgain(text, mentions);
  nationalBodies(text, mentions);
  portfolioOff(text, mentions);
  personOfBody(text, mentions);
  surnamesArePeople(mentions, text);
  namesOfOneFamily(text, mentions);
  administrationsOfPeople(text, mentions);
  listsOfPlaces(reading, mentions);
  const told = describedTypes(reading, mentions);
  placesBeforeGoverning(text, mentions, told);
  listedCompanies(text, mentions, tickers, told);
  companiesByTheirShares(text, mentions, told);
  teamsByTheirPlayers(text, mentions, told);
  partiesByTheirPeople(text, mentions, told);
  firmsByTheirTrade(text, mentions, told);
  rankedTeams(text, mentions, told);
  contestantsAlike(text, mentions, told);
  peopleByTheirJobs(text, mentions, told);
  teamsInThePlural(text, mentions, told);
  clubsOfTowns(text, mentions, told);
  acronymedBodies(text, mentions, told);
  datelineNames(reading, mentions, told);
  coordinatedPlaces(text, mentions, told);
  regionsOfPlaces(text, mentions, told);
  kindsListed(text, mentions, told);
  placesOfOrganizations(text, mentions, told);
  placesAfterPrepositions(text, mentions, told);
  placesAfterIn(text, mentions, told);
  shortFormsOfCompanies(text, mentions, told);
  oneSensePerDocument(mentions, told);
  bodiesAreNoPeople(mentions);
  tradesOpeningSentences(reading, mentions);
  titlesAreNoNames(reading, mentions);
  statesAbbreviated(reading, mentions);
  worksAreNoEntities(reading, mentions);
  namesMatching(reading, mentions, NUMBERED_BROADCASTER, "organization");
  namesMatching(reading, mentions, NUMBERED_ROAD, "place");
  namesMatching(reading, mentions, IRISH_COUNTY, "place");
  namesMatching(reading, mentions, PARTY_NAME, "organization");
  bodiesOfPlaces(text, mentions);
  firmsOfPlaces(reading, mentions);
  institutionsOfSaints(text, mentions);
  monthsAsGivenNames(text, mentions);
  headsLeftOut(text, mentions);
  namesWithTheInside(text, mentions);
  institutionsOfUnknownPlaces(text, mentions);
  placesCompounded(reading, mentions);
  mentions.push(...writtenAgain(reading, prepared, mentions, titleCase));
  mentions.push(...surnamesSpeaking(reading, mentions));
  mentions.sort((a, b) => a.start - b.start);
  if (titleCase.some(Boolean)) {
    mentions.push(...headlineMentions(reading, mentions, titleCase));
    mentions.sort((a, b) => a.start - b.start);
  }
  const untyped: UntypedName[] = [];
  let typed = 0;
  // Not a name a step after the tagger found already ("Pirates" written again as a known name): it would be counted twice.
  const left = leftOut(reading, prepared, spans).filter(
    (name) => !within(nameless, name.start, name.end) && !mentions.some((m) => m.start < name.end && name.start < m.end),
  );
  // A name the tagger left untyped that a description types ("Hirtshals, the Danish port that…"): so are its other
  // mentions in the text.
  const candidates: LocatedMention[] = left.map((name) => ({ ...name, type: "place" }));
  const described = new Map<string, EntityType>();
  for (const mention of describedTypes(reading, candidates)) if (!described.has(mention.text)) described.set(mention.text, mention.type);
  for (const name of left) {
    const type = described.get(name.text);
    // A party the tagger left untyped ("The Conservatives accused…", "Tory MP …") is an organisation all the same.
    if (type || lookupGazetteer(nameKey(name.text))?.party) {
      mentions.push({ ...name, type: type ?? "organization" });
      typed++;
    } else untyped.push(name);
  }
  if (typed > 0) mentions.sort((a, b) => a.start - b.start);
  return { mentions, untyped };
}

/**
 * The mention of words `from`–`to` of a sentence, with the role written before a person. A job the tagger took into
 * a person's name ("Winger Kade Tupou", "Prof Anna Berg": `ROLE_NOUNS`) is the role, not the name.
 */
function mentionAt({ text, sentences, headlines }: Reading, sentence: number, at: number, to: number, type: EntityType): LocatedMention {
  const words = sentences[sentence] as readonly Word[];
  const job = type === "person" && to - at >= 2 ? (words[at] as Word).text : undefined;
  let from = job && isJob(job) ? at + 1 : at;
  // Honorifics the tagger took into the name ("Shri Ramesh Tiwari", "Collector Smt Priya Meena", "Alhaji Musa Lere"):
  // cut, and no role.
  while (type === "person" && to - from >= 2 && NOT_ROLES.has((words[from] as Word).text.toLowerCase())) from++;
  // Malaysia's two-word honorifics, "Tan Sri", "Puan Sri", and "Seri" after a "Datuk" left out: "Tan" alone is a surname.
  if (type === "person" && to - from >= 3 && malayPairAt(words, from)) from += 2;
  else if (
    type === "person" &&
    to - from >= 2 &&
    /^(?:Seri|Sri)$/u.test((words[from] as Word).text) &&
    /^Dat(?:uk|o)$/u.test(wordAt(words, from - 1))
  )
    from++;
  // A nationality before a name of two words or more is none of it: "Scot Liam MacAskill".
  if (type === "person" && to - from >= 3 && isDemonymWord((words[from] as Word).text.toLowerCase())) from++;
  const start = (words[from] as Word).start;
  const end = (words[to - 1] as Word).end;
  const role =
    type === "person"
      ? from > at && job && isJob(job)
        ? (roleBefore(words, text, at) ?? job)
        : (roleBefore(words, text, from) ?? jobBefore(words, from))
      : undefined;
  return {
    text: text.slice(start, end),
    type,
    start,
    end,
    ...(role ? { role } : {}),
    sentence,
    ...(headlines[sentence] ? { headline: true } : {}),
  };
}

/** Whether Malaysia's "Tan Sri" or "Puan Sri" is written at word `at` ("Tan" alone is a surname). */
const malayPairAt = (words: readonly Word[], at: number): boolean =>
  /^(?:Tan|Puan)$/u.test(wordAt(words, at)) && wordAt(words, at + 1) === "Sri";

/** A job of `ROLE_NOUNS` that the lexicon does not know as a given name too ("Winger", "Prof"). */
const isJob = (word: string): boolean => ROLE_NOUNS.has(word.toLowerCase()) && lexiconClass(word.toLowerCase()) !== "first";

/** A job right before a person's name the tagger left out of it ("Winger Kade Tupou"): the role. */
function jobBefore(words: readonly Word[], at: number): string | undefined {
  const job = words[at - 1]?.text;
  return job && /^\p{L}/u.test(job) && isJob(job) ? job : undefined;
}

const letters = (words: readonly Word[]) => words.reduce((n, word) => n + (word.text.match(/\p{L}/gu)?.length ?? 0), 0);

/**
 * The tagger's people, organisations and places outside title-case headlines. MISC is not reported, nor a lone
 * letter or symbol ("A", "𝒳"); an organisation the curated gazetteer knows stays one ("NATO" opening a sentence is
 * no dateline), while places are left to the tagger (a city or a country is also a team in a sports report); names
 * joined by "&" are a firm ("Douglas & Lomason"); a name ending in a geographic head is a place.
 */
function taggedMentions(
  reading: Reading,
  spans: readonly (readonly { from: number; to: number; type: number }[])[],
  titleCase: readonly boolean[],
): LocatedMention[] {
  const mentions: LocatedMention[] = [];
  reading.sentences.forEach((words, sentence) => {
    if (titleCase[sentence]) return;
    const found = joinedAcrossParticles(words, joinedByAcronym(words, trimmedSpans(words, spans[sentence] ?? [])));
    const starts = new Set(found.map((span) => span.from));
    for (const span of found) {
      const { type } = span;
      let { from, to } = span;
      // "the Scottish Parliament": a word read as MISC (a nationality) before a body's head noun left out of every
      // name is that body's name.
      const next = words[to];
      // Not a name that goes on ("Thai Airways International", "Japanese Government Bond").
      if (type === MISC && next && !starts.has(to) && /^\p{Lu}\p{Ll}/u.test(next.text) && !/^\p{Lu}/u.test(words[to + 1]?.text ?? "")) {
        const head = next.text.toLowerCase();
        if (ORG_HEADS.has(head) && !COMPETITION_HEADS.has(head) && !LEGAL_FORMS.has(head)) to++;
      }
      // "Meanwhile Hurtigruten said": a word that opens the sentence is not part of the name after it.
      // "Brewer Jos Breweries Nigeria Plc slipped": nor a company's trade.
      if (to - from >= 2 && firstWordAt(words, from)) {
        const first = (words[from] as Word).text;
        if (opensSentence(first) || (type !== PERSON && COMPANY_TRADES.has(first.toLowerCase()))) from++;
      }
      // A name the tagger read as neither that ends in a body's head noun is an organisation ("the Central Command
      // area"): on CoNLL-2003 train 680 such names are organisations, and the 79 others mostly leagues, competitions.
      const lastWord = type === MISC && to - from >= 2 ? (words[to - 1] as Word).text.toLowerCase() : "";
      const headed = ORG_HEADS.has(lastWord) && !COMPETITION_HEADS.has(lastWord);
      const tagged = headed ? "organization" : TYPES[type];
      if ((tagged === undefined && to - from >= 2) || namesNoEntity(words, from, to)) {
        reading.misc.push([(words[from] as Word).start, (words[to - 1] as Word).end]);
        continue;
      }
      if (tagged === undefined || letters(words.slice(from, to)) < 2) continue;
      const first = (words[from] as Word).text.toLowerCase().replace(/\./gu, "");
      const name = () => nameKey(reading.text.slice((words[from] as Word).start, (words[to - 1] as Word).end));
      const known = FIRST_WORDS.has(first) ? lookupGazetteer(name()) : undefined;
      const head = (words[to - 1] as Word).text.toLowerCase();
      const joined = words.slice(from + 1, to - 1).some((word) => word.text === "&");
      // A first word of an institution's name, unless a place's last word or the gazetteer says place ("Corte Madera").
      const several = to - from > 1;
      const opensInstitution = several && INSTITUTION_FIRST_WORDS.has((words[from] as Word).text.toLowerCase());
      // A district that serves ("Dubuque Community School District", "Metropolitan Water District") is a body.
      const geographic =
        (several && GEOGRAPHIC_HEADS.has(head) && !(head === "district" && SERVICES.has(wordAt(words, to - 2).toLowerCase()))) ||
        (to - from >= 3 && PROTECTED_AREA.test(`${wordAt(words, to - 2)} ${wordAt(words, to - 1)}`));
      // Both an institution's first word and a place's last ("Real Salt Lake", "Banco Avenue"): as the tagger read it.
      // A name opening with an honorific only people bear ("Alhaji Musa Lere", "Datuk Seri Anwar Ibrahim").
      const honored =
        several && (PERSONS_HONORIFICS.has((words[from] as Word).text.toLowerCase()) || (to - from >= 3 && malayPairAt(words, from)));
      const settled = honored
        ? "person"
        : known?.type === "organization" ||
            joined ||
            (several && (INSTITUTION_HEADS.has(head) || courtOf(words.slice(from, to)))) ||
            (opensInstitution && !geographic)
          ? "organization"
          : geographic && !opensInstitution
            ? "place"
            : tagged;
      mentions.push(mentionAt(reading, sentence, from, to, settled));
    }
  });
  return mentions;
}

/**
 * The last words of a protected area, a place however it is run: "Five Islands Nature Reserve", "Selous Game
 * Reserve", "Great Barrier Reef Marine Park", "Ngorongoro Conservation Area" (not the "Federal Reserve", nor a
 * "National Park Service").
 */
const PROTECTED_AREA =
  /^(?:(?:Nature|Game|Wildlife|Forest|Marine|Biosphere|Private|Provincial) Reserve|(?:National|Marine|State|Provincial|Regional|Forest|Wildlife|Nature) Park|Conservation Area|(?:Wildlife|Bird|Marine) Sanctuary)$/u;

/** What a district named by it serves: such a district is a public body, not a place ("Clark County School District"). */
const SERVICES = new Set(
  `school schools water fire hospital health transit sanitation irrigation sewer sewerage park parks library utility
   conservation college housing drainage flood improvement air`.split(/\s+/u),
);

/** "Son of", "daughter of" inside Arabic and Malay names: "Fahad bin Mishal Al-Otaibi", "Jassim bin Hamad Stadium". */
const ARABIC_PARTICLES = ["bin", "bint", "binti", "ibn"];

/**
 * Lower-case particles inside names in many languages ("Rio Grande do Sul", "Charles de Gaulle", "Joost van der
 * Westhuizen"): on CoNLL-2003 train, two tagged words with one of these between them are one name 73 times in 73.
 */
const NAME_PARTICLES = new Set([
  ...["de", "do", "da", "dos", "das", "del", "della", "di", "du", "des", "von", "van", "der", "la", "le", "arap"],
  ...ARABIC_PARTICLES,
]);

/** A particle that is also an English noun: "the Toyota van Johnson drove", "a Leeds bin Smith emptied". */
const ENGLISH_PARTICLES = new Set(["do", "van", "bin"]);
/** Words before a name that make a "do" after it the verb: "did Microsoft do Apple a favour". */
const DO_OPENERS = new Set(["did", "does", "do", "will", "would", "can", "could", "should", "to", "let", "make", "might", "must"]);

/** The text of a sentence's word `i`, or "" outside it. */
const wordAt = (words: readonly Word[], i: number): string => words[i]?.text ?? "";

const PERSON = 0;
const ORGANIZATION = 1;
const MISC = 3;
/** Heads of organisations' names that also end competitions' ("National League"). */
const COMPETITION_HEADS = new Set(["league", "association", "conference", "union"]);
/** Quotation marks, which open or close no name. */
const QUOTES = new Set(['"', "“", "”", "‘", "’", "'", "«", "»"]);
/** Words after a title that say what it is a title of: "Co-chair of the panel", "analyst at Nomura". */
const TITLE_OF = new Set(["of", "at", "for"]);

/**
 * Tagged spans cut back to the names in them, where the tagger ran a span past a name: a quotation mark opening or
 * ending it, a lower-case word ending it
 * ("the Republican Party county chairman"; not a legal form, "Barclays plc") or a title ending a person's ("Jane Doe
 * Co-chair of the panel") is no part of it; a title and "of" opening another name leave the name after them ("an
 * Indian Member of Parliament": "Parliament"); and two organisations a sentence sets "between" one "and" the other
 * are two ("talks between Chrysler and Renault SA").
 */
function trimmedSpans(words: readonly Word[], tagged: readonly TaggedSpan[]): TaggedSpan[] {
  const text = (i: number) => wordAt(words, i);
  const out: TaggedSpan[] = [];
  // No name runs across a verb written in lowercase ("the Federal Trade Commission sued Kroger" read as one): the names
  // either side of it, each still to be trimmed.
  // Nor across a possessive's bare apostrophe ("Geert Wilders' Party for Freedom" read as one): the owner's name and
  // the name owned.
  const spans = tagged.flatMap((span) => {
    const pieces: TaggedSpan[] = [];
    let from = span.from;
    for (let k = span.from + 1; k < span.to - 1; k++) {
      // Not a plural noun's ("Workers' Party", "the National Coffee Growers' Federation", "African Nations' Cup" are
      // one name, as CoNLL-2003 writes them): an organisation's name, the owner of two words or three, no organisation's,
      // common word or nationality, read as a person's, the name owned of two words or more.
      const possessive =
        span.type === ORGANIZATION &&
        (text(k) === "'" || text(k) === "’") &&
        /s$/u.test(text(k - 1)) &&
        /^\p{Lu}/u.test(text(k + 1)) &&
        k - from >= 2 &&
        k - from <= 3 &&
        span.to - k - 1 >= 2 &&
        words.slice(from, k).every((w) => /^\p{Lu}\p{Ll}/u.test(w.text) && !ORG_HEADS.has(w.text.toLowerCase())) &&
        !isCommonWord(text(k - 1)) &&
        !isCommonWord(text(from)) &&
        !isDemonymWord(text(from).toLowerCase());
      if (possessive) {
        pieces.push({ ...span, from, to: k, type: PERSON });
        from = k + 1;
        continue;
      }
      if (!/^\p{Ll}+$/u.test(text(k)) || !isVerbOnly(text(k))) continue;
      pieces.push({ ...span, from, to: k });
      from = k + 1;
    }
    if (from === span.from) return [span];
    pieces.push({ ...span, from, to: span.to });
    return pieces.filter((piece) => words.slice(piece.from, piece.to).some((w) => /^\p{Lu}/u.test(w.text)));
  });
  for (const span of spans) {
    let { from, to } = span;
    // No name opens or ends on a quotation mark ("” Guterres said").
    while (from < to && QUOTES.has(text(from))) from++;
    while (to > from && QUOTES.has(text(to - 1))) to--;
    if (to === from) continue;
    // Nor runs across a long dash ("DUNEDIN — Police said"): the name before it.
    const dash = words.slice(from + 1, to).findIndex((w) => w.text === "—" || w.text === "–") + from + 1;
    if (dash > from) to = dash;
    // Nor ends inside a bracket ("the Kuomintang (KMT), on Monday" read as one name "Kuomintang (KMT"): the name and
    // its acronym are two. A bracket closed inside the name stays ("James Leander (Leo) Nichols", "Mladost (L)").
    const open = words.slice(from + 1, to).findIndex((w) => w.text === "(") + from + 1;
    if (open > from && !words.slice(open, to).some((w) => w.text === ")")) {
      out.push({ ...span, from, to: open });
      if (open + 1 < to && text(open + 2) === ")" && isBracketedAcronym(text(open + 1)))
        out.push({ ...span, from: open + 1, to: open + 2 });
      continue;
    }
    while (to - from >= 2 && /^\p{Ll}+$/u.test(text(to - 1)) && !LEGAL_FORMS.has(text(to - 1))) to--;
    // A title the name holds "of" or "at" something, not a surname that is also a title ("Federico Mayor spoke").
    if (span.type === PERSON && to - from >= 3 && isTitleHead(text(to - 1)) && TITLE_OF.has(text(to))) to--;
    else {
      for (let k = from; k + 2 < to; k++) {
        if (text(k + 1) === "of" && (isTitleHead(text(k)) || text(k).toLowerCase() === "member")) from = k + 2;
      }
    }
    // A company's name the tagger began after its first word and a particle ("Kessler do Brasil Ltda" read from "Brasil").
    if (
      span.type === ORGANIZATION &&
      LEGAL_FORMS.has(text(to - 1).toLowerCase()) &&
      NAME_PARTICLES.has(text(from - 1)) &&
      /^\p{Lu}\p{Ll}/u.test(text(from - 2)) &&
      !out.some((other) => other.to > from - 2)
    )
      from -= 2;
    // Two organisations joined by "and" after "between" ("between (rivals) Orange and Vodafone Group"), or ending a
    // list of names ("Mitsui & Co, Partex and Itochu Corp."): two names, not one firm of partners.
    const between =
      text(from - 1).toLowerCase() === "between" || (/^\p{Ll}+s$/u.test(text(from - 1)) && text(from - 2).toLowerCase() === "between");
    const listed = text(from - 1) === "," && out.some((other) => other.to === from - 1);
    const and = span.type === ORGANIZATION && (between || listed) ? words.slice(from + 1, to - 1).findIndex((w) => w.text === "and") : -1;
    if (and >= 0) {
      out.push({ from, to: from + 1 + and, type: span.type }, { from: from + 2 + and, to, type: span.type });
      continue;
    }
    out.push(from === span.from && to === span.to ? span : { ...span, from, to });
  }
  return out;
}

/**
 * Two tagged spans that the bracketed acronym after them spells together, with only small words between them, are
 * one name: the tagger's "General Agreement" and "Tariffs and Trade" before "(GATT)" are the General Agreement on
 * Tariffs and Trade, an organisation when either part was read as one; "United Nations Support Mission" and "Libya"
 * before "(UNSMIL)" one mission (see `spells`).
 */
function joinedByAcronym(words: readonly Word[], spans: readonly TaggedSpan[]): TaggedSpan[] {
  const text = (i: number) => wordAt(words, i);
  const initials = (from: number, to: number) =>
    words
      .slice(from, to)
      .filter((w) => /^\p{Lu}/u.test(w.text))
      .map((w) =>
        w.text
          .split("-")
          .map((part) => part[0] ?? "")
          .join("")
          .replace(/\p{Ll}/gu, ""),
      )
      .join("");
  const out: TaggedSpan[] = [];
  for (const span of spans) {
    const last = out[out.length - 1];
    // Most spans have no bracket after them: that is looked at first.
    if (
      last &&
      text(span.to) === "(" &&
      text(span.to + 2) === ")" &&
      span.from - last.to >= 1 &&
      span.from - last.to <= 2 &&
      words.slice(last.to, span.from).every((w) => ACRONYM_SKIPS.has(w.text.toLowerCase())) &&
      isBracketedAcronym(text(span.to + 1)) &&
      spells(text(span.to + 1).replace(/[^\p{Lu}]/gu, ""), initials(last.from, span.to))
    ) {
      const type = last.type === ORGANIZATION || span.type === ORGANIZATION ? ORGANIZATION : span.type;
      out[out.length - 1] = { from: last.from, to: span.to, type };
      continue;
    }
    out.push(span);
  }
  return out;
}

/**
 * Whether an acronym spells a name's initials: all of them, or all of them in order with a few more letters of its
 * words, as missions and forces are written ("UNSMIL" for U-N-S-M-L, United Nations Support Mission in Libya;
 * "UNIFIL"), opening with the first.
 * @example
 * spells("UNSMIL", "UNSML"); // true
 * spells("NATO", "NAT"); // false: the name's last initial is missing
 */
function spells(acronym: string, initials: string): boolean {
  if (acronym === initials) return true;
  if (initials.length < 3 || acronym[0] !== initials[0] || acronym.at(-1) !== initials.at(-1) || acronym.length > initials.length + 2)
    return false;
  let at = 0;
  for (const letter of acronym) if (letter === initials[at]) at++;
  return at === initials.length;
}

/**
 * A sentence's tagged spans with two joined into one where only one or two name particles separate them ("Rio
 * Grande" and "Sul" → "Rio Grande do Sul", "Santiago de Cuba", "Chad le Clos"), with the first one's type. Across a
 * particle that is also an English word ("do", "van"), not where either name is one the gazetteer knows alone
 * ("Britain do Germany"), nor after a word that makes "do" a verb ("should Acme do Zenith a favour"), nor across "van"
 * two of different types ("the Fiat van Johnson"). In capitals, only in a sentence that has lowercase too: a dateline's "SÃO BERNARDO DO CAMPO", a place
 * whatever it was tagged, not a headline's "LIVERPOOL DO EVERTON A FAVOUR". And a company's name with the bracketed
 * word and legal form after it ("Sentinel Grid (Pty) Ltd", "Cheung Kong (Holdings) Ltd"), which the tagger cuts at
 * the bracket.
 */
function joinedAcrossParticles(words: readonly Word[], spans: readonly TaggedSpan[]): TaggedSpan[] {
  const joined: TaggedSpan[] = [];
  const text = (i: number) => wordAt(words, i);
  const known = (from: number, to: number) =>
    lookupGazetteer(
      nameKey(
        words
          .slice(from, to)
          .map((word) => word.text)
          .join(" "),
      ),
    ) !== undefined;
  let prose: boolean | undefined;
  const placeHeaded = (span: TaggedSpan) => span.type === TYPES.indexOf("place") && GEOGRAPHIC_HEADS.has(text(span.to - 1).toLowerCase());
  for (let k = 0; k < spans.length; k++) {
    const span = spans[k] as TaggedSpan;
    const last = joined[joined.length - 1];
    const gap = last ? span.from - last.to : 0;
    if (last && (gap === 1 || gap === 2)) {
      const particles = words.slice(last.to, span.from).map((word) => word.text);
      const lower = particles.map((word) => word.toLowerCase());
      // An English town on its river: "Burton upon Trent", "Newcastle upon Tyne", "Kingston upon Thames".
      if (particles.length === 1 && particles[0] === "upon") {
        last.to = span.to;
        last.type = TYPES.indexOf("place");
        continue;
      }
      if (lower.every((word) => NAME_PARTICLES.has(word))) {
        // In capitals only inside prose: a dateline's, not a headline's.
        prose ??= words.some((word) => /\p{Ll}/u.test(word.text));
        const capitals = prose && words.slice(last.from, span.to).every((word) => !/\p{Ll}/u.test(word.text));
        // "do" may be the verb, "van" the vehicle: not between names the gazetteer knows, nor after an auxiliary, nor
        // (across "van") between two types.
        const verbal =
          lower.some((word) => ENGLISH_PARTICLES.has(word)) &&
          (known(last.from, last.to) ||
            known(span.from, span.to) ||
            DO_OPENERS.has(text(last.from - 1).toLowerCase()) ||
            ((lower.includes("van") || lower.includes("bin")) && last.type !== span.type && !placeHeaded(span)));
        if (particles.every((word, i) => word === lower[i] || capitals) && !verbal) {
          // "Jassim bin Hamad Stadium": a place by its head, whatever its first part was read as.
          if (placeHeaded(span)) last.type = span.type;
          last.to = span.to;
          // A dateline's place, however the tagger read its parts ("SÃO BERNARDO DO CAMPO, Brazil, Oct 15").
          if (capitals && last.from === 0 && text(span.to) === ",") last.type = TYPES.indexOf("place");
          continue;
        }
      }
    }
    const current = { ...span };
    // "Salim bin Nasser Al-Hinai" read from "Nasser": the given name before "bin" is the person's too.
    const before = current.from - 2;
    if (
      current.type === PERSON &&
      ARABIC_PARTICLES.includes(text(current.from - 1)) &&
      /^\p{Lu}\p{Ll}/u.test(text(before)) &&
      (last?.to ?? 0) <= before
    )
      current.from = before;
    joined.push(current);
    // "Name ( Word ) Form": the spans the tagger made after the name, the last one ending at the legal form.
    const form = current.to + 3;
    if (text(current.to) !== "(" || text(current.to + 2) !== ")" || !LEGAL_FORMS.has(text(form).toLowerCase())) continue;
    let next = k + 1;
    while (next < spans.length && (spans[next] as { to: number }).to <= form + 1) next++;
    if (next > k + 1 && (spans[next - 1] as { to: number }).to === form + 1) {
      current.to = form + 1;
      current.type = TYPES.indexOf("organization");
      k = next - 1;
    }
  }
  return joined;
}

/**
 * The names the document already tagged, wherever else it writes them the same way and the tagger let them pass:
 * "Earlier, the Taliban launched" after "the Taliban" twice before. One sense per document, for spans as for types.
 * A common word opening a sentence is left alone.
 */
function writtenAgain(
  reading: Reading,
  prepared: readonly PreparedSentence[],
  mentions: readonly LocatedMention[],
  titleCase: readonly boolean[],
): LocatedMention[] {
  const types = new Map<string, EntityType>();
  for (const { text: name, type } of mentions) if (!types.has(name)) types.set(name, type);
  const taken = new Set(mentions.map((m) => m.start));
  const covered = (start: number, end: number) =>
    mentions.some((m) => m.start < end && m.end > start) || reading.misc.some(([from, to]) => from < end && to > start);
  const longest = Math.max(0, ...[...types.keys()].map((name) => name.split(" ").length));
  const found: LocatedMention[] = [];
  reading.sentences.forEach((words, sentence) => {
    if (titleCase[sentence] || types.size === 0) return;
    const infos = (prepared[sentence] as PreparedSentence).infos;
    for (let i = 0; i < words.length; i++) {
      const first = infos[i] as WordInfo;
      if (!first.capital || taken.has((words[i] as Word).start) || (i === 0 && first.lexicon === "common")) continue;
      for (let n = Math.min(longest, words.length - i); n >= 1; n--) {
        const start = (words[i] as Word).start;
        const end = (words[i + n - 1] as Word).end;
        const type = types.get(reading.text.slice(start, end));
        if (type === undefined || covered(start, end)) continue;
        found.push(mentionAt(reading, sentence, i, i + n, type));
        i += n - 1;
        break;
      }
    }
  });
  return found;
}

/**
 * A person's surname opening a sentence as the one who speaks is that person ("Price said the proceeds…" after "chief
 * executive Jonathan Price"), though it is a common word, which the tagger and `writtenAgain` leave alone there.
 */
function surnamesSpeaking(reading: Reading, mentions: readonly LocatedMention[]): LocatedMention[] {
  const surnames = new Set(mentions.filter((m) => m.type === "person" && /\s/u.test(m.text)).map((m) => m.text.split(/\s+/u).at(-1)));
  const found: LocatedMention[] = [];
  if (surnames.size === 0) return found;
  reading.sentences.forEach((words, sentence) => {
    const first = words[0];
    if (!first || !surnames.has(first.text) || !SPEAKS.has(wordAt(words, 1)) || reading.headlines[sentence]) return;
    if (!mentions.some((m) => m.start < first.end && first.start < m.end)) found.push(mentionAt(reading, sentence, 0, 1, "person"));
  });
  return found;
}

/** In title-case headlines, only the names the rest of the document (or the gazetteer) knows, and surnames of its people. */
function headlineMentions(reading: Reading, mentions: readonly LocatedMention[], titleCase: readonly boolean[]): LocatedMention[] {
  const known = new Map<string, EntityType>();
  for (const { text: name, type } of mentions) {
    const words = name.split(/\s+/u).map(wordKey);
    const key = words.join(" ");
    if (!known.has(key)) known.set(key, type);
    const surname = words.at(-1);
    if (type === "person" && surname && !known.has(surname)) known.set(surname, type);
  }
  return reading.sentences.flatMap((words, sentence) =>
    titleCase[sentence]
      ? knownNames(words, (key) => known.get(key))
          .map(({ from, to, type }) => mentionAt(reading, sentence, from, to, type))
          // Not in a ticker or a sign-off, a title-case line of its own ("(Reporting by Lina Qasem in Amman; Editing by …)").
          .filter((m) => !reading.misc.some(([start, end]) => start <= m.start && m.end <= end))
      : [],
  );
}

/** Lexicon classes (see `lexiconClass`) of words that are never a name left out by the tagger. */
const NOT_NAMES = new Set(["honorific", "title", "common", "calendar", "demonym", "actor"]);

/**
 * The runs of capitalised words no person, organisation or place covers, outside headlines: "Kirby" in "Reporters
 * questioned Kirby's figures", which the tagger missed or read as MISC. A run that opens a sentence counts only
 * when its first word is no common word.
 */
function leftOut(
  { text, sentences, headlines }: Reading,
  prepared: readonly PreparedSentence[],
  spans: readonly (readonly { from: number; to: number; type: number }[])[],
): UntypedName[] {
  const untyped: UntypedName[] = [];
  sentences.forEach((words, sentence) => {
    if (headlines[sentence]) return;
    const covered = new Uint8Array(words.length);
    // A MISC span ("German", "Biden" in "the Biden administration") may still be a name the corpus or the registry types.
    for (const { from, to, type } of spans[sentence] ?? []) if (TYPES[type] !== undefined) covered.fill(1, from, to);
    const infos = (prepared[sentence] as PreparedSentence).infos;
    const name = (i: number) =>
      !covered[i] &&
      (infos[i] as WordInfo).capital &&
      /^\p{Lu}\p{Ll}/u.test((words[i] as Word).text) &&
      !CALENDAR.has((infos[i] as WordInfo).lower);
    let i = 0;
    while (i < words.length) {
      if (!name(i)) {
        i++;
        continue;
      }
      let end = i + 1;
      while (end < words.length && name(end)) end++;
      // Titles, honorifics and words the lexicon knows are no names at either end: "Mr." in "Mr. Kirby".
      let from = i;
      let to = end;
      while (from < to && NOT_NAMES.has((infos[from] as WordInfo).lexicon)) from++;
      while (to > from && NOT_NAMES.has((infos[to - 1] as WordInfo).lexicon)) to--;
      if (from < to && (from > 0 || !isCommonWord((words[from] as Word).text)) && !namesNoEntity(words, from, to)) {
        const start = (words[from] as Word).start;
        const stop = (words[to - 1] as Word).end;
        untyped.push({ text: text.slice(start, stop), start, end: stop, sentence });
      }
      i = end;
    }
  });
  return untyped;
}

/** Nouns a place's name and a sport or a fuel qualify: "U.S. LNG exports", "the India Cricket team". */
const TRADE_NOUNS = new Set(
  `exports imports shipments cargoes cargo prices price production output demand supply supplies sales volumes market
   markets capacity trade team teams squad players fans season`.split(/\s+/u),
);

/** Sports whose national bodies are named with their country ("Cricket Australia", "Sri Lanka Cricket"), and LNG ventures ("Oman LNG"). */
const BODY_WORDS =
  "Cricket|Rugby|Football|Soccer|Tennis|Athletics|Swimming|Golf|Hockey|Netball|Cycling|Rowing|Basketball|Volleyball|Boxing|Badminton";
const BODY_BEFORE = new RegExp(`(?:^|[^\\p{L}\\p{N}])(${BODY_WORDS})[ \\t]+$`, "u");
const BODY_AFTER = new RegExp(`^[ \\t]+(${BODY_WORDS}|LNG)(?![\\p{L}\\p{N}])`, "u");
/** Whether a text holds any of those words: the documents `nationalBodies` need not look at skip it. */
const ANY_BODY_WORD = new RegExp(`${BODY_WORDS}|LNG`, "u");

/**
 * A country's (or region's) sports body or LNG venture, of which the tagger read only the place: "Cricket South
 * Africa (CSA)", "Sri Lanka Cricket", "Oman LNG". The sport's word, capitalised beside the place, makes the whole an
 * organisation (and its bracketed acronym then the body's, not the country's).
 */
function nationalBodies(text: string, mentions: LocatedMention[]): void {
  if (!ANY_BODY_WORD.test(text)) return;
  for (let i = 0; i < mentions.length; i++) {
    const mention = mentions[i] as LocatedMention;
    if (mention.type !== "place") continue;
    const before = BODY_BEFORE.exec(text.slice(Math.max(0, mention.start - 16), mention.start));
    const after = before ? undefined : BODY_AFTER.exec(text.slice(mention.end, mention.end + 16));
    const word = before?.[1] ?? after?.[1];
    if (!word) continue;
    // Not a trade the place's name and the word qualify ("U.S. LNG exports", "Qatar LNG shipments").
    const following = /^[ \t]+(\p{Ll}+)/u.exec(text.slice(mention.end + (after?.[0].length ?? 0), mention.end + 40))?.[1];
    if (following && TRADE_NOUNS.has(following)) continue;
    const start = before ? mention.start - before[0].length + before[0].indexOf(word) : mention.start;
    const end = after ? mention.end + after[0].length : mention.end;
    // The sport's word read as a name of its own ("Cricket" as a person) goes into the body's.
    for (let j = mentions.length - 1; j >= 0; j--) {
      const other = mentions[j] as LocatedMention;
      if (other !== mention && other.start < end && start < other.end) {
        mentions.splice(j, 1);
        if (j < i) i--;
      }
    }
    mention.start = start;
    mention.end = end;
    mention.text = text.slice(start, end);
    mention.type = "organization";
  }
}

/** A minister's title before a name: "Minister of", "Secretary for", maybe with the first words of the portfolio. */
const PORTFOLIO_TITLE =
  /\b(?:minister|secretary|commissioner)(?:[ \t]+of[ \t]+state)?[ \t]+(?:of|for)[ \t]+((?:\p{L}+(?:,[ \t]*|[ \t]+))*)$/iu;

/**
 * A minister's portfolio the tagger read as the start of the name after it ("Minister of Economic Affairs Wille
 * Rydman", "Minister for Energy Phiona Nyamutoro") is cut off: the rest, two capitalised words or more, is the
 * minister. On CoNLL-2003 train the words after "Minister of/for" and a portfolio are a person's name every time
 * ("Minister of Trade and Industry Tungky Ariwibowo"); the portfolio is an organisation half the time and nothing
 * the other half, so it is left out.
 */
function portfolioOff(text: string, mentions: LocatedMention[]): void {
  if (!/inister|ecretary|ommissioner/u.test(text)) return;
  for (const mention of mentions) {
    if (mention.type === "place") continue;
    // The title, "of" or "for", and maybe the portfolio's first words ("Minister of Agriculture, Forestry and Fisheries Keo…").
    const title = PORTFOLIO_TITLE.exec(text.slice(Math.max(0, mention.start - 80), mention.start));
    if (!title || !(title[1] ?? "").split(/[\s,]+/u).every((w) => w === "" || w === "and" || isPortfolioWord(w))) continue;
    const words = [...mention.text.matchAll(/\S+/gu)];
    // A portfolio's words with the commas of its list ("Mines, Energy and Fisheries").
    const portfolio = (k: number) => (words[k] as RegExpMatchArray)[0].replace(/,$/u, "");
    let k = 0;
    while (k < words.length && (isPortfolioWord(portfolio(k)) || (k > 0 && portfolio(k) === "and"))) k++;
    const rest = words.slice(k);
    if (k === 0 || rest.length < 2 || !rest.every((w) => /^\p{Lu}/u.test(w[0]) && !isPortfolioWord(w[0]))) continue;
    mention.start += (rest[0] as RegExpMatchArray).index as number;
    mention.text = text.slice(mention.start, mention.end);
    mention.type = "person";
  }
}

/**
 * A person and the body they are of, read by the tagger as one organisation's name ("Ackeem Duhaney of Racers Track
 * Club", "Li Meiling of Peking University"): two or three capitalised words that are no common noun nor a head of
 * any body or place, "of", and a name ending in a body's head, are cut in two, a person and the organisation. On
 * CoNLL-2003 train the two such phrases are a person and an organisation ("Scott Randall of Soundview Financial
 * Group"), never one name; "Federated Chamber of Industries" keeps its name ("chamber" heads bodies too).
 */
function personOfBody(text: string, mentions: LocatedMention[]): void {
  if (!text.includes(" of ")) return;
  for (let i = 0; i < mentions.length; i++) {
    const mention = mentions[i] as LocatedMention;
    if (mention.type !== "organization") continue;
    const at = mention.text.indexOf(" of ");
    if (at < 0) continue;
    const person = mention.text.slice(0, at).split(" ");
    const body = mention.text.slice(at + 4);
    const head = body.split(/\s+/u).at(-1)?.toLowerCase() ?? "";
    if (person.length < 2 || person.length > 3 || !(ORG_HEADS.has(head) || INSTITUTION_HEADS.has(head))) continue;
    const personLike = (word: string) =>
      /^\p{Lu}\p{Ll}+$/u.test(word) &&
      !isCommonWord(word) &&
      !NOT_PERSON_WORDS.has(word.toLowerCase()) &&
      !ORG_HEADS.has(word.toLowerCase()) &&
      !INSTITUTION_HEADS.has(word.toLowerCase()) &&
      !["placehead", "orghead"].includes(lexiconClass(word.toLowerCase()));
    if (!person.every(personLike)) continue;
    // A name the document gives a body elsewhere ("Honda Motor Co", then "Honda Motor of America Inc").
    const first = mention.text.slice(0, at);
    if (mentions.some((m) => m !== mention && m.type === "organization" && m.text.startsWith(first))) continue;
    const bodyStart = mention.start + at + 4;
    mentions.splice(i + 1, 0, { ...mention, start: bodyStart, text: body, type: "organization" });
    mention.end = mention.start + at;
    mention.text = text.slice(mention.start, mention.end);
    mention.type = "person";
    i++;
  }
}
/** Words of bodies' names that are not `ORG_HEADS` ("Federated Chamber of Industries"). */
const NOT_PERSON_WORDS = new Set(
  "chamber confederation federated regional royal national international general federal united central motor".split(" "),
);

/** Whether a name ends in the head of a public body, not a firm's legal form nor "Group" ("Merger Commission", "Cocoa Exchange"). */
function namesPublicBody(name: string): boolean {
  const head = name.split(/\s+/u).at(-1)?.toLowerCase() ?? "";
  return INSTITUTION_HEADS.has(head) && !LEGAL_FORMS.has(head);
}

/**
 * A capitalised word and "and" right before a name, after a word in lower case or a comma: not opening a sentence,
 * where any word has a capital ("Traders and Internal Trade Department officials agreed…").
 */
const NOUN_AND_BEFORE = /(?:[,;:(]|(?<![\p{L}\p{N}])\p{Ll}[\p{Ll}'’-]*)[ \t]*((\p{Lu}\p{Ll}+)[ \t]+and[ \t]+)$/u;

/**
 * A name's first word and "and" (or "&") before a company of one word and a legal form, at the start of a name: after
 * a sentence's end, a paragraph's start, a dateline's dash, a bracket, a colon or a lowercase word ("Standard and Poor's Corp", "Procter
 * and Gamble Co"); not after a name and a comma, the end of a list ("Mitsui & Co, Partex and Itochu Corp"). A line may
 * break between them, as wire copy wraps.
 */
const PARTNER_AND_BEFORE =
  /(?:^|[.!?]["”’]?\s+|\n[ \t]*\n|[;:(]|\s[-–—]|(?<![\p{L}\p{N}])\p{Ll}[\p{Ll}'’-]*,?)\s*((\p{Lu}[\p{Ll}'’]+)[ \t\n]+(?:and|&)[ \t\n]+)$/u;

/** The head of a facility's name after a place's: "Stadium", "Arena", "Airport", "Dam", "Oval". */
const FACILITY_AFTER = /^[ \t]+(?:Stadium|Arena|Airport|Dam|Oval)(?![\p{L}\p{N}])/u;

/** A legal form as written after a company's name: "plc", or capitalised ("Ltd", "AG", "S.A."); not a word such as "as". */
const LEGAL_FORM_AFTER = /^(?:['’]s)?(?:[ \t]+|[ \t]*\n[ \t]*)(plc|\p{Lu}[\p{L}.]{0,5})(?![\p{L}\p{N}])/u;

/** Legal forms that are no word nor code of their own: the only ones a line break or a possessive may come before. */
const PLAIN_LEGAL_FORMS = new Set("inc inc. corp corp. co co. ltd ltd. plc llc corporation company limited incorporated".split(" "));

/**
 * Whether `form` after `gap` ends a company's name: any legal form after spaces, only a plain one (`PLAIN_LEGAL_FORMS`)
 * after a line break or a possessive ("Poor's\nCorp"; not "Lufthansa\nSAS and KLM", "Toyota\nAs a result", "Shell's
 * SE Asian arm").
 */
function legalFormAfter(gap: string, form: string): boolean {
  const lower = form.toLowerCase();
  return LEGAL_FORMS.has(lower) && (/^[ \t]+$/u.test(gap) || PLAIN_LEGAL_FORMS.has(lower));
}

/** A given name of two syllables joined by a hyphen, the second in lower case ("Chin-long", "Kyung-hoon"). */
const HYPHENATED_GIVEN_NAME = /^[ \t]+(\p{Lu}\p{Ll}{1,5}-\p{Ll}{2,5})(?![\p{L}\p{N}-])/u;
/** Second halves of compound adjectives, not of given names ("Icahn-led", "Tokyo-based"). */
const COMPOUND_ENDS = new Set(
  "led run based owned made born held bound style type like sized free class level term chair elect".split(" "),
);

/**
 * Words the tagger left off the end of a name: a person's hyphenated given name after the family name ("Yang
 * Chin-long": on CoNLL-2003 train such a word after a person's name is part of it 3 times in 4; syllables of up to
 * six and five letters, not a compound adjective's, "Icahn-controlled", "Icahn-led"), and a company's legal
 * form read as a name of its own ("Erdenes Tavan Tolgoi" and "JSC").
 */
function completeNames(text: string, mentions: LocatedMention[]): void {
  for (let i = 0; i < mentions.length; i++) {
    const mention = mentions[i] as LocatedMention;
    const next = mentions[i + 1];
    if (
      next &&
      // A line may break before the legal form, as wire copy wraps ("Poor's\nCorp"): the sentences cut there.
      /^(?:['’]s)?(?:[ \t]+|[ \t]*\n[ \t]*)$/u.test(text.slice(mention.end, next.start)) &&
      (next.sentence === mention.sentence || text.slice(mention.end, next.start).includes("\n")) &&
      legalFormAfter(text.slice(mention.end, next.start), next.text) &&
      mention.type !== "place"
    ) {
      mention.end = next.end;
      mention.text = text.slice(mention.start, mention.end);
      mention.type = "organization";
      mentions.splice(i + 1, 1);
      // Read again as the company it now is (its first partner before "and", below).
      i--;
      continue;
    }
    // A ground, an airport or a dam named after the place before it ("Cape Town Stadium"), its head left off.
    const facility = FACILITY_AFTER.exec(text.slice(mention.end, mention.end + 12))?.[0];
    if (facility && (!next || next.start >= mention.end + facility.length || next.end === mention.end + facility.length)) {
      if (next && next.start < mention.end + facility.length) mentions.splice(i + 1, 1);
      mention.end += facility.length;
      mention.text = text.slice(mention.start, mention.end);
      mention.type = "place";
      continue;
    }
    if (mention.type === "organization") {
      // A legal form the tagger left untagged after the name ("Shannonair Holdings plc"; "Poor's\nCorp", a line broken).
      const form = LEGAL_FORM_AFTER.exec(text.slice(mention.end, mention.end + 16));
      if (
        form &&
        (!next || next.start >= mention.end + form[0].length) &&
        legalFormAfter(form[0].slice(0, -(form[1] as string).length), form[1] as string)
      ) {
        mention.end += form[0].length;
        mention.text = text.slice(mention.start, mention.end);
      }
      const previous = mentions[i - 1];
      // A company named after two founders, the first left off ("Standard and Poor's Corp", "Marks and Spencer Plc",
      // "Johnson and Johnson Inc"): one word and a legal form after "and", one word before it that is no place, people,
      // body or company of its own (written alone elsewhere in the document, "Chevron and Texaco Inc" are two).
      const partner = PARTNER_AND_BEFORE.exec(text.slice(Math.max(0, mention.start - 40), mention.start));
      const [pair = "", first = ""] = partner?.slice(1) ?? [];
      /** " and " or " & ", as written between the two partners. */
      const separator = pair.slice(first.length);
      const words = mention.text.split(/\s+/u);
      if (
        partner &&
        words.length === 2 &&
        LEGAL_FORMS.has((words[1] as string).toLowerCase()) &&
        // A partner's name, not an acronym ("Piedmont and PSA Inc" are two airlines).
        !isAcronym((words[0] as string).replace(/['’]s$/u, "")) &&
        !lookupGazetteer(nameKey(first)) &&
        !isDemonymWord(first) &&
        !CALENDAR.has(first.toLowerCase()) &&
        !PARTY_LABELS.has(first.toLowerCase()) &&
        !ORG_HEADS.has(first.toLowerCase()) &&
        // Not two companies a sentence sets side by side ("talks between Chrysler and Renault SA").
        !/(?:^|[^\p{L}])(?:between|both)\s+$/iu.test(
          text.slice(Math.max(0, mention.start - pair.length - 12), mention.start - pair.length),
        ) &&
        // Neither word a name of its own in the document: "Texaco" alone elsewhere, "Ronald Reagan"; the same pair
        // written again is no such word ("Standard and Poor's Corp … Standard and Poor's Corp").
        !mentions.some(
          (m) =>
            ((m.text === first && !text.startsWith(separator, m.end)) ||
              (m.text === words[0] && text.slice(m.start - separator.length, m.start) !== separator)) &&
            !(m === previous && m.start === mention.start - pair.length),
        ) &&
        !mentions.some((m) => m.type === "person" && m.text.endsWith(` ${first}`)) &&
        (!previous ||
          previous.end <= mention.start - pair.length ||
          (previous.text === first && previous.start === mention.start - pair.length))
      ) {
        i = takeBefore(text, mentions, i, pair.length);
        continue;
      }
      // The first of two nouns joined by "and" that the tagger left off a body's name ("Oil and Gas Development
      // Company", "Agricultural and Rural Development Bank").
      const before = NOUN_AND_BEFORE.exec(text.slice(Math.max(0, mention.start - 30), mention.start));
      const [joined = "", noun = ""] = before?.slice(1) ?? [];
      const lower = noun.toLowerCase();
      if (
        before &&
        isCommonWord(noun) &&
        !CALENDAR.has(lower) &&
        !PARTY_LABELS.has(lower) &&
        !isDemonymWord(lower) &&
        // A body's name opening with a common noun, ending in a public body's head ("Merger Commission") or of three
        // words or more ("Sanitation Development Agency"); not a brand and a firm's head ("Orange and Vodafone Group",
        // "Target and Walmart Inc") nor an acronym ("NL Industries").
        /^\p{Lu}\p{Ll}+\s\S/u.test(mention.text) &&
        (isCommonWord(mention.text.split(/\s/u)[0] as string) || mention.text.split(/\s+/u).length >= 3 || namesPublicBody(mention.text)) &&
        namesBody(mention.text) &&
        // Nor a name of its own elsewhere in the document ("Brown" of "Brown and AFG Industries").
        !mentions.some((m) => m.text === noun && m !== previous) &&
        (!previous ||
          previous.end <= mention.start - joined.length ||
          (previous.text === noun && previous.start === mention.start - joined.length))
      )
        i = takeBefore(text, mentions, i, joined.length);
      continue;
    }
    // A hyphen within a word's length after the name, else no given name.
    if (mention.type !== "person" || !text.slice(mention.end, mention.end + 9).includes("-")) continue;
    const given = HYPHENATED_GIVEN_NAME.exec(text.slice(mention.end, mention.end + 40));
    if (!given || (next && next.start < mention.end + given[0].length)) continue;
    if (COMPOUND_ENDS.has((given[1] as string).split("-")[1] as string)) continue;
    mention.end += given[0].length;
    mention.text = text.slice(mention.start, mention.end);
  }
}

/**
 * Takes the `length` characters before mention `i` into it ("Standard and " of "Poor's Corp", "Water and " of
 * "Sanitation Development Agency"), dropping the mention the tagger made of them if it starts there ("Water" read as a
 * name of its own); returns the mention's index after.
 */
function takeBefore(text: string, mentions: LocatedMention[], i: number, length: number): number {
  const mention = mentions[i] as LocatedMention;
  const previous = mentions[i - 1];
  if (previous && previous.start === mention.start - length) {
    mentions.splice(i - 1, 1);
    i--;
  }
  mention.start -= length;
  mention.text = text.slice(mention.start, mention.end);
  return i;
}

/** A company named after two partners, as `completeNames` joins it: the partners and a legal form. */
const PARTNERS = /^(\p{Lu}[\p{Ll}'’]+)[ \t\n]+(?:and|&)[ \t\n]+(\p{Lu}[\p{L}'’]*?)(?:['’]s)?[ \t\n]+\S+$/u;

/**
 * A company its document names after two partners with a legal form ("Standard and Poor's Corp") is that company
 * where the document writes the partners again without it ("Standard and Poor's said"), which the tagger reads as
 * two names or one ("Standard", "Poor"): one mention of the company, replacing those it overlaps.
 */
function partnersAgain(text: string, mentions: LocatedMention[]): void {
  const companies = mentions.filter(
    (m) => m.type === "organization" && PARTNERS.test(m.text) && LEGAL_FORMS.has((m.text.split(/\s+/u).at(-1) as string).toLowerCase()),
  );
  for (const company of companies) {
    const [, first = "", second = ""] = PARTNERS.exec(company.text) ?? [];
    const again = new RegExp(
      // The partners are letters and apostrophes (`PARTNERS`): nothing in them to escape.
      `(?<![\\p{L}\\p{N}])${first}[ \\t\\n]+(?:and|&)[ \\t\\n]+${second}(?:['’]s)?(?![\\p{L}\\p{N}])`,
      "gu",
    );
    for (const match of text.matchAll(again)) {
      const start = match.index;
      const end = start + match[0].length;
      if (start === company.start) continue;
      const overlapped = mentions.filter((m) => m.start < end && start < m.end);
      // Only where the tagger found a name in it, and no longer one than the partners (the company with its form).
      if (overlapped.length === 0 || overlapped.some((m) => m.start < start || m.end > end)) continue;
      const sentence = (overlapped[0] as LocatedMention).sentence;
      for (const m of overlapped) mentions.splice(mentions.indexOf(m), 1);
      const at = mentions.findIndex((m) => m.start > start);
      mentions.splice(at < 0 ? mentions.length : at, 0, { text: text.slice(start, end), type: "organization", start, end, sentence });
    }
  }
}

/**
 * A word a document writes as the last name of a person ("Antony Blinken") names that person elsewhere in the
 * document too (and a two-word place whose first word the document writes alone as a person's is that person's name): a mention that is that word alone becomes a person, and one that ends with it after words no
 * person's name holds ("State Blinken" in "Secretary of State Blinken") is cut down to it.
 */
function surnamesArePeople(mentions: LocatedMention[], text: string): void {
  const surnames = new Set<string>();
  const personWords = new Set<string>();
  const alone = new Set<string>();
  for (const { text: name, type } of mentions) {
    if (type !== "person") continue;
    const words = name.split(" ");
    for (const word of words) personWords.add(word);
    if (words.length > 1) surnames.add(words[words.length - 1] as string);
    else alone.add(name);
  }
  for (const mention of mentions) {
    if (mention.type === "person") continue;
    const words = mention.text.split(" ");
    // A family name written first and then alone as a person's ("dissident Wang Donghai … Wang was held"): a person,
    // unless the name is a place or body the lists know.
    if (
      mention.type === "place" &&
      words.length === 2 &&
      alone.has(words[0] as string) &&
      !isWorldPlace(mention.text) &&
      !lookupGazetteer(nameKey(mention.text))
    ) {
      mention.type = "person";
      continue;
    }
    const last = words[words.length - 1] as string;
    if (!surnames.has(last)) continue;
    if (words.length === 1) mention.type = "person";
    else if (words.slice(0, -1).every((word) => !personWords.has(word))) {
      mention.type = "person";
      mention.start = mention.end - last.length;
      mention.text = text.slice(mention.start, mention.end);
    }
  }
}

/**
 * Two names "and" joins that open on the same word, the first a person's, are two people ("Wang Fang and Wang Lei",
 * "Zhang Wei and Zhang Min"): the tagger reads an unfamiliar second one as a place after "and", where lists of
 * places are common.
 */
function namesOfOneFamily(text: string, mentions: readonly LocatedMention[]): void {
  for (let i = 1; i < mentions.length; i++) {
    const first = mentions[i - 1] as LocatedMention;
    const second = mentions[i] as LocatedMention;
    if (first.type !== "person" || second.type === "person" || text.slice(first.end, second.start) !== " and ") continue;
    const a = first.text.split(" ");
    const b = second.text.split(" ");
    if (a.length >= 2 && b.length === a.length && a[0] === b[0]) second.type = "person";
  }
}

/**
 * A one-word name between "the" and "administration" is the person who leads it ("the Biden administration"; on
 * CoNLL-2003 train, "the Clinton administration" four times in four), unless it is a place or body the lists know.
 */
function administrationsOfPeople(text: string, mentions: readonly LocatedMention[]): void {
  if (!text.includes(" administration")) return;
  for (const mention of mentions) {
    if (mention.type === "person" || mention.text.includes(" ")) continue;
    if (!/^\s+administration\b/u.test(text.slice(mention.end, mention.end + 20))) continue;
    if (!/\bthe\s+$/iu.test(text.slice(Math.max(0, mention.start - 5), mention.start))) continue;
    if (isWorldPlace(mention.text) || lookupGazetteer(nameKey(mention.text))) continue;
    mention.type = "person";
  }
}

/** Whether word `at` is its sentence's first with a letter (after an opening quote or bracket, say). */
function firstWordAt(words: readonly Word[], at: number): boolean {
  for (let i = 0; i < at; i++) if (/\p{L}/u.test((words[i] as Word).text)) return false;
  return true;
}

/** Plural head nouns of places: a list of names before one ("Skagit, Snohomish and Whatcom counties") lists places. */
const PLACE_PLURALS = new Set(
  `counties provinces states regions districts islands prefectures oblasts cantons municipalities parishes boroughs
   regencies rivers lakes valleys mountains`.split(/\s+/u),
);
const LIST_JOINS = new Set([",", "and", "or", "&"]);

/**
 * The names listed right before a plural place head are places, whatever the tagger made of each: in "Skagit,
 * Snohomish and Whatcom counties" it read the first a place and the others organisations.
 */
function listsOfPlaces({ sentences }: Reading, mentions: readonly LocatedMention[]): void {
  const byEnd = new Map<number, LocatedMention>();
  for (const mention of mentions) byEnd.set(mention.end, mention);
  sentences.forEach((words, sentence) => {
    for (let j = 1; j < words.length; j++) {
      const word = (words[j] as Word).text;
      // Every head ends in "s": most words are rejected without a lookup.
      if (word.charCodeAt(word.length - 1) !== 115 || !PLACE_PLURALS.has(word)) continue;
      let k = j - 1;
      for (;;) {
        const mention = byEnd.get((words[k] as Word).end);
        if (!mention || mention.sentence !== sentence) break;
        mention.type = "place";
        while (k >= 0 && (words[k] as Word).start > mention.start) k--;
        k--;
        if (k < 1 || !LIST_JOINS.has((words[k] as Word).text)) break;
        k--;
      }
    }
  });
}

/**
 * A stock ticker in brackets after a company's name: "(INCO.JK)", "(2222.SR)", "(NYSE: IBM)", "(Nasdaq:NVDA)", or in
 * angle brackets as older wire copy writes it ("Exxon Corp <XON>", "Electrolux AB <ELUX.ST>"). Its letters are a code,
 * not a name.
 */
const TICKER =
  /\((?:[A-Z0-9]{1,8}\.[A-Z]{1,4}|(?:NYSE|NASDAQ|Nasdaq|LSE|TSX|ASX|HKEX|SGX|JSE|NSE|BSE|IDX|KRX|TYO|SIX)\s?:\s?[A-Z0-9.]{1,10})\)|<[A-Z][A-Z0-9.]{0,11}>/gu;

/** The character spans of the tickers of a text (see `TICKER`). */
function tickerSpans(text: string): [number, number][] {
  if (!text.includes("(") && !text.includes("<")) return [];
  return Array.from(text.matchAll(TICKER), (m) => [m.index, m.index + m[0].length] as [number, number]);
}

/**
 * A name right before a stock ticker is a listed company's ("South Korea's Naver (035420.KS)"), whatever the tagger
 * read: described so, which the rest of the document follows.
 */
function listedCompanies(
  text: string,
  mentions: readonly LocatedMention[],
  tickers: readonly [number, number][],
  described: Set<LocatedMention>,
): void {
  for (const [from] of tickers) {
    const mention = mentions.find((m) => m.end <= from && /^[ \t]*$/u.test(text.slice(m.end, from)));
    if (!mention || mention.type === "organization") continue;
    mention.type = "organization";
    described.add(mention);
  }
}

/**
 * A name whose shares or stock the text speaks of, or its chief executive, chairman, board or profit ("Vinted shares
 * rose", "Goodbody's chief executive"), is a company's. On CoNLL-2003 train the names before "'s shares", "'s stock",
 * "'s chief", "'s chairman" or "'s net" are organisations 8 times in 8, and before "shares" 16 times in 19 when not
 * a nationality (the other 3 places: "Tokyo shares", which a place the gazetteer knows keeps); and after "shares
 * in" or "a stake in" (`COMPANY_BEFORE`). Not by its "stock" a name ending in a geographic head ("the Barents Sea stock").
 */
function companiesByTheirShares(text: string, mentions: readonly LocatedMention[], described: Set<LocatedMention>): void {
  if (!/shares|stock|stake|chief|chairman|board|profit/iu.test(text)) return;
  for (const mention of mentions) {
    if (mention.type === "organization" || mention.role || described.has(mention)) continue;
    // Not a person's surname ("Musk's shares" after "Elon Musk").
    if (mention.type === "person" && mentions.some((m) => m.type === "person" && m.text.endsWith(` ${mention.text}`))) continue;
    if (
      !COMPANY_AFTER.test(text.slice(mention.end, mention.end + 24)) &&
      !COMPANY_BEFORE.test(text.slice(Math.max(0, mention.start - 16), mention.start))
    )
      continue;
    if (lookupGazetteer(nameKey(mention.text))?.type === "place" || isDemonymWord(mention.text.toLowerCase())) continue;
    // Nor, by its "stock", a place its geographic head names: "the Barents Sea stock" is fish ("Noranda Forest
    // shares" are a company's).
    const geographic = /\s/u.test(mention.text) && GEOGRAPHIC_HEADS.has(mention.text.split(/\s+/u).at(-1)?.toLowerCase() ?? "");
    if (geographic && /^[ \t]+stock\b/u.test(text.slice(mention.end, mention.end + 8))) continue;
    mention.type = "organization";
    described.add(mention);
  }
}
/**
 * A name the tagger read as a person's or a town's before a player's or a coach's job ("Wydad coach Hussein Ammouta",
 * "Raja striker", "Tulsa coach") is a team's: a club, an organisation. On CoNLL-2003 train the names before "manager", "coach",
 * "striker", "midfielder", "defender", "goalkeeper" or "captain" are teams (organisations 37 times, places 15,
 * nationalities 27) and never people.
 */
function teamsByTheirPlayers(text: string, mentions: readonly LocatedMention[], described: Set<LocatedMention>): void {
  if (!ANY_TEAM_JOB.test(text)) return;
  for (const mention of mentions) {
    if (mention.role || described.has(mention)) continue;
    if (!TEAM_AFTER.test(text.slice(mention.end, mention.end + 20))) continue;
    // A town's side ("Tulsa coach Glenn Osterhout"); a country's or a region's stays a place, as CoNLL-2003 writes
    // national sides ("England coach").
    if (mention.type === "place" && lookupGazetteer(nameKey(mention.text))?.region) continue;
    // Not the person given the job ("Arsenal appointed Mikel Arteta manager", "named Harry Kane captain").
    if (GIVEN_THE_JOB.test(text.slice(Math.max(0, mention.start - 16), mention.start))) continue;
    // Read as a team already, it is now a described one: the document's other mentions follow it, not a headline's
    // reading of the town ("Limerick edge Clare" above "Clare manager Pat Lafferty").
    mention.type = "organization";
    described.add(mention);
  }
}
/**
 * A name after a person's job written in lowercase is a person's: one word, known by one name ("singer Zemira",
 * "winger Gilzinho", "street artist Kazo"), or two to four words with no body's head noun or legal form ("striker
 * Kwabena Owusu-Ansah"): the tagger reads unfamiliar words as a body. On CoNLL-2003 train the names of two words or
 * more right after such a job are people's 126 times in 127 (the other, "champion Atlanta Braves", after a job that is
 * also a verb). Not a name the gazetteer or the world's places know ("broker Moody's" is left to the rules on firms).
 */
function peopleByTheirJobs(text: string, mentions: readonly LocatedMention[], described: Set<LocatedMention>): void {
  for (const mention of mentions) {
    if (mention.type === "person" || described.has(mention) || !/^\p{Lu}\p{Ll}/u.test(mention.text)) continue;
    const words = mention.text.split(/\s+/u);
    if (
      words.length === 1
        ? mention.text.includes(".")
        : words.length > 4 || namesBody(mention.text) || !words.every((w) => /^\p{Lu}/u.test(w))
    )
      continue;
    const before = /(\p{L}+)[ \t]+(\p{Ll}+)[ \t]+$/u.exec(text.slice(Math.max(0, mention.start - 40), mention.start));
    const job = before?.[2];
    if (!job || !ROLE_NOUNS.has(job) || TRADES.test(job)) continue;
    // A job that is also a verb only after a nationality: "Brazilian forward Rodriguinho", not "pushed forward Brexit".
    if (VERBAL_JOBS.has(job) && !isDemonymWord((before?.[1] ?? "").toLowerCase())) continue;
    if (isWorldPlace(mention.text) || lookupGazetteer(nameKey(mention.text))) continue;
    mention.type = "person";
    mention.role = job;
    described.add(mention);
  }
}

/** Jobs that are also verbs or stand before bodies: "will host Arsenal", "to head Unilever", "pushed forward Brexit". */
const VERBAL_JOBS = new Set([
  "forward",
  "host",
  "head",
  "star",
  "champion",
  "trader",
  "dealer",
  "player",
  "keeper",
  "supervisor",
  "principal",
  "collector",
  "presenter",
  "trainer",
]);

/**
 * The two sides of a contest are of one kind: a name of two words or more that beats, or is beaten by, a person
 * named in full is a person too ("Carlos Alcaraz beat Jannik Sinner 6-4", where the tagger read an unfamiliar
 * "Jannik Sinner" as a team); and a name that beats, or is beaten by, a team the document names as one (by its
 * players: "Al Sadd midfielder Tamim Al-Kuwari") is a team, not the person the tagger read ("Al Sadd beat Al
 * Duhail"). Only the winner's verb between them, a country in brackets after the first allowed ("Pete Sampras (U.S.)
 * beat Mark Philippoussis"); not a name with an organisation's head or a legal form.
 */
function contestantsAlike(text: string, mentions: readonly LocatedMention[], described: Set<LocatedMention>): void {
  if (!BEATEN.test(text)) return;
  const person = (m: LocatedMention) => m.type === "person" && /\s/u.test(m.text);
  const teams = new Set([...described].filter((m) => m.type === "organization").map((m) => m.text));
  // By its name: the document may still read this mention of it as a person, until one sense is chosen for it.
  const team = (m: LocatedMention) => teams.has(m.text);
  for (let i = 0; i + 1 < mentions.length; i++) {
    let first = mentions[i] as LocatedMention;
    // The country in brackets after a player is a mention of its own: the second side is after it.
    let k = i + 1;
    while (k < mentions.length && /^[ \t]*\($/u.test(text.slice(first.end, (mentions[k] as LocatedMention).start))) k++;
    const second = mentions[k];
    if (!second || !BETWEEN_SIDES.test(text.slice(first.end, second.start))) continue;
    // A team the document names by its players ("Al Sadd midfielder …") beats teams, not people ("Al Sadd beat Al Duhail").
    const [one, two] = team(first) ? [first, second] : [second, first];
    if (team(one)) {
      if (two.type === "person" && !described.has(two) && !team(two)) {
        two.type = "organization";
        delete two.role;
        described.add(two);
      }
      continue;
    }
    let other = second;
    if (!person(first)) [first, other] = [second, first];
    if (!person(first) || other.type === "person" || described.has(other) || !/\s/u.test(other.text)) continue;
    const words = other.text.split(/\s+/u);
    if (words.some((word) => ORG_HEADS.has(word.toLowerCase()) || LEGAL_FORMS.has(word.toLowerCase()))) continue;
    other.type = "person";
    described.add(other);
  }
}
/** A winner's verb, between the two sides of a contest. */
const CONTEST_VERBS = "beat|beats|defeated|defeats|edged|overcame|outlasted|thrashed|routed|upset|downed|eliminated";
const BEATEN = new RegExp(`\\b(?:${CONTEST_VERBS})\\b`, "u");
/** What stands between the sides: the verb, after a country in brackets maybe ("Pete Sampras (U.S.) beat"). */
const BETWEEN_SIDES = new RegExp(`^(?:[ \\t]*\\([^()\\n]{1,30}\\))?[ \\t]+(?:${CONTEST_VERBS})[ \\t]+$`, "u");

/**
 * A name after a ranking is a team's ("No. 3 South Carolina held off No. 5 UConn"): US college sport ranks its teams
 * so, and names them after their states and towns. Not an address ("No. 10 Downing Street").
 */
function rankedTeams(text: string, mentions: readonly LocatedMention[], described: Set<LocatedMention>): void {
  if (!/\bNo\.?[ \t]+\d/u.test(text)) return;
  for (const mention of mentions) {
    if (mention.type === "organization" || described.has(mention)) continue;
    if (!RANKED.test(text.slice(Math.max(0, mention.start - 8), mention.start))) continue;
    if (GEOGRAPHIC_HEADS.has((mention.text.split(/\s+/u).at(-1) as string).toLowerCase())) continue;
    mention.type = "organization";
    delete mention.role;
    described.add(mention);
  }
}
const RANKED = /\bNo\.?[ \t]+\d{1,2}[ \t]+$/u;

/**
 * A name read as a person's that the text places a firm's trade before, where a person cannot stand, is the firm:
 * "analysts at broker Pryor Stanton", "Jonathan Pell of stockbroker Greaves Marlow", "Bookmakers William Hill have".
 * Firms named like people are common in the City; a person is "broker John Smith", never "at broker John Smith".
 */
function firmsByTheirTrade(text: string, mentions: readonly LocatedMention[], described: Set<LocatedMention>): void {
  if (!TRADES.test(text)) return;
  for (const mention of mentions) {
    if (mention.type !== "person" || described.has(mention)) continue;
    const before = text.slice(Math.max(0, mention.start - 48), mention.start);
    if (!FIRM_BEFORE.test(before) && !TRADES_BEFORE.test(before)) continue;
    // The trade read as the person's job ("broker") is no role of the firm; another role is a person's.
    if (mention.role && !TRADES.test(mention.role)) continue;
    mention.type = "organization";
    delete mention.role;
    described.add(mention);
  }
}
const TRADE_WORDS = [
  "broker",
  "stockbroker",
  "brokerage",
  "bookmaker",
  "bookmakers",
  "consultancy",
  "investment bank",
  "law firm",
  "accountancy firm",
  "estate agents?",
];
const TRADE = TRADE_WORDS.join("|");
/** Whether a text or a role names a firm's trade: case-sensitive but for the first letter, a cheap scan of every story ("Bookmakers" opens a sentence). */
const TRADES = new RegExp(TRADE_WORDS.map((word) => `[${(word[0] as string).toUpperCase()}${word[0]}]${word.slice(1)}`).join("|"), "u");
/** A firm's trade after "at", "of", "from"… right before the name: "analysts at broker". */
const FIRM_BEFORE = new RegExp(`\\b(?:at|of|from|with|by|for)[ \\t]+(?:the[ \\t]+)?(?:${TRADE})[ \\t]+$`, "iu");
/** A trade in the plural right before the name, its subject: "Bookmakers William Hill have". */
const TRADES_BEFORE = /\b(?:bookmakers|brokers|stockbrokers)[ \t]+$/iu;

/**
 * A name the tagger read as a place or a person, that no list of places knows, is a party or a body when the text
 * gives it a party's people or a party's leaning: "Isamaa chairman Urmas Kõiv", "Vooruit chair", "the N-VA
 * negotiator", "the far-right Confederation", "the opposition Isamaa". Parties abroad are single unfamiliar words,
 * and the tagger reads those by their sound. A place the lists know stays ("Gaza spokesman", "the ruling in Texas").
 */
function partiesByTheirPeople(text: string, mentions: readonly LocatedMention[], described: Set<LocatedMention>): void {
  for (const mention of mentions) {
    if (mention.role || described.has(mention)) continue;
    const after = text.slice(mention.end, mention.end + 32);
    const before = text.slice(Math.max(0, mention.start - 40), mention.start);
    if (!PARTY_PEOPLE_AFTER.test(after) && !LEANING_BEFORE.test(before)) continue;
    // Not a person named in full ("the opposition leader Anna Berg"), nor a place the lists know.
    if (mention.type === "person" && /\s/u.test(mention.text)) continue;
    if (mention.type !== "organization" && (isWorldPlace(mention.text) || lookupGazetteer(nameKey(mention.text)))) continue;
    // Read as an organisation already, it is now a described one: the document's other mentions follow it, not a
    // headline's reading ("Chega vows new bill…" above "The hard-right Chega said").
    mention.type = "organization";
    described.add(mention);
  }
}
const PARTY_JOBS = "chair|chairman|chairwoman|chairperson|co-leader|leader|deputy|negotiator|spokesman|spokeswoman|spokesperson";
/** A party's people after its name, maybe after "parliamentary": "Vooruit chair Elke Vandamme", "PS parliamentary leader". */
const PARTY_PEOPLE_AFTER = new RegExp(`^[ \\t]+(?:parliamentary[ \\t]+)?(?:${PARTY_JOBS})\\b`, "u");
/** A party's leaning right before its name: "the far-right Confederation", "the opposition Isamaa", "the liberal Eesti 200". */
const LEANING =
  "main|ruling|governing|opposition|far-right|far-left|hard-right|hard-left|centre-right|center-right|centre-left|center-left|centrist|liberal|conservative|nationalist|populist|green|green-left|socialist|communist|pro-\\p{L}+|Christian[ \\t]+democratic|social[ \\t]+democratic";
const LEANING_BEFORE = new RegExp(`\\b[Tt]he[ \\t]+(?:(?:${LEANING})[ \\t]+){1,3}$`, "u");

const GIVEN_THE_JOB = /\b(?:appoint|appoints|appointed|name|names|named|make|makes|made|elected|hired|installed|confirmed|as)[ \t]+$/iu;
const TEAM_JOBS =
  "manager|coach|striker|midfielder|defender|goalkeeper|captain|winger|full-forward|full-back|fullback|half-back|fly-half|scrum-half|hooker|flanker|wicketkeeper|batsman|bowler|quarterback|guard|forward";
const TEAM_AFTER = new RegExp(`^[ \\t]+(?:${TEAM_JOBS})\\b`, "u");
const ANY_TEAM_JOB = new RegExp(TEAM_JOBS, "u");

/** "shares in", "shares of", "a stake in" before a company's name: on CoNLL-2003 train organisations 12 times in 13 (the other a place). */
const COMPANY_BEFORE = /\b(?:shares|stakes?)[ \t]+(?:in|of)[ \t]+$/iu;
const COMPANY_AFTER = /^(?:['’]s)?[ \t]+(?:shares|stock)\b|^['’]s[ \t]+(?:chief[ \t]+executive|chairman|board|net[ \t]+profit|profit)\b/u;

/**
 * A name the tagger read as a person's that a document introduces with an acronym of its letters in brackets is an
 * organisation's ("the Unión Sindical Obrera (USO)"): people are given no acronym. On CoNLL-2003 train the names of two
 * words or more followed by a bracketed acronym are organisations 86 times, MISC 16 and places once; the 163 people are
 * all followed by their country ("Todd Martin (U.S.)"), whose letters are not the name's.
 */
function acronymedBodies(text: string, mentions: readonly LocatedMention[], described: Set<LocatedMention>): void {
  if (!text.includes("(")) return;
  for (const mention of mentions) {
    if (mention.type !== "person" || mention.role || !/\s/u.test(mention.text)) continue;
    // Not a person known by initials ("Mohammed bin Salman (MBS)", "John F. Kennedy (JFK)"): a given name first.
    const given = (mention.text.split(/\s/u)[0] as string).toLowerCase();
    if (lexiconClass(given) === "first" || /\s(?:bin|ibn|bint)\s/u.test(mention.text)) continue;
    const acronym = /^[ \t]*\(([^()\s]{2,12})\)/u.exec(text.slice(mention.end, mention.end + 20))?.[1];
    if (!acronym || !isBracketedAcronym(acronym)) continue;
    const name = mention.text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
    if (acronym[0]?.toLowerCase() !== name[0] || !lettersIn(acronym, name)) continue;
    mention.type = "organization";
    described.add(mention);
  }
}

/** Words a title opens on that no name ends with: a name running into one ends before it. */
const TITLE_OPENERS = new Set(
  "vice deputy acting regional provincial cabinet managing assistant associate senior interim executive".split(" "),
);
/**
 * Titles of who governs a place: the name right before one is the place ("Kisumu Governor", "Cusco Regional Governor",
 * "Brisbane Lord Mayor").
 */
const GOVERNING_TITLES = ["governor", "mayor", "premier"];
/** The words a governing title may open with: "Cusco Regional Governor", "Brisbane Lord Mayor". */
const GOVERNING_QUALIFIERS = ["regional", "provincial", "lord"];
const GOVERNING = new Set([...GOVERNING_QUALIFIERS, ...GOVERNING_TITLES]);
/** A governing title after a name, whoever holds it: "Queensland premier announces…". */
const GOVERNING_AFTER = new RegExp(
  `^[ \\t]+(?:(?:${GOVERNING_QUALIFIERS.join("|")})[ \\t]+)?(?:${GOVERNING_TITLES.join("|")})(?![\\p{L}\\p{N}])`,
  "iu",
);

/**
 * A big city or province of the world's list right before a governing title is the place it governs, with or without
 * the holder's name after it ("Queensland premier announces Olympic venue plan" in a title, "Brisbane Lord Mayor Adrian
 * Schrinner"): a description, which the document's other mentions of the name follow ("the Brisbane 2032 Olympic
 * Games"). Not a name read as a person ("Kennedy" of "Kennedy Governor…" is somebody's).
 */
function placesBeforeGoverning(text: string, mentions: readonly LocatedMention[], described: Set<LocatedMention>): void {
  for (const mention of mentions) {
    if (mention.type === "person" || described.has(mention) || !GOVERNING_AFTER.test(text.slice(mention.end, mention.end + 24))) continue;
    if (!isWorldPlace(mention.text) || lookupGazetteer(nameKey(mention.text))) continue;
    mention.type = "place";
    described.add(mention);
  }
}

/**
 * A name that runs into the title of the person after it ends before the title: "BGMEA Vice" before "Vice President
 * Tahmina Rahman" is BGMEA; what is left of it when that is only a minister's portfolio ("Petroleum" of "Energy and
 * Petroleum Cabinet Secretary Daniel Kiprono") is part of the title, no name. Only a title opening on a word no name
 * ends with (`TITLE_OPENERS`). And a big city or province of the world's list right before a governing title, read as
 * an organisation or not read at all, is the place it governs ("Kisumu Governor Rose Akinyi Were").
 */
function cutAtRoles(text: string, mentions: LocatedMention[]): void {
  const dropped = new Set<LocatedMention>();
  const governed: LocatedMention[] = [];
  for (const person of mentions) {
    if (!person.role) continue;
    const roleStart = text.lastIndexOf(person.role, person.start);
    if (roleStart < 0 || text.slice(roleStart + person.role.length, person.start).trim() !== "") continue;
    const opener = person.role.split(/\s+/u)[0]?.toLowerCase() ?? "";
    for (const other of mentions) {
      if (other === person || dropped.has(other) || other.start >= roleStart) continue;
      // A portfolio the tagger read on its own right before such a title is part of it ("Petroleum" of "Energy and
      // Petroleum Cabinet Secretary Daniel Kiprono").
      if (
        TITLE_OPENERS.has(opener) &&
        other.end <= roleStart &&
        text.slice(other.end, roleStart).trim() === "" &&
        other.text.split(/\s+/u).every(isPortfolioWord)
      ) {
        dropped.add(other);
        continue;
      }
      // Only a title opening on a word no name ends with ("Vice", "Deputy", "Managing"): not "U.S. Treasury Secretary
      // James Baker", "Swiss National Bank President", "British Labour Party leader Tony Blair".
      if (roleStart < other.end && TITLE_OPENERS.has(opener)) {
        const kept = text.slice(other.start, roleStart).replace(/[\s,]+$/u, "");
        if (!kept || kept.split(/\s+/u).every(isPortfolioWord)) {
          dropped.add(other);
          continue;
        }
        other.text = kept;
        other.end = other.start + kept.length;
      }
      // What the holder of a governing title governs is a place: "Cusco" of "Cusco Regional Governor Edwin Ccori".
      if (
        other.type === "organization" &&
        GOVERNING.has(opener) &&
        text.slice(other.end, roleStart).trim() === "" &&
        isWorldPlace(other.text) &&
        !lookupGazetteer(nameKey(other.text))
      )
        other.type = "place";
    }
    if (GOVERNING.has(opener)) {
      const place = governedPlace(text, roleStart, mentions);
      if (place) governed.push({ ...place, type: "place", sentence: person.sentence, ...(person.headline ? { headline: true } : {}) });
    }
  }
  for (let i = mentions.length - 1; i >= 0; i--) if (dropped.has(mentions[i] as LocatedMention)) mentions.splice(i, 1);
  if (governed.length > 0) {
    mentions.push(...governed);
    mentions.sort((a, b) => a.start - b.start);
  }
}

/**
 * The big city or province of the world's list written right before a governing title, where the tagger left it out
 * ("Cusco" of "Cusco Regional Governor Edwin Ccori"): its last one, two or three capitalised words, no other name's.
 */
function governedPlace(
  text: string,
  roleStart: number,
  mentions: readonly LocatedMention[],
): { text: string; start: number; end: number } | undefined {
  const before = /((?:\p{Lu}[\p{L}\p{M}'’-]*[ \t]+){1,3})$/u.exec(text.slice(Math.max(0, roleStart - 80), roleStart));
  if (!before) return undefined;
  const words = (before[1] as string).trim().split(/[ \t]+/u);
  for (let k = Math.min(3, words.length); k >= 1; k--) {
    const name = words.slice(-k).join(" ");
    if (!isWorldPlace(name) || lookupGazetteer(nameKey(name))) continue;
    const end = roleStart - (before[1] as string).length + (before[1] as string).trimEnd().length;
    const start = end - name.length;
    if (text.slice(start, end) !== name || mentions.some((m) => m.start < end && start < m.end)) return undefined;
    return { text: name, start, end };
  }
  return undefined;
}

/** The words a club's name adds to its town's: "Harrogate Town", "Leeds United", "Bristol Rovers", "Oldham Athletic", "Ohio State". */
const CLUB_WORDS = new Set([
  ...["Town", "United", "Rovers", "Wanderers", "Athletic", "Albion", "Rangers", "Hotspur", "Argyle", "Orient"],
  // American colleges' teams: "Wichita State", "Texas Tech".
  ...["State", "Tech"],
]);

/**
 * In a sports report (`sportsStory`), a name of two words or more ending in a club's word after its town's name
 * ("Huddersfield Town", "Dundee United"), that is no place of the world's list ("Cape Town", "George Town"), is a club.
 */
function clubsOfTowns(text: string, mentions: readonly LocatedMention[], described: Set<LocatedMention>): void {
  if (!sportsStory(text)) return;
  for (const mention of mentions) {
    if (mention.type === "organization" || described.has(mention) || mention.role) continue;
    const words = mention.text.split(/\s+/u);
    if (words.length < 2 || !CLUB_WORDS.has(words.at(-1) as string) || isWorldPlace(mention.text)) continue;
    if (lookupGazetteer(nameKey(mention.text))?.type === "place") continue;
    mention.type = "organization";
    described.add(mention);
  }
}

/**
 * In a sports report (`sportsStory`), a name of one word in the plural that the text writes right after "the", no
 * nationality's and no place's, read as a person's is a team, wherever it is written ("The Highlanders scored", "beat
 * the Crusaders", "the Yankees"; the headline's "Highlanders end Crusaders hoodoo"). On CoNLL-2003 train such words
 * are organisations 68 times (teams, "the Times") and people 5 (families: "the Kennedys"), the others nationalities
 * and places; outside sport (Reuters' "the Pickens group", "the Delors plan", "the Wallenbergs") they are people and
 * families as often.
 */
function teamsInThePlural(text: string, mentions: readonly LocatedMention[], described: Set<LocatedMention>): void {
  if (!sportsStory(text)) return;
  for (const mention of mentions) {
    if (mention.type !== "person" || described.has(mention) || !pluralAfterThe(text, mention)) continue;
    mention.type = "organization";
    described.add(mention);
  }
}

/** Whether a name is one word in the plural that the text writes after "the", no nationality's and no place's (`teamsInThePlural`). */
function pluralAfterThe(text: string, name: { text: string }): boolean {
  // Letters only (so the name is safe in a pattern), ending in one "s" ("Highlanders", not "Express").
  if (!/^\p{Lu}\p{Ll}*[^\P{Ll}s]s$/u.test(name.text) || !new RegExp(`\\bthe[ \\t]+${name.text}\\b`, "iu").test(text)) return false;
  return !isDemonymWord(name.text.toLowerCase()) && lookupGazetteer(nameKey(name.text)) === undefined && !isWorldPlace(name.text);
}

/**
 * A wire story's sign-off: a line naming its reporters and editors, bracketed or not ("(Reporting by Lina Qasem in
 * Amman; Editing by Alison Marsh)", "Additional reporting by Tom Ng"), or AP's "Associated Press writer … contributed".
 */
const SIGN_OFF =
  /^[ \t]*\(?[ \t]*(?:(?:additional[ \t]+)?(?:reporting|editing|writing|compiled|compiling)[ \t]+by\b[^\n]*|associated[ \t]+press[ \t]+writers?\b[^\n]*\bcontributed\b[^\n]*)$/gimu;

const SIGN_OFF_WORDS = /(?:reporting|editing|writing|compil(?:ed|ing))[ \t]+by|contributed/iu;

/**
 * The spans of a text's sign-off lines (see `SIGN_OFF`).
 * @example
 * signOffSpans("Prices rose.\n(Reporting by Lina Qasem; Editing by Alison Marsh)"); // [[13, 63]]
 */
export function signOffSpans(text: string): [number, number][] {
  // Most texts have none: a look for the words first is cheaper than trying the pattern at every line.
  if (!SIGN_OFF_WORDS.test(text)) return [];
  return [...text.matchAll(SIGN_OFF)].map((match) => [match.index as number, (match.index as number) + match[0].length]);
}

const within = (spans: readonly [number, number][], start: number, end: number) => spans.some(([from, to]) => start >= from && end <= to);

/**
 * A wire's dateline: a line opening with a place in capitals, maybe its country or state and a date, then the agency
 * in brackets and a dash ("LA PAZ (Reuters) -", "SUVA, Fiji (AP) —", "KIRKUK, Iraq, May 3 (Reuters) -"), or a long
 * dash alone, as newspapers write it ("SHAH ALAM, Malaysia —", "JUBA —"). The places
 * named there are places, whatever the tagger read ("LA PAZ" as an organisation), and the agency is an organisation
 * ("(Ritzau)", "(Caixin)", "(TT)" as places or missed). Not without the agency: "RTRS -", "RUGBY UNION -" open
 * CoNLL-2003's lines of sport and news codes.
 */
const DATELINE =
  /(?:^|\n)[ \t]*(\p{Lu}[\p{Lu}'’.-]*(?:[ \t]+\p{Lu}[\p{Lu}'’.-]*){0,3}(?:,[ \t]+\p{Lu}[\p{L}'’. -]{1,30}?)?)(?:,[ \t]+[\p{L}]+\.?[ \t]+\d{1,2})?(?:[ \t]*\(([^()\n]{2,40})\)[ \t]*[-–—]{1,2}|[ \t]+[—–])[ \t]/gu;
/** An agency's name as a dateline brackets it: capitalised words, no number ("Reuters", "AP", "Ritzau", "dpa" too). */
const AGENCY = /^(?:\p{Lu}[\p{L}&.-]*|dpa)(?:[ \t]+\p{Lu}[\p{L}&.-]*){0,2}$/u;

/**
 * Types as places the mentions in a dateline (see `DATELINE`), as described ones: the rest of the document follows;
 * and its agency as an organisation, in place of what the tagger read there.
 */
function datelineNames(reading: Reading, mentions: LocatedMention[], described: Set<LocatedMention>): void {
  const { text } = reading;
  for (const match of text.matchAll(DATELINE)) {
    const place = match[1] as string;
    const start = (match.index as number) + match[0].indexOf(place);
    const end = start + place.length;
    for (const mention of mentions) {
      if (mention.start < start || mention.end > end || mention.type === "place") continue;
      mention.type = "place";
      described.add(mention);
    }
    const agency = match[2];
    if (agency === undefined || !AGENCY.test(agency)) continue;
    const from = (match.index as number) + match[0].lastIndexOf(`(${agency})`) + 1;
    const to = from + agency.length;
    const sentence = sentenceEnding(reading.sentences, to);
    if (sentence < 0) continue;
    for (let i = mentions.length - 1; i >= 0; i--) {
      const m = mentions[i] as LocatedMention;
      if (m.start < to && from < m.end) mentions.splice(i, 1);
    }
    const mention: LocatedMention = { text: agency, type: "organization", start: from, end: to, sentence };
    mentions.push(mention);
    mentions.sort((a, b) => a.start - b.start);
    described.add(mention);
  }
}

/** Verbs of speech after a name: its speaker is no place the tagger missed. */
const SPEAKS = new Set(["said", "says", "told", "added", "announced", "reported"]);

/** A preposition of place, or a compass point's adjective, right before a name: "based outside Calgary", "northeastern British Columbia". */
const WHERE_BEFORE =
  /\b(?:in|near|into|outside|inside|across|around|throughout|(?:north|south)(?:-?(?:east|west))?(?:ern)?|east(?:ern)?|west(?:ern)?|central)[ \t]+$/iu;

/**
 * A city of 100,000 people or more, or a province or state, of the world's list (`places.txt`), right after a
 * preposition of place or a compass point's adjective, or after a place and a comma, "and" or "or", is the place,
 * whatever the tagger read ("based outside Calgary", "northeastern British Columbia", "depots in Nairobi, Eldoret"): the tagger
 * knows the places of its training set and of the gazetteer, and reads an unfamiliar one by its context. On CoNLL-2003
 * train, of the 383 names of such places after those words, 380 are places (the others: a person's name, a baseball
 * team, a company named after its town), and 92 of the 93 after a place and a comma, "and" or "or". Not after the
 * words sport names clubs with ("away to Heerenveen", "signed from Nantes", "lost at Chelsea": on CoNLL-2003 dev "from"
 * turned two clubs into places and no place right), nor before a possessive ("in Karlsruhe's 4-0"), nor a place that
 * qualifies the noun after it ("Surrey captain"), nor one that speaks ("Lac said"). Not a name the gazetteer knows as an organisation or a person, nor
 * one with a role, an organisation's head noun or a description. A vote, not a description: where the document reads
 * the name as an organisation more often, it stays one (the club of a sports report "in Braga" is not made a place
 * throughout).
 */
function placesAfterPrepositions(text: string, mentions: readonly LocatedMention[], described: ReadonlySet<LocatedMention>): void {
  mentions.forEach((mention, i) => {
    if (mention.type === "place" || mention.role || described.has(mention)) return;
    const previous = mentions[i - 1];
    const between = previous ? text.slice(previous.end, mention.start) : "";
    const listed =
      previous?.type === "place" && previous.sentence === mention.sentence && (LIST_COMMA.test(between) || LIST_CLOSE.test(between));
    // Not a place that qualifies the noun after it ("At the Oval, Surrey captain Chris Lewis").
    const next = /^\s*([\p{L}\p{N}'’-]+|\S)/u.exec(text.slice(mention.end))?.[1];
    // A verb after the list ends it only where a preposition of place opened it ("plants in Kenosha and Milwaukee will
    // lose"), not "Olympia and York will pay".
    const where = (at: number) => WHERE_BEFORE.test(text.slice(Math.max(0, at - 20), at));
    const ends = (word: string | undefined) =>
      placeNounEnds(word) || (word !== undefined && endsPhrase(word) && previous !== undefined && where(previous.start));
    if (listed ? !ends(next) : !where(mention.start)) return;
    // Nor one that speaks ("in Hemlo, Ontario, Lac said": Lac Minerals, not Chad's Lac region).
    if (next !== undefined && (ROLE_NOUNS.has(next.toLowerCase()) || SPEAKS.has(next))) return;
    if (/^['’]/u.test(text.slice(mention.end, mention.end + 1)) || namesBody(mention.text) || !isWorldPlace(mention.text)) return;
    const known = lookupGazetteer(nameKey(mention.text));
    if (known && known.type !== "place") return;
    mention.type = "place";
  });
}

/** What a stake is held in: "a 44 pct interest in", "the largest limited partner in". */
const OWNED_IN = /\b(?:stakes?|interests?|investments?|invested|partners?|holdings?|shares?|equity|position)[ \t]+in[ \t]+$/iu;

/**
 * A name read as a person's right after "in" is a place ("shelters in Khan Younis", where "Khan" made the tagger read a
 * person): on CoNLL-2003 train, of the names right after "in" and before no possessive, 3 in 685 are people's. Not
 * before a possessive ("in Sampras's serve"), nor what a stake is held in (`OWNED_IN`: "a 44 pct interest in
 * Wilkinson", "the largest limited partner in Ivan F. Boesky and Co"), nor a name with a role or a description, nor one
 * the gazetteer knows as a person. A vote, as `placesAfterPrepositions`: the rest of the document follows the type
 * most of its mentions have.
 */
function placesAfterIn(text: string, mentions: readonly LocatedMention[], described: ReadonlySet<LocatedMention>): void {
  for (const mention of mentions) {
    if (mention.type !== "person" || mention.role || described.has(mention)) continue;
    const before = text.slice(Math.max(0, mention.start - 30), mention.start);
    if (!/(?:^|[^\p{L}\p{N}])in[ \t]+$/u.test(before) || OWNED_IN.test(before)) continue;
    if (/^['’]/u.test(text.slice(mention.end, mention.end + 1))) continue;
    if (lookupGazetteer(nameKey(mention.text))?.type === "person") continue;
    mention.type = "place";
  }
}

/** Last words of companies' names, beside the legal forms: "Brightwater Online", "Goldman Sachs Group". */
const COMPANY_HEADS = new Set(
  `group holdings industries systems technologies pharmaceuticals airlines airways motors partners capital securities
   investments insurance petroleum resources mining steel telecom communications bancorp bancshares energy foods
   media online networks entertainment electronics`.split(/\s+/u),
);

/**
 * A company's short form is the company: a name read as a person's that is the first words of a company the
 * document names in full, with its legal form or a company's last word ("Hanbit said" after "Hanbit Biologics Inc",
 * "Kwan Tak" after "Kwan Tak Holdings Ltd", "Brightwater" after "Brightwater Online"; not "Reagan" of "the Reagan
 * Administration", nor "Ford" of "the Ford Foundation"); so is a name opening with the company's first word that is no
 * given name ("Siemens Gamesa" beside "Siemens AG").
 * Stories name a company in full once and by its first words after; the tagger, meeting an unfamiliar word alone,
 * reads it by its sound. Not a person the document names in full with it ("Kwan" beside "Kwan Siu-fung") or
 * writes with an honorific or a role ("Mr Osei" of "Osei Brothers Ltd"), nor a name with a description, nor a place the gazetteer or the world's places know. Names read as places stay:
 * companies, parties and councils are named after their towns ("Basra Oil Company" beside "in Basra").
 */
function shortFormsOfCompanies(text: string, mentions: readonly LocatedMention[], described: Set<LocatedMention>): void {
  const prefixes = new Set<string>();
  for (const { type, text: name } of mentions) {
    const words = name.split(/\s+/u);
    // A company, by its legal form: "the Reagan Administration", "the Carter Center" are named after people.
    const last = (words.at(-1) as string).toLowerCase();
    if (type !== "organization" || !(LEGAL_FORMS.has(last) || COMPANY_HEADS.has(last))) continue;
    for (let n = 1; n < words.length; n++) prefixes.add(words.slice(0, n).join(" "));
  }
  if (prefixes.size === 0) return;
  const people = mentions.filter((m) => m.type === "person" && /\s/u.test(m.text)).map((m) => ` ${m.text} `);
  // A name written after an honorific or with a role anywhere in the document is a person's ("Mr Osei" of "Osei
  // Brothers Ltd").
  const called = new Set(
    mentions.filter((m) => m.role || NOT_ROLES.has(wordBefore(text, m.start)?.toLowerCase() ?? "")).map((m) => m.text),
  );
  for (const mention of mentions) {
    if (mention.type !== "person" || called.has(mention.text) || described.has(mention)) continue;
    // Or a name of two words or more opening with such a company's first word, no given name: a sister company
    // ("Siemens Gamesa" beside "Siemens AG").
    // Not a name of a family ("Noland Jr." beside "Noland Co") nor one opening with an initial ("J. Thomas Clark").
    const words = mention.text.split(/\s+/u);
    const first = words.length > 1 ? (words[0] as string) : undefined;
    const sister =
      first !== undefined &&
      prefixes.has(first) &&
      /^\p{L}{2}/u.test(first) &&
      lexiconClass(first.toLowerCase()) !== "first" &&
      !GENERATIONS.has((words.at(-1) as string).toLowerCase().replace(/\.$/u, ""));
    if (!prefixes.has(mention.text) && !sister) continue;
    if (people.some((person) => person !== ` ${mention.text} ` && person.includes(` ${mention.text} `))) continue;
    if (lookupGazetteer(nameKey(mention.text))?.type === "place" || isWorldPlace(mention.text)) continue;
    mention.type = "organization";
    described.add(mention);
  }
}

/** What may stand between two names of one list, and what closes it: "Kano, Kaduna and Katsina", "Puno or Piura". */
const LIST_COMMA = /^\s*,\s*$/u;
const LIST_CLOSE = /^(?:\s*,)?\s*(?:and|or|&)\s*$/u;

/**
 * Names coordinated with places are places: in a list of names joined by commas and closed by "and" or "or", when
 * at least two are places and places are most of them, the tagger's people and organisations there are places too
 * ("in Hue, Da Nang, Quang Tri and Quang Ngai" read two of them as people). On CoNLL-2003 train 326 of the 327
 * names of such lists are places. A country or state right after a place and a comma is where that place is
 * ("Bluffton, Ohio, and Triplett's division"), not one more place of the list. A name with a role before it, an
 * organisation's head noun or a description keeps its type; the others are described as places
 * (`describedTypes`), which the rest of the document follows.
 */
function coordinatedPlaces(text: string, mentions: readonly LocatedMention[], described: Set<LocatedMention>): void {
  let from = 0;
  while (from < mentions.length) {
    let to = from + 1;
    let closed = false;
    for (; to < mentions.length && !closed; to++) {
      const before = mentions[to - 1] as LocatedMention;
      const next = mentions[to] as LocatedMention;
      if (next.sentence !== before.sentence || next.start < before.end) break;
      const between = text.slice(before.end, next.start);
      if (LIST_CLOSE.test(between)) closed = true;
      else if (!LIST_COMMA.test(between)) break;
    }
    if (!closed) {
      from = to;
      continue;
    }
    const list = mentions.slice(from, to);
    let places = 0;
    let members = 0;
    list.forEach((mention, i) => {
      const previous = list[i - 1];
      const where =
        previous?.type === "place" &&
        LIST_COMMA.test(text.slice(previous.end, mention.start)) &&
        lookupGazetteer(nameKey(mention.text))?.region === true &&
        lookupGazetteer(nameKey(previous.text))?.region !== true;
      if (where) return;
      members++;
      if (mention.type === "place") places++;
    });
    if (places >= 2 && places * 2 > members)
      for (const mention of list) {
        if (mention.type === "place" || mention.role || described.has(mention) || namesBody(mention.text)) continue;
        mention.type = "place";
        described.add(mention);
      }
    // "between Israel and Hizbollah" names two sides, not two places.
    // Only where places are named: after a preposition of place ("in Lisbon and Setubal"), not "hits Britain and Unilever".
    else if (
      list.length === 2 &&
      LOCATIVE_BEFORE.test(text.slice(Math.max(0, (list[0] as LocatedMention).start - 16), (list[0] as LocatedMention).start))
    )
      pairedPlace(text, list[0] as LocatedMention, list[1] as LocatedMention, described);
    else if (list.length === 2) pairedOrganization(list[0] as LocatedMention, list[1] as LocatedMention, described);
    // The last name of a list may open the next one ("Iran and Iraq, Kasahara said" opens none).
    from = to - 1 > from ? to - 1 : to;
  }
}

/**
 * Two names joined by "and" or "or" where no place is named, one an organisation, the other read as a place that
 * neither the gazetteer nor the world's list knows and no place's head noun ends: both are organisations ("competes
 * with OpenAI and Anthropic", "catch up with Tesla and BYD", where the tagger read the unfamiliar word as a place). On
 * CoNLL-2003 train, pairs joined so are of one type 308 times in 331, and the 5 pairs of a place and an organisation
 * are of countries ("PUK and Iraq", "Yemen and Amoco"), which the gazetteer knows.
 */
function pairedOrganization(a: LocatedMention, b: LocatedMention, described: Set<LocatedMention>): void {
  const [organization, place] = a.type === "organization" ? [a, b] : [b, a];
  if (organization.type !== "organization" || place.type !== "place" || described.has(place)) return;
  if (lookupGazetteer(nameKey(place.text)) || isWorldPlace(place.text)) return;
  if (GEOGRAPHIC_HEADS.has((place.text.split(/\s+/u).at(-1) as string).toLowerCase())) return;
  place.type = "organization";
  described.add(place);
}

/**
 * Two names joined by "and" or "or", one a place the gazetteer knows, the other read as an organisation: both are
 * places ("in Lisbon and Guimaraes"). Not with a place only the tagger read: on CoNLL-2003 dev that turned clubs
 * and companies into places ("Orrell, and Northampton", "Kansai Electric Power and Kansai International Airport"). On CoNLL-2003 train, of the 120 such pairs with a place and a
 * place or an organisation, 115 are two places; of the other five, four pair the place with an acronym ("PUK and
 * Iraq", "Iraq and U.N."), which keeps its type here, as does a name the gazetteer knows, one with a role or an
 * organisation's head noun, and a person (pairs of a place and a person are as many as of a place and an organisation).
 * Not after "between", which names two sides ("between Israel and Hizbollah"): on CoNLL-2003 dev the only pairs it
 * turned wrong were such.
 */
function pairedPlace(text: string, a: LocatedMention, b: LocatedMention, described: Set<LocatedMention>): void {
  for (const [place, other] of [
    [a, b],
    [b, a],
  ] as const) {
    if (place.type !== "place" || lookupGazetteer(nameKey(place.text))?.type !== "place") continue;
    if (other.type !== "organization" || other.role || described.has(other) || namesBody(other.text)) continue;
    // Nor a body named by its head first ("the Ministry of Finance and Germany").
    if (other.text.split(/\s+/u).some((word) => namesBody(word))) continue;
    if (!/\p{Ll}/u.test(other.text) || lookupGazetteer(nameKey(other.text)) !== undefined) continue;
    // Nor one that qualifies the noun after it ("in Chile and Codelco managers").
    // After a preposition of place, a verb ends the phrase too ("in Surrey and Kent could face…").
    const next = /^\s*([\p{L}\p{N}'’-]+|\S)/u.exec(text.slice(other.end))?.[1];
    if (!placeNounEnds(next) && !(next !== undefined && endsPhrase(next))) continue;
    other.type = "place";
    described.add(other);
  }
}

/**
 * A name after a place and a comma, at the end of the clause, after a preposition of place ("his office in Market
 * Drayton, Shropshire.", "a plant in Tarija, Bolivia;"): the region the place is in, a place too. Not a body ("in
 * London, Barclays said": the clause goes on).
 */
function regionsOfPlaces(text: string, mentions: readonly LocatedMention[], described: Set<LocatedMention>): void {
  for (let i = 1; i < mentions.length; i++) {
    const region = mentions[i] as LocatedMention;
    const place = mentions[i - 1] as LocatedMention;
    if (region.type === "place" || place.type !== "place" || region.sentence !== place.sentence) continue;
    // A person named in full is who the phrase names ("ambassador to Canada, Johannes de Klerk.").
    if (region.type === "person" && /\s/u.test(region.text)) continue;
    if (region.role || described.has(region) || namesBody(region.text) || !/^,[ \t]*$/u.test(text.slice(place.end, region.start))) continue;
    if (!/^[ \t]*(?:[.;:!?)]|$)/u.test(text.slice(region.end, region.end + 2))) continue;
    if (!LOCATIVE_BEFORE.test(text.slice(Math.max(0, place.start - 16), place.start))) continue;
    const known = lookupGazetteer(nameKey(region.text))?.type;
    if (known !== undefined && known !== "place") continue;
    region.type = "place";
    described.add(region);
  }
}

/** Kinds of organisation a list is introduced with: "supermarkets such as Tesco and Asda", "lenders including Barclays". */
const KIND_BEFORE_LIST = /\b(\p{L}\p{Ll}+)[ \t]+(?:such[ \t]+as|including)[ \t]+$/u;

/**
 * The names listed after a plural noun for a kind of organisation and "such as" or "including" ("supermarkets such as
 * Tesco and Asda"): organisations of that kind.
 */
function kindsListed(text: string, mentions: readonly LocatedMention[], described: Set<LocatedMention>): void {
  if (!/such as|including/u.test(text)) return;
  for (let i = 0; i < mentions.length; i++) {
    const first = mentions[i] as LocatedMention;
    const kind = KIND_BEFORE_LIST.exec(text.slice(Math.max(0, first.start - 40), first.start))?.[1]?.toLowerCase();
    if (!kind?.endsWith("s") || !ORG_DESCRIPTORS.has(singular(kind)) || singular(kind) === kind) continue;
    for (let j = i; j < mentions.length; j++) {
      const mention = mentions[j] as LocatedMention;
      if (
        j > i &&
        !/^(?:,[ \t]*|[ \t]+and[ \t]+|,[ \t]+and[ \t]+)$/u.test(text.slice((mentions[j - 1] as LocatedMention).end, mention.start))
      )
        break;
      if (mention.type === "organization" || mention.role || described.has(mention)) continue;
      mention.type = "organization";
      described.add(mention);
    }
  }
}

/**
 * A place the tagger read as an organisation that qualifies a noun for a kind of organisation before a name ("Sheffield
 * band Kestrel Parade", "London firm Grant Pell") or after an indefinite article ("a Boise startup"): the place the
 * organisation is from.
 */
function placesOfOrganizations(text: string, mentions: readonly LocatedMention[], described: Set<LocatedMention>): void {
  for (const mention of mentions) {
    if (mention.type !== "organization" || mention.role || described.has(mention)) continue;
    // "Sheffield band Kestrel Parade", or with an article before and no name after: "a Boise startup".
    const article = /\b(?:a|an)[ \t]+$/iu.test(text.slice(Math.max(0, mention.start - 4), mention.start));
    const kind = (article ? /^[ \t]+(\p{Ll}+)\b/u : /^[ \t]+(\p{Ll}+)[ \t]+\p{Lu}/u).exec(text.slice(mention.end, mention.end + 40))?.[1];
    if (!kind || !ORG_DESCRIPTORS.has(kind) || kind === "daily" || kind === "weekly") continue;
    if (!isWorldPlace(mention.text) && lookupGazetteer(nameKey(mention.text))?.type !== "place") continue;
    mention.type = "place";
    described.add(mention);
  }
}

/** A preposition of place right before a pair of names (not "between": "between Israel and Hizbollah" names two sides). */
const LOCATIVE_BEFORE = /\b(?:in|at|from|to|into|across|near|around|throughout|outside|inside|towards?)(?:[ \t]+the)?[ \t]+$/iu;

/** Whether a name ends in an organisation's head noun ("Nagoya Exchanges", "Western Railway", "Hemoportugal Lda"). */
function namesBody(name: string): boolean {
  const head = name.split(/\s+/u).at(-1)?.toLowerCase() ?? "";
  return namesInstitution(name) || ORG_HEADS.has(head) || ORG_HEADS.has(singular(head)) || LEGAL_FORMS.has(head);
}

/**
 * Whether the place noun after a name ends the phrase: a comma, a preposition, a verb of the clause ("the La Libertad
 * region, lawyer…", "Quang Tri province on Monday"), not a noun it qualifies ("the Republican Party county chairman").
 */
function placeNounEnds(next: string | undefined): boolean {
  return next === undefined || !lowerWord(next) || APPOSITION_ENDS.has(next) || PLACE_NOUN_FOLLOWERS.has(next);
}
const PLACE_NOUN_FOLLOWERS = new Set([
  "and",
  "or",
  "to",
  "at",
  "from",
  "near",
  "after",
  "since",
  "was",
  "is",
  "were",
  "are",
  "has",
  "had",
  "have",
  "said",
]);

/** Whether a name is an institution's whatever follows it: the gazetteer's organisation, or one ending in an institution's head. */
function namesInstitution(name: string): boolean {
  const head = name.split(/\s+/u).at(-1)?.toLowerCase() ?? "";
  return lookupGazetteer(nameKey(name))?.type === "organization" || INSTITUTION_HEADS.has(head) || BODY_HEADS.has(head);
}
/** Last words of bodies that are not `INSTITUTION_HEADS` but never a place's ("Republican Party", "Chicago Public Schools"). */
const BODY_HEADS = new Set(["party", "schools", "reserve", "fed", "bank", "board", "police", "court", "club"]);

/** What a lower-case noun describing a name says it is (`ORG_DESCRIPTORS`, `PLACE_DESCRIPTORS`). */
function descriptorType(word: string): EntityType | undefined {
  if (ORG_DESCRIPTORS.has(word)) return "organization";
  return PLACE_DESCRIPTORS.has(word) ? "place" : undefined;
}

/** What may follow the noun of an apposition: it ends there ("Hirtshals, the Danish port that wants…"). */
const APPOSITION_ENDS = new Set([
  ...[",", ".", ";", ":", ")", "that", "which", "who", "whose", "where", "of", "in", "on", "with", "for", "between"],
  // A participle opening what the noun is said to be ("Cinekap, the company founded by…").
  ...["founded", "based", "owned", "run", "controlled", "headquartered", "listed"],
]);
const ARTICLES = new Set(["the", "a", "an"]);
/** A plural noun's singular, as the descriptors are listed: "towns" → "town", "cities" → "city". */
const singular = (word: string) => (word.endsWith("ies") ? `${word.slice(0, -3)}y` : word.endsWith("s") ? word.slice(0, -1) : word);
const lowerWord = (word: string) => /^\p{Ll}[\p{Ll}-]*$/u.test(word);

/**
 * Gives a mention the type a description beside it says: a lower-case noun right before it ("the ferry operator Fjord
 * Line", "port operator Bergen Havn", "the capital Kabul"; not before a given name, "the union Raphael Lakpe", nor a
 * place noun that may be a modifier, "the central district SOLIDERE"), a place noun and "of" ("the port of Bergen"), or an apposition after it: an article, at
 * most two lower-case words or demonyms and the noun ("Hirtshals, the Danish port that…"). The text says what the
 * name is, where the tagger guessed from its neighbours. People are left to the tagger: "in London, the foreign
 * minister said" is no apposition. Returns the mentions so described.
 */
function describedTypes({ sentences }: Reading, mentions: readonly LocatedMention[]): Set<LocatedMention> {
  const described = new Set<LocatedMention>();
  const byStart = new Map<number, LocatedMention>();
  const byEnd = new Map<number, LocatedMention>();
  for (const mention of mentions) {
    byStart.set(mention.start, mention);
    byEnd.set(mention.end, mention);
  }
  const give = (mention: LocatedMention, type: EntityType) => {
    mention.type = type;
    described.add(mention);
  };
  sentences.forEach((words, sentence) => {
    const at = (start: number | undefined) => {
      const mention = start === undefined ? undefined : byStart.get(start);
      return mention?.sentence === sentence ? mention : undefined;
    };
    for (let j = 0; j < words.length; j++) {
      const word = words[j] as Word;
      const starting = at(word.start);
      const type = starting ? typeBefore(words, j, starting.text) : undefined;
      if (starting && type) {
        give(starting, type);
        if (type === "place" && words[j - 1]?.text === "of") for (const name of listedAfter(words, j, starting, at)) give(name, "place");
      }
      const ending = byEnd.get(word.end);
      const apposed = ending?.sentence === sentence ? apposition(words, j) : undefined;
      if (ending && apposed) give(ending, apposed);
      // What the tagger read as an organisation or a person without a role ("Ha Tinh province"), and no acronym ("the
      // AWS region"): a left-out word ("an Islamic state") is no name.
      else if (
        ending?.sentence === sentence &&
        (ending.type === "organization" || (ending.type === "person" && !ending.role)) &&
        PLACE_NOUNS_AFTER.has(words[j + 1]?.text ?? "") &&
        !isAcronym(ending.text) &&
        placeNounEnds(words[j + 2]?.text) &&
        !namesInstitution(ending.text)
      )
        give(ending, "place");
    }
  });
  return described;
}

/**
 * Nouns of a part of a company, before "of" and its owner: on CoNLL-2003 train the name after "unit(s) of" or
 * "subsidiary of" is an organisation 8 times in 8 ("division of" is not: "Taichung division of Taiwan's…").
 */
const OWNED_NOUNS = new Set(["unit", "subsidiary"]);
/** "50 km west of Da Nang": on CoNLL-2003 train the name after a compass point and "of" is a place 34 times in 35. */
const COMPASS = new Set(["north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"]);

/**
 * The type the words before the name starting at word `j` give it: a lower-case descriptor noun right before it
 * (not before a given name: "the union Raphael Lakpe" names a person after the noun), a place noun, a compass
 * point or "mayor" and "of", or a part of a company and "of" (`OWNED_NOUNS`).
 */
function typeBefore(words: readonly Word[], j: number, name: string): EntityType | undefined {
  const before = words[j - 1]?.text;
  if (before === undefined || !lowerWord(before)) return undefined;
  if (before === "at") {
    // The job may open the sentence ("Analysts at Itaú expect…").
    const job = j === 2 ? (words[0] as Word).text.toLowerCase() : words[j - 2]?.text;
    return worksAt(job) && lookupGazetteer(nameKey(name))?.type !== "place" ? "organization" : undefined;
  }
  if (before === "of") {
    const noun = j > 1 ? singular((words[j - 2] as Word).text) : "";
    // "the port of Bergen"; "the former mayor of Tarrant Springs", a mayor governs a town (not "governor of", a central
    // bank's too); "a unit of Maersk", "a subsidiary of Schering AG": what owns a unit is a company.
    if (descriptorType(noun) === "place" || COMPASS.has(noun) || noun === "mayor") return "place";
    // Not a compound that describes the owner ("a unit of Japan-based Nippon…"): no name of its own.
    return OWNED_NOUNS.has(noun) && !/-(?:based|owned|listed|controlled|run)$/iu.test((words[j] as Word).text) ? "organization" : undefined;
  }
  if (lexiconClass((words[j] as Word).text.toLowerCase()) === "first") return undefined;
  const described = PLACE_DESCRIPTORS.has(before) && !PLACE_DESCRIPTORS_BEFORE.has(before) ? undefined : descriptorType(before);
  // A place the gazetteer knows stays one after a word that may be an adjective ("the daily Gaza casualty figures",
  // "the weekly Belgrade rally", "the alliance Washington leads").
  return described === "organization" && lookupGazetteer(nameKey(name))?.type === "place" ? undefined : described;
}

/**
 * Whether a word is a job that a name after "at" is the employer of ("chief economist at Itaú", "a professor at
 * Aalto"): on CoNLL-2003 train the name after a job and "at" is an organisation 10 times in 12 (the other two, a
 * hospital and a nursing home, CoNLL calls places).
 */
function worksAt(job: string | undefined): boolean {
  if (job === undefined || !lowerWord(job) || NOT_ROLES.has(job)) return false;
  return [job, singular(job)].some((w) => TITLE_HEADS.has(w) || ROLE_NOUNS.has(w));
}

/**
 * The names listed after `first` (starting at word `j`): "the towns of Bejis, Teresa and Segorbe", as far as the
 * list's "and" or "or" ("the province of Anhui, Dai came…" lists nothing).
 */
function listedAfter(
  words: readonly Word[],
  j: number,
  first: LocatedMention,
  at: (start: number | undefined) => LocatedMention | undefined,
): LocatedMention[] {
  const listed: LocatedMention[] = [];
  let closed = 0;
  let k = j;
  for (let mention = first; ; ) {
    while (k < words.length && (words[k] as Word).end <= mention.end) k++;
    const join = words[k]?.text;
    const next = join !== undefined && LIST_JOINS.has(join) ? at(words[k + 1]?.start) : undefined;
    if (!next) break;
    listed.push(next);
    if (join !== ",") closed = listed.length;
    mention = next;
  }
  return listed.slice(0, closed);
}

/**
 * The type an apposition after the name ending at word `j` gives it: a comma, an article, at most two lower-case
 * words, demonyms or acronyms and the descriptor noun, then the end of the apposition ("Hirtshals, the Danish port that…";
 * "Hasina, speaking to a group of engineers" is none).
 */
function apposition(words: readonly Word[], j: number): EntityType | undefined {
  if (words[j + 1]?.text !== "," || !ARTICLES.has(words[j + 2]?.text ?? "")) return undefined;
  for (let k = j + 3; k < words.length && k <= j + 5; k++) {
    const text = (words[k] as Word).text;
    const type = lowerWord(text) ? descriptorType(text) : undefined;
    if (type) {
      const next = words[k + 1]?.text;
      return next === undefined || APPOSITION_ENDS.has(next) ? type : undefined;
    }
    // An acronym may qualify the noun too: "UNRWA, the U.N. agency for Palestinian refugees".
    if (!lowerWord(text) && !isDemonymWord(text) && !isAcronym(text)) return undefined;
  }
  return undefined;
}

/**
 * Gives every mention of one name in a document the type most of them have (the first one's on a tie), or the type a
 * description gave one of them (`describedTypes`): "tyre giant Pirelli" and "Pirelli shares" are one company.
 */
function oneSensePerDocument(mentions: LocatedMention[], described: ReadonlySet<LocatedMention> = new Set()): void {
  const votes = new Map<string, { first: EntityType; tally: Map<EntityType, number> }>();
  const told = new Map<string, EntityType>();
  for (const mention of mentions) {
    const { text, type } = mention;
    if (described.has(mention) && !told.has(text)) told.set(text, type);
    const vote = votes.get(text) ?? { first: type, tally: new Map<EntityType, number>() };
    vote.tally.set(type, (vote.tally.get(type) ?? 0) + 1);
    votes.set(text, vote);
  }
  const winners = new Map<string, EntityType>();
  for (const [text, { first, tally }] of votes) {
    let best = first;
    for (const [type, count] of tally) if (count > (tally.get(best) ?? 0)) best = type;
    winners.set(text, told.get(text) ?? best);
  }
  for (const mention of mentions) mention.type = winners.get(mention.text) ?? mention.type;
}

/** Members of a parliament or an assembly, as written before or after a name: no name themselves. */
const MEMBERS = new Set(["MP", "MPs", "MEP", "MEPs", "MSP", "MSPs", "MLA", "MLAs"]);

/**
 * A title alone read as a name is none: an honorific ("Hon", "Alhaji"), a member of an assembly ("MLA", "MP"), a
 * deputy's title ("Vice-Chancellor"); nor is a nationality read as a person ("the Scot said"). Words that are also surnames ("King", "Bishop") are left alone, and so are names
 * with a title inside ("Port-au-Prince", "Tri-Star").
 */
function titlesAreNoNames(reading: Reading, mentions: LocatedMention[]): void {
  for (let i = mentions.length - 1; i >= 0; i--) {
    const word = (mentions[i] as LocatedMention).text;
    if (/\s/u.test(word)) continue;
    const lower = word.toLowerCase().replace(/\.$/u, "");
    // Not a state written short ("Jackson, Miss.").
    if (word.endsWith(".") && stateOfAbbreviation(lower)) continue;
    const vice = /^(?:Vice|Deputy|Co|Acting)-(\p{L}+)$/u.exec(word)?.[1];
    // Nor a nationality read as a person ("the Scot said"): CoNLL's MISC.
    const nationality =
      (mentions[i] as LocatedMention).type === "person" &&
      isDemonymWord(lower) &&
      // Not a surname the document gives someone in full ("James Christian … Christian said").
      !mentions.some((m) => m.type === "person" && m.text.endsWith(` ${word}`));
    const title = NOT_ROLES.has(lower) || MEMBERS.has(word) || nationality || (vice !== undefined && isTitleHead(vice));
    if (!title) continue;
    reading.misc.push([(mentions[i] as LocatedMention).start, (mentions[i] as LocatedMention).end]);
    mentions.splice(i, 1);
  }
}

/**
 * A US state written short takes its full stop, as CoNLL-2003 writes it ("Tulsa, Okla.", "Calif."); after a place and a
 * comma it is a place whatever the tagger read. A party's letter before a district ("Sen. Ann Cole (R-Ohio)",
 * "D-Allentown") is no part of the place.
 */
function statesAbbreviated(reading: Reading, mentions: LocatedMention[]): void {
  const { text } = reading;
  // "(R-Ohio)", ", D-Allentown,", "(R-Wash.)": the district with its full stop, whether the tagger read it, with the
  // letter or not.
  namesMatching(reading, mentions, PARTY_DISTRICT, "place");
  for (let i = 0; i < mentions.length; i++) {
    const mention = mentions[i] as LocatedMention;
    if (!/^\p{Lu}\p{Ll}{1,4}$/u.test(mention.text) || !stateOfAbbreviation(nameKey(mention.text))) continue;
    const previous = mentions[i - 1];
    if (previous?.type === "place" && /^,[ \t]*$/u.test(text.slice(previous.end, mention.start))) mention.type = "place";
    if (mention.type !== "place" || text[mention.end] !== ".") continue;
    mention.end++;
    mention.text += ".";
  }
}

/** A party's letter and a district, in brackets or after a comma: "(R-Ohio)", ", D-Allentown,", ", R-Ill." ending a line. */
const PARTY_DISTRICT = /(?<=[(,][ \t]*)[DRI]-(\p{Lu}\p{Ll}+(?:[ \t]\p{Lu}\p{Ll}+)?\.?)(?=[),]|[ \t]*(?:\n|$))/gu;

/**
 * Nouns of a work that a title follows: "the film Iron Meridian", "drama The Quiet Harbour", "her album Blue Skies",
 * "their debut song, Paper Lanterns" (not "single", "series": "a single IBM interface", "computer series, Kroger said").
 */
const WORK_NOUNS = new Set(
  `film movie drama thriller comedy documentary sitcom soap album novel musical opera biopic epic programme song ballad
   anthem`.split(/\s+/u),
);
/** Any noun of a work, "show" too: a text without one has no title to find (lowercase, as prose writes them: a cheap scan). */
const WORK_WORD = new RegExp(`\\b(?:${[...WORK_NOUNS, "show"].join("|")})\\b`, "u");
/** Words before "show" that make it the noun ("reality show Island Exile"), not the verb ("figures show Britain"). */
const SHOW_BEFORE = new Set("the her his their its a reality tv chat talk quiz radio stage hit new comedy game".split(" "));

/**
 * The title of a work (a film, a show, an album, a novel: CoNLL's MISC, no entity here) read as a name: one the text
 * writes right after a noun of a work, and every mention of the same words in the document ("Island Exile reflects
 * real life"). Its spans are no names for later steps either.
 */
function worksAreNoEntities(reading: Reading, mentions: LocatedMention[]): void {
  const { text, sentences } = reading;
  if (!WORK_WORD.test(text)) return;
  const titles = new Set<string>();
  for (const mention of mentions) {
    if (mention.role) continue;
    const words = sentences[mention.sentence] ?? [];
    let j = words.findIndex((word) => word.start === mention.start);
    if (j < 0) continue;
    // "drama The Quiet Harbour": the article is the title's.
    if (words[j - 1]?.text === "The") j--;
    // "his debut album, Streetlight Hymns": the title after the noun and a comma, unless it speaks ("the album, Kroger
    // said").
    const speaks = SPEAKS.has(text.slice(mention.end).match(/^[ \t]+(\p{L}+)/u)?.[1] ?? "");
    if (words[j - 1]?.text === "," && WORK_NOUNS.has(words[j - 2]?.text ?? "") && !speaks) j--;
    const noun = words[j - 1]?.text ?? "";
    const isWork = WORK_NOUNS.has(noun) || (noun === "show" && SHOW_BEFORE.has((words[j - 2]?.text ?? "").toLowerCase()));
    if (isWork) titles.add(mention.text);
  }
  if (titles.size === 0) return;
  for (let i = mentions.length - 1; i >= 0; i--) {
    const mention = mentions[i] as LocatedMention;
    if (!titles.has(mention.text)) continue;
    reading.misc.push([mention.start, mention.end]);
    mentions.splice(i, 1);
  }
}

/** A road named by its number: "Interstate 75", "Highway 1", "Route 66", "I-95". */
const NUMBERED_ROAD = /\b(?:(?:Interstate|Highway|Route)[ \t]+\d{1,3}[A-Z]?|I-\d{1,3})(?![\p{L}\p{N}])/gu;

/** Institutions named after someone with a possessive: "St Peter's School", "Guy's Hospital", "St Patrick's Athletic". */
const POSSESSED_HEADS = new Set(["School", "College", "Hospital", "University", "Church", "Cathedral", "Academy", "Athletic"]);

/**
 * A name cut at a possessive inside it ("St Peter" and "School" of "St Peter's School"): one organisation, when the
 * word after the possessive is an institution's head noun. Not "Reagan's Administration": a person's body is no name.
 */
function institutionsOfSaints(text: string, mentions: LocatedMention[]): void {
  for (let i = mentions.length - 1; i > 0; i--) {
    const head = mentions[i] as LocatedMention;
    const owner = mentions[i - 1] as LocatedMention;
    if (!POSSESSED_HEADS.has(head.text) || owner.sentence !== head.sentence) continue;
    if (!/^['’]s?[ \t]+$/u.test(text.slice(owner.end, head.start))) continue;
    owner.end = head.end;
    owner.text = text.slice(owner.start, owner.end);
    owner.type = "organization";
    delete owner.role;
    mentions.splice(i, 1);
  }
}

/** Last words of a firm's name that a place may follow with "of": "Peachtree Hospitality Partners of Atlanta". */
const FIRM_WORDS = new Set(["Partners", "Ventures", "Holdings", "Associates", "Enterprises", "Properties", "Investments"]);

/**
 * A firm and its town read as one name ("Sagebrush Ventures of Salt Lake City"): the firm, and the place, when the
 * name before "of" (two words or more) ends in a firm's word and the rest is a place the world's list or the gazetteer
 * knows. Not a bank's or a body's name ("Federal Reserve Bank of New York"), whose last word is no firm's word.
 */
function firmsOfPlaces({ text }: Reading, mentions: LocatedMention[]): void {
  if (!text.includes(" of ")) return;
  for (let i = 0; i < mentions.length; i++) {
    const mention = mentions[i] as LocatedMention;
    if (mention.type !== "organization") continue;
    const match = /^(\S+(?:[ \t]+\S+)*?[ \t]+(\S+))[ \t]+of[ \t]+(\p{Lu}.*)$/u.exec(mention.text);
    if (!match || !FIRM_WORDS.has(match[2] as string)) continue;
    const place = match[3] as string;
    if (!isWorldPlace(place) && lookupGazetteer(nameKey(place))?.type !== "place") continue;
    const firm = match[1] as string;
    const at = mention.start + mention.text.length - place.length;
    mentions.splice(i + 1, 0, { text: place, type: "place", start: at, end: mention.end, sentence: mention.sentence });
    mention.text = firm;
    mention.end = mention.start + firm.length;
  }
}

/**
 * A month before a surname after a title, a job or a relation is a woman's given name: "Chief Executive June
 * Ashcombe", "his wife, June Ledbetter", "Mrs May Chen". The tagger never opens a name with a month, as "in June
 * Smith said" would have it.
 */
function monthsAsGivenNames(text: string, mentions: readonly LocatedMention[]): void {
  if (!/\b(?:June|April|May)[ \t]+\p{Lu}/u.test(text)) return;
  for (const mention of mentions) {
    if (mention.type !== "person" || /\s/u.test(mention.text)) continue;
    const match = /(?:^|[^\p{L}])(\p{L}+)(,?[ \t]+)(June|April|May)[ \t]+$/u.exec(
      text.slice(Math.max(0, mention.start - 40), mention.start),
    );
    if (!match) continue;
    const before = (match[1] as string).toLowerCase();
    if (!RELATIONS.has(before) && !isTitleHead(match[1] as string) && !ROLE_NOUNS.has(before) && !NOT_ROLES.has(before)) continue;
    mention.start -= match[0].length - match[0].lastIndexOf(match[3] as string);
    mention.text = text.slice(mention.start, mention.end);
  }
}
const RELATIONS = new Set(["wife", "daughter", "mother", "sister", "widow", "grandmother", "aunt", "niece", "granddaughter", "partner"]);

/**
 * An organisation whose name holds "the" ("Save the Children", "Friends of the Earth") is read by the tagger from
 * after it ("Children", "Earth"): the capitalised words before "the", "of the" or "for the", inside a sentence and in
 * no other name, are the name's first words. Not a title ("Minister of the Interior" is left to the rules on titles).
 */
function namesWithTheInside(text: string, mentions: readonly LocatedMention[]): void {
  if (!/\p{Lu}\p{Ll}+[ \t]+(?:(?:of|for)[ \t]+)?the[ \t]+\p{Lu}/u.test(text)) return;
  mentions.forEach((mention, i) => {
    if (mention.type !== "organization") return;
    const match = THE_INSIDE.exec(text.slice(Math.max(0, mention.start - 48), mention.start));
    if (!match) return;
    const words = (match[2] as string).split(/[ \t]+/u);
    // Nor a day or a month ("on Monday the Bank said").
    if (
      words.some(
        (word) => isTitleHead(word) || isDemonymWord(word.toLowerCase()) || opensSentence(word) || CALENDAR.has(word.toLowerCase()),
      )
    )
      return;
    const start = mention.start - match[0].length + (match[1] as string).length;
    if ((mentions[i - 1]?.end ?? -1) > start) return;
    mention.start = start;
    mention.text = text.slice(start, mention.end);
  });
}
/** Capitalised words after a lowercase word or a comma (inside a sentence), then "the", "of the" or "for the". */
const THE_INSIDE = /(\b\p{Ll}+[ \t]+|,[ \t]+)(\p{Lu}\p{Ll}+(?:[ \t]+\p{Lu}\p{Ll}+)?)[ \t]+(?:(?:of|for)[ \t]+)?the[ \t]+$/u;

/**
 * An organisation's head noun the tagger left out after its name is part of it: "the Japan Ground Self-Defense Force
 * base", "Multnomah County Circuit Court Judge Helen Cho", and a union's local by its number ("Electrical Workers
 * Local 876"). Only a head right after the name, ending the phrase (a lowercase word, a stop, a title), and a name
 * that does not end in a head already ("the Apple Board" is left).
 */
function headsLeftOut(text: string, mentions: readonly LocatedMention[]): void {
  mentions.forEach((mention, i) => {
    if (mention.type !== "organization") return;
    const after = text.slice(mention.end, mention.end + 40);
    const last = mention.text.split(/\s+/u).at(-1) as string;
    const local = last === "Local" ? /^[ \t]+\d{1,5}\b/u.exec(after) : null;
    const head = local ?? (!ORG_HEADS.has(last.toLowerCase()) ? HEAD_AFTER.exec(after) : null);
    if (!head) return;
    const word = head[1];
    if (word && !LEFT_OUT_HEADS.has(word.toLowerCase())) return;
    const end = mention.end + head[0].length;
    const next = mentions[i + 1];
    if (next && next.start < end) return;
    // The head ends the phrase: a title, a lowercase word or a stop after it.
    const rest = text.slice(end, end + 20);
    const following = HEAD_AFTER.exec(rest)?.[1];
    if (word && !(following ? isTitleHead(following) : /^(?:[ \t]+\p{Ll}|[ \t]*[,.;:)])/u.test(rest))) return;
    mention.end = end;
    mention.text = text.slice(mention.start, end);
  });
}
const HEAD_AFTER = /^[ \t]+(\p{Lu}\p{Ll}+)/u;
/** Heads an organisation's name ends in that the tagger leaves out before a noun or a title. */
const LEFT_OUT_HEADS = new Set(["force", "forces", "court", "council", "commission", "authority", "command"]);

/**
 * A name read as a place the gazetteer and the world's places do not know, right before an institution the tagger read
 * apart, is the institution's first words: "St. Aurelia Regional Medical Center" read as "St. Aurelia" and "Regional
 * Medical Center". A place they know stays apart, as CoNLL-2003 writes "U.S. Senate".
 */
function institutionsOfUnknownPlaces(text: string, mentions: LocatedMention[]): void {
  for (let i = mentions.length - 2; i >= 0; i--) {
    const place = mentions[i] as LocatedMention;
    const body = mentions[i + 1] as LocatedMention;
    if (place.type !== "place" || body.type !== "organization" || !/^[ \t]$/u.test(text.slice(place.end, body.start))) continue;
    const head = (body.text.split(/\s+/u).at(-1) as string).toLowerCase();
    if (!INSTITUTIONS.has(head) || isWorldPlace(place.text) || lookupGazetteer(nameKey(place.text))) continue;
    mentions.splice(i, 2, { ...body, start: place.start, text: text.slice(place.start, body.end), sentence: place.sentence });
  }
}
const INSTITUTIONS = new Set(["center", "centre", "hospital", "clinic", "school", "college", "university", "academy", "museum", "library"]);

/**
 * The place of a compound adjective is a place: "a Beijing-based maker", "the Grand Rapids-based utility", "the
 * London-born singer". Only a place the gazetteer or the world's places know ("Cloud-based", "Android-based" are
 * none), in place of what the tagger read of the compound ("Abu Dhabi-headquartered" as a person). CoNLL-2003 marks
 * the whole compound MISC; a reader browsing a town's stories wants the companies based there.
 */
function placesCompounded(reading: Reading, mentions: LocatedMention[]): void {
  const { text } = reading;
  if (!/\p{L}-(?:based|born|headquartered)\b/u.test(text)) return;
  let added = false;
  for (const match of text.matchAll(COMPOUNDED_PLACE)) {
    const words = (match[1] as string).split(/[ \t]+/u);
    // Not a word opening the sentence ("The Grand Rapids-based utility").
    while (words.length > 1 && (/^(?:The|An?)$/u.test(words[0] as string) || opensSentence(words[0] as string))) words.shift();
    const end = match.index + (match[1] as string).length;
    // The longest place ending at the hyphen: "Grand Rapids", not "The Grand Rapids".
    let name: string | undefined;
    for (let n = words.length; n >= 1 && !name; n--) {
      const candidate = words.slice(-n).join(" ");
      if (isWorldPlace(candidate) || lookupGazetteer(nameKey(candidate))?.type === "place") name = candidate;
    }
    if (!name) continue;
    const start = end - name.length;
    const compoundEnd = match.index + match[0].length;
    const overlapping = mentions.filter((m) => m.start < compoundEnd && start < m.end);
    // Not inside a longer name ("Los Angeles-based" read whole is cut to the place; "New York Times-based" is no match).
    if (overlapping.some((m) => m.start < start)) continue;
    const sentence = sentenceEnding(reading.sentences, end);
    if (sentence < 0) continue;
    for (const m of overlapping) {
      // A name the tagger ran on past the compound keeps what follows it: "the Bahrain-based Gulf News Agency".
      const rest = m.end > compoundEnd ? /^[ \t]+/u.exec(text.slice(compoundEnd, m.end)) : null;
      if (rest) {
        m.start = compoundEnd + rest[0].length;
        m.text = text.slice(m.start, m.end);
      } else mentions.splice(mentions.indexOf(m), 1);
    }
    mentions.push({ text: name, type: "place", start, end, sentence });
    added = true;
  }
  if (added) mentions.sort((a, b) => a.start - b.start);
}
const COMPOUNDED_PLACE = /(?<![\p{L}\p{N}-])((?:\p{Lu}[\p{L}.'’]*[ \t]+){0,2}\p{Lu}[\p{L}'’]*)-(?:based|born|headquartered)\b/gu;

/** The sentence a name ending at `end` is in (the first whose last word ends at or after it), or -1. */
const sentenceEnding = (sentences: readonly (readonly Word[])[], end: number): number =>
  sentences.findIndex((words) => (words.at(-1)?.end ?? 0) >= end);

/** An Irish county as Irish news writes it, "Co" for "County": "Co Galway", "Co. Tyrone" (the tagger reads a company). */
const IRISH_COUNTY = new RegExp(
  `\\bCo\\.?[ \\t]+(?:${"Antrim Armagh Carlow Cavan Clare Cork Derry Donegal Down Dublin Fermanagh Galway Kerry Kildare Kilkenny Laois Leitrim Limerick Londonderry Longford Louth Mayo Meath Monaghan Offaly Roscommon Sligo Tipperary Tyrone Waterford Westmeath Wexford Wicklow".split(" ").join("|")})(?![\\p{L}\\p{N}])`,
  "gu",
);

/** A party of the gazetteer named in full: "Alternative for Germany", whatever the tagger read of it. */
const PARTY_NAME = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${[...PARTY_NAMES]
    .sort((a, b) => b.length - a.length)
    .map((name) => name.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&"))
    .join("|")})(?![\\p{L}\\p{N}])`,
  "gu",
);

/**
 * A body named by its head and the place or body it is of: "the Central Bank of the Republic of Turkey", "the Council
 * of the EU", read by the tagger as two names. CoNLL-2003 writes such names whole ("Reserve Bank of India", "Council of
 * Europe": 101 names with "of" inside on train), but a company or a club "of" its place apart ("Physicians Insurance
 * Co of Ohio", "Benfica of Portugal": 18): only a name ending in a body's head joins the name after "of".
 */
function bodiesOfPlaces(text: string, mentions: LocatedMention[]): void {
  for (let i = mentions.length - 2; i >= 0; i--) {
    const body = mentions[i] as LocatedMention;
    const of = mentions[i + 1] as LocatedMention;
    if (body.type !== "organization" || of.type === "person" || !/^[ \t]+of[ \t]+(?:the[ \t]+)?$/u.test(text.slice(body.end, of.start)))
      continue;
    if (!HEADS_OF.has((body.text.split(/\s+/u).at(-1) as string).toLowerCase())) continue;
    mentions.splice(i, 2, { ...body, end: of.end, text: text.slice(body.start, of.end) });
  }
}
const HEADS_OF = new Set(
  `bank council court administration office union party confederation ministry department association federation
   commission agency mission force forces authority board bureau institute university college committee assembly
   parliament republic government league alliance front movement organisation organization service`.split(/\s+/u),
);

/** A broadcaster named by a number: "Channel 4", "BBC Radio 4", "Radio 5 Live", "TV 2". */
const NUMBERED_BROADCASTER = /\b(?:BBC[ \t]+)?(?:Radio|Channel|TV)[ \t]+\d{1,2}(?:[ \t]+(?:Live|Extra|Xtra))?(?![\p{L}\p{N}])/gu;

/**
 * Names written in a form the tagger does not know ("Channel 4", "Interstate 75", the district of "(R-Ohio)"), as
 * `type`, in place of whatever the tagger read inside the match: the name is the match, or its group 1 that ends it
 * ("Ohio" of "R-Ohio"). Not a match inside a longer name ("Formula One's Channel 4 deal" is two names, not a match in
 * one: left as read).
 */
function namesMatching({ text, sentences }: Reading, mentions: LocatedMention[], pattern: RegExp, type: EntityType): void {
  let added = false;
  for (const match of text.matchAll(pattern)) {
    const from = match.index;
    const end = from + match[0].length;
    const name = match[1] ?? match[0];
    const overlapping = mentions.filter((m) => m.start < end && from < m.end);
    if (overlapping.some((m) => m.start < from || m.end > end)) continue;
    const sentence = sentenceEnding(sentences, end);
    if (sentence < 0) continue;
    for (const m of overlapping) mentions.splice(mentions.indexOf(m), 1);
    mentions.push({ text: name, type, start: end - name.length, end, sentence });
    added = true;
  }
  if (added) mentions.sort((a, b) => a.start - b.start);
}

/**
 * A company's trade word opening a sentence ("Steel output falls" above "BlueScope Steel said", "Energy prices rose"
 * in a story on Duke Energy): the tagger reads it as the company the document names with it, but a company is
 * shortened to its own name, not to its trade, and the sentence goes on about the trade ("output", "prices"). Not a
 * word the document names alone where case means something.
 */
function tradesOpeningSentences({ sentences }: Reading, mentions: LocatedMention[]): void {
  const opening = (m: LocatedMention) => sentences[m.sentence]?.[0]?.start === m.start;
  for (let i = mentions.length - 1; i >= 0; i--) {
    const mention = mentions[i] as LocatedMention;
    if (/\s/u.test(mention.text) || !COMPANY_HEADS.has(mention.text.toLowerCase()) || !opening(mention)) continue;
    const words = sentences[mention.sentence] as readonly Word[];
    // It qualifies the word after it ("Steel output"); a subject may be a name after all ("Steel said": David Steel).
    const next = wordAt(words, 1);
    if (!/^\p{Ll}/u.test(next) || endsPhrase(next)) continue;
    const last = ` ${mention.text}`;
    if (!mentions.some((other) => other.type === "organization" && other.text.endsWith(last))) continue;
    if (mentions.some((other) => other !== mention && other.text === mention.text && !opening(other))) continue;
    mentions.splice(i, 1);
  }
}

/**
 * A word alone read as a person or a place that names a kind of body ("the Treasury", "Parliament", "Commission") is
 * that body, an organisation: the tagger reads "Treasury" after "Deputy" as a name after a title, and the document then
 * reads every "Treasury" so. Not a surname of someone the document names in full ("Frank Church … Church said").
 */
function bodiesAreNoPeople(mentions: readonly LocatedMention[]): void {
  for (const mention of mentions) {
    if (mention.type === "organization" || /\s/u.test(mention.text)) continue;
    const word = mention.text.toLowerCase();
    if (!ORG_HEADS.has(word) && !NATIONAL_BODIES.has(word)) continue;
    if (mentions.some((other) => other.type === "person" && other.text.endsWith(` ${mention.text}`))) continue;
    mention.type = "organization";
  }
}

/**
 * The mentions of a text, as `extractLocated` gives them, and the capitalised names the tagger left out: the
 * merger types those from the rest of the corpus ("Kirby's figures" here, "John Kirby" in another document).
 * @example
 * extractNames("Reporters questioned Kirby's figures.").untyped; // [{ text: "Kirby", start: 21, end: 26, sentence: 0 }]
 */
export function extractNames(text: string): DocumentNames {
  return readNames(text, defaultModel());
}

/**
 * Finds the named people, organisations and places of a text. Offsets are into `text`:
 * `text.slice(m.start, m.end) === m.text`.
 * @example
 * extractMentions("Pentagon press secretary John Kirby said so.");
 * // [{ text: "Pentagon", type: "organization", start: 0, end: 8 },
 * //  { text: "John Kirby", type: "person", start: 25, end: 35, role: "press secretary" }]
 */
export function extractMentions(text: string): Mention[] {
  return extractLocated(text).map(({ sentence: _, headline: __, ...mention }) => mention);
}
