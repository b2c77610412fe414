/**
 * In-browser measurements: serves `dist/bench` through a real sync server (same origin as
 * `/v1/models`, under the frame's CSP), opens the bench page in headless Chromium and collects what
 * its worker measured (`test/bench/bench-worker.ts`) and, after it, what the page measured through
 * the real worker entry (`test/bench/bench-engine.ts`).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright';
import { startServer } from '../../sync-server';
import type {
  BenchPageResult,
  Checkpoint,
  HeapSample,
  ModelRunSamples,
  WorkerBenchResult,
} from '../../test/bench/protocol';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../test/chromium';
import { attachWorker, heapOf } from './cdp-target';
import { type EngineBench, summarizeEngine } from './engine-summary';
import { joinByRepeat, type Latency, latencyOf, median, round } from './stats';

/** Chromium as the e2e tests launch it (Debian's build; Playwright cannot download its own here). */
const BENCH_CHROMIUM_ARGS = [
  ...CHROMIUM_ARGS,
  // Without it `performance.memory` is bucketed and only refreshed every ~20 minutes.
  '--enable-precise-memory-info',
];

/** The page (model bench, then about fifteen engine workers) must finish within the bench's few minutes. */
const PAGE_TIMEOUT_MS = 150_000;

/** One model's per-call latency (features + tensor + run), and its parts. */
export type ModelLatency = Latency & {
  readonly file: string;
  /**
   * Mean per call over all timed runs: exact even when single calls are below the worker's 0.1 ms
   * timer resolution, where the percentiles can only read 0 or 0.1.
   */
  readonly mean: number;
  /** The shared feature module alone. */
  readonly features: Latency;
  /** `session.run` alone. */
  readonly sessionRun: Latency;
};

/** What the browser part of the bench reports. */
export interface BrowserBench {
  readonly chromium: string;
  readonly modelVersion: string;
  readonly catalogSize: number;
  readonly modelFetchMs: number;
  readonly otherModelsFetchMs: number;
  readonly sessionCreateColdMs: number;
  /** Median of several creates. */
  readonly sessionCreateWarmMs: number;
  /** First session of the segment and intent models (runtime already loaded). */
  readonly sessionCreateMs: { readonly segment: number; readonly intent: number };
  /** The backend onnxruntime-web ran on, and why not WebGPU. */
  readonly backend: string;
  readonly backendReason: string | null;
  /** Personal stage + fallback chain over all timed visitors, with-history and cold together. */
  readonly recommend: Latency & {
    readonly withHistory: Latency;
    readonly cold: Latency;
    /** `session.run` alone, as `personal()` reports it (visitors with a history). */
    readonly sessionRun: Latency;
  };
  readonly segment: ModelLatency;
  readonly intent: ModelLatency;
  /** Sequential `addEvent` calls on `worker/storage/store.ts` alone (no engine, no comlink). */
  readonly trackPerSec: number;
  readonly ingestEvents: number;
  /** The product path through `worker/worker.ts`; null when it failed (see `engineError`). */
  readonly engine: EngineBench | null;
  readonly engineError: string | null;
  /** Preemption of the worker thread during a busy-loop probe; explains a noisy tail. */
  readonly schedulerNoise: WorkerBenchResult['noise'];
  /**
   * JS heaps after the runs (onnxruntime's wasm memory is not part of either), the worker's heap
   * after a forced GC before anything of onnxruntime-web or the models was loaded and once the three
   * sessions existed, and the wasm linear memory (where the sessions live) at the same moments.
   */
  readonly heap: {
    readonly worker: HeapSample | null;
    readonly page: HeapSample | null;
    readonly workerBeforeModels: HeapSample | null;
    readonly workerAfterModels: HeapSample | null;
    /** onnxruntime-web's wasm linear memory in the worker, bytes. */
    readonly wasmMemory: WorkerBenchResult['wasmMemoryBytes'];
  };
}

/**
 * The bench worker's JS heap, read over CDP because `performance.memory` does not exist in workers.
 * Playwright's CDP sessions cannot address a flattened child session, so this attaches the old way
 * (`flatten: false`) and tunnels the commands through `Target.sendMessageToTarget`. With `gc`, a
 * garbage collection runs first so that two readings differ by what is live, not by what is pending.
 * Best effort: a heap reading is context, not a budget, so any problem yields null.
 */
