/** @module One corpus size, end to end: build, our queries, the peers, HTTP; each phase in its own process unless told otherwise. */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Corpus } from "./corpus/prepare";
import { type HttpArgs, type HttpReport, httpPhase } from "./http/http-phase";
import { machine } from "./lib/machine";
import type { PhaseName } from "./lib/options";
import { revision } from "./lib/revision";
import { spawnPhase } from "./lib/spawn-phase";
import { type BuildArgs, type BuildReport, buildPhase } from "./ours/build";
import { projectTerms, type TermProjection } from "./ours/project-terms";
import { type OursArgs, type OursReport, oursPhase } from "./ours/queries-phase";
import { type PeerReport, peerFailure } from "./peers/measure-peer";
import { type PeersArgs, peersPhase } from "./peers/peers-phase";
import { peers as peerRegistry } from "./peers/registry";
import { peerRatios } from "./report/ratios";
import type { SizeReport } from "./report/types";

export interface HarnessOptions {
  /** Scratch space for this size: KV directory, query set, phase results. */
  workDir: string;
  queries: number;
  httpQueries: number;
  seed: number;
  cacheBudgetMb: number;
  peers: string[];
  /** The HTTP run, or false to skip it. */
  http: false | { seconds: number; connections: number };
  /** Also time a build with entity extraction. */
  extract: boolean;
  /** Run each phase in a child process (clean heap, `--expose-gc`); false runs them here (the smoke test). */
  spawn: boolean;
  heapMb: number;
  /** Time limit of one phase in a child process. */
  timeoutMs: number;
  command: string;
  /** Phases to run; the others are taken from `previous` (all of them by default). */
  phases?: PhaseName[];
  /** This size's earlier results, for the phases not run. */
  previous?: SizeReport;
  say: (message: string) => void;
}

/**
 * Measures one corpus and returns its report; a phase that fails is recorded in `failures`, the others still run.
 * @example
 * const report = await runSize(corpus, { ...options, workDir: "/tmp/bench/19k" });
 */
export async function runSize(corpus: Corpus, options: HarnessOptions): Promise<SizeReport> {
  const started = performance.now();
  mkdirSync(options.workDir, { recursive: true });
  const kvDir = join(options.workDir, "kv");
  const queriesFile = join(options.workDir, "queries.json");
  const runs = (name: PhaseName) => !options.phases || options.phases.includes(name);
  const previous = options.previous;
  const failures: Record<string, string> = {};
  for (const [name, why] of Object.entries(previous?.failures ?? {})) {
    if (!runs((name === "project" ? "build" : name) as PhaseName)) failures[name] = why;
  }
  const say = options.say;
  if (runs("build")) rmSync(queriesFile, { force: true });
  else if (!existsSync(queriesFile) || !previous) {
    throw new Error(`--phases without build needs this size's earlier run: no ${queriesFile} or no earlier results.`);
  }

  const buildArgs: BuildArgs = {
    inputs: corpus.inputs,
    kvDir,
    queriesFile,
    queries: options.queries,
    httpQueries: options.httpQueries,
    seed: options.seed,
    extract: options.extract,
  };
  let build = previous?.build;
  if (runs("build")) {
    say(`[${corpus.label}] build: ${corpus.description}`);
    build = await phase<BuildReport>("build", buildArgs, (a) => buildPhase({ ...a, say }), options, failures);
  }

  let ours = previous?.ours;
  let peers = previous?.peers ?? [];
  let http = previous?.http;
  if (build && runs("ours")) {
    say(`[${corpus.label}] our queries: ${options.queries} cold, then warm, heap`);
    const oursArgs: OursArgs = { kvDir, queriesFile, cacheBudget: options.cacheBudgetMb * 1024 * 1024 };
    ours = await phase<OursReport>("ours", oursArgs, oursPhase, options, failures);
  }
  // A projection stands in for a failed build only: once a build succeeds, its measured figures replace it.
  let projection = build ? undefined : previous?.projection;
  if (!build && runs("build") && existsSync(queriesFile)) {
    say(`[${corpus.label}] our build failed (${failures.build}); projecting its term shards instead`);
    projection = await phase<TermProjection>(
      "project",
      { inputs: corpus.inputs, queriesFile },
      (a) => projectTerms({ ...a, say }),
      options,
      failures,
    );
  }
  // The peers need only the corpus and the query set, drawn before our build: they run even when it failed.
  if (runs("peers") && options.peers.length > 0 && existsSync(queriesFile)) {
    say(`[${corpus.label}] peers: ${options.peers.join(", ")}`);
    const fresh = await runPeers({ inputs: corpus.inputs, queriesFile, peers: options.peers, scratchDir: options.workDir }, options);
    // Peers not run this time keep their earlier results.
    peers = [...peers.filter((p) => !fresh.some((f) => f.name === p.name)), ...fresh];
  }
  if (build && runs("http")) {
    if (options.http) {
      say(`[${corpus.label}] HTTP: ${options.http.seconds} s a run, ${options.http.connections} connections, 127.0.0.1`);
      const httpArgs: HttpArgs = { kvDir, queriesFile, seed: options.seed, ...options.http };
      http = await phase<HttpReport>("http", httpArgs, (a) => httpPhase({ ...a, say }), options, failures);
    }
  }
  const { inputs: _inputs, ...about } = corpus;
  return {
    label: corpus.label,
    command: previous && options.phases && options.phases.length < 4 ? `${previous.command}; then ${options.command}` : options.command,
    date: new Date().toISOString(),
    machine: machine(),
    revision: revision(),
    corpus: about,
    queries: options.queries,
    cacheBudgetMb: options.cacheBudgetMb,
    seconds: Math.round(performance.now() - started) / 1000,
    ...(build ? { build } : {}),
    ...(ours ? { ours } : {}),
    ...(projection ? { projection } : {}),
    peers,
    ratios: build && ours ? peerRatios(build, ours, peers) : [],
    ...(http ? { http } : {}),
    failures,
  };
}

