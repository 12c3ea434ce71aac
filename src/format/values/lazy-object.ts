/** @module A JSON object read from its text: its top-level keys found in one pass, each value parsed only when asked. */
import { type Codec, isObject } from "./codec";

/**
 * A JSON object's text with its top-level keys indexed: a value is parsed when asked (`get`), not the whole object.
 * The pass that finds the keys skips strings with `indexOf` and nested values by depth: a request that wants one
 * entity record or one prefix group does not parse the hundreds beside it.
 * @example
 * new LazyObject<number[]>('{"a":[1],"b":[2]}').get("b"); // [2]
 */
export class LazyObject<V> {
  private readonly at: Map<string, [number, number]>;

  /** Throws when the text is no JSON object. */
  constructor(readonly text: string) {
    this.at = topLevel(text);
  }

  has(key: string): boolean {
    return this.at.has(key);
  }

  /** Where a value's text is, `[start, end)`; undefined when the object has none. */
  protected span(key: string): readonly [number, number] | undefined {
    return this.at.get(key);
  }

  /** A value, parsed now; undefined when the object has none. Throws when its text is no JSON. */
  get(key: string): V | undefined {
    const place = this.at.get(key);
    return place ? (JSON.parse(this.text.slice(place[0], place[1])) as V) : undefined;
  }

  keys(): string[] {
    return [...this.at.keys()];
  }
}

const QUOTE = 34;
const BACKSLASH = 92;

/** The index after the string that starts at `i` (a quote); throws when it does not end. */
export function afterString(text: string, i: number): number {
  let j = i + 1;
  for (;;) {
    const quote = text.indexOf('"', j);
    if (quote < 0) throw new Error("a string that does not end");
    let slashes = 0;
    while (text.charCodeAt(quote - 1 - slashes) === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return quote + 1;
    j = quote + 1;
  }
}

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;
function skipSpace(text: string, i: number): number {
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** The index after the value that starts at `i`: strings and nested objects and arrays skipped whole. */
function afterValue(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === QUOTE) return afterString(text, i);
  if (c !== 123 && c !== 91) {
    let j = i;
    for (let d = text.charCodeAt(j); j < text.length && d !== 44 && d !== 125 && d !== 93 && !isSpace(d); d = text.charCodeAt(++j));
    if (j === i) throw new Error("a missing value");
    return j;
  }
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const d = text.charCodeAt(j);
    if (d === QUOTE) j = afterString(text, j) - 1;
    else if (d === 123 || d === 91) depth++;
    else if (d === 125 || d === 93) {
      depth--;
      if (depth === 0) return j + 1;
    }
  }
  throw new Error("an object or array that does not end");
}

/** Where each top-level key's value is in a JSON object's text; throws when the text is no JSON object. */
function topLevel(text: string): Map<string, [number, number]> {
  const at = new Map<string, [number, number]>();
  let i = skipSpace(text, 0);
  if (text.charCodeAt(i) !== 123) throw new Error("not an object");
  i = skipSpace(text, i + 1);
  if (text.charCodeAt(i) === 125) {
    if (skipSpace(text, i + 1) !== text.length) throw new Error("text after the object");
    return at;
  }
  for (;;) {
    if (text.charCodeAt(i) !== QUOTE) throw new Error("a key that is no string");
    const keyEnd = afterString(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    i = skipSpace(text, keyEnd);
    if (text.charCodeAt(i) !== 58) throw new Error("a key without its value");
    const start = skipSpace(text, i + 1);
    i = afterValue(text, start);
    at.set(key, [start, i]);
    i = skipSpace(text, i);
    const c = text.charCodeAt(i);
    if (c === 44) {
      i = skipSpace(text, i + 1);
      continue;
    }
    if (c === 125 && skipSpace(text, i + 1) === text.length) return at;
    throw new Error("an object that does not end");
  }
}

/**
 * The codec of a kind of value read as a `LazyObject` (`make` of its text): from its text when it scans (`fromText`),
 * else parsed and checked as any value is (an object, not an array), then read from its text again.
 * @example
 * const entityCodec = lazyCodec("entity", 2, (text) => new EntityShardText(text));
 */
export function lazyCodec<T extends LazyObject<unknown>, K extends string>(
  kind: K,
  heapPerChar: number,
  make: (text: string) => T,
): Codec<T, K> {
  return {
    kind,
    heapPerChar,
    encode: (value) => value.text,
    parse(raw) {
      if (!isObject(raw) || Array.isArray(raw)) throw new Error(`not a shard of ${kind}`);
      return make(JSON.stringify(raw));
    },
    fromText(text) {
      try {
        return make(text);
      } catch {
        return undefined;
      }
    },
  };
}
