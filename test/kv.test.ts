/** @module What the isolate's cache promises: a byte budget, least recently used out first, one shared load per key, and a way out of a load that never settles. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { LruCache } from "../src/kv/lru-cache";
import { KV_TIMEOUT_MS, newReadStats } from "../src/kv/source";

type Loaded = Map<string, { value: string; size: number }>;
/** A loader answering each key with its upper-case name, one byte a character, recording what it was asked. */
function loader(asked: string[][] = []) {
  const load = async (keys: string[]): Promise<Loaded> => {
    asked.push([...keys]);
    return new Map(keys.map((k) => [k, { value: k.toUpperCase(), size: k.length }]));
  };
  return { load, asked };
}

/** A promise and the functions that settle it. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("the cache's budget", () => {
  it("counts the bytes and entries it holds", () => {
    const cache = new LruCache<string>(100);
    expect(cache.budgetBytes).toBe(100);
    expect([cache.bytes, cache.size]).toEqual([0, 0]);
    cache.set("a", "A", 10);
    cache.set("b", "B", 30);
    expect([cache.bytes, cache.size]).toEqual([40, 2]);
    expect(cache.get("a")).toBe("A");
    expect(cache.get("missing")).toBeUndefined();
  });

  it("keeps values up to exactly its budget, and evicts the least recently used past it", () => {
    const cache = new LruCache<string>(100);
    cache.set("a", "A", 40);
    cache.set("b", "B", 40);
    cache.set("c", "C", 20);
    expect([cache.bytes, cache.size]).toEqual([100, 3]);
    cache.set("d", "D", 1);
    expect(cache.get("a")).toBeUndefined();
    expect([cache.bytes, cache.size]).toEqual([61, 3]);
  });

  it("treats a read as a use: the value read last is evicted last", () => {
    const cache = new LruCache<string>(3);
    cache.set("a", "A", 1);
    cache.set("b", "B", 1);
    cache.set("c", "C", 1);
    expect(cache.get("a")).toBe("A");
    cache.set("d", "D", 1);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBe("A");
    cache.set("e", "E", 2);
    expect(cache.get("c")).toBeUndefined();
    expect(cache.get("d")).toBeUndefined();
    expect(cache.get("a")).toBe("A");
    expect(cache.get("e")).toBe("E");
    expect(cache.bytes).toBe(3);
  });

  it("evicts as many values as it takes to fit a big one", () => {
    const cache = new LruCache<string>(10);
    for (const k of ["a", "b", "c", "d", "e"]) cache.set(k, k, 2);
    cache.set("big", "BIG", 9);
    expect([cache.bytes, cache.size]).toEqual([9, 1]);
  });

  it("serves but does not keep a value bigger than the whole budget, dropping the old value of its key", () => {
    const cache = new LruCache<string>(10);
    cache.set("a", "A", 4);
    cache.set("k", "old", 5);
    cache.set("k", "new", 11);
    expect(cache.get("k")).toBeUndefined();
    expect(cache.get("a")).toBe("A");
    expect([cache.bytes, cache.size]).toEqual([4, 1]);
  });

  it("replacing a key counts its new size only", () => {
    const cache = new LruCache<string>(10);
    cache.set("k", "v1", 6);
    cache.set("k", "v2", 8);
    expect([cache.bytes, cache.size, cache.get("k")]).toEqual([8, 1, "v2"]);
  });

  it("drops a key on request, giving back its bytes, and ignores an unknown key", () => {
    const cache = new LruCache<string>(10);
    cache.set("a", "A", 3);
    cache.set("b", "B", 4);
    cache.delete("a");
    cache.delete("never");
    expect([cache.bytes, cache.size, cache.get("a"), cache.get("b")]).toEqual([4, 1, undefined, "B"]);
  });
});

describe("loading through the cache", () => {
  it("loads every missing key in one call, once each, and answers in the order asked", async () => {
    const cache = new LruCache<string>(1000);
    const { load, asked } = loader();
    expect(await cache.load(["a", "bb", "a", "c"], load)).toEqual(["A", "BB", "A", "C"]);
    expect(asked).toEqual([["a", "bb", "c"]]);
    expect([cache.bytes, cache.size]).toEqual([4, 3]);
  });

  it("answers cached keys from the cache and loads only the rest", async () => {
    const cache = new LruCache<string>(1000);
    const { load, asked } = loader();
    await cache.load(["a"], load);
    expect(await cache.load(["b", "a"], load)).toEqual(["B", "A"]);
    expect(await cache.load(["a", "b"], load)).toEqual(["A", "B"]);
    expect(asked).toEqual([["a"], ["b"]]);
  });

  it("shares one load of a key between calls made while it is under way", async () => {
    const cache = new LruCache<string>(1000);
    const gate = deferred<void>();
    const asked: string[][] = [];
    const slow = async (keys: string[]): Promise<Loaded> => {
      asked.push([...keys]);
      await gate.promise;
      return new Map(keys.map((k) => [k, { value: k.toUpperCase(), size: 1 }]));
    };
    const first = cache.load(["a", "b"], slow);
    const second = cache.load(["b", "c"], slow);
    gate.resolve();
    expect(await first).toEqual(["A", "B"]);
    expect(await second).toEqual(["B", "C"]);
    expect(asked).toEqual([["a", "b"], ["c"]]);
  });

  it("does not cache a failed load: the next call tries again", async () => {
    const cache = new LruCache<string>(1000);
    let fail = true;
    const flaky = async (keys: string[]): Promise<Loaded> => {
      if (fail) throw new Error("store down");
      return new Map(keys.map((k) => [k, { value: k, size: 1 }]));
    };
    await expect(cache.load(["a"], flaky)).rejects.toThrow("store down");
    fail = false;
    expect(await cache.load(["a"], flaky)).toEqual(["a"]);
  });

  it("fails a call that shares a load that fails, with the same error", async () => {
    const cache = new LruCache<string>(1000);
    const gate = deferred<Loaded>();
    const first = cache.load(["a"], () => gate.promise);
    const second = cache.load(["a"], () => Promise.reject(new Error("not this one")));
    gate.reject(new Error("store down"));
    await expect(first).rejects.toThrow("store down");
    await expect(second).rejects.toThrow("store down");
  });

  it("refuses a load that leaves out a key it was asked for", async () => {
    const cache = new LruCache<string>(1000);
    const partial = async (): Promise<Loaded> => new Map([["a", { value: "A", size: 1 }]]);
    await expect(cache.load(["a", "b"], partial)).rejects.toThrow("loader returned no value for b");
    expect(cache.get("a")).toBe("A");
    expect(cache.get("b")).toBeUndefined();
  });
});

describe("a shared load that never settles", () => {
  it("is given up after the share timeout, and the key read again by the waiting call", async () => {
    vi.useFakeTimers();
    const cache = new LruCache<string>(1000, 200);
    const hung = cache.load(["a", "b"], () => new Promise<Loaded>(() => {}));
    hung.catch(() => {});
    const { load, asked } = loader();
    const waiting = cache.load(["a"], load);
    let answer: string[] | undefined;
    void waiting.then((v) => {
      answer = v;
    });
    await vi.advanceTimersByTimeAsync(199);
    expect(answer).toBeUndefined();
    expect(asked).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(answer).toEqual(["A"]);
    expect(asked).toEqual([["a"]]);
    // The value read again is cached; the hung load of "a" is no longer shared, that of "b" still is.
    expect(cache.get("a")).toBe("A");
    expect(await cache.load(["a"], load)).toEqual(["A"]);
    expect(asked).toEqual([["a"]]);
  });

  it("is no longer shared once given up: a later call reads the key itself", async () => {
    vi.useFakeTimers();
    const cache = new LruCache<string>(1000, 100);
    void cache.load(["a"], () => new Promise<Loaded>(() => {})).catch(() => {});
    const gate = deferred<void>();
    const asked: string[][] = [];
    const slow = async (keys: string[]): Promise<Loaded> => {
      asked.push([...keys]);
      await gate.promise;
      return new Map(keys.map((k) => [k, { value: `${k}${asked.length}`, size: 1 }]));
    };
    const waiting = cache.load(["a"], slow);
    await vi.advanceTimersByTimeAsync(100);
    expect(asked).toEqual([["a"]]);
    // The retry is still under way; a new call does not wait on the hung load.
    const later = cache.load(["a"], slow);
    await vi.advanceTimersByTimeAsync(0);
    gate.resolve();
    expect(await waiting).toEqual(["a2"]);
    expect(await later).toEqual(["a2"]);
    expect(asked).toEqual([["a"], ["a"]]);
  });

  it("waits five seconds by default", async () => {
    vi.useFakeTimers();
    const cache = new LruCache<string>(1000);
    void cache.load(["a"], () => new Promise<Loaded>(() => {})).catch(() => {});
    const { load, asked } = loader();
    const waiting = cache.load(["a"], load);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(asked).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(await waiting).toEqual(["A"]);
  });

  it("fails the waiting call when the read again leaves the key out", async () => {
    vi.useFakeTimers();
    const cache = new LruCache<string>(1000, 10);
    void cache.load(["a"], () => new Promise<Loaded>(() => {})).catch(() => {});
    const waiting = cache.load(["a"], async () => new Map());
    const outcome = waiting.then(
      () => "resolved",
      (e: Error) => e.message,
    );
    await vi.advanceTimersByTimeAsync(10);
    expect(await outcome).toBe("loader returned no value for a");
  });

  it("leaves no timer behind once the shared load settles", async () => {
    vi.useFakeTimers();
    const cache = new LruCache<string>(1000, 1_000);
    const gate = deferred<Loaded>();
    const first = cache.load(["a"], () => gate.promise);
    const second = cache.load(["a"], () => gate.promise);
    gate.resolve(new Map([["a", { value: "A", size: 1 }]]));
    expect(await first).toEqual(["A"]);
    expect(await second).toEqual(["A"]);
    expect(vi.getTimerCount()).toBe(0);
    const failing = deferred<Loaded>();
    const third = cache.load(["b"], () => failing.promise);
    const fourth = cache.load(["b"], () => failing.promise);
    failing.reject(new Error("down"));
    await expect(third).rejects.toThrow("down");
    await expect(fourth).rejects.toThrow("down");
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("read counters", () => {
  it("start at zero for every request", () => {
    const stats = newReadStats();
    expect(stats).toEqual({ roundTrips: 0, keys: 0, bytes: 0, cacheHits: 0, ms: 0 });
    stats.keys++;
    expect(newReadStats().keys).toBe(0);
  });

  it("give a store five seconds to answer", () => {
    expect(KV_TIMEOUT_MS).toBe(5_000);
  });
});

describe("a value the size of the whole budget", () => {
  it("is kept, alone", () => {
    const cache = new LruCache<string>(10);
    cache.set("a", "A", 3);
    cache.set("whole", "W", 10);
    expect([cache.bytes, cache.size, cache.get("whole"), cache.get("a")]).toEqual([10, 1, "W", undefined]);
  });
});

describe("two calls giving up the same hung load", () => {
  it("leave alone a load of the key started after the first gave up, so later calls still share it", async () => {
    vi.useFakeTimers();
    const cache = new LruCache<string>(1000, 100);
    const gate = deferred<void>();
    let loads = 0;
    const slow = async (keys: string[]): Promise<Loaded> => {
      loads++;
      await gate.promise;
      return new Map(keys.map((k) => [k, { value: k.toUpperCase(), size: 1 }]));
    };
    void cache.load(["a"], () => new Promise<Loaded>(() => {})).catch(() => {});
    const second = cache.load(["a"], slow);
    await vi.advanceTimersByTimeAsync(50);
    const third = cache.load(["a"], slow);
    await vi.advanceTimersByTimeAsync(50);
    expect(loads).toBe(1);
    // The second call gave up and reads "a" itself; a new call now starts a load of its own, which is shared.
    const fourth = cache.load(["a"], slow);
    await vi.advanceTimersByTimeAsync(10);
    expect(loads).toBe(2);
    await vi.advanceTimersByTimeAsync(40);
    expect(loads).toBe(3);
    const fifth = cache.load(["a"], slow);
    await vi.advanceTimersByTimeAsync(0);
    expect(loads).toBe(3);
    gate.resolve();
    expect(await Promise.all([second, third, fourth, fifth])).toEqual([["A"], ["A"], ["A"], ["A"]]);
  });
});
