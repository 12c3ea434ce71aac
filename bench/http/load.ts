/** @module One bounded autocannon run against 127.0.0.1: requests per second, latency, errors. */
import autocannon from "autocannon";

export interface LoadResult {
  label: string;
  seconds: number;
  connections: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number; max: number };
  /** Socket errors, timeouts and non-2xx answers. */
  errors: number;
  /** Paths sent, and how many of them were distinct. */
  distinctPaths: number;
}

/**
 * Hits `url` for `seconds` with `connections` connections; `nextPath` gives each request its path.
 * @example
 * await load("bare", worker.url, () => "/", { seconds: 10, connections: 32 });
 */
export async function load(
  label: string,
  url: URL,
  nextPath: () => string,
  options: { seconds: number; connections: number },
): Promise<LoadResult> {
  if (url.hostname !== "127.0.0.1") throw new Error(`Refusing to load ${url.host}: the benchmark only hits 127.0.0.1.`);
  const seen = new Set<string>();
  const result = await autocannon({
    url: url.origin,
    connections: options.connections,
    duration: options.seconds,
    requests: [
      {
        method: "GET",
        setupRequest: (request) => {
          const path = nextPath();
          seen.add(path);
          return { ...request, path };
        },
      },
    ],
  });
  return {
    label,
    seconds: options.seconds,
    connections: options.connections,
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.average),
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    errors: result.errors + result.timeouts + result.non2xx,
    distinctPaths: seen.size,
  };
}
