/**
 * The results file (`bench-results.json`, shape fixed by docs/architecture.md "Machine-readable results"),
 * with the budget verdicts of budgets.ts, and the markdown table printed and written next to it.
 */

import type { WidgetSizes } from '../sizes';
import type { BrowserBench } from './browser';
import type { BudgetVerdict } from './budgets';
import type { ChatMemoryTotal } from './chat-memory';
import { engineNote, engineRows } from './engine-report';
import type { EngineBench } from './engine-summary';
import type { PageCost, PageViewCost } from './page-cost';
import type { ServerBench } from './server';
import { p95Text } from './stats';

/** The whole `bench-results.json`. A section is null when its measurement failed (see `failures`). */
export interface BenchResults {
  readonly sizes: (WidgetSizes & { readonly runtimeWebgpuBrotli: number | null }) | null;
  readonly inference: {
    readonly sessionCreateColdMs: number;
    readonly sessionCreateWarmMs: number;
    /** First session of the segment and intent models, runtime already loaded. */
    readonly sessionCreateMs: BrowserBench['sessionCreateMs'];
    readonly modelFetchMs: number;
    readonly otherModelsFetchMs: number;
    /** `wasm` or `webgpu`, as `worker/models/inference` chose it, and why not WebGPU. */
    readonly backend: string;
    readonly backendReason: string | null;
    readonly recommend: BrowserBench['recommend'];
    readonly segment: BrowserBench['segment'];
    readonly intent: BrowserBench['intent'];
    readonly model: { readonly version: string; readonly catalogSize: number };
    readonly heap: BrowserBench['heap'];
    readonly schedulerNoise: BrowserBench['schedulerNoise'];
  } | null;
  readonly ingest: {
    /**
     * Events/s of sequential awaited `track()` calls through the worker entry (`engine.track`), or,
     * when the engine bench failed, the store-level figure; `measuredThrough` says which.
     */
    readonly trackPerSec: number;
    readonly events: number;
    readonly measuredThrough: 'engine' | 'store';
    /** Sequential `addEvent` on the IndexedDB store alone: what `trackPerSec` meant before the engine bench. */
    readonly store: { readonly addPerSec: number; readonly events: number };
  } | null;
  /** The product path: `worker/worker.ts` behind comlink, timed from the page. */
  readonly engine: EngineBench | null;
  readonly server: ServerBench | null;
  /** One page view of the 2,000-item page with and without Confide (scripts/bench/page-cost.ts). */
  readonly pageCost: PageCost | null;
  readonly chatMemory: ChatMemoryTotal | null;
  readonly budgets: Record<string, BudgetVerdict>;
  readonly machine: {
    readonly cpus: number;
    readonly cpuModel: string;
    readonly node: string;
    readonly chromium: string | null;
    readonly platform: string;
    /** 1-minute load average when the bench started: other work on the machine skews every number. */
    readonly loadAvg1m: number;
  };
  readonly date: string;
  /** Measurements that failed; the process exits non-zero when this is not empty. */
  readonly failures: readonly string[];
}

const KB = 1024;

const fmt = (v: number | null | undefined, unit = '') =>
  v === null || v === undefined ? '—' : `${v}${unit}`;
const status = (b: BudgetVerdict | undefined) =>
  !b || b.pass === null ? 'n/a' : b.pass ? '✅ pass' : '❌ FAIL';

type Row = [string, string, string, string];

const megabytes = (bytes: number) => `${(bytes / KB / KB).toFixed(1)} MB`;
const mb = (h: { usedJSHeapSize: number } | null | undefined) =>
  h ? megabytes(h.usedJSHeapSize) : 'not measured';
const backing = (h: { backingStorageSize?: number } | null | undefined) =>
  h?.backingStorageSize === undefined ? '' : ` (+ ${megabytes(h.backingStorageSize)} ArrayBuffers)`;

/** A model's p50/p95 row against its budget, and the features / session.run split under it. */
function modelRows(
  name: string,
  m: BrowserBench['segment'] | undefined,
  budget: BudgetVerdict | undefined,
): Row[] {
  return [
    [
      `${name} p50 / p95 (${fmt(m?.runs)} runs, ${m?.file ?? '—'})`,
      m ? `${m.p50} / ${p95Text(m)}, mean ${m.mean} ms` : '—',
      budget?.limit ?? '',
      status(budget),
    ],
    ['… features / session.run alone p95', m ? `${m.features.p95} / ${m.sessionRun.p95} ms` : '—', '', ''],
  ];
}

