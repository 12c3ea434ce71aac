/** @module Word lists the extraction rules lean on: titles, head nouns of places and organisations, words that are never names. */

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
  investor treasurer financier vice-president vice-chairman exchequer
`);

/** Honorifics and the like: a sure sign of a person, but not worth keeping as a role. */
export const NOT_ROLES = words("mr mr. mrs mrs. ms ms. miss dr dr. sir dame lord lady counterpart");

/** Last words of names that are events, laws or prizes, not people, organisations or places. */
export const OTHER_HEADS = words(`
  war wars cup open championship championships games olympics prize award awards tour festival trophy
  series masters classic derby act accord accords treaty agreement index day week
`);

/** Words that sharpen a title ("press secretary", "Foreign Minister"); never a title alone. */
export const TITLE_MODIFIERS = words(`
  press foreign defense defence deputy vice prime assistant acting former interim chief executive general
  state interior finance economy economic trade health justice home opposition party senior top national
  security military managing supreme major first junior under navy army field police treasury
  commerce energy labor education agriculture transport transportation environment information cabinet
  central bank fund union team head associate principal regional county district attorney public
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

/** Words before "of" that keep "of" inside a name: "Department of Defense", "Islamic Emirate of Afghanistan". */
export const OF_HEADS = words(`
  department ministry bank university college institute school secretary minister emirate republic kingdom chief
  state states gulf bay sea isle strait city council board chamber house court church federation
  association union league commission committee office bureau museum duke prince princess king queen
  president governor mayor chancellor archbishop bishop province district federal people's democratic
  central national islamic organization organisation party
`);

/** What may follow "and" or "&" at the end of a company name: "Merrill Lynch and Co Inc". */
export const COMPANY_TAILS = words("co co. company inc inc. corp corp. ltd ltd. sons partners associates brothers plc llc");

/** Lowercase words allowed inside a name: "Bank of Japan", "Rio de Janeiro", "Ludwig van Beethoven". */
export const CONNECTORS = words("of for de del della di da dos das du des la le van von der den bin ibn al el &");

/** Capitalised words that never start or make up a name: function words, pronouns, numbers. */
export const NEVER_NAMES = words(`
  the a an this that these those he she it we they you i his her its our their my your me him them us
  in on at for from by with without as but and or if when while after before since although though because
  so yet also not no nor to of into over under about against between during until upon via per than then
  there here where what which who whom whose why how all any each every some most more many much both
  either neither one two three four five six seven eight nine ten second third last next
  today yesterday tomorrow tonight earlier later
  meanwhile however according despite amid among although even just only still now again already
  please thank thanks yes ok okay oh
`);

/** Month and day names may continue a name ("Theresa May") but never start one. */
export const CALENDAR = words(`
  monday tuesday wednesday thursday friday saturday sunday january february march april may june july
  august september october november december
`);
