/** @module Sports clubs named after places ("Leicestershire beat Somerset", "Baltimore 's Eddie Murray"): in a sports report, such a name is an organisation. */
import { lookupGazetteer } from "./gazetteer";
import { nameKey } from "./normalize";
import type { Token } from "./tokens";
import { isCapitalized, isDemonym, lower } from "./words";

const words = (text: string): ReadonlySet<string> => new Set(text.trim().split(/\s+/u));

/** Words that sports reports use and other news rarely does: three different ones make a text a sports report. */
const SPORTS_WORDS = words(`
  soccer football cricket baseball rugby tennis golf basketball hockey boxing athletics cycling
  innings wicket wickets batsman batsmen bowler bowled homer homers homered inning pitcher pitched rbi
  shortstop outfielder goalkeeper midfielder striker defender halftime scrum tries touchdown
  league cup championship tournament semifinal quarterfinal playoff play-off seeded coach unbeaten
  match matches season goal goals scored game games standings
`);

/** "Somerset beat Kent", "Nice have been unable": a verb that says the name before it is a side. */
const VERBS_AFTER = words(`
  beat beats defeated drew routed blanked edged thrashed trounced crushed downed overcame rallied won lost
  clinched swept trailed need needs have were are kept
`);

/** "beat Somerset", "against Kent", "Birmingham v Barnsley": words that say the name after them is a side. */
const WORDS_BEFORE = words(`
  beat beating beats defeated defeating against v v. vs vs. versus joined joining join host hosts hosted hosting
  face faces facing meet meets visit visiting play plays playing over for
`);

/** "lost to Colorado", "drew with Kent". */
const BEFORE_TO = words("lost loss losses defeat defeats losing");
const BEFORE_WITH = words("drew draw tied");

/** "Surrey captain Chris Lewis", "Eagles owner": people and things only a side has. */
const SIDE_WORDS = words(`
  captain coach manager striker forward midfielder defender goalkeeper keeper batsman bowler pitcher catcher
  shortstop outfielder infielder player players skipper owner fans supporters side team teammate team-mate
  all-rounder opener spinner seamer winger fly-half scrum-half hooker flanker fullback quarterback chairman squad
  lead win victory defeat loss goal goals defence defense attack season record innings total reply
`);

/** Last words of club names ("Norwich City", "Glasgow Rangers"), first words of others ("Dynamo Moscow"). */
const CLUB_TAILS = words("united city rovers athletic wanderers albion town county orient hotspur rangers celtic fc afc sc cf ac");
const CLUB_HEADS = words("dynamo dinamo inter real sporting atletico deportivo olympique racing standard fc sc ac sk borussia");
/** Words that make a place name of another place name: "North London", "New Mexico". */
const PLACE_MODIFIERS = words("north south east west northern southern eastern western central upper lower greater new old");

const ORDINAL = /^(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)$/u;
/** A score or a column of a results table: "3", "429-7", "4:05.104", ".561"; not bowling figures ("7-0-29-0"). */
const SCORE = /^(?:\d+(?:[-:/]\d+){0,2}|\.\d+|\d+\.\d+)$/u;
/** A dateline's date: "LONDON 1996-08-30". */
const DATE = /^(?:1[89]|2[01])\d\d(?:[-/]\d+)*$/u;
const UNITS = words("percent pct % million billion km miles metres meters kg years year days minutes pounds dollars");

const isPlaceWord = (token: Token): boolean =>
  token.tags.has("Place") || token.tags.has("City") || lookupGazetteer(nameKey(token.text))?.type === "place";
const isCountryWord = (token: Token): boolean => token.tags.has("Country") || lookupGazetteer(nameKey(token.text))?.country === true;

/**
 * Whether a text is a sports report: three different words of sport in it.
 * @example
 * isSportsText(tokenize("Leicestershire beat Somerset by an innings and 39 runs to lead the championship. The batsman...")); // true
 */
export function isSportsText(tokens: readonly Token[]): boolean {
  const seen = new Set<string>();
  for (const token of tokens) {
    const word = lower(token.text);
    if (SPORTS_WORDS.has(word)) seen.add(word);
    if (seen.size >= 3) return true;
  }
  return false;
}

