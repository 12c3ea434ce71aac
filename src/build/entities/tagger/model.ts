/**
 * @module The trained tagger as the build loads it: sparse label weights over hashed features, and
 * the file format they are stored in (deflated, with a magic number, a version and a checksum).
 */
import { deflateSync, inflateSync } from "node:zlib";
import { BUCKET_BITS, FEATURES_PER_WORD, LOCAL_FEATURES } from "./features";
import { LABEL_COUNT } from "./labels";

const L = LABEL_COUNT;
const MAGIC = "NERW";
export const MODEL_VERSION = 2;

/** A word's local features outside and inside a headline, and their summed scores per stage and headline flag, filled by the stages. */
export interface LocalWord {
  local: readonly [Int32Array, Int32Array];
  sums: (Float64Array | undefined)[];
}

/** What lets a stage skip work on a sentence: its words' local features, whether it is a headline, which words may be in a name. */
export interface SentenceWords {
  words: readonly LocalWord[];
  caps: 0 | 1;
  active: Uint8Array;
}

/**
 * Why a model file cannot be used: the build stops with this code and message.
 * @example
 * new EntityModelError("entity_model_corrupt", "the model file ends early").code; // "entity_model_corrupt"
 */
export class EntityModelError extends Error {
  constructor(
    readonly code: "entity_model_missing" | "entity_model_corrupt",
    message: string,
  ) {
    super(message);
    this.name = "EntityModelError";
  }
}

/** One stage's weights: label scores per feature bucket, and transition scores. */
export interface Stage {
  /**
   * Adds the label scores of `length` words (features `FEATURES_PER_WORD` a word) into `out[i * L + label]`.
   * `sentence` lets a stage reuse the sums of each word's `LOCAL_FEATURES`; its words not `active` can only be "O".
   */
  emit(features: Int32Array, length: number, out: Float64Array, sentence?: SentenceWords): void;
  /** `transitions[from * L + to]`, `from = L` at a sentence start. */
  transitions: Float64Array;
}

let stages = 0;
/** Bits of the filter in front of a stage's table: 2^20 bits (128 KB), about 8% of them set by the 83k rows of the model. */
const FILTER_BITS = 20;

/**
 * A stage stored sparsely: only the buckets and labels with a weight, in an open-addressing table of four 32-bit
 * slots an entry (the bucket, then up to three packed label weights, or a pointer to more), so that a hit costs one
 * cache line.
 * @example
 * decodeModel(file) instanceof SparseStage; // true: what a model file reads into
 */
export class SparseStage implements TaggerModel {
  private readonly table: Int32Array;
  private readonly overflow: Int32Array;
  /** One bit per bucket hash (`FILTER_BITS` of them): most features were never seen in training, and a clear bit rejects one without probing the table. */
  private readonly filter: Int32Array;
  private readonly shift: number;
  /** A number of its own, to keep each word's summed local scores per stage (see `LocalWord.sums`). */
  private readonly id = stages++;

  constructor(
    /** Each row's bucket. */
    buckets: Int32Array,
    /** Each row's packed label weights (`label << 16 | weight & 0xffff`), `rowStart[r]` to `rowStart[r + 1]`. */
    rowStart: Uint32Array,
    packed: Int32Array,
    /** What a stored weight of 1 is worth. */
    private readonly scale: number,
    readonly transitions: Float64Array,
    readonly clusters: ReadonlyMap<number, number> = new Map(),
  ) {
    let bits = 4;
    while (1 << bits < buckets.length / 0.65) bits++;
    this.shift = 32 - bits;
    this.table = new Int32Array(4 << bits).fill(-1);
    const mask = (1 << bits) - 1;
    const overflow: number[] = [];
    this.filter = new Int32Array(1 << (FILTER_BITS - 5));
    buckets.forEach((bucket, row) => {
      const bit = Math.imul(bucket, 0x85ebca6b) >>> (32 - FILTER_BITS);
      this.filter[bit >>> 5] = (this.filter[bit >>> 5] as number) | (1 << (bit & 31));
      let at = Math.imul(bucket, 0x9e3779b1) >>> this.shift;
      while (this.table[4 * at] !== -1) at = (at + 1) & mask;
      const from = rowStart[row] as number;
      const count = (rowStart[row + 1] as number) - from;
      this.table[4 * at] = bucket;
      if (count <= 3) for (let j = 0; j < count; j++) this.table[4 * at + 1 + j] = packed[from + j] as number;
      else {
        this.table[4 * at + 1] = -2 - overflow.length;
        this.table[4 * at + 2] = count;
        for (let j = 0; j < count; j++) overflow.push(packed[from + j] as number);
      }
    });
    this.overflow = Int32Array.from(overflow);
    this.rows = buckets.length;
  }

