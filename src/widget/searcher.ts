/** @module Latest query wins: debounces keystrokes, aborts whatever is in flight, answers repeats from a cache, reports only the newest answer. */
import { fetchAnswer, type Query, WidgetError } from "./api";
import { Lru } from "./cache";
import type { Answer } from "./types";

/** Quiet time after a keystroke before asking the API. */
export const DEBOUNCE_MS = 120;
/** How long an answer may take before the search is given up and said to have taken too long. */
export const TIMEOUT_MS = 10_000;

export interface SearcherHooks {
  endpoint(): string;
  answer(answer: Answer): void;
  error(error: WidgetError): void;
  busy(on: boolean): void;
}

export class Searcher {
  readonly #hooks: SearcherHooks;
  readonly #cache = new Lru<Answer>(50);
  /** Bumped by every new query: an answer is shown only if its number is still the latest. */
  #seq = 0;
  #controller?: AbortController;
  #timer?: ReturnType<typeof setTimeout>;

  constructor(hooks: SearcherHooks) {
    this.#hooks = hooks;
  }

  /** Forgets the pending query and aborts the one in flight. */
  cancel(): void {
    clearTimeout(this.#timer);
    this.#seq++;
    this.#controller?.abort();
    this.#controller = undefined;
    this.#hooks.busy(false);
  }

  /** Asks for `query` after the debounce, or `now`; a cached answer comes at once. */
  request(query: Query, now: boolean): void {
    this.cancel();
    const cached = this.#cache.get(this.#key(query));
    if (cached) this.#hooks.answer(cached);
    else if (now) void this.#run(query);
    else this.#timer = setTimeout(() => void this.#run(query), DEBOUNCE_MS);
  }

  async #run(query: Query): Promise<void> {
    this.cancel();
    const seq = this.#seq;
    const controller = new AbortController();
    this.#controller = controller;
    this.#hooks.busy(true);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, TIMEOUT_MS);
    let answer: Answer | undefined;
    let failure: WidgetError | undefined;
    try {
      answer = await fetchAnswer(this.#hooks.endpoint(), query, controller.signal);
    } catch (error) {
      failure = timedOut
        ? new WidgetError("timeout", "The search service took too long to answer.")
        : error instanceof WidgetError
          ? error
          : new WidgetError("network", String(error));
    } finally {
      clearTimeout(timer);
    }
    if (seq !== this.#seq) return;
    this.#controller = undefined;
    this.#hooks.busy(false);
    // Shown outside the request's try: a fault in showing an answer is no network error.
    if (answer) {
      this.#cache.set(this.#key(query), answer);
      this.#hooks.answer(answer);
    } else if (failure) this.#hooks.error(failure);
  }

  /** Answers are kept per endpoint: a widget pointed elsewhere asks again. */
  #key(query: Query): string {
    return `${this.#hooks.endpoint()}\u0000${query.limit}\u0000${query.filter?.id ?? ""}\u0000${query.q}`;
  }
}
