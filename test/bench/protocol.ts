/**
 * What the benchmark page hands back to Node (`scripts/bench/browser.ts`) through `window.__bench`.
 * Raw samples, not percentiles: the statistics are computed once, in Node, for every measurement.
 */

/** A JS heap reading: `performance.memory` on the page, CDP `Runtime.getHeapUsage` for the worker. */
export interface HeapSample {
  readonly usedJSHeapSize: number;
  readonly totalJSHeapSize: number;
}

/** Everything measured inside the worker. */
export interface WorkerBenchResult {
  /** Manifest fetch + model and catalog fetch + sha256 verification. */
  readonly modelFetchMs: number;
  /** First `createRecommender`: onnxruntime-web import, wasm compile, runtime init, session create. */
  readonly sessionCreateColdMs: number;
  /** Further `InferenceSession.create` calls on the same bytes with the runtime already loaded. */
  readonly sessionCreateWarmMs: readonly number[];
  /** Full `recommend()` calls (features, tensor, run, mapping), visitors with a history. */
  readonly recommendMs: readonly number[];
  /** Full `recommend()` calls for cold visitors (no events: popularity path through the same graph). */
  readonly recommendColdMs: readonly number[];
  /** `session.run` alone, as reported by `recommend()` itself (`inferenceMs`), all timed runs. */
  readonly sessionRunMs: readonly number[];
  /** How many items the model's catalog has (the input width). */
  readonly catalogSize: number;
  readonly modelVersion: string;
  /** Sequential `addEvent` writes through `worker/store.ts`. */
  readonly ingest: { readonly events: number; readonly ms: number };
  /** Preemption seen by a busy loop right after the timed runs (see `schedulerNoise`). */
  readonly noise: { readonly probeMs: number; readonly gapsOver1ms: number; readonly maxGapMs: number };
}

/** The page's final answer. */
export type BenchPageResult =
  | { readonly ok: true; readonly worker: WorkerBenchResult; readonly pageHeap: HeapSample | null }
  | { readonly ok: false; readonly error: string };

/** Message from the worker to the page. */
export type WorkerMessage =
  | { readonly ok: true; readonly result: WorkerBenchResult }
  | { readonly ok: false; readonly error: string };

declare global {
  interface Window {
    /** Set once by the bench page; polled by Playwright. */
    __bench?: BenchPageResult;
  }
}