  /** Number of buckets with weights. */
  readonly rows: number;

  /**
   * Adds the weights of `count` buckets of `features` from `from` into `out[base…]`, in passes, so that the processor
   * waits for memory once for many features rather than once for each: the filter's bits of all of them first (one
   * independent read each), then the first table slot of those that pass, then the rows kept apart of those found,
   * and only then the weights. Read feature by feature, each read waited for the one before it: the largest part of
   * the tagger's time on Reuters.
   */
  private add(features: Int32Array, from: number, count: number, out: Float64Array, base: number): void {
    const { table, shift, scale, filter } = this;
    const mask = (table.length >> 2) - 1;
    if (candidates.length < count) {
      candidates = new Int32Array(2 * count);
      slots = new Int32Array(2 * count);
    }
    const passed = candidates;
    let m = 0;
    for (let k = from, end = from + count; k < end; k++) {
      const bucket = features[k] as number;
      const bit = Math.imul(bucket, 0x85ebca6b) >>> (32 - FILTER_BITS);
      passed[m] = bucket;
      // Kept (m moves on) only when its bit is set: no branch to mispredict.
      m += ((filter[bit >>> 5] as number) >>> (bit & 31)) & 1;
    }
    // Each one's first slot, read for all of them before any is looked at.
    const found = slots;
    for (let c = 0; c < m; c++) {
      const at = Math.imul(passed[c] as number, 0x9e3779b1) >>> shift;
      found[c] = table[4 * at] === -1 ? -1 : at;
    }
    // The slot holding each one, or -1; the first of the longer rows' weights, kept apart, read for all of them too.
    let touched = 0;
    for (let c = 0; c < m; c++) {
      let at = found[c] as number;
      if (at === -1) continue;
      const bucket = passed[c] as number;
      for (;;) {
        const key = table[4 * at] as number;
        if (key === bucket) break;
        if (key === -1) {
          at = -1;
          break;
        }
        at = (at + 1) & mask;
      }
      found[c] = at;
      const first = at === -1 ? 0 : (table[4 * at + 1] as number);
      if (first < -1) touched += this.overflow[-2 - first] as number;
    }
    sink = touched;
    for (let c = 0; c < m; c++) {
      const at = found[c] as number;
      if (at === -1) continue;
      const slot = 4 * at;
      const first = table[slot + 1] as number;
      if (first < -1) {
        const { overflow } = this;
        for (let j = -2 - first, stop = j + (table[slot + 2] as number); j < stop; j++) addPacked(out, base, overflow[j] as number, scale);
      } else
        for (let j = slot + 1; j < slot + 4; j++) {
          const pair = table[j] as number;
          if (pair === -1) break;
          addPacked(out, base, pair, scale);
        }
    }
  }

  emit(features: Int32Array, length: number, out: Float64Array, sentence?: SentenceWords): void {
    const per = length > 0 ? features.length / length : 0;
    for (let i = 0; i < length; i++) {
      const base = i * L;
      if (sentence && !sentence.active[i]) {
        // Outside every name: only "O" is possible.
        for (let t = 1; t < L; t++) out[base + t] = -1e9;
        continue;
      }
      const word = sentence?.words[i];
      if (sentence && word) {
        const slot = this.id * 2 + sentence.caps;
        let sum = word.sums[slot];
        if (!sum) {
          sum = new Float64Array(L);
          this.add(word.local[sentence.caps], 0, LOCAL_FEATURES, sum, 0);
          word.sums[slot] = sum;
        }
        for (let t = 0; t < L; t++) out[base + t] = (out[base + t] as number) + (sum[t] as number);
        this.add(features, i * per + LOCAL_FEATURES, per - LOCAL_FEATURES, out, base);
      } else this.add(features, i * per, per, out, base);
    }
  }
}

