/** @module What a codec of one kind of bundle value is: its encoder and its shape check side by side, and what it costs parsed. */

/**
 * How one kind of value is written and read back. `encode` is what the build stores (JSON text); `parse` takes the
 * stored text's `JSON.parse` and checks its shape, throwing on the wrong one, so that a corrupt value is refused
 * rather than read as "nothing there".
 */
export interface Codec<T, K extends string = string> {
  /** The kind of key it is stored under (`keyPart(kind, part)`): its name in the codec table (`values/index.ts`). */
  kind: K;
  encode(value: T): string;
  parse(raw: unknown): T;
  /**
   * Heap a parsed value takes per character of its JSON: small arrays and strings cost more than their text.
   * Measured on the 1M bench bundle with `node --expose-gc --import tsx bench/lib/parsed-size.ts DIR`
   * (term ×2.9, prefix ×5.6, id ×4.2, meta ×1.2, tail ×1.2), rounded up; the isolate cache charges this, so its budget holds.
   */
  heapPerChar: number;
  /**
   * A value read from its stored text without parsing it all (entity shards); undefined when the text does not
   * scan: the reader then parses it and calls `parse`, which says what is wrong with it.
   */
  fromText?(text: string): T | undefined;
}

/** Every stored value is JSON; the check shared by all kinds: an object or an array, never a bare scalar or null. */
export function isObject(raw: unknown): raw is object {
  return raw !== null && typeof raw === "object";
}

/**
 * A codec whose shape check is only `isObject` and `check`.
 * @example
 * const ids = jsonCodec<Record<string, number>, "id">("id", 4.5);
 */
export function jsonCodec<T, K extends string>(kind: K, heapPerChar: number, check: (raw: object) => void = () => {}): Codec<T, K> {
  return {
    kind,
    heapPerChar,
    encode: (value) => JSON.stringify(value),
    parse(raw) {
      if (!isObject(raw)) throw new Error("not an object");
      check(raw);
      return raw as T;
    },
  };
}

export const isNumbers = (value: unknown): value is number[] => Array.isArray(value) && value.every((n) => typeof n === "number");
