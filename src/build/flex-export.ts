/** @module Indexing with FlexSearch, each posting in the slot of its BM25 term weight, and reading the export back as `[term, slots]` entries. */
import { Encoder, Index } from "flexsearch";
import { analyze, analyzeWords, countTerms, foldWords, HYPHENATED, isStopWord, joinedWord } from "../format/analyzer";
import { MIN_PREFIX, type Slots } from "../format/bundle";
import { type Field, fields, RESOLUTION } from "../format/flex-config";
import { bm25, weightSlot } from "../format/scoring";

/** Slot of a posting: FlexSearch calls it once per distinct term of a document while indexing. */
export type SlotFunction = (term: string) => number;

/**
 * Text reaches FlexSearch already analyzed (`analyzer.ts`): terms separated by spaces. Its encoder only
 * splits them, so the index holds exactly the analyzer's terms.
 */
const passThrough = new Encoder({ normalize: false, dedupe: false, cache: false, numeric: false, split: " ", minlength: 1 });

/**
 * Creates one field index; `slot` places postings (without it, every posting goes to slot 0: a reference index for tests).
 * @example
 * const index = createFieldIndex();
 * index.add(0, "embassi kabul");
 * index.search("kabul"); // [0]
 */
export function createFieldIndex(slot?: SlotFunction): Index {
  return new Index({
    tokenize: "strict",
    resolution: RESOLUTION,
    encoder: passThrough,
    fastupdate: false,
    cache: false,
    context: false,
    ...(slot ? { score: (_content: string[], term: string) => slot(term) } : {}),
  });
}

/** What the build indexes of a document. */
export interface IndexedDocument {
  title: string;
  body: string;
  /** The document's language, which its words are stemmed in (English when absent). */
  lang?: string;
  /** Ids of the document's entities. */
  entities: string[];
}

/** Average field lengths, in terms, over the corpus: BM25 needs them before the first document is added. */
export type FieldLengths = Record<"title" | "text", number>;

/** Terms of each field of a document, as the analyzer makes them. */
export function documentTerms(doc: IndexedDocument): Record<Field, string[]> {
  const title = analyze(doc.title, doc.lang);
  return { title, text: [...title, ...analyze(doc.body, doc.lang)], entity: doc.entities };
}

/**
 * The index terms of a text's hyphenated words written together ("cease-fire" → "ceasefire", "co-operation" →
 * "cooper", as "cooperation" stems): a query for the word as one ("ceasefire") finds the text that hyphenates it, as
 * the query "cease fire" does by its two words. Each also counts as its parts, as before; the joined term is an
 * extra, not counted in the field's length, and not in the dictionary of completions.
 * @example
 * joinedTerms("A cease-fire and e-mail."); // ["ceasefir", "email"]
 */
export function joinedTerms(text: string, lang?: string): string[] {
  if (!text.includes("-") && !text.includes("‐")) return [];
  const out: string[] = [];
  for (const m of text.matchAll(HYPHENATED)) {
    const word = joinedWord(m[0]);
    if (word) out.push(...analyzeWords([word], lang));
  }
  return out;
}

/** One FlexSearch index per field, as the build fills them. */
export class FlexIndexes {
  /** The field being added, its length in terms, and its term frequencies: what FlexSearch's slot callback reads. */
  private field: "title" | "text" = "text";
  private fieldLength = 0;
  private tf = new Map<string, number>();
  /** Per folded word: the last document that held it, and how many documents did (one lookup a word). */
  private readonly counts = new Map<string, { doc: number; n: number }>();
  readonly byField: Record<Field, Index> = {
    title: createFieldIndex((term) => this.slotOf(term)),
    text: createFieldIndex((term) => this.slotOf(term)),
    entity: createFieldIndex(() => 0),
  };

  constructor(readonly lengths: FieldLengths) {}

  /**
   * How many documents hold each folded word (stop words and one-letter words left out), counted as documents
   * are added, in the order words were first seen: the dictionary of completions and corrections
   * (`wordFrequencies` of the same documents). A new map each time: read it once indexing is done.
   */
  get words(): Map<string, number> {
    return new Map(Array.from(this.counts, ([word, { n }]) => [word, n]));
  }

