/** @module Word lists the tagger and the resolver lean on: titles, head nouns of places and organisations, calendar words. */

const words = (text: string): ReadonlySet<string> => new Set(text.trim().split(/\s+/u));

/** Job titles and honorifics that can stand right before a person's name. */
export const TITLE_HEADS = words(`
  president president-elect minister secretary secretary-general spokesman spokeswoman spokesperson ambassador
  envoy senator sen. congressman congresswoman representative rep. governor gov. mayor chancellor premier
  king queen prince princess pope cardinal bishop archbishop rabbi imam sheikh emir ayatollah sultan
  general gen. colonel col. lieutenant lt. captain capt. admiral adm. sergeant sgt. commander marshal
  chief chairman chairwoman chair director ceo executive founder leader judge justice attorney prosecutor
  commissioner counterpart coach manager official officer analyst economist strategist correspondent
  reporter editor columnist spokesmen officials deputy dr. dr mr. mr mrs. mrs ms. ms miss sir lord lady dame
  investor treasurer financier vice-president vice-chairman exchequer mp mep mps meps
`);

/**
 * Honorifics that no company, brand or place begins with ("Dr Pepper", "Mr Price" and "Lady Bird Lake" do): a name
 * opening with one is a person's, whatever the tagger read.
 */
export const PERSONS_HONORIFICS = words(`
  shri smt smt. shrimati alhaji alhaja hajia hajiya begum datuk dato datin
`);

/** Honorifics and the like: a sure sign of a person, but not worth keeping as a role. */
export const NOT_ROLES: ReadonlySet<string> = new Set([
  ...words(`mr mr. mrs mrs. ms ms. miss dr dr. sir dame lord lady counterpart mallam malam hon hon.`),
  ...PERSONS_HONORIFICS,
]);

/** Words that sharpen a title ("press secretary", "Foreign Minister"); never a title alone. */
export const TITLE_MODIFIERS = words(`
  press foreign defense defence deputy vice prime assistant acting former interim chief executive general shadow
  state interior finance economy economic trade health justice home opposition party senior top national
  security military managing supreme major first junior under navy army field police treasury
  commerce energy labor education agriculture transport transportation environment information cabinet
  central bank fund union team head associate principal regional county district attorney public
  financial operating technology marketing investment legal medical scientific commercial
`);

/** What may follow "of" inside a title: "Secretary of State". */
export const TITLE_COMPLEMENTS = words(`
  state defense defence treasury commerce energy labor justice health education agriculture staff
  homeland interior transportation
`);

/** Last words that make a name a place: "Hamid Karzai International Airport". */
export const PLACE_HEADS = words(`
  airport airbase street st. avenue ave. road boulevard square bridge province provinces county district
  region river lake mountain mountains mount island islands valley bay gulf sea ocean coast peninsula
  desert canal strait border harbour harbor port heights plain plains hills forest park highway
  state city town village oblast prefecture governorate territory prison jail republic kingdom emirates
`);

/** First words that make a name a place: "Mount Everest", "Gulf of Mexico". */
export const PLACE_STARTS = words("mount mt. lake gulf bay sea isle strait cape port fort saint st. san santa");

/** Last words that make a name an organisation: "Security Council", "Bank of Japan" (with `OF_HEADS`). */
export const ORG_HEADS = words(`
  inc inc. corp corp. corporation co co. ltd ltd. plc llc ag sa nv gmbh group holdings industries bank
  council department ministry agency commission committee party university college school institute
  association federation union league club fc army navy forces command embassy consulate office court
  parliament congress senate assembly government administration times post news journal herald tribune
  gazette press network television tv radio airlines airways motors systems technologies pharmaceuticals
  exchange reserve board bureau service services authority fund foundation trust organization organisation
  alliance front movement brigade brigades corps police church hospital museum company companies bancorp
  bancshares partners capital securities investments insurance petroleum resources mining steel telecom
  communications railways railway community spa s.p.a sa s.a ab asa oy oyj bv kk pty bhd srl sarl
`);