/** The human-readable table (also written to `bench-results.md`). */
export function markdown(r: BenchResults): string {
  const b = r.budgets;
  const s = r.sizes;
  const inf = r.inference;
  const rec = inf?.recommend;
  const srv = r.server;
  const heap = inf?.heap;
  const rows: Row[] = [
    ['loader (brotli)', fmt(s?.loaderBrotli, ' B'), b.loaderBrotli?.limit ?? '', status(b.loaderBrotli)],
    ['frame UI (brotli)', fmt(s?.frameBrotli, ' B'), b.frameBrotli?.limit ?? '', status(b.frameBrotli)],
    ['worker, lazy (brotli)', fmt(s?.workerBrotli, ' B'), '', ''],
    ['onnxruntime-web wasm build, after consent (brotli)', fmt(s?.runtimeBrotli, ' B'), '', ''],
    ['onnxruntime-web WebGPU build, only when enabled (brotli)', fmt(s?.runtimeWebgpuBrotli, ' B'), '', ''],
    ['recommend model + catalog fetch + sha256 verify', fmt(inf?.modelFetchMs, ' ms'), '', ''],
    ['segment + intent models fetch + verify', fmt(inf?.otherModelsFetchMs, ' ms'), '', ''],
    ['session create, cold (runtime init + recommend)', fmt(inf?.sessionCreateColdMs, ' ms'), '', ''],
    ['session create, warm recommend (median)', fmt(inf?.sessionCreateWarmMs, ' ms'), '', ''],
    [
      'session create, segment / intent',
      inf ? `${inf.sessionCreateMs.segment} / ${inf.sessionCreateMs.intent} ms` : '—',
      '',
      '',
    ],
    [
      `recommend p50 / p95 (${fmt(rec?.runs)} runs)`,
      rec ? `${rec.p50} / ${p95Text(rec)}` : '—',
      b.recommendP95?.limit ?? '',
      status(b.recommendP95),
    ],
    ['… with history / cold p95', rec ? `${rec.withHistory.p95} / ${rec.cold.p95} ms` : '—', '', ''],
    [
      '… session.run alone p50 / p95',
      rec ? `${rec.sessionRun.p50} / ${p95Text(rec.sessionRun)}` : '—',
      '',
      '',
    ],
    ...modelRows('segment', inf?.segment, b.segmentP95),
    ...modelRows('intent', inf?.intent, b.intentP95),
    [
      'worker JS heap before → after loading the 3 models (after GC)',
      heap
        ? `${mb(heap.workerBeforeModels)}${backing(heap.workerBeforeModels)} → ${mb(heap.workerAfterModels)}${backing(heap.workerAfterModels)}`
        : '—',
      '',
      '',
    ],
    [
      'worker wasm memory before → after loading → after the runs',
      heap
        ? `${megabytes(heap.wasmMemory.beforeModels)} → ${megabytes(heap.wasmMemory.afterModels)} → ${megabytes(heap.wasmMemory.afterRuns)}`
        : '—',
      '',
      '',
    ],
    [
      'store.addEvent → IndexedDB alone (ingest.store.addPerSec)',
      fmt(r.ingest?.store.addPerSec, ' events/s'),
      '',
      '',
    ],
    ...engineRows(r.engine, b).map(
      ([label, value, budget]): Row => [label, value, budget?.limit ?? '', budget ? status(budget) : ''],
    ),
    [
      'server no-op',
      srv ? `${srv.noop.rps} req/s, p50 ${srv.noop.p50} / p99 ${srv.noop.p99} ms` : '—',
      '',
      '',
    ],
    [
      'server SQLite',
      srv ? `${srv.sqlite.rps} req/s (${srv.sqlite.ratioToNoop} × noop)` : '—',
      b.serverSqliteRatio?.limit ?? '',
      status(b.serverSqliteRatio),
    ],
    [
      'server SQLite p50 / p99',
      srv ? `${srv.sqlite.p50} / ${srv.sqlite.p99} ms` : '—',
      b.serverSqliteP99?.limit ?? '',
      status(b.serverSqliteP99),
    ],
    [
      'server PostgreSQL',
      srv?.postgres
        ? `${srv.postgres.rps} req/s (${srv.postgres.ratioToNoop} × noop), p50 ${srv.postgres.p50} / p99 ${srv.postgres.p99} ms`
        : `not measured: ${srv?.postgresSkipped ?? 'server bench failed'}`,
      '',
      '',
    ],
  ];
  rows.push(...pageCostRows(r.pageCost, b));
  const cm = r.chatMemory;
  rows.push([
    'new visitor, first message in the real frame: Enter → answer, sent at once / after 1 s of typing (median of 3)',
    cm ? `${cm.firstAnswerMs.atOnce} / ${cm.firstAnswerMs.afterTyping} ms` : '—',
    '',
    '',
  ]);
  rows.push([
    `frame + worker memory after a ${cm?.messages ?? 20}-message chat (after GC)`,
    cm
      ? `${cm.totalMB} MB: frame JS heap ${cm.frameHeapMB}, worker JS heap ${cm.workerHeapMB} + ArrayBuffers ${cm.workerArrayBuffersMB}, wasm memory ${cm.wasmMB ?? '—'} (bench worker, same models)`
      : '—',
    b.chatMemory?.limit ?? '',
    status(b.chatMemory),
  ]);
  const m = r.machine;
  const noise = inf?.schedulerNoise;
  return [
    `## Confide bench — ${r.date}`,
    '',
    '| measurement | value | budget | status |',
    '|---|---|---|---|',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
    `Machine: ${m.cpus} × ${m.cpuModel}, Node ${m.node}, Chromium ${m.chromium ?? '—'}, load average ${m.loadAvg1m} at start.`,
    `Inference: headless Chromium, backend ${inf?.backend ?? '—'}${inf?.backendReason ? ` (${inf.backendReason})` : ''}, single-threaded, in a module worker; model ${inf?.model.version ?? '—'} over ${inf?.model.catalogSize ?? '—'} items. ` +
      'Recommend is the personal stage + fallback chain; segment and intent are shared features + tensor + session.run. ' +
      'Worker memory: JS heap from CDP Runtime.getHeapUsage on the worker target after HeapProfiler.collectGarbage (ArrayBuffers: its backingStorageSize); ' +
      'wasm memory: the linear memory onnxruntime-web instantiated, watched in the bench worker (neither heap figure counts it). ' +
      'Timers in a worker without cross-origin isolation tick in 0.1 ms steps, so sub-0.1 ms percentiles read as 0 or 0.1. ' +
      `JS heap used: worker ${mb(inf?.heap.worker)}, page ${mb(inf?.heap.page)} (onnxruntime's wasm memory not included). ` +
      (noise
        ? `Scheduler probe: ${noise.gapsOver1ms} stalls > 1 ms in ${noise.probeMs} ms (max ${noise.maxGapMs} ms).`
        : ''),
    r.engine ? engineNote(r.engine) : '',
    srv
      ? `Server load: ${srv.load.requests} requests after ${srv.load.warmup} warm-up, concurrency ${srv.load.concurrency}, keep-alive, ${srv.load.reportsPerBatch} reports per batch; load generator: ${srv.loadGenerator}.`
      : '',
    ...(r.failures.length ? ['', '**Failed measurements:**', ...r.failures.map((f) => `- ${f}`)] : []),
    '',
  ].join('\n');
}

