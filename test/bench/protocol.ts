/**
 * What the benchmark page hands back to Node (`scripts/bench/browser.ts`) through `window.__bench`,
 * and the checkpoint handshake that lets Node read the worker's heap at chosen moments.
 * Raw samples, not percentiles: the statistics are computed once, in Node, for every measurement.
 */

/** A JS heap reading: `performance.memory` on the page, CDP `Runtime.getHeapUsage` for the worker. */
export interface HeapSample {
  readonly usedJSHeapSize: number;
  readonly totalJSHeapSize: number;
  /**
   * Worker only: CDP's `backingStorageSize`, the bytes behind ArrayBuffers (model files, catalog);
   * wasm linear memory is not part of it. Absent when Chromium does not report it.
   */
  readonly backingStorageSize?: number;
}

/** Moments at which the worker stops until Node has read its heap over CDP. */
export type Checkpoint = 'beforeModels' | 'afterModels';

/** Samples of one model's calls, each call timed three ways. */
export interface ModelRunSamples {
  /** The model file that ran (the manifest's int8 variant when it has one). */
  readonly file: string;
  /** Features + tensor + `session.run`: what a caller pays per decision. */
  readonly totalMs: readonly number[];
  /** The shared feature module alone (`segmentFeatures` / `intentFeatures`). */
  readonly featuresMs: readonly number[];
  /** `session.run` alone. */
  readonly sessionRunMs: readonly number[];
}

/** Everything measured inside the worker. */
export interface WorkerBenchResult {
  /** Manifest fetch + recommend model and catalog fetch + sha256 verification. */
  readonly modelFetchMs: number;
  /** Segment and intent model files and the segment item map, fetched and verified after that. */
  readonly otherModelsFetchMs: number;
  /** First `createRecommender`: onnxruntime-web import, wasm compile, runtime init, session create. */
  readonly sessionCreateColdMs: number;
  /** Further `InferenceSession.create` calls on the same bytes with the runtime already loaded. */
  readonly sessionCreateWarmMs: readonly number[];
  /** First session of the segment and intent models, runtime already loaded. */
  readonly sessionCreateMs: { readonly segment: number; readonly intent: number };
  /** `runtimeBackend()` and `runtimeBackendReason()` after the sessions were created. */
  readonly backend: string;
  readonly backendReason: string | null;
  /** Personal stage + fallback chain (`recommender.personal` + `runChain`), visitors with a history. */
  readonly recommendMs: readonly number[];
  /** The same for cold visitors (no events: the model declines, the chain falls through). */
  readonly recommendColdMs: readonly number[];
  /** `session.run` alone, as `personal()` reports it (`inferenceMs`), visitors with a history. */
  readonly sessionRunMs: readonly number[];
  readonly segment: ModelRunSamples;
  readonly intent: ModelRunSamples;
  /** How many items the model's catalog has (the input width). */
  readonly catalogSize: number;
  readonly modelVersion: string;
  /** Sequential `addEvent` writes through `worker/store.ts`. */
  readonly ingest: { readonly events: number; readonly ms: number };
  /** onnxruntime-web's wasm linear memory (see `wasm-memory.ts`) at the checkpoints and after the runs. */
  readonly wasmMemoryBytes: {
    readonly beforeModels: number;
    readonly afterModels: number;
    readonly afterRuns: number;
  };
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
  | { readonly ok: false; readonly error: string }
  | { readonly checkpoint: Checkpoint };

/** Message from the page to the worker: carry on after a checkpoint. */
export interface ResumeMessage {
  readonly resume: Checkpoint;
}

declare global {
  interface Window {
    /** Set once by the bench page; polled by Playwright. */
    __bench?: BenchPageResult;
    /** The checkpoint the worker is waiting at, if any; polled by Playwright. */
    __benchCheckpoint?: Checkpoint | null;
    /** Lets the worker go on from the current checkpoint; called by Playwright after reading the heap. */
    __benchResume?: () => void;
  }
}
