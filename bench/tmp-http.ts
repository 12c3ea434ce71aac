import { readFileSync } from "node:fs";
import { oursScript } from "./http/scripts";
import { serve } from "./http/serve";

const q = JSON.parse(readFileSync("/tmp/edge-search-bench/run-5k/queries.json", "utf8"));
const w = await serve(await oursScript(), { kvDir: "/tmp/edge-search-bench/run-5k/kv", edgeCache: false });
const times: number[] = [];
for (let i = 0; i < 400; i++) {
  const t = performance.now();
  const res = await fetch(new URL(`/search?q=${encodeURIComponent(q.http[i] + " ")}&limit=10`, w.url));
  await res.text();
  times.push(performance.now() - t);
  if (i % 50 === 0 || i > 395) console.log(i, (performance.now() - t).toFixed(1), res.headers.get("server-timing"));
}
times.sort((a, b) => a - b);
console.log("serial p50", times[200], "p99", times[396]);
// same query repeated (LRU warm, no edge)
const t2: number[] = [];
for (let i = 0; i < 200; i++) {
  const t = performance.now();
  await (await fetch(new URL(`/search?q=${encodeURIComponent(q.http[i] + " ")}&limit=10`, w.url))).text();
  t2.push(performance.now() - t);
}
t2.sort((a, b) => a - b);
console.log("repeat p50", t2[100], "p99", t2[198]);
const t3: number[] = [];
for (let i = 0; i < 200; i++) {
  const t = performance.now();
  await (await fetch(new URL(`/health`, w.url))).text();
  t3.push(performance.now() - t);
}
t3.sort((a, b) => a - b);
console.log("health p50", t3[100], "p99", t3[198]);
await w.dispose();
