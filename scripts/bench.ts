/**
 * `npm run bench`: builds the widget and the bench page, then measures what docs/architecture.md's budgets are
 * about — bundle sizes, in-browser inference and ingest, the engine through the real worker entry
 * (first answer, answer/recommend/track), sync-server throughput — and writes
 * `bench-results.json` + `bench-results.md` at the repository root and prints the table.
 *
 * A budget miss is reported, not fatal (this is a measurement, not a test); a measurement that
 * fails makes the process exit non-zero, after writing whatever else was measured.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserBench, benchBrowser } from './bench/browser';
import { budgets } from './bench/budgets';
import { benchChatMemory, withWasm } from './bench/chat-memory';
import { benchPageCost } from './bench/page-cost';
import { type BenchResults, markdown } from './bench/report';
import { runtimeSizes } from './bench/runtime-sizes';
import { benchServer, type ServerBench } from './bench/server';
import { measureWidget } from './sizes';

const root = resolve(import.meta.dirname, '..');
// Every relative path below (dist/, models/artifacts) is the repository's, wherever npm ran us from.
process.chdir(root);

const failures: string[] = [];
const log = (message: string) => console.error(message);

/** Runs one stage, timing it; a thrown error becomes a recorded failure and a null result. */
async function stage<T>(name: string, fn: () => Promise<T> | T): Promise<T | null> {
  const started = Date.now();
  log(`▶ ${name}`);
  try {
    const value = await fn();
    log(`✓ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return value;
  } catch (err) {
    const message = `${name}: ${err instanceof Error ? err.message : String(err)}`;
    failures.push(message);
    log(`✗ ${message}`);
    return null;
  }
}

/** Runs a command quietly; its output is shown only when it fails. */
function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    throw new Error(`\`${command} ${args.join(' ')}\` exited with ${result.status ?? result.signal}`);
  }
}

const loadAvg1m = Math.round((loadavg()[0] ?? 0) * 100) / 100;
const viteBin = join(root, 'node_modules', 'vite', 'bin', 'vite.js');

const built = await stage('build widget (npm run build) and bench page (vite build --mode bench)', () => {
  run('npm', ['run', 'build']);
  run(process.execPath, [viteBin, 'build', '--mode', 'bench']);
  return true;
});

const sizes: BenchResults['sizes'] = built
  ? await stage('sizes (brotli, quality 11)', () => {
      const runtime = runtimeSizes('dist/widget');
      return {
        ...measureWidget('dist/widget', { runtime: false }),
        runtimeBrotli: runtime.wasm,
        runtimeWebgpuBrotli: runtime.webgpu,
      };
    })
  : null;
const browser: BrowserBench | null = built
  ? await stage('inference, ingest and the engine in headless Chromium', () =>
      benchBrowser('dist/bench', log),
    )
  : null;
if (browser?.engineError) {
  failures.push(`engine through worker/worker.ts: ${browser.engineError}`);
  log(`✗ engine through worker/worker.ts: ${browser.engineError}`);
}
const server: ServerBench | null = await stage('sync-server ingestion', () => benchServer(log));
const pageCost = built
  ? await stage('page-view cost on the 2,000-item page, with and without Confide', () => benchPageCost(log))
  : null;
const chatMemory = built
  ? await stage('frame and worker memory after a 20-message chat', () => benchChatMemory(log))
  : null;

const chatMemoryTotal = chatMemory && withWasm(chatMemory, browser?.heap.wasmMemory.afterRuns);

const results: BenchResults = {
  sizes,
  inference: browser && {
    sessionCreateColdMs: browser.sessionCreateColdMs,
    sessionCreateWarmMs: browser.sessionCreateWarmMs,
    sessionCreateMs: browser.sessionCreateMs,
    modelFetchMs: browser.modelFetchMs,
    otherModelsFetchMs: browser.otherModelsFetchMs,
    backend: browser.backend,
    backendReason: browser.backendReason,
    recommend: browser.recommend,
    segment: browser.segment,
    intent: browser.intent,
    model: { version: browser.modelVersion, catalogSize: browser.catalogSize },
    heap: browser.heap,
    schedulerNoise: browser.schedulerNoise,
  },
  // The budget is what a visitor's `track()` costs, so the engine path wins when it was measured;
  // the store-level figure every earlier run reported keeps its own key.
  ingest: browser && {
    trackPerSec: browser.engine?.track.perSec ?? browser.trackPerSec,
    events: browser.engine?.track.events ?? browser.ingestEvents,
    measuredThrough: browser.engine ? 'engine' : 'store',
    store: { addPerSec: browser.trackPerSec, events: browser.ingestEvents },
  },
  engine: browser?.engine ?? null,
  server,
  pageCost,
  chatMemory: chatMemoryTotal,
  budgets: budgets(sizes, browser, server, pageCost, chatMemoryTotal),
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
    chromium: browser?.chromium ?? null,
    platform: `${process.platform}-${process.arch}`,
    loadAvg1m,
  },
  date: new Date().toISOString(),
  failures,
};

const table = markdown(results);
writeFileSync(join(root, 'bench-results.json'), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(join(root, 'bench-results.md'), table);
console.log(table);
if (server && !server.postgres) log(`\n⚠ PostgreSQL was not measured: ${server.postgresSkipped}`);
if (failures.length > 0) {
  log(`\n${failures.length} measurement(s) failed; see above.`);
  process.exitCode = 1;
}
