/**
 * @module Near-duplicates: documents whose words are nearly all the same (a wire story re-run, lightly edited), found
 * with MinHash signatures over word shingles and locality-sensitive hashing, and grouped. Build only.
 */
import { foldWords } from "../format/analyzer";
import { fnv1a } from "../format/hash";

/** Words in a shingle: five in a row, so an edited word changes at most five shingles. */
export const SHINGLE_WORDS = 5;
/** Hash functions of a signature; the Jaccard estimate's standard error is at most 0.5 / √64 ≈ 0.06. */
export const SIGNATURE = 64;
/** Bands × rows = SIGNATURE: two documents share a band with probability 1 − (1 − J⁴)¹⁶, 0.998 at J = 0.8, 0.06 at J = 0.3. */
const BANDS = 16;
const ROWS = SIGNATURE / BANDS;
/**
 * Estimated Jaccard similarity of two documents' shingle sets from which they are one story. At 0.7 a 300-word
 * article may differ from the other in about 15 words (an edited lead, a corrected figure, an added sentence).
 */
export const DUPLICATE_THRESHOLD = 0.7;
/**
 * How far apart in time the documents of one group may be: a wire story is re-run within a day or two, while a
 * report written from the same template every day or week ("Fed adds reserves via customer repurchases") is news
 * each time. Undated documents have no such bound.
 */
export const DUPLICATE_WINDOW_MS = 2 * 86_400_000;
/** Words of a document read (title first): a re-run is the same story from its start. */
export const READ_WORDS = 400;
/**
 * Words under which a text is a duplicate only of the same words: in a short item one word is the news ("Acme sets
 * dividend" and "Zenith sets dividend" over the same "Qtly div 12 cts vs 12 cts prior").
 */
export const SHORT_TEXT_WORDS = 30;
/** Ids of a document's near-duplicates listed in its metadata (all are counted). */
export const MAX_LISTED_DUPLICATES = 20;
/** Members of a band's bucket a document is compared with: a bucket of thousands (boilerplate) costs no more. */
const BUCKET_COMPARISONS = 64;

