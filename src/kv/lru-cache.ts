/** @module A cache bounded in bytes, least recently used first out, that shares one in-flight load per key. */

interface Entry<V> {
  value: V;
  size: number;
}

/**
 * @example
 * const cache = new LruCache<string>(1024);
 * const [a] = await cache.load(["a"], async (keys) => new Map(keys.map((k) => [k, { value: k, size: 1 }])));
 */
export class LruCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly pending = new Map<string, Promise<Entry<V>>>();
  private used = 0;

  /**
   * @param shareTimeoutMs how long a load waits for the same key's load started by another call before reading the key
   * itself: in workerd, a read started by a request that is then canceled never settles, and a request left waiting
   * on it alone is killed as hung (a 500).
   */
  constructor(
    readonly budgetBytes: number,
    private readonly shareTimeoutMs = 5_000,
  ) {}

  get bytes(): number {
    return this.used;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The cached value, marked as recently used. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Drops a key (a value found wrong after it was cached). */
  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.used -= entry.size;
  }

  set(key: string, value: V, size: number): void {
    const old = this.entries.get(key);
    if (old) {
      this.used -= old.size;
      this.entries.delete(key);
    }
    // A value bigger than the whole budget is served but not kept.
    if (size > this.budgetBytes) return;
    this.entries.set(key, { value, size });
    this.used += size;
    for (const [k, e] of this.entries) {
      if (this.used <= this.budgetBytes) break;
      this.entries.delete(k);
      this.used -= e.size;
    }
  }

  /**
   * Values for `keys`, from the cache, from a load already under way, or from one call of `loader`
   * for all the rest. A failed load is not cached: the next call tries again.
   */
  async load(keys: string[], loader: (missing: string[]) => Promise<Map<string, Entry<V>>>): Promise<V[]> {
    const waits = new Map<string, V | Promise<Entry<V>>>();
    const missing: string[] = [];
    for (const key of new Set(keys)) {
      const hit = this.get(key);
      if (hit !== undefined) waits.set(key, hit);
      else {
        const inflight = this.pending.get(key);
        if (inflight) {
          const shared = this.#share(key, inflight, loader);
          shared.catch(() => {});
          waits.set(key, shared);
        } else missing.push(key);
      }
    }
    if (missing.length > 0) {
      const batch = loader(missing);
      for (const key of missing) {
        const one = batch.then((m) => {
          const entry = m.get(key);
          if (!entry) throw new Error(`loader returned no value for ${key}`);
          this.set(key, entry.value, entry.size);
          return entry;
        });
        one.catch(() => {}).finally(() => this.pending.delete(key));
        this.pending.set(key, one);
        waits.set(key, one);
      }
    }
    const out: V[] = [];
    for (const key of keys) {
      const w = waits.get(key) as V | Promise<Entry<V>>;
      out.push(w instanceof Promise ? (await w).value : w);
    }
    return out;
  }

  /** Waits for another call's load of `key`, with a timer of its own; past it, drops that load and reads the key itself. */
  #share(key: string, inflight: Promise<Entry<V>>, loader: (missing: string[]) => Promise<Map<string, Entry<V>>>): Promise<Entry<V>> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<"late">((resolve) => {
      timer = setTimeout(() => resolve("late"), this.shareTimeoutMs);
    });
    return Promise.race([inflight, late]).then(
      async (won) => {
        clearTimeout(timer);
        if (won !== "late") return won;
        if (this.pending.get(key) === inflight) this.pending.delete(key);
        const entry = (await loader([key])).get(key);
        if (!entry) throw new Error(`loader returned no value for ${key}`);
        this.set(key, entry.value, entry.size);
        return entry;
      },
      (error) => {
        clearTimeout(timer);
        throw error;
      },
    );
  }
}
