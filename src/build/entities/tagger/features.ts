/**
 * @module The tagger's features: each word of a sentence described by hashed integers (its form, shape, affixes,
 * neighbours, lexicon and gazetteer classes, and how the rest of the document writes and tags it). Only hashes
 * reach the model file, never the words.
 */
import { FEATURE_FIRST_WORDS, FEATURE_LONGEST_NAME, featureGazetteer } from "../gazetteer";
import { wordKey } from "../normalize";
import { lexiconClass } from "../words";

/** log2 of the number of feature buckets: features hash into 2^22 rows. */
export const BUCKET_BITS = 22;
const BUCKET_MASK = (1 << BUCKET_BITS) - 1;

/**
 * FNV-1a over a string's UTF-16 code units: how every feature value becomes a number.
 * @example
 * hashString("kabul") === hashString("kabul"); // true, on every platform
 */
export function hashString(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A word's hash as the features and the word clusters read it: lowercase, and "Mr." and "Mr", "Corp." and "Corp"
 * one word (CoNLL writes both).
 * @example
 * wordHash("Mr.") === wordHash("mr"); // true
 */
export function wordHash(word: string): number {
  const lower = word.toLowerCase();
  return hashString(lower.length > 2 && lower.endsWith(".") ? lower.slice(0, -1) : lower);
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
    const code = char.charCodeAt(0);
    const kind =
      code < 128
        ? code >= 65 && code <= 90
          ? "X"
          : code >= 97 && code <= 122
            ? "x"
            : code >= 48 && code <= 57
              ? "d"
              : char
        : /\p{Lu}/u.test(char)
          ? "X"
          : /\p{Ll}/u.test(char)
            ? "x"
            : /\p{N}/u.test(char)
              ? "d"
              : char;
    if (kind !== previous) shape += kind;
    previous = kind;
  }
  return shape.length > 8 ? shape.slice(0, 8) : shape;
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
  /** The word's class in the lexicon ("first", "place", "orghead", "common", …, "none"). */
  lexicon: string;
  /** Hash of the word's cluster (see `useClusters`), or of "none". */
  clusterHash: number;
  capital: boolean;
  letters: boolean;
  /** Has no lowercase letter (for headline detection). */
  upper: boolean;
  /** Holds a capital: may be part of a name, and makes its neighbours worth tagging. */
  marked: boolean;
  /** A day of the week: never part of a name. */
  weekday: boolean;
  /** The word as the gazetteer keys it (`wordKey`), and whether some gazetteer name starts with it. */
  key: string;
  startsName: boolean;
  /** Buckets of the features of the word alone, outside ([0]) and inside ([1]) a capitals headline. */
  local: [Int32Array, Int32Array];
  /** Summed scores of `local`, kept by the model's stages. */
  sums: (Float64Array | undefined)[];
}

const WORDS = new Map<string, WordInfo>();
/** Distinct words kept; past it the cache starts again (a long build meets millions of numbers and typos). */
const MAX_WORDS = 200_000;
/**
 * The first `HOT_WORDS` distinct words met, in a small map of their own looked up first: a text's common words
 * ("the", "said", ",") come early, and about four tokens in five of a news archive are among them. A lookup in a map
 * this size finds it in the processor's cache, where one among tens of thousands of words waits for memory.
 */
const HOT = new Map<string, WordInfo>();
const HOT_WORDS = 4096;

/** Feature slots that depend on the word alone (and on whether its sentence is a headline). */
export const LOCAL_FEATURES = 16;
/** Number of feature slots per word: the local ones first. */
export const FEATURES_PER_WORD = 41;

/** Word key → cluster (see clusters.ts), of the model in use. */
let CLUSTERS: ReadonlyMap<number, number> = new Map();

/**
 * Makes `table` the word clusters the features read (the model's: see `TaggerModel.clusters`). Changing it forgets
 * every word's cached features.
 * @example
 * useClusters(model.clusters); // before preparing sentences for `model`
 */
export function useClusters(table: ReadonlyMap<number, number>): void {
  if (table === CLUSTERS) return;
  CLUSTERS = table;
  WORDS.clear();
  HOT.clear();
}

/**
 * The word clusters the features read now.
 * @example
 * clustersInUse() === model.clusters; // true once useClusters(model.clusters) ran
 */
export const clustersInUse = (): ReadonlyMap<number, number> => CLUSTERS;