/** murmur3's finalizer: spreads the bits of a 32-bit hash. */
function mix(h: number): number {
  let x = h;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Bits of a shingle's hash that pick its bin (`SIGNATURE` = 2^6 bins), and the bits of the value kept in it. */
const BIN_BITS = 6;
const VALUE_BITS = 25;

/**
 * The one-permutation MinHash signature of a document's word shingles (its first `READ_WORDS` folded words, title
 * first) into `out`, `SIGNATURE` 16-bit numbers: each shingle's hash falls in one of `SIGNATURE` bins by its top
 * bits and each bin keeps its least value; an empty bin (a short text) takes the value of the next bin that has one,
 * marked with the distance (Shrivastava's densification, by rotation). Linear in the text, where classic MinHash is
 * `SIGNATURE` times that. Each value is kept as a 16-bit hash of itself (two values agree by chance once in 65,536).
 * A text of fewer than `SHORT_TEXT_WORDS` words has the hash of all its words in every position.
 * @example
 * signatureOf(foldWords("Gold rose in Zurich on Monday")); // 64 numbers
 */
export function signatureOf(words: readonly string[], out: Uint16Array = new Uint16Array(SIGNATURE)): Uint16Array {
  const count = Math.min(words.length, READ_WORDS);
  const hashes = new Int32Array(count);
  for (let i = 0; i < count; i++) hashes[i] = fnv1a(words[i] as string);
  if (count < SHORT_TEXT_WORDS) {
    // Every position the hash of all the words: two short texts agree everywhere or (almost) nowhere.
    let h = 0x811c9dc5;
    for (let i = 0; i < count; i++) h = Math.imul(h ^ (hashes[i] as number), 0x01000193);
    const v = mix(h ^ count);
    return out.fill((v ^ (v >>> 16)) & 0xffff);
  }
  const bins = new Int32Array(SIGNATURE).fill(-1);
  for (let i = 0; i + SHINGLE_WORDS <= count; i++) {
    let h = 0x811c9dc5;
    for (let j = i; j < i + SHINGLE_WORDS; j++) h = Math.imul(h ^ (hashes[j] as number), 0x01000193);
    const x = mix(h);
    const bin = x >>> (32 - BIN_BITS);
    const value = x & ((1 << VALUE_BITS) - 1);
    const held = bins[bin] as number;
    if (held < 0 || value < held) bins[bin] = value;
  }
  for (let k = 0; k < SIGNATURE; k++) {
    let value = bins[k] as number;
    // Densify: an empty bin borrows from the next filled one, the distance above the value's bits so it differs.
    for (let d = 1; value < 0 && d < SIGNATURE; d++) {
      const from = bins[(k + d) % SIGNATURE] as number;
      if (from >= 0) value = from + d * (1 << VALUE_BITS);
    }
    const v = mix(value);
    out[k] = (v ^ (v >>> 16)) & 0xffff;
  }
  return out;
}

/**
 * The signatures of documents end to end, each from its title's words then its body's (`indexText` makes the same
 * from the words it folds anyway).
 * @example
 * nearDuplicates(signaturesOf(documents));
 */
export function signaturesOf(docs: readonly { title: string; body: string }[]): Uint16Array {
  const out = new Uint16Array(docs.length * SIGNATURE);
  docs.forEach((doc, i) => {
    signatureOf([...foldWords(doc.title), ...foldWords(doc.body)], out.subarray(i * SIGNATURE, (i + 1) * SIGNATURE));
  });
  return out;
}

/** The share of equal positions of two signatures: an estimate of the Jaccard similarity of their shingle sets. */
export function similarity(a: Uint16Array, b: Uint16Array): number {
  let same = 0;
  for (let k = 0; k < SIGNATURE; k++) if (a[k] === b[k]) same++;
  return same / SIGNATURE;
}

/**
 * Groups near-duplicate documents from their signatures (`SIGNATURE` numbers each, end to end): `group[i]` is the
 * number of the first document of `i`'s group (the lowest), or -1 when `i` has no near-duplicate. Documents whose
 * signatures agree on a whole band are compared, and linked when their estimated similarity is `threshold` or
 * more; a group is what the links connect. Band by band, the documents are sorted by the band's hash, so memory
 * stays two numbers a document whatever the corpus.
 * @example
 * nearDuplicates(signatures); // Int32Array [0, 0, -1] for a story, its re-run and another story
 */
export function nearDuplicates(
  signatures: Uint16Array,
  options: { times?: Float64Array; threshold?: number; windowMs?: number } = {},
): Int32Array {
  const n = Math.floor(signatures.length / SIGNATURE);
  const { times, threshold = DUPLICATE_THRESHOLD, windowMs = DUPLICATE_WINDOW_MS } = options;
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  /** A root's earliest and latest dates: a group spans at most `windowMs`. */
  const earliest = times ? Float64Array.from(times) : undefined;
  const latest = times ? Float64Array.from(times) : undefined;
  const fits = (a: number, b: number): boolean => {
    if (!earliest || !latest) return true;
    const span = Math.max(latest[a] as number, latest[b] as number) - Math.min(earliest[a] as number, earliest[b] as number);
    // NaN (an undated document on either side) bounds nothing.
    return !(span > windowMs);
  };
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root] as number;
    let at = i;
    while (parent[at] !== root) {
      const next = parent[at] as number;
      parent[at] = root;
      at = next;
    }
    return root;
  };
  const of = (i: number) => signatures.subarray(i * SIGNATURE, (i + 1) * SIGNATURE);
  // A sort key: the band's hash above the document's number, exact in a double.
  const indexBits = Math.max(1, Math.ceil(Math.log2(n + 1)));
  const hashBits = Math.min(32, 53 - indexBits);
  const keys = new Float64Array(n);
  for (let band = 0; band < BANDS; band++) {
    for (let i = 0; i < n; i++) {
      let h = 0x811c9dc5;
      for (let r = band * ROWS; r < (band + 1) * ROWS; r++) h = Math.imul(h ^ (signatures[i * SIGNATURE + r] as number), 0x01000193);
      keys[i] = Math.floor((h >>> 0) / 2 ** (32 - hashBits)) * 2 ** indexBits + i;
    }
    keys.sort();
    for (let start = 0; start < n; ) {
      const hash = Math.floor((keys[start] as number) / 2 ** indexBits);
      let end = start + 1;
      while (end < n && Math.floor((keys[end] as number) / 2 ** indexBits) === hash) end++;
      for (let m = start + 1; m < end; m++) {
        const i = (keys[m] as number) % 2 ** indexBits;
        for (let o = start; o < Math.min(m, start + BUCKET_COMPARISONS); o++) {
          const j = (keys[o] as number) % 2 ** indexBits;
          const [a, b] = [find(i), find(j)];
          if (a === b || !fits(a, b) || similarity(of(i), of(j)) < threshold) continue;
          // The lower number is the root: a group is named by its first document.
          const [root, child] = a < b ? [a, b] : [b, a];
          parent[child] = root;
          if (earliest && latest) {
            earliest[root] = Math.min(earliest[root] as number, earliest[child] as number);
            latest[root] = Math.max(latest[root] as number, latest[child] as number);
          }
        }
      }
      start = end;
    }
  }
  const group = new Int32Array(n).fill(-1);
  const size = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const root = find(i);
    size[root] = (size[root] as number) + 1;
  }
  for (let i = 0; i < n; i++) {
    const root = find(i);
    if ((size[root] as number) > 1) group[i] = root;
  }
  return group;
}
