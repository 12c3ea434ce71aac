/**
 * @module The tagger's features: each word of a sentence described by hashed integers (its form, shape, affixes,
 * neighbours, lexicon and gazetteer classes, and how the rest of the document writes and tags it). Only hashes
 * reach the model file, never the words.
 */
import nlp from "compromise";
import { CALENDAR, ORG_HEADS, PLACE_HEADS, PLACE_STARTS, TITLE_HEADS } from "../cues";
import { FIRST_WORDS, LONGEST_NAME, lookupGazetteer } from "../gazetteer";
import { isDemonymWord } from "../demonyms";

/** log2 of the number of feature buckets: features hash into 2^22 rows. */
export const BUCKET_BITS = 22;
const BUCKET_MASK = (1 << BUCKET_BITS) - 1;

/** FNV-1a over a string's UTF-16 code units. */
export function hashString(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Mixes a template number and a value hash into a bucket (murmur3's finaliser). */
function bucket(template: number, value: number): number {
  let h = Math.imul(template + 0x9e3779b1, 0x85ebca6b) ^ value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h & BUCKET_MASK;
}

const pair = (a: number, b: number) => Math.imul(a, 31) ^ (b + 0x7f4a7c15);

/**
 * A word's shape, runs of one kind of character collapsed: "Clinton" → "Xx", "U.S." → "X.X.", "1996-08-22" → "d-d-d".
 * @example
 * shapeOf("McDonald's"); // "XxXx'x"
 */
export function shapeOf(word: string): string {
  let shape = "";
  let previous = "";
  for (const char of word) {
    const kind = /\p{Lu}/u.test(char) ? "X" : /\p{Ll}/u.test(char) ? "x" : /\p{N}/u.test(char) ? "d" : char;
    if (kind !== previous) shape += kind;
    previous = kind;
  }
  return shape.length > 8 ? shape.slice(0, 8) : shape;
}

/** Word classes from compromise's lexicon and the cue lists: general English, no names from any evaluation text. */
const LEXICON = buildLexicon();

function buildLexicon(): Map<string, string> {
  const classes = new Map<string, string>();
  const world = (nlp as unknown as { world(): { model: { one: { lexicon: Record<string, string | string[]> } } } }).world();
  for (const [word, tags] of Object.entries(world.model.one.lexicon)) {
    const tag = Array.isArray(tags) ? tags[0] : tags;
    if (tag === undefined || word.includes(" ")) continue;
    const cls =
      tag === "MaleName" || tag === "FemaleName" || tag === "FirstName"
        ? "first"
        : tag === "LastName" || tag === "Person"
          ? "last"
          : tag === "City" || tag === "Country" || tag === "Place" || tag === "Region"
            ? "place"
            : tag === "Organization" || tag === "SportsTeam"
              ? "org"
              : tag === "Demonym"
                ? "demonym"
                : tag === "Honorific"
                  ? "honorific"
                  : tag === "Actor"
                    ? "actor"
                    : "common";
    classes.set(word, cls);
  }
  const add = (words: ReadonlySet<string>, cls: string) => {
    for (const word of words) classes.set(word.replace(/\.$/u, ""), cls);
  };
  add(ORG_HEADS, "orghead");
  add(PLACE_HEADS, "placehead");
  add(PLACE_STARTS, "placestart");
  add(TITLE_HEADS, "title");
  add(CALENDAR, "calendar");
  return classes;
}

function lexiconClass(lower: string): string {
  const bare = lower.replace(/\.$/u, "");
  return LEXICON.get(bare) ?? (isDemonymWord(bare) ? "demonym" : "none");
}

/**
 * What a document says of a word, as bits: how it is capitalised where case means something (bits 0–1: 1 capital,
 * 2 lowercase, 3 both), and the contexts it was seen in anywhere in the document (bits 2 up, see `EVIDENCE`). A
 * name is often ambiguous where it stands and plain elsewhere: "Blair" alone, "Tony Blair" or "Mr Blair" before.
 */
export interface DocumentContext {
  /** Lowercased word → evidence bits. */
  evidence: ReadonlyMap<string, number>;
}

/** The context bits of `DocumentContext.evidence`. */
export const EVIDENCE = {
  capital: 1,
  lowercase: 2,
  /** After a title or honorific: "Mr Blair", "President Clinton". */
  afterTitle: 4,
  /** Before the head noun of an organisation: "Sears Roebuck and Co", "Bundesbank Council". */
  beforeOrgHead: 8,
  /** Last of a capitalised run that starts with a given name: "Tony Blair". */
  surname: 16,
  /** Inside a run of two or more capitalised words. */
  inRun: 32,
  /** After "in", "at", "near" or "from". */
  afterLocative: 64,
  /** Before a place head: "Kennedy Airport", "Pearl River". */
  beforePlaceHead: 128,
} as const;

/** What the features need of one written word, computed once per process for each distinct word. */
export interface WordInfo {
  lower: string;
  lowerHash: number;
  formHash: number;
  shapeHash: number;
  lexiconHash: number;
  capital: boolean;
  letters: boolean;
  /** Has no lowercase letter (for headline detection). */
  upper: boolean;
  /** Holds a capital: may be part of a name, and makes its neighbours worth tagging. */
  marked: boolean;
  /** Buckets of the features of the word alone, outside ([0]) and inside ([1]) a capitals headline. */
  local: [Int32Array, Int32Array];
  /** Summed scores of `local`, kept by the model's stages. */
  sums: (Float64Array | undefined)[];
}

const WORDS = new Map<string, WordInfo>();
/** Distinct words kept; past it the cache starts again (a long build meets millions of numbers and typos). */
const MAX_WORDS = 200_000;

/** Feature slots that depend on the word alone (and on whether its sentence is a headline). */
export const LOCAL_FEATURES = 14;
/** Number of feature slots per word: the local ones first. */
export const FEATURES_PER_WORD = 38;

function wordInfo(word: string): WordInfo {
  const known = WORDS.get(word);
  if (known) return known;
  const lower = word.toLowerCase();
  const shapeHash = hashString(shapeOf(word));
  const lexiconHash = hashString(lexiconClass(lower));
  const lowerHash = hashString(lower);
  const formHash = hashString(word);
  const local = [0, 1].map((caps) => {
    const out = new Int32Array(LOCAL_FEATURES);
    out[0] = bucket(0, 0);
    out[1] = bucket(1, lowerHash);
    out[2] = bucket(2, pair(formHash, caps));
    out[3] = bucket(9, pair(shapeHash, caps));
    for (let n = 1; n <= 4; n++) {
      out[3 + n] = bucket(12 + n, n <= lower.length ? hashString(lower.slice(0, n)) : BOUNDARY);
      out[7 + n] = bucket(16 + n, n <= lower.length ? hashString(lower.slice(-n)) : BOUNDARY);
    }
    out[12] = bucket(22, lexiconHash);
    out[13] = bucket(25, pair(lexiconHash, pair(shapeHash, caps)));
    return out;
  }) as [Int32Array, Int32Array];
  const info: WordInfo = {
    lower,
    lowerHash,
    formHash,
    shapeHash,
    lexiconHash,
    capital: isCapital(word),
    letters: hasLetters(word),
    upper: !/\p{Ll}/u.test(word),
    marked: /\p{Lu}/u.test(word),
    local,
    sums: [],
  };
  if (WORDS.size >= MAX_WORDS) WORDS.clear();
  WORDS.set(word, info);
  return info;
}

/** A sentence's words, prepared once for both stages. */
export interface PreparedSentence {
  words: readonly string[];
  infos: WordInfo[];
  gazetteer: number[];
  headline: boolean;
  /**
   * Words worth tagging: the ones holding a capital, and their neighbours ("of" in "Bank of England").
   * A word far from any is outside every name, as a name is written with capitals.
   */
  active: Uint8Array;
}

const isCapital = (word: string) => /^\p{Lu}/u.test(word);
const hasLetters = (word: string) => /\p{L}/u.test(word);

/** True when a sentence is written in capitals: a headline, where case says nothing. */
export function isCapsSentence(words: readonly string[]): boolean {
  return capsOf(words.map(wordInfo));
}

function capsOf(infos: readonly WordInfo[]): boolean {
  let letters = 0;
  let caps = 0;
  for (const info of infos) {
    if (!info.letters) continue;
    letters++;
    if (info.upper) caps++;
  }
  return letters >= 2 && caps / letters > 0.6;
}


/** Gazetteer spans over a sentence, as B/I/L/U + type per word ("" outside). */
function gazetteerTags(infos: readonly WordInfo[]): string[] {
  const tags = new Array<string>(infos.length).fill("");
  for (let i = 0; i < infos.length; i++) {
    const first = infos[i] as WordInfo;
    if (!first.capital || !FIRST_WORDS.has(bareWord(first.lower))) continue;
    for (let n = Math.min(LONGEST_NAME, infos.length - i); n >= 1; n--) {
      const key = infos
        .slice(i, i + n)
        .map((w) => bareWord(w.lower))
        .join(" ");
      const entry = lookupGazetteer(key);
      if (!entry) continue;
      const type = entry.type;
      if (n === 1) tags[i] = `U${type}`;
      else for (let k = 0; k < n; k++) tags[i + k] = `${k === 0 ? "B" : k === n - 1 ? "L" : "I"}${type}`;
      i += n - 1;
      break;
    }
  }
  return tags;
}

const bareWord = (lower: string) => lower.replace(/\./gu, "").replace(/-/gu, " ");

/**
 * Prepares a sentence's words for `sentenceFeatures`: what each word is, the gazetteer names, whether it is a headline.
 * @example
 * prepareSentence(["Kabul", "fell"]).headline; // false
 */
export function prepareSentence(words: readonly string[]): PreparedSentence {
  const infos = words.map(wordInfo);
  const active = new Uint8Array(infos.length);
  infos.forEach((info, i) => {
    if (!info.marked) return;
    active[i] = 1;
    if (i > 0) active[i - 1] = 1;
    if (i + 1 < infos.length) active[i + 1] = 1;
  });
  return { words, infos, gazetteer: gazetteerTags(infos).map((g) => hashString(g)), headline: capsOf(infos), active };
}

const BOUNDARY = hashString("<s>");

/**
 * The feature buckets of every word of a sentence, `FEATURES_PER_WORD` per word (the `LOCAL_FEATURES` that depend
 * on the word alone first), in one array.
 * @example
 * sentenceFeatures(prepareSentence(["Kabul", "fell", "."]), { casing: new Map() }).length; // 3 * FEATURES_PER_WORD
 */
export function sentenceFeatures(sentence: PreparedSentence, doc: DocumentContext): Int32Array {
  const { infos, gazetteer } = sentence;
  const n = infos.length;
  const out = new Int32Array(n * FEATURES_PER_WORD);
  const caps = sentence.headline ? 1 : 0;
  const lower = (i: number) => (i >= 0 && i < n ? (infos[i] as WordInfo).lowerHash : BOUNDARY);
  const shape = (i: number) => (i >= 0 && i < n ? (infos[i] as WordInfo).shapeHash : BOUNDARY);
  const lexicon = (i: number) => (i >= 0 && i < n ? (infos[i] as WordInfo).lexiconHash : BOUNDARY);
  const gaz = (i: number) => (i >= 0 && i < n ? (gazetteer[i] as number) : BOUNDARY);
  for (let i = 0; i < n; i++) {
    if (!sentence.active[i]) continue;
    const info = infos[i] as WordInfo;
    let k = i * FEATURES_PER_WORD;
    out.set(info.local[caps], k);
    k += LOCAL_FEATURES;
    const s = pair(info.shapeHash, caps);
    out[k++] = bucket(3, lower(i - 1));
    out[k++] = bucket(4, lower(i + 1));
    out[k++] = bucket(5, lower(i - 2));
    out[k++] = bucket(6, lower(i + 2));
    out[k++] = bucket(7, pair(lower(i - 1), info.lowerHash));
    out[k++] = bucket(8, pair(info.lowerHash, lower(i + 1)));
    out[k++] = bucket(10, pair(shape(i - 1), info.shapeHash));
    out[k++] = bucket(11, pair(info.shapeHash, shape(i + 1)));
    out[k++] = bucket(12, pair(pair(shape(i - 1), info.shapeHash), shape(i + 1)));
    out[k++] = bucket(21, pair(i === 0 ? 1 : 0, s));
    out[k++] = bucket(23, pair(lexicon(i - 1), info.lexiconHash));
    out[k++] = bucket(24, pair(info.lexiconHash, lexicon(i + 1)));
    out[k++] = bucket(26, gaz(i));
    out[k++] = bucket(27, pair(gaz(i - 1), gaz(i)));
    out[k++] = bucket(28, pair(gaz(i), gaz(i + 1)));
    out[k++] = bucket(29, pair(lower(i - 1), info.shapeHash));
    out[k++] = bucket(30, pair(info.shapeHash, lower(i + 1)));
    out[k++] = bucket(31, pair(lexicon(i - 1), info.shapeHash));
    out[k++] = bucket(32, pair(info.shapeHash, lexicon(i + 1)));
    const evidence = doc.evidence.get(info.lower) ?? 0;
    const casing = evidence & 3;
    const contexts = evidence >> 2;
    out[k++] = bucket(33, pair(casing, s));
    out[k++] = bucket(34, pair(casing, info.lexiconHash));
    out[k++] = bucket(35, pair(contexts, s));
    out[k++] = bucket(36, pair(contexts, info.lexiconHash));
    out[k++] = bucket(39, pair(info.formHash, lower(i + 1)));
  }
  return out;
}

const LOCATIVES = new Set(["in", "at", "near", "from"]);
const cls = (info: WordInfo | undefined) => (info ? lexiconClass(info.lower) : "");

/**
 * What a document says of each of its words (see `DocumentContext`): case where it means something (not at a
 * sentence start, not in a capitals headline) and the contexts of its capitalised occurrences.
 * @example
 * documentContext([["Rates", "rose", "in", "Chile"], ["RATES", "FALL"]]).evidence.get("chile"); // EVIDENCE.capital | EVIDENCE.afterLocative
 */
export function documentContext(sentences: readonly (readonly string[])[]): DocumentContext {
  const evidence = new Map<string, number>();
  const mark = (info: WordInfo, bits: number) => evidence.set(info.lower, (evidence.get(info.lower) ?? 0) | bits);
  for (const words of sentences) {
    const infos = words.map(wordInfo);
    const headline = capsOf(infos);
    let runStart = -1;
    for (let i = 0; i <= infos.length; i++) {
      const info = infos[i];
      const capital = info !== undefined && info.capital && info.letters;
      if (info && info.letters && i > 0 && !headline) mark(info, info.capital ? EVIDENCE.capital : EVIDENCE.lowercase);
      if (capital && runStart < 0) runStart = i;
      if (!capital && runStart >= 0) {
        // A capitalised run [runStart, i).
        const first = infos[runStart] as WordInfo;
        const before = infos[runStart - 1];
        const after = info;
        const run = i - runStart;
        for (let k = runStart; k < i; k++) {
          const word = infos[k] as WordInfo;
          let bits = run >= 2 ? EVIDENCE.inRun : 0;
          const prevClass = cls(infos[k - 1]);
          if (prevClass === "title" || prevClass === "honorific") bits |= EVIDENCE.afterTitle;
          if (before && LOCATIVES.has(before.lower) && k === runStart) bits |= EVIDENCE.afterLocative;
          if (k === i - 1 && run >= 2 && cls(first) === "first") bits |= EVIDENCE.surname;
          const nextClass = k === i - 1 ? cls(after) : cls(infos[k + 1]);
          if (nextClass === "orghead") bits |= EVIDENCE.beforeOrgHead;
          if (nextClass === "placehead") bits |= EVIDENCE.beforePlaceHead;
          if (bits) mark(word, bits);
        }
        runStart = -1;
      }
    }
  }
  return { evidence };
}