/** `bytes, requests, main thread, heap, worker` of one page view. */
function pageView(v: PageViewCost): string {
  const recs =
    v.recommendationsMs === null
      ? ''
      : `, recommendations ${v.recommendationsMs} ms after navigation start (${v.recommendationsAfterLoadMs} ms after load)`;
  return `${(v.bytes / 1024).toFixed(1)} KiB, ${v.requests} req, main thread ${v.mainThreadMs} ms, heap ${v.jsHeapMB} MB${v.workerStarted ? ', worker' : ', no worker'}${recs}`;
}

/** The page-cost rows: first view and repeat view of each visitor. */
function pageCostRows(c: PageCost | null, b: Record<string, BudgetVerdict>): Row[] {
  const visitors = [
    ['2,000-item page without Confide', c?.without],
    ['… with Confide, visitor not decided, chat not opened', c?.undecided],
    ['… with Confide, opted-in visitor (page after accepting)', c?.optedIn],
  ] as const;
  const rows = visitors.map(
    ([label, v]): Row => [
      `${label}: first / repeat view`,
      v ? `${pageView(v.first)} / ${pageView(v.repeat)}` : '—',
      '',
      '',
    ],
  );
  const next = b.nextPageRecommendations;
  rows.push([
    'opted-in visitor, next pages: load event → recommendations on the host page (median)',
    c?.optedIn.repeat.recommendationsAfterLoadMs == null
      ? '—'
      : `${c.optedIn.repeat.recommendationsAfterLoadMs} ms`,
    next?.limit ?? '',
    status(next),
  ]);
  return rows;
}