/** The buckets of a word that passed the filter, and the slot each is found at (see `SparseStage.add`), reused. */
let candidates = new Int32Array(64);
let slots = new Int32Array(64);
/** Where the reads made only to bring memory near are kept, so that they are not left out. */
let sink = 0;

function addPacked(out: Float64Array, base: number, pair: number, scale: number): void {
  const at = base + (pair >>> 16);
  out[at] = (out[at] as number) + ((pair << 16) >> 16) * scale;
}

/**
 * The trained tagger: label scores for each word and its sentence and document, transition scores, and the word
 * clusters its features read (word key → cluster; see clusters.ts and `useClusters`).
 */
export interface TaggerModel extends Stage {
  clusters: ReadonlyMap<number, number>;
}

/** What training leaves: dense averaged weights, and the clusters they were trained with. */
export interface DenseWeights {
  weights: Float64Array;
  transitions: Float64Array;
  clusters: ReadonlyMap<number, number>;
}

class Writer {
  private bytes = new Uint8Array(1 << 20);
  length = 0;
  private room(n: number) {
    if (this.length + n <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }
  byte(value: number) {
    this.room(1);
    this.bytes[this.length++] = value;
  }
  varint(value: number) {
    let v = value;
    while (v >= 0x80) {
      this.byte((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    this.byte(v);
  }
  int16(value: number) {
    this.byte(value & 0xff);
    this.byte((value >> 8) & 0xff);
  }
  float32(value: number) {
    this.room(4);
    new DataView(this.bytes.buffer).setFloat32(this.length, value, true);
    this.length += 4;
  }
  done(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

class Reader {
  offset = 0;
  constructor(private readonly bytes: Uint8Array) {}
  private need(n: number) {
    if (this.offset + n > this.bytes.length) throw new EntityModelError("entity_model_corrupt", "the model file ends early");
  }
  byte(): number {
    this.need(1);
    return this.bytes[this.offset++] as number;
  }
  varint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const b = this.byte();
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
      scale *= 128;
      if (scale > 2 ** 35) throw new EntityModelError("entity_model_corrupt", "a number in the model file is malformed");
    }
  }
  int16(): number {
    const lo = this.byte();
    const hi = this.byte();
    const v = lo | (hi << 8);
    return v >= 0x8000 ? v - 0x10000 : v;
  }
  float32(): number {
    this.need(4);
    const v = new DataView(this.bytes.buffer, this.bytes.byteOffset).getFloat32(this.offset, true);
    this.offset += 4;
    return v;
  }
}

/** Weights below this fraction of the largest are dropped when a model is written. */
const PRUNE = 1 / 4000;

/**
 * Writes trained weights in the model file format: weights quantized to 16 bits, rows sparse, deflated, with a
 * checksum. The same weights always give the same bytes.
 * @example
 * writeFileSync("entities.model", encodeModel(trainTagger(documents, { clusters })));
 */
export function encodeModel(trained: DenseWeights): Uint8Array {
  const out = new Writer();
  for (const char of MAGIC) out.byte(char.charCodeAt(0));
  out.varint(MODEL_VERSION);
  out.varint(BUCKET_BITS);
  out.varint(L);
  out.varint(FEATURES_PER_WORD);
  // The clusters: word keys in increasing order as deltas, each with its cluster.
  const clusters = [...trained.clusters].sort((a, b) => a[0] - b[0]);
  out.varint(clusters.length);
  let last = 0;
  for (const [key, cluster] of clusters) {
    out.varint(key - last);
    out.varint(cluster);
    last = key;
  }
  {
    const { weights, transitions } = trained;
    let max = 0;
    for (const w of weights) max = Math.max(max, Math.abs(w));
    for (const t of transitions) out.float32(t);
    const scale = max > 0 ? max / 32767 : 1;
    const floor = max * PRUNE;
    out.float32(scale);
    const buckets = weights.length / L;
    let previous = 0;
    let rows = 0;
    const body = new Writer();
    for (let b = 0; b < buckets; b++) {
      let count = 0;
      for (let t = 0; t < L; t++) if (Math.abs(weights[b * L + t] as number) > floor) count++;
      if (count === 0) continue;
      rows++;
      body.varint(b - previous);
      previous = b;
      body.byte(count);
      for (let t = 0; t < L; t++) {
        const w = weights[b * L + t] as number;
        if (Math.abs(w) <= floor) continue;
        body.byte(t);
        body.int16(Math.round(w / scale));
      }
    }
    out.varint(rows);
    const bytes = body.done();
    out.varint(bytes.length);
    for (const byte of bytes) out.byte(byte);
  }
  const raw = out.done();
  const packed = deflateSync(raw, { level: 9 });
  const checksum = checksumOf(raw);
  const file = new Uint8Array(packed.length + 4);
  file.set(packed);
  new DataView(file.buffer).setUint32(packed.length, checksum, true);
  return file;
}

function checksumOf(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i] as number;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Reads a model file written by `encodeModel`. Throws an `EntityModelError` ("entity_model_corrupt") when the
 * bytes are not a model of this version.
 * @example
 * const model = decodeModel(readFileSync("entities.model")); // model.clusters, model.emit(…), model.transitions
 */
export function decodeModel(file: Uint8Array): TaggerModel {
  if (file.length < 8) throw new EntityModelError("entity_model_corrupt", "the model file is too short");
  let raw: Uint8Array;
  try {
    raw = inflateSync(file.subarray(0, file.length - 4));
  } catch {
    throw new EntityModelError("entity_model_corrupt", "the model file is not deflated data");
  }
  const expected = new DataView(file.buffer, file.byteOffset).getUint32(file.length - 4, true);
  if (checksumOf(raw) !== expected) throw new EntityModelError("entity_model_corrupt", "the model file's checksum does not match");
  const input = new Reader(raw);
  const magic = String.fromCharCode(input.byte(), input.byte(), input.byte(), input.byte());
  if (magic !== MAGIC) throw new EntityModelError("entity_model_corrupt", "the file is not an entity model");
  const version = input.varint();
  if (version !== MODEL_VERSION)
    throw new EntityModelError("entity_model_corrupt", `the model is version ${version}; this build reads version ${MODEL_VERSION}`);
  const shape = [input.varint(), input.varint(), input.varint()];
  if (shape.join() !== [BUCKET_BITS, L, FEATURES_PER_WORD].join())
    throw new EntityModelError("entity_model_corrupt", "the model was trained with other features; run npm run train:entities");
  const clusterCount = input.varint();
  const clusters = new Map<number, number>();
  let key = 0;
  for (let i = 0; i < clusterCount; i++) {
    key += input.varint();
    if (key >= 2 ** 32) throw new EntityModelError("entity_model_corrupt", "a word cluster key is out of range");
    clusters.set(key, input.varint());
  }
  const stage = ((): SparseStage => {
    const transitions = new Float64Array((L + 1) * L);
    for (let i = 0; i < transitions.length; i++) transitions[i] = input.float32();
    const scale = input.float32();
    const count = input.varint();
    const length = input.varint();
    const end = input.offset + length;
    const buckets = new Int32Array(count);
    const rowStart = new Uint32Array(count + 1);
    const packed: number[] = [];
    let bucket = 0;
    for (let r = 0; r < count; r++) {
      bucket += input.varint();
      if (bucket >= 1 << BUCKET_BITS) throw new EntityModelError("entity_model_corrupt", "a feature bucket is out of range");
      buckets[r] = bucket;
      const n = input.byte();
      for (let j = 0; j < n; j++) {
        const label = input.byte();
        if (label >= L) throw new EntityModelError("entity_model_corrupt", "a label is out of range");
        packed.push((label << 16) | (input.int16() & 0xffff));
      }
      rowStart[r + 1] = packed.length;
    }
    if (input.offset !== end) throw new EntityModelError("entity_model_corrupt", "a stage's length does not match its rows");
    return new SparseStage(buckets, rowStart, Int32Array.from(packed), scale, transitions, clusters);
  })();
  if (input.offset !== raw.length) throw new EntityModelError("entity_model_corrupt", "the model file has bytes past its end");
  return stage;
}