function wordInfo(word: string): WordInfo {
  const hot = HOT.get(word);
  if (hot) return hot;
  const known = WORDS.get(word);
  if (known) return known;
  const lower = word.toLowerCase();
  const shapeHash = hashString(shapeOf(word));
  const lexicon = lexiconClass(lower);
  const lexiconHash = hashString(lexicon);
  const lowerHash = wordHash(word);
  const cluster = CLUSTERS.get(lowerHash);
  const clusterHash = hashString(cluster === undefined ? "none" : `c${cluster}`) | 0;
  const formHash = hashString(word);
  const prefixes = [1, 2, 3, 4].map((n) => (n <= lower.length ? hashString(lower.slice(0, n)) : BOUNDARY));
  const suffixes = [1, 2, 3, 4].map((n) => (n <= lower.length ? hashString(lower.slice(-n)) : BOUNDARY));
  const local = [0, 1].map((caps) => {
    const out = new Int32Array(LOCAL_FEATURES);
    out[0] = bucket(0, 0);
    out[1] = bucket(1, lowerHash);
    out[2] = bucket(2, pair(formHash, caps));
    out[3] = bucket(9, pair(shapeHash, caps));
    for (let n = 1; n <= 4; n++) {
      out[3 + n] = bucket(12 + n, prefixes[n - 1] as number);
      out[7 + n] = bucket(16 + n, suffixes[n - 1] as number);
    }
    out[12] = bucket(22, lexiconHash);
    out[13] = bucket(25, pair(lexiconHash, pair(shapeHash, caps)));
    out[14] = bucket(42, clusterHash);
    out[15] = bucket(43, pair(clusterHash, pair(shapeHash, caps)));
    return out;
  }) as [Int32Array, Int32Array];
  const key = wordKey(lower);
  const info: WordInfo = {
    lower,
    lowerHash,
    formHash,
    shapeHash,
    lexiconHash,
    lexicon,
    clusterHash,
    capital: isCapital(word),
    letters: hasLetters(word),
    upper: !/\p{Ll}/u.test(word),
    marked: /\p{Lu}/u.test(word),
    weekday: WEEKDAYS.has(lower),
    key,
    startsName: FEATURE_FIRST_WORDS.has(key),
    local,
    sums: [],
  };
  if (HOT.size < HOT_WORDS) HOT.set(word, info);
  else {
    if (WORDS.size >= MAX_WORDS) WORDS.clear();
    WORDS.set(word, info);
  }
  return info;
}

/** A sentence's words, prepared once for both stages. */
export interface PreparedSentence {
  words: readonly string[];
  infos: WordInfo[];
  /** Hash of each word's gazetteer tag, two boundary hashes either side. */
  gazetteer: Int32Array;
  /** Hash of what each word's capitalised run ends or starts with (see `runHeads`), not padded. */
  runHead: Int32Array;
  headline: boolean;
  /**
   * Words worth tagging: the ones holding a capital, and their neighbours ("of" in "Bank of England"), but not
   * weekdays. A word far from any is outside every name, as a name is written with capitals.
   */
  active: Uint8Array;
}

const isCapital = (word: string) => /^\p{Lu}/u.test(word);
const hasLetters = (word: string) => /\p{L}/u.test(word);

/**
 * A headline: most words in capitals ("SOCCER - JAPAN GET LUCKY WIN"), or in title case ("Kazakhstan Discuss
 * Afghanistan Situation After Taliban Takeover"), where case says little of what is a name.
 */
function capsOf(infos: readonly WordInfo[]): boolean {
  let letters = 0;
  let caps = 0;
  let long = 0;
  let capitalized = 0;
  for (const info of infos) {
    if (!info.letters) continue;
    letters++;
    if (info.upper) caps++;
    if (info.lower.length >= 4) {
      long++;
      if (info.capital) capitalized++;
    }
  }
  return (letters >= 2 && caps / letters > 0.6) || (long >= 5 && capitalized / long > 0.8);
}

const WEEKDAYS = new Set(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]);
const CONNECTORS = new Set(["of", "de", "and", "&", "for", "the"]);
const RUN_HEADS = new Set(["orghead", "placehead"]);

/**
 * For each word of a run of capitalised words (with "of", "and"… between capitals), what the run ends or starts
 * with: an organisation's head noun ("Ministry", "Corp"), a place's ("Airport", "River") or a place's first word
 * ("Mount", "Lake"). The head of "Hamid Karzai International Airport" tells what "Hamid" is part of.
 */