async function workerHeap(browser: Browser, { gc = false } = {}): Promise<HeapSample | null> {
  const target = await attachWorker(browser, /bench-worker/).catch(() => null);
  if (!target) return null;
  try {
    return await heapOf(target, { gc });
  } finally {
    await target.detach().catch(() => undefined);
  }
}

/**
 * Waits for the page's final answer, reading the worker's heap (after a GC) at every checkpoint the
 * worker stops at and then letting it go on.
 */
async function collect(
  page: Page,
  browser: Browser,
): Promise<{ answer: BenchPageResult; heaps: Partial<Record<Checkpoint, HeapSample | null>> }> {
  const heaps: Partial<Record<Checkpoint, HeapSample | null>> = {};
  const deadline = Date.now() + PAGE_TIMEOUT_MS;
  for (;;) {
    const handle = await page.waitForFunction(
      () => window.__bench ?? window.__benchCheckpoint ?? null,
      null,
      {
        timeout: Math.max(1, deadline - Date.now()),
        polling: 100,
      },
    );
    const value = (await handle.jsonValue()) as BenchPageResult | Checkpoint;
    if (typeof value !== 'string') return { answer: value, heaps };
    heaps[value] = await workerHeap(browser, { gc: true });
    await page.evaluate(() => window.__benchResume?.());
  }
}

const latency = latencyOf;

function modelLatency(s: ModelRunSamples): ModelLatency {
  return {
    ...latency(s.totalMs),
    file: s.file,
    mean: round(s.totalMs.reduce((a, b) => a + b, 0) / Math.max(1, s.totalMs.length), 4),
    features: latency(s.featuresMs),
    sessionRun: latency(s.sessionRunMs),
  };
}

/** Runs the bench page once. `widgetDir` is the `--mode bench` build. Throws on any failure. */
export async function benchBrowser(widgetDir: string, log: (m: string) => void): Promise<BrowserBench> {
  const dir = await mkdtemp(join(tmpdir(), 'confide-bench-'));
  const server = await startServer({
    port: 0,
    sqlitePath: join(dir, 'bench.sqlite'),
    widgetDir,
    modelsDir: 'models/artifacts',
    sites: [],
    log,
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: BENCH_CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    await page.goto(`${server.url}/frame.html`);
    let collected: Awaited<ReturnType<typeof collect>>;
    try {
      collected = await collect(page, browser);
    } catch (err) {
      throw new Error(`the bench page did not finish: ${(err as Error).message} ${problems.join('; ')}`);
    }
    const { answer, heaps } = collected;
    if (!answer.ok) throw new Error(`the bench page failed: ${answer.error} ${problems.join('; ')}`);
    const w = answer.worker;
    const all = joinByRepeat(w.recommendMs, w.recommendColdMs);
    return {
      chromium: browser.version(),
      modelVersion: w.modelVersion,
      catalogSize: w.catalogSize,
      modelFetchMs: round(w.modelFetchMs, 1),
      otherModelsFetchMs: round(w.otherModelsFetchMs, 1),
      sessionCreateColdMs: round(w.sessionCreateColdMs, 1),
      sessionCreateWarmMs: round(median(w.sessionCreateWarmMs), 1),
      sessionCreateMs: {
        segment: round(w.sessionCreateMs.segment, 1),
        intent: round(w.sessionCreateMs.intent, 1),
      },
      backend: w.backend,
      backendReason: w.backendReason,
      recommend: {
        ...latency(all),
        withHistory: latency(w.recommendMs),
        cold: latency(w.recommendColdMs),
        sessionRun: latency(w.sessionRunMs),
      },
      segment: modelLatency(w.segment),
      intent: modelLatency(w.intent),
      trackPerSec: round((w.ingest.events / w.ingest.ms) * 1000, 0),
      ingestEvents: w.ingest.events,
      engine: answer.engine.ok ? summarizeEngine(answer.engine.samples) : null,
      engineError: answer.engine.ok ? null : answer.engine.error,
      schedulerNoise: { ...w.noise, maxGapMs: round(w.noise.maxGapMs, 1) },
      heap: {
        worker: await workerHeap(browser),
        page: answer.pageHeap,
        workerBeforeModels: heaps.beforeModels ?? null,
        workerAfterModels: heaps.afterModels ?? null,
        wasmMemory: w.wasmMemoryBytes,
      },
    };
  } finally {
    await browser.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}
