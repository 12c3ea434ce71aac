/** @module The OWASP XSS cheat sheet as documents: indexed and searchable, inert in snippets, returned verbatim as JSON. */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { snippetIsInert } from "../scripts/fuzz/check";
import { startWorkerWith, type TestWorker } from "../scripts/shared/local-worker";
import { decodeEntities } from "../src/widget/snippet";

interface Vector {
  id: string;
  title: string;
  body: string;
  url?: string;
}

const vectors: Vector[] = readFileSync("test/fixtures/xss/vectors.jsonl", "utf8")
  .split("\n")
  .filter(Boolean)
  .map((line) => JSON.parse(line));
/** The marker word each vector's document carries: `xssvec01`…, `xssvecid`. */
const marker = (v: Vector) => /xssvec\w+/.exec(v.body)?.[0] as string;

let worker: TestWorker;

beforeAll(async () => {
  ({ worker } = await startWorkerWith(["test/fixtures/xss"]));
});
afterAll(() => worker?.dispose());

const search = async (q: string) => {
  const res = await worker.fetch(`/search?q=${encodeURIComponent(q)}&limit=100`);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  return (await res.json()) as { total: number; hits: { id: string; title: string; url: string | null; snippet: string }[] };
};

describe("documents made of XSS vectors", () => {
  it(`are all indexed (${vectors.length}) and each is found by its own word`, async () => {
    expect((await search("payload ")).total).toBe(vectors.length);
    for (const v of vectors) {
      const { hits } = await search(`${marker(v)} `);
      expect(
        hits.map((h) => h.id),
        v.id,
      ).toContain(v.id);
    }
  });

  it("come out of /search with no markup but <mark>, their text kept, escaped", async () => {
    for (const v of vectors) {
      const hit = (await search(`${marker(v)} kabul`)).hits.find((h) => h.id === v.id);
      expect(hit, v.id).toBeDefined();
      const snippet = hit?.snippet ?? "";
      expect(snippetIsInert(snippet), snippet).toBe(true);
      // Marks are balanced and hold words only.
      expect(snippet.match(/<mark>/g)?.length ?? 0).toBe(snippet.match(/<\/mark>/g)?.length ?? 0);
      for (const m of snippet.matchAll(/<mark>(.*?)<\/mark>/g)) expect(m[1]).toMatch(/^[^<>&"']*$/);
      // Unescaped, the snippet is the document's own text: nothing stripped, nothing added.
      const text = decodeEntities(snippet.replace(/<\/?mark>/g, ""))
        .replace(/^… /, "")
        .replace(/ …$/, "");
      expect(v.body.replace(/\s+/g, " "), v.id).toContain(text.replace(/\s+/g, " "));
      // Titles are plain text, returned exactly as written (escaping them is the page's job).
      expect(hit?.title).toBe(v.title);
      expect(hit?.url ?? undefined).toBe(v.url);
    }
  });

  it("come back whole from /documents/:id as JSON, byte for byte", async () => {
    for (const v of vectors) {
      const res = await worker.fetch(`/documents/${encodeURIComponent(v.id)}`);
      expect(res.status, v.id).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      const doc = (await res.json()) as Vector & { meta: Record<string, unknown> };
      expect({ id: doc.id, title: doc.title, body: doc.body, url: doc.url ?? undefined }).toEqual({
        id: v.id,
        title: v.title,
        body: v.body,
        url: v.url,
      });
    }
  });

  it("echo a hostile query, error and path only inside JSON strings", async () => {
    const q = "<script>alert(1)</script>";
    const res = await worker.fetch(`/search?q=${encodeURIComponent(q)}`);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(((await res.json()) as { query: string }).query).toBe(q);
    for (const path of [`/documents/${encodeURIComponent(q)}`, `/entities/${encodeURIComponent(q)}`, `/${encodeURIComponent(q)}`]) {
      const r = await worker.fetch(path);
      expect(r.status).toBe(404);
      expect(r.headers.get("content-type")).toMatch(/^application\/json/);
    }
  });

  it("never reach the demo page's HTML, which is static", async () => {
    const html = await (await worker.fetch("/")).text();
    for (const v of vectors) expect(html).not.toContain(marker(v));
  });
});