/** Month and day names may continue a name ("Theresa May") but never start one. */
export const CALENDAR = words(`
  monday tuesday wednesday thursday friday saturday sunday january february march april may june july
  august september october november december
`);

/**
 * Nouns that say what the name beside them is, written before it ("the ferry operator Fjord Line", "the port of
 * Bergen") or after it as an apposition ("Hirtshals, the Danish port that…"): lower case, as a description is. Not
 * the nouns that are also people's trades ("insurer Thierry Dehaan", "publisher of the daily…").
 */
export const ORG_DESCRIPTORS = words(`
  company companies firm group operator carrier airline maker manufacturer retailer lender bank broadcaster
  newspaper agency union party club regulator utility conglomerate chain subsidiary
  carmaker automaker steelmaker chipmaker drugmaker planemaker startup start-up refiner shipper
  daily weekly tabloid magazine side team alliance coalition consortium charity venture unit label broadsheet
  band supermarket
`);
export const PLACE_DESCRIPTORS = words(`
  town city village port capital region province island district county country municipality suburb state
`);
/**
 * Place nouns that make a name the tagger read as an organisation or a person right before them a place ("the
 * northern La Libertad region", "Quang Tri province", "Konawe regency"): on CoNLL-2003 train the names (not nationality
 * words) before one of these are places 18 times, organisations and people never. Not "state", "city", "town", which also qualify the noun after
 * them ("state media", "city officials").
 */
export const PLACE_NOUNS_AFTER = words(`
  province region district county prefecture governorate municipality regency
`);
/** The place nouns that describe a name right before it, without "of" ("the capital Kabul"). */
export const PLACE_DESCRIPTORS_BEFORE = words("capital");

/**
 * Trades of companies written before a company's name, capitalised when they open a sentence ("Brewer Jos Breweries
 * Plc slipped", "Peers Sahyadri Systems and…"): never the first word of the name itself. Not the nouns names begin
 * with ("Bank Mandiri", "Group Lotus", "Club Med").
 */
export const COMPANY_TRADES = words(`
  brewer brewers miner miners brokerage brokerages broker brokers peer peers rival rivals insurer insurers lender
  lenders retailer retailers carmaker carmakers automaker automakers chipmaker chipmakers drugmaker drugmakers
  steelmaker steelmakers planemaker refiner refiners shipper shippers shipbuilder shipbuilders developer developers
  builder builders explorer explorers producer producers exporter exporters supplier suppliers contractor contractors
  operator operators conglomerate regulator utility utilities startup start-up bookmaker bookmakers distiller
  distillers telco telcos grocer grocers
`);
/**
 * Legal forms of companies, as the last word of their names ("Ltd", "AG", "Oy", "Ltda", "SARL", "JSC", "Tbk"…):
 * the name is a company's (on CoNLL-2003 train, names of two words or more ending in one are organisations 52 times
 * in 52), and without it the same company ("Fenwick Mining Corp" is "Fenwick Mining"). With and without full stops.
 */
export const LEGAL_FORMS = words(`
  inc inc. incorporated corp corp. corporation co co. cos company ltd ltd. limited plc llc lp llp ag sa s.a. nv n.v.
  bv b.v. asa ab as gmbh spa s.p.a. kk se oy oyj bhd sdn pty pvt ltda sarl sas srl kgaa jsc tbk
`);

/**
 * A sports report: a score ("27-24", not a price's "10-1/4") and a word of the game.
 * @example
 * sportsStory("Arsenal beat Villa 2-1."); // true
 */
export function sportsStory(text: string): boolean {
  return /\b\d{1,3}-\d{1,3}\b(?![/\d])/u.test(text) && SPORTS_WORDS.test(text);
}
const SPORTS_WORDS =
  /\b(?:beat|beating|scored|coach|striker|league|season|match|tries|innings|goals?|playoffs?|semi-?finals?|quarter-?finals?)\b/iu;