  /** Average field lengths of a corpus (a first pass over it). */
  static measure(docs: Iterable<Pick<IndexedDocument, "title" | "body">>): FieldLengths {
    let n = 0;
    let title = 0;
    let text = 0;
    for (const doc of docs) {
      // Lengths only: no stemming (it never drops a term).
      const titleTerms = countTerms(doc.title);
      n++;
      title += titleTerms;
      text += titleTerms + countTerms(doc.body);
    }
    return { title: title / Math.max(1, n), text: text / Math.max(1, n) };
  }

  /** The slot FlexSearch puts a term of the field being added in: its BM25 weight's. */
  private slotOf(term: string): number {
    const f = this.tf.get(term);
    return f === undefined ? RESOLUTION - 1 : weightSlot(f, this.fieldLength, this.lengths[this.field], bm25[this.field]);
  }

  /** Indexes document number `n`: its text, then its entities. */
  add(n: number, doc: IndexedDocument): void {
    this.addText(n, doc);
    this.addEntities(n, doc.entities);
  }

  /**
   * Indexes the title and body of document number `n`. The entity field is an index of its own, so the build can
   * index the text while entities are still being extracted and add them after (`addEntities`, in the same order).
   */
  addText(n: number, doc: Pick<IndexedDocument, "title" | "body" | "lang">): { titleWords: string[]; bodyWords: string[] } {
    // Each text folded once, for the terms (the same as `documentTerms`), the word counts and the caller.
    const titleWords = foldWords(doc.title);
    const bodyWords = foldWords(doc.body);
    for (const words of [titleWords, bodyWords]) {
      for (const word of words) {
        if (word.length < MIN_PREFIX) continue;
        const seen = this.counts.get(word);
        if (seen) {
          if (seen.doc !== n) {
            seen.doc = n;
            seen.n++;
          }
        } else if (!isStopWord(word)) this.counts.set(word, { doc: n, n: 1 });
      }
    }
    const title = analyzeWords(titleWords, doc.lang);
    const terms = { title, text: [...title, ...analyzeWords(bodyWords, doc.lang)] };
    const titleJoined = joinedTerms(doc.title, doc.lang);
    const joined = { title: titleJoined, text: [...titleJoined, ...joinedTerms(doc.body, doc.lang)] };
    for (const field of ["title", "text"] as const) {
      const tf = new Map<string, number>();
      for (const t of terms[field]) tf.set(t, (tf.get(t) ?? 0) + 1);
      // Weighed as the field's own terms, not counted in its length: its BM25 weights stay as they were.
      const extra = new Map<string, number>();
      for (const t of joined[field]) extra.set(t, (extra.get(t) ?? 0) + 1);
      for (const [t, n] of extra) if (!tf.has(t)) tf.set(t, n);
      if (tf.size === 0) continue;
      this.field = field;
      this.fieldLength = terms[field].length;
      this.tf = tf;
      // Each distinct term once, in the order of its first occurrence: what FlexSearch keeps of the whole text.
      this.byField[field].add(n, [...tf.keys()].join(" "));
    }
    return { titleWords, bodyWords };
  }

  /** Indexes the entity ids of document number `n`. */
  addEntities(n: number, entities: readonly string[]): void {
    if (entities.length > 0) this.byField.entity.add(n, entities.join(" "));
  }
}

/**
 * Every term of every field, as FlexSearch's `export()` would give them (`[term, slots]`), read from its map directly:
 * `export()` serializes the map in chunks by insertion order, and at a million documents one chunk is longer than
 * V8's largest string. The slots are FlexSearch's own arrays: read them, never change them.
 * @example
 * const maps = exportMaps(indexes);
 * maps.text; // [["kabul", [[0], null, [1]]], ...]
 */
export function exportMaps(indexes: FlexIndexes): Record<Field, [string, Slots][]> {
  const out = { title: [], text: [], entity: [] } as Record<Field, [string, Slots][]>;
  for (const field of fields) {
    const map = (indexes.byField[field] as unknown as { map: Map<string, Slots> }).map;
    for (const [term, slots] of map) out[field].push([term, Array.from(slots, (ids) => ids ?? null)]);
  }
  return out;
}
