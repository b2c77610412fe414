/**
 * What the benchmark page hands back to Node (`scripts/bench/browser.ts`) through `window.__bench`
 * (the model bench's worker and the engine bench's samples), and the checkpoint handshake that lets Node read the worker's heap at chosen moments.
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
  /** Sequential `addEvent` writes through `worker/storage/store.ts`. */
  readonly ingest: { readonly events: number; readonly ms: number };
  /** onnxruntime-web's wasm linear memory (see `wasm-memory.ts`) at the checkpoints and after the runs. */
  readonly wasmMemoryBytes: {
    readonly beforeModels: number;
    readonly afterModels: number;
    readonly afterRuns: number;
  };
  /** Preemption seen by a busy loop right after the timed runs (see `schedulerNoise`). */
  readonly noise: SchedulerNoise;
}

/** Preemption seen by a busy loop (see `scheduler-noise.ts`). */
export interface SchedulerNoise {
  readonly probeMs: number;
  readonly gapsOver1ms: number;
  readonly maxGapMs: number;
}

/** One fresh engine worker until its first answer or recommendations, timed on the page. */
export interface FirstCallRun {
  /** `new Worker` until the first `answer()` / `recommend()` resolved. */
  readonly totalMs: number;
  /** `new Worker` until `init(config)` resolved. */
  readonly initMs: number;
}

/**
 * A fresh worker's first answer split where the API allows it. The extra `status()` and `classify()`
 * calls make these runs slightly longer than {@link FirstCallRun}s, so they are kept apart.
 */
export interface FirstAnswerSplit {
  /** `new Worker` until a first `status()` round trip: script fetch, evaluation, comlink. */
  readonly workerStartMs: number;
  /** `init(config)`: IndexedDB open, stored consent, retention pass; model warming starts here. */
  readonly initMs: number;
  /**
   * The first `classify()`: waits for the intent model (Cache API read + sha256, onnxruntime-web
   * import and wasm compile, session create), then features + session.run.
   */
  readonly classifyMs: number;
  /** What that `classify()` reported for features + tensor + session.run alone. */
  readonly classifyInferenceMs: number;
  /** The `answer()` after it: segment and profile (segment model), templates, decision, sealing, writes. */
  readonly answerMs: number;
}

/** Everything measured through the real worker entry (`worker/worker.ts`), raw. */
export interface EngineBenchSamples {
  /** Worker A: consent, events, one answer and one recommendation, so the caches are warm. */
  readonly prime: {
    readonly ms: number;
    readonly events: number;
    /** Files of the manifest found in the model cache once worker A was done. */
    readonly cachedFiles: readonly string[];
  };
  readonly firstAnswer: readonly FirstCallRun[];
  readonly firstRecommend: readonly FirstCallRun[];
  readonly firstAnswerSplit: readonly FirstAnswerSplit[];
  /** Reading and verifying the cached files once, on the page (see `cacheReadVerifyMs`), per repeat. */
  readonly modelCacheReadMs: readonly number[];
  /** `answer()` round trips on one warm worker, after the warm-up calls. */
  readonly answer: {
    readonly totalMs: readonly number[];
    /** `answer.intent.inferenceMs`: features + tensor + session.run inside the engine. */
    readonly intentMs: readonly number[];
    /** Distinct messages rotated through. */
    readonly messages: number;
    /** How many answers each decision rule gave. */
    readonly rules: Readonly<Record<string, number>>;
  };
  /** `recommend()` round trips on the same worker, after the warm-up calls. */
  readonly recommend: {
    readonly totalMs: readonly number[];
    /** `recommendations.inferenceMs`: session.run of the personal model inside the engine. */
    readonly inferenceMs: readonly number[];
    readonly basis: Readonly<Record<string, number>>;
  };
  /** Sequential awaited `track()` calls on the same worker, after the warm-up calls. */
  readonly track: { readonly events: number; readonly ms: number; readonly callMs: readonly number[] };
  /** Calls made and discarded before each timed series. */
  readonly warmupCalls: number;
  /** The page thread's busy-loop probe, right before the warm series. */
  readonly noise: SchedulerNoise;
  /** What `forget()` left: all must be empty. */
  readonly forgotten: {
    readonly events: number;
    readonly messages: number;
    readonly databases: readonly string[];
    readonly modelCache: boolean;
  };
}

/** The engine part of the page's answer: its samples, or why it failed (the model bench still counts). */
export type EngineOutcome =
  | { readonly ok: true; readonly samples: EngineBenchSamples }
  | { readonly ok: false; readonly error: string };

/** The page's final answer. */
export type BenchPageResult =
  | {
      readonly ok: true;
      readonly worker: WorkerBenchResult;
      readonly pageHeap: HeapSample | null;
      readonly engine: EngineOutcome;
    }
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