function runHeads(infos: readonly WordInfo[]): Int32Array {
  const heads = new Int32Array(infos.length).fill(NO_TAG);
  let i = 0;
  while (i < infos.length) {
    if (!(infos[i] as WordInfo).capital) {
      i++;
      continue;
    }
    let end = i + 1;
    for (;;) {
      const next = infos[end];
      if (next?.capital) end++;
      else if (next && CONNECTORS.has(next.lower) && infos[end + 1]?.capital) end += 2;
      else break;
    }
    const last = (infos[end - 1] as WordInfo).lexicon;
    const first = (infos[i] as WordInfo).lexicon;
    const head = `${RUN_HEADS.has(last) ? last : ""}/${first === "placestart" ? first : ""}`;
    if (head !== "/" && end - i >= 2) {
      const hash = tagHash(head);
      for (let k = i; k < end; k++) heads[k] = hash;
    }
    i = end;
  }
  return heads;
}

/** Gazetteer spans over a sentence, as the hash of B/I/L/U + type per word (of "" outside). */
function gazetteerTags(infos: readonly WordInfo[], into: Int32Array, offset: number): void {
  const keys: string[] = [];
  for (let i = 0; i < infos.length; i++) {
    const first = infos[i] as WordInfo;
    into[offset + i] = NO_TAG;
    if (!first.capital || !first.startsName) continue;
    // The keys of the names of 1, 2, … words starting here, longest tried first.
    const longest = Math.min(FEATURE_LONGEST_NAME, infos.length - i);
    keys.length = 0;
    let key = first.key;
    keys.push(key);
    for (let n = 2; n <= longest; n++) {
      key = `${key} ${(infos[i + n - 1] as WordInfo).key}`;
      keys.push(key);
    }
    for (let n = longest; n >= 1; n--) {
      const entry = featureGazetteer(keys[n - 1] as string);
      if (!entry) continue;
      const type = entry.type;
      if (n === 1) into[offset + i] = tagHash(`U${type}`);
      else for (let k = 0; k < n; k++) into[offset + i + k] = tagHash(`${k === 0 ? "B" : k === n - 1 ? "L" : "I"}${type}`);
      i += n - 1;
      break;
    }
  }
}

/** `hashString` of the few distinct tag and head strings, each hashed once. */
const TAG_HASHES = new Map<string, number>();
function tagHash(tag: string): number {
  let hash = TAG_HASHES.get(tag);
  if (hash === undefined) {
    hash = hashString(tag) | 0;
    TAG_HASHES.set(tag, hash);
  }
  return hash;
}

/**
 * Prepares a sentence's words for `sentenceFeatures`: what each word is, the gazetteer names, whether it is a headline.
 * @example
 * prepareSentence(["Kabul", "fell"]).headline; // false
 */
export function prepareSentence(words: readonly string[]): PreparedSentence {
  const n = words.length;
  const infos = new Array<WordInfo>(n);
  for (let i = 0; i < n; i++) infos[i] = wordInfo(words[i] as string);
  const active = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (!(infos[i] as WordInfo).marked) continue;
    active[i] = 1;
    if (i > 0) active[i - 1] = 1;
    if (i + 1 < n) active[i + 1] = 1;
  }
  // A weekday is never part of a name ("CNBC Friday", "Insulza Monday"); months can be ("Theresa May").
  for (let i = 0; i < n; i++) if ((infos[i] as WordInfo).weekday) active[i] = 0;
  const gazetteer = new Int32Array(n + 4).fill(BOUNDARY);
  gazetteerTags(infos, gazetteer, 2);
  return { words, infos, gazetteer, runHead: runHeads(infos), headline: capsOf(infos), active };
}

const BOUNDARY = hashString("<s>") | 0;
const NO_TAG = hashString("") | 0;

/**
 * The feature buckets of every word of a sentence, `FEATURES_PER_WORD` per word (the `LOCAL_FEATURES` that depend
 * on the word alone first), in one array. With `local` false the local slots are left as they are: a stage given
 * the sentence's words reads their summed scores instead (see `Stage.emit`).
 * @example
 * sentenceFeatures(prepareSentence(["Kabul", "fell", "."]), { evidence: new Map() }).length; // 3 * FEATURES_PER_WORD
 */