/** The token at `i` if it is in `sentence`. */
function at(tokens: readonly Token[], i: number, sentence: number): Token | undefined {
  const token = tokens[i];
  return token?.sentence === sentence ? token : undefined;
}

/** Has the shape of a club's name: "Norwich City", "Dynamo Moscow", "Rotor Volgograd", "the Braves". */
function clubShaped(tokens: readonly Token[], from: number, to: number): boolean {
  const name = tokens.slice(from, to);
  const first = name[0];
  const last = name[name.length - 1];
  if (!first || !last) return false;
  if (last.tags.has("SportsTeam")) return true;
  const before = at(tokens, from - 1, first.sentence);
  const nickname = /^\p{Lu}\p{Ll}+s$/u.test(last.text) && !isPlaceWord(last) && !isDemonym(last);
  if (before && lower(before.text) === "the" && nickname && !lookupGazetteer(nameKey(name.map((t) => t.text).join(" ")))) return true;
  if (name.length < 2) return false;
  if (CLUB_TAILS.has(lower(last.text)) || CLUB_HEADS.has(lower(first.text))) return true;
  if (PLACE_MODIFIERS.has(lower(first.text))) return false;
  return name.some((t) => isPlaceWord(t) && !isCountryWord(t)) && name.some((t) => !isPlaceWord(t) && isCapitalized(t.text));
}

/**
 * Whether the words around a name in a sports report say it is a side: a score after it, a result verb, "v",
 * a player's role, a possessive before a player's name.
 * @example
 * teamCue(tokenize("Leicestershire beat Somerset ."), 0, 1); // true
 * teamCue(tokenize("In Chicago , the Braves won ."), 1, 2); // false
 */
export function teamCue(tokens: readonly Token[], from: number, to: number): boolean {
  const first = tokens[from];
  const last = tokens[to - 1];
  if (!first || !last) return false;
  const s = first.sentence;
  if (clubShaped(tokens, from, to)) return true;
  const before = at(tokens, from - 1, s);
  const earlier = at(tokens, from - 2, s);
  if (before) {
    const word = lower(before.text);
    if (WORDS_BEFORE.has(word) || before.text === "AT") return true;
    if (word === "to" && earlier && BEFORE_TO.has(lower(earlier.text))) return true;
    if (word === "with" && earlier && BEFORE_WITH.has(lower(earlier.text))) return true;
  }
  let next = at(tokens, to, s);
  const possessive = /['’]s?$/u.test(last.text) || (next !== undefined && /^['’]s?$/u.test(next.text));
  if (next && /^['’]s?$/u.test(next.text)) next = at(tokens, to + 1, s);
  if (!next) return false;
  const word = lower(next.text);
  if (SIDE_WORDS.has(word) || next.text === "AT") return true;
  if (possessive) return ORDINAL.test(word) || (isCapitalized(next.text) && !isPlaceWord(next) && !isDemonym(next));
  if (VERBS_AFTER.has(word)) return true;
  const unit = at(tokens, to + 1, s);
  return SCORE.test(next.text) && !DATE.test(next.text) && !(unit && UNITS.has(lower(unit.text)));
}

/**
 * Whether a name is a country, whose national side keeps the place type ("Japan beat Syria").
 * @example
 * isCountryName(tokenize("Japan beat Syria"), 0, 1, "japan"); // true
 * isCountryName(tokenize("Somerset beat Kent"), 0, 1, "somerset"); // false
 */
export function isCountryName(tokens: readonly Token[], from: number, to: number, key: string): boolean {
  const only = to - from === 1 ? tokens[from] : undefined;
  return (only !== undefined && isCountryWord(only)) || lookupGazetteer(key)?.country === true;
}

/**
 * Whether a name stands where a place does: "In Chicago ,", "at Headingley", "near Leeds".
 * @example
 * venueCue(tokenize("In Chicago , the Braves won ."), 1); // true
 */
export function venueCue(tokens: readonly Token[], from: number): boolean {
  const first = tokens[from];
  const before = first ? at(tokens, from - 1, first.sentence) : undefined;
  return before !== undefined && ["in", "at", "near", "outside"].includes(before.text.toLowerCase()) && before.text !== "AT";
}
