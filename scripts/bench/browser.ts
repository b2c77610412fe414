/**
 * In-browser measurements: serves `dist/bench` through a real sync server (same origin as
 * `/v1/models`, under the frame's CSP), opens the bench page in headless Chromium and collects what
 * its worker measured (`test/bench/bench-worker.ts`).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright';
import { startServer } from '../../sync-server';
import type { BenchPageResult, HeapSample, WorkerBenchResult } from '../../test/bench/protocol';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../test/chromium';
import { median, percentile, round } from './stats';

/** Chromium as the e2e tests launch it (Debian's build; Playwright cannot download its own here). */
const BENCH_CHROMIUM_ARGS = [
  ...CHROMIUM_ARGS,
  // Without it `performance.memory` is bucketed and only refreshed every ~20 minutes.
  '--enable-precise-memory-info',
];

/** The page must finish well within the whole bench's ~3 minute budget. */
const PAGE_TIMEOUT_MS = 90_000;

/** p50/p95 of a series, in ms. */
export interface Latency {
  readonly p50: number;
  readonly p95: number;
  readonly runs: number;
}

/** What the browser part of the bench reports. */
export interface BrowserBench {
  readonly chromium: string;
  readonly modelVersion: string;
  readonly catalogSize: number;
  readonly modelFetchMs: number;
  readonly sessionCreateColdMs: number;
  /** Median of several creates. */
  readonly sessionCreateWarmMs: number;
  /** End-to-end `recommend()` over all timed visitors, with-history and cold together. */
  readonly recommend: Latency & {
    readonly withHistory: Latency;
    readonly cold: Latency;
    /** `session.run` alone, as `recommend()` reports it. */
    readonly sessionRun: Latency;
  };
  readonly trackPerSec: number;
  readonly ingestEvents: number;
  /** Preemption of the worker thread during a busy-loop probe; explains a noisy tail. */
  readonly schedulerNoise: WorkerBenchResult['noise'];
  /** JS heaps after the runs (onnxruntime's wasm memory is not part of either). */
  readonly heap: { readonly worker: HeapSample | null; readonly page: HeapSample | null };
}

/**
 * The bench worker's JS heap, read over CDP because `performance.memory` does not exist in workers.
 * Playwright's CDP sessions cannot address a flattened child session, so this attaches the old way
 * (`flatten: false`) and tunnels one `Runtime.getHeapUsage` through `Target.sendMessageToTarget`.
 * Best effort: a heap reading is context, not a budget, so any problem yields null.
 */
async function workerHeap(browser: Browser): Promise<HeapSample | null> {
  try {
    const cdp = await browser.newBrowserCDPSession();
    const { targetInfos } = await cdp.send('Target.getTargets');
    const target = targetInfos.find((t) => t.type === 'worker' && t.url.includes('bench-worker'));
    if (!target) return null;
    const { sessionId } = await cdp.send('Target.attachToTarget', {
      targetId: target.targetId,
      flatten: false,
    });
    const answer = new Promise<{ usedSize: number; totalSize: number } | null>((resolve) => {
      setTimeout(() => resolve(null), 5000);
      cdp.on('Target.receivedMessageFromTarget', (e) => {
        const msg = JSON.parse(e.message) as {
          id?: number;
          result?: { usedSize: number; totalSize: number };
        };
        if (msg.id === 1) resolve(msg.result ?? null);
      });
    });
    await cdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id: 1, method: 'Runtime.getHeapUsage' }),
    });
    const usage = await answer;
    await cdp.detach();
    return usage ? { usedJSHeapSize: usage.usedSize, totalJSHeapSize: usage.totalSize } : null;
  } catch {
    return null;
  }
}

function latency(samples: readonly number[]): Latency {
  return { p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)), runs: samples.length };
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
    let answer: BenchPageResult;
    try {
      const handle = await page.waitForFunction(() => window.__bench, null, {
        timeout: PAGE_TIMEOUT_MS,
        polling: 250,
      });
      answer = (await handle.jsonValue()) as BenchPageResult;
    } catch (err) {
      throw new Error(`the bench page did not finish: ${(err as Error).message} ${problems.join('; ')}`);
    }
    if (!answer.ok) throw new Error(`the bench page failed: ${answer.error} ${problems.join('; ')}`);
    const w = answer.worker;
    const all = [...w.recommendMs, ...w.recommendColdMs];
    return {
      chromium: browser.version(),
      modelVersion: w.modelVersion,
      catalogSize: w.catalogSize,
      modelFetchMs: round(w.modelFetchMs, 1),
      sessionCreateColdMs: round(w.sessionCreateColdMs, 1),
      sessionCreateWarmMs: round(median(w.sessionCreateWarmMs), 1),
      recommend: {
        ...latency(all),
        withHistory: latency(w.recommendMs),
        cold: latency(w.recommendColdMs),
        sessionRun: latency(w.sessionRunMs),
      },
      trackPerSec: round((w.ingest.events / w.ingest.ms) * 1000, 0),
      ingestEvents: w.ingest.events,
      schedulerNoise: { ...w.noise, maxGapMs: round(w.noise.maxGapMs, 1) },
      heap: { worker: await workerHeap(browser), page: answer.pageHeap },
    };
  } finally {
    await browser.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}