export function sentenceFeatures(sentence: PreparedSentence, doc: DocumentContext, into?: Int32Array, local = true): Int32Array {
  const { infos, gazetteer } = sentence;
  const n = infos.length;
  // Words that are not active are never read (see `Stage.emit`): a reused buffer needs no clearing.
  const out =
    into && into.length >= n * FEATURES_PER_WORD ? into.subarray(0, n * FEATURES_PER_WORD) : new Int32Array(n * FEATURES_PER_WORD);
  const caps = sentence.headline ? 1 : 0;
  for (let i = 0; i < n; i++) {
    if (!sentence.active[i]) continue;
    const info = infos[i] as WordInfo;
    // The neighbours' hashes, or the boundary's past either end of the sentence.
    const previous = i > 0 ? (infos[i - 1] as WordInfo) : undefined;
    const next = i + 1 < n ? (infos[i + 1] as WordInfo) : undefined;
    const w = info.lowerHash | 0;
    const sh = info.shapeHash | 0;
    const lx = info.lexiconHash | 0;
    const wBefore = previous ? previous.lowerHash | 0 : BOUNDARY;
    const wAfter = next ? next.lowerHash | 0 : BOUNDARY;
    const shBefore = previous ? previous.shapeHash | 0 : BOUNDARY;
    const shAfter = next ? next.shapeHash | 0 : BOUNDARY;
    const lxBefore = previous ? previous.lexiconHash | 0 : BOUNDARY;
    const lxAfter = next ? next.lexiconHash | 0 : BOUNDARY;
    // The gazetteer's padded array holds word i at i + 2.
    const p = i + 2;
    const gz = gazetteer[p] as number;
    let k = i * FEATURES_PER_WORD;
    if (local) out.set(info.local[caps], k);
    k += LOCAL_FEATURES;
    const s = pair(sh, caps);
    out[k++] = bucket(3, wBefore);
    out[k++] = bucket(4, wAfter);
    out[k++] = bucket(5, i > 1 ? (infos[i - 2] as WordInfo).lowerHash | 0 : BOUNDARY);
    out[k++] = bucket(6, i + 2 < n ? (infos[i + 2] as WordInfo).lowerHash | 0 : BOUNDARY);
    out[k++] = bucket(7, pair(wBefore, w));
    out[k++] = bucket(8, pair(w, wAfter));
    out[k++] = bucket(10, pair(shBefore, sh));
    out[k++] = bucket(11, pair(sh, shAfter));
    out[k++] = bucket(12, pair(pair(shBefore, sh), shAfter));
    out[k++] = bucket(21, pair(i === 0 ? 1 : 0, s));
    out[k++] = bucket(23, pair(lxBefore, lx));
    out[k++] = bucket(24, pair(lx, lxAfter));
    out[k++] = bucket(26, gz);
    out[k++] = bucket(27, pair(gazetteer[p - 1] as number, gz));
    out[k++] = bucket(28, pair(gz, gazetteer[p + 1] as number));
    out[k++] = bucket(29, pair(wBefore, sh));
    out[k++] = bucket(30, pair(sh, wAfter));
    out[k++] = bucket(31, pair(lxBefore, sh));
    out[k++] = bucket(32, pair(sh, lxAfter));
    const evidence = doc.evidence.get(info.lower) ?? 0;
    const casing = evidence & 3;
    const contexts = evidence >> 2;
    out[k++] = bucket(33, pair(casing, s));
    out[k++] = bucket(34, pair(casing, lx));
    out[k++] = bucket(35, pair(contexts, s));
    out[k++] = bucket(36, pair(contexts, lx));
    out[k++] = bucket(39, pair(info.formHash, wAfter));
    out[k++] = bucket(37, pair(sentence.runHead[i] as number, s));
  }
  return out;
}

const LOCATIVES = new Set(["in", "at", "near", "from"]);
const cls = (info: WordInfo | undefined) => (info ? info.lexicon : "");

/**
 * What a document says of each of its words (see `DocumentContext`): case where it means something (not at a
 * sentence start, not in a capitals headline) and the contexts of its capitalised occurrences.
 * @example
 * documentContext([["Rates", "rose", "in", "Chile"], ["RATES", "FALL"]].map(prepareSentence)).evidence.get("chile");
 * // EVIDENCE.capital | EVIDENCE.afterLocative
 */
export function documentContext(sentences: readonly PreparedSentence[]): DocumentContext {
  const evidence = new Map<string, number>();
  const mark = (info: WordInfo, bits: number) => evidence.set(info.lower, (evidence.get(info.lower) ?? 0) | bits);
  for (const { infos, headline } of sentences) {
    // In a headline every word is capitalised: neither its case nor its runs say anything.
    if (headline) continue;
    let runStart = -1;
    for (let i = 0; i <= infos.length; i++) {
      const info = infos[i];
      const capital = info?.capital && info.letters;
      if (info?.letters && i > 0) mark(info, info.capital ? EVIDENCE.capital : EVIDENCE.lowercase);
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
