/** @module A read that never settles (its request was canceled) does not take down the other requests waiting for the same key. */
import { describe, expect, it } from "vitest";
import { LruCache } from "../src/kv/lru-cache";

type Loader = (keys: string[]) => Promise<Map<string, { value: string; size: number }>>;
const values: Loader = async (keys) => new Map(keys.map((k) => [k, { value: `value of ${k}`, size: 10 }]));
/** In workerd, the reads of a request that was canceled (its client went away) neither resolve nor reject. */
const canceled: Loader = () => new Promise(() => {});

describe("sharing an in-flight read between requests", () => {
  it("still shares a live read: one load for two callers", async () => {
    const cache = new LruCache<string>(1024, 50);
    let loads = 0;
    const counted: Loader = async (keys) => {
      loads++;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return values(keys);
    };
    expect(await Promise.all([cache.load(["a"], counted), cache.load(["a"], counted)])).toEqual([["value of a"], ["value of a"]]);
    expect(loads).toBe(1);
  });

  it("reads the key itself once the shared read is overdue, and drops the dead one", async () => {
    const cache = new LruCache<string>(1024, 50);
    void cache.load(["a", "b"], canceled);
    const started = Date.now();
    expect(await cache.load(["b", "c"], values)).toEqual(["value of b", "value of c"]);
    expect(Date.now() - started).toBeLessThan(1_000);
    // The dead read no longer holds the key: the next caller reads it at once, from the cache.
    expect(await cache.load(["a"], values)).toEqual(["value of a"]);
    expect(cache.get("b")).toBe("value of b");
  }, 5_000);

  it("passes on the failure of a shared read that fails, and caches nothing", async () => {
    const cache = new LruCache<string>(1024, 50);
    const failing: Loader = async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      throw new Error("KV is down");
    };
    const first = cache.load(["a"], failing);
    const second = cache.load(["a"], values);
    await expect(first).rejects.toThrow("KV is down");
    await expect(second).rejects.toThrow("KV is down");
    expect(await cache.load(["a"], values)).toEqual(["value of a"]);
  });
});