/** One phase, in a child process or here; undefined (and the reason in `failures`) when it fails. */
async function phase<R>(
  name: string,
  args: unknown,
  here: (args: any) => Promise<R>,
  options: HarnessOptions,
  failures: Record<string, string>,
): Promise<R | undefined> {
  if (!options.spawn) {
    try {
      return await here(args);
    } catch (error) {
      failures[name] = (error as Error).message;
      return undefined;
    }
  }
  const outFile = join(options.workDir, `${name}-result.json`);
  const run = await spawnPhase(name, args, { workDir: options.workDir, outFile, heapMb: options.heapMb, timeoutMs: options.timeoutMs });
  if (!run.ok) {
    failures[name] = run.reason ?? "failed";
    return undefined;
  }
  return JSON.parse(readFileSync(outFile, "utf8")) as R;
}

/** The peers, in one process; when one brings the process down, it is reported as failed and the rest run in a new one. */
async function runPeers(args: PeersArgs, options: HarnessOptions): Promise<PeerReport[]> {
  const results: PeerReport[] = [];
  if (!options.spawn) {
    await peersPhase({ ...args, say: options.say }, (r) => results.push(r));
    return results;
  }
  let remaining = [...args.peers];
  while (remaining.length > 0) {
    const outFile = join(options.workDir, "peers-result.jsonl");
    const run = await spawnPhase(
      "peers",
      { ...args, peers: remaining },
      { workDir: options.workDir, outFile, heapMb: options.heapMb, timeoutMs: options.timeoutMs },
    );
    const done = existsSync(outFile)
      ? readFileSync(outFile, "utf8")
          .split("\n")
          .filter(Boolean)
          .map((line) => JSON.parse(line) as PeerReport)
      : [];
    results.push(...done);
    remaining = remaining.slice(done.length);
    if (run.ok || remaining.length === 0) break;
    const [failed, ...rest] = remaining as [string, ...string[]];
    const peer = peerRegistry[failed];
    // The time limit is the whole process's: say how much of it the failed peer had.
    const since = done.length > 0 ? statSync(outFile).mtimeMs : Date.now() - run.seconds * 1000;
    const had = Math.round((Date.now() - since) / 1000);
    if (peer) results.push(peerFailure(peer, 0, `${run.reason ?? "failed"} (of the peers' process; ${had} s into ${failed})`));
    remaining = rest;
  }
  return results;
}
