/**
 * Operational metrics in Prometheus form, one {@link Registry} per app so two apps (or two tests) never
 * share counters. Labels hold only route patterns, methods, status codes and error codes: never a URL,
 * a site key, an origin or anything else about a visitor.
 *
 * Report outcomes come from the note the code that answered left (answer-notes.ts: `jsonError` notes
 * every error code, the reports route what it stored), the same values the client is sent, so the
 * counters cannot disagree with the answers and nothing has to parse a response again.
 *
 * Drift (the dashboard's test of the visitors against the model's training and calibration shares,
 * sync-server/src/dashboard/drift.ts) is exposed without naming a site: per test
 * (`metric="segment_share"` or `metric="out_of_scope"`), `confide_drift_sites` counts the sites whose
 * verdict is "drifting" and `confide_drift_checked_sites` the sites with any verdict (drifting or
 * stable; a site with too few reports or no reference has none). An alert on
 * `confide_drift_sites > 0` says "open the dashboard", which names the site and the reason. A
 * per-site label would put site keys into the scraper's storage and into every alert. The values come
 * from a source the app sets ({@link ServerMetrics.setDriftSource}), read when the registry is scraped
 * (behind the route's admin token, so only an authorized scrape costs queries); the source caches. When
 * it fails (the database is down) the gauges have no samples for that scrape, rather than failing the
 * scrape or repeating stale numbers.
 */
import type { MiddlewareHandler } from 'hono';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { type AnswerNote, answerNote } from './answer-notes';

/** The route whose answers feed the report counters. */
const REPORTS_PATH = '/v1/reports';

/** Per drift test (a fixed name, never a site): sites flagged and sites with a verdict. */
export type DriftCounts = Readonly<Record<string, { readonly flagged: number; readonly checked: number }>>;

/** The counters and histograms of one app. */
export interface ServerMetrics {
  readonly registry: Registry;
  readonly requests: Counter<'route' | 'method' | 'status'>;
  readonly duration: Histogram<'route' | 'method'>;
  readonly reportsStored: Counter;
  readonly duplicateBatches: Counter;
  readonly rejectedBatches: Counter<'code'>;
  readonly rateLimited: Counter;
  /** Sites whose drift verdict is "drifting", by test. */
  readonly driftSites: Gauge<'metric'>;
  /** Sites with a drift verdict, by test. */
  readonly driftCheckedSites: Gauge<'metric'>;
  /** Where the drift gauges read their values when scraped; until set they have no samples. */
  readonly setDriftSource: (source: () => Promise<DriftCounts>) => void;
  /** Registers the process metrics once, on first scrape, so unscraped apps pay nothing. */
  readonly ensureDefaults: () => void;
}

/** A fresh registry with the sync server's metrics. */
export function createServerMetrics(): ServerMetrics {
  const registry = new Registry();
  const registers = [registry];
  let defaults = false;
  let driftSource: (() => Promise<DriftCounts>) | undefined;
  const driftGauge = (name: string, help: string, field: 'flagged' | 'checked') =>
    new Gauge({
      name,
      help,
      labelNames: ['metric'] as const,
      registers,
      async collect() {
        this.reset();
        if (!driftSource) return;
        const counts = await driftSource().catch(() => undefined);
        for (const [metric, c] of Object.entries(counts ?? {})) this.set({ metric }, c[field]);
      },
    });
  return {
    registry,
    requests: new Counter({
      name: 'confide_http_requests_total',
      help: 'HTTP requests by route pattern, method and status.',
      labelNames: ['route', 'method', 'status'] as const,
      registers,
    }),
    duration: new Histogram({
      name: 'confide_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by route pattern and method.',
      labelNames: ['route', 'method'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    reportsStored: new Counter({
      name: 'confide_reports_stored_total',
      help: 'Reports stored from accepted, non-duplicate batches.',
      registers,
    }),
    duplicateBatches: new Counter({
      name: 'confide_duplicate_batches_total',
      help: 'Batches answered as duplicates of an already stored batch id.',
      registers,
    }),
    rejectedBatches: new Counter({
      name: 'confide_rejected_batches_total',
      help: 'Report batches refused, by error code.',
      labelNames: ['code'] as const,
      registers,
    }),
    rateLimited: new Counter({
      name: 'confide_rate_limited_total',
      help: 'Report requests refused by a rate limit.',
      registers,
    }),
    driftSites: driftGauge(
      'confide_drift_sites',
      "Sites whose visitors drift from the served model's training or calibration shares, by test.",
      'flagged',
    ),
    driftCheckedSites: driftGauge(
      'confide_drift_checked_sites',
      'Sites with enough reports and a reference for a drift verdict, by test.',
      'checked',
    ),
    setDriftSource: (source) => {
      driftSource = source;
    },
    ensureDefaults: () => {
      if (defaults) return;
      defaults = true;
      collectDefaultMetrics({ register: registry, prefix: 'confide_' });
    },
  };
}

/** Counts one `POST /v1/reports` answer from the note its route left (see answer-notes.ts). */
function countReportAnswer(metrics: ServerMetrics, note: AnswerNote | undefined): void {
  if (!note) return;
  if ('error' in note) {
    if (note.error === 'rate_limited') metrics.rateLimited.inc();
    else metrics.rejectedBatches.inc({ code: note.error });
  } else if (note.duplicate) metrics.duplicateBatches.inc();
  else metrics.reportsStored.inc(note.stored);
}

/** Middleware timing and counting every request; mount it first so it sees every answer. */
export function metricsMiddleware(metrics: ServerMetrics): MiddlewareHandler {
  // prom-client hashes a label object on every call; the children for each label set are looked up
  // once and kept (route patterns, methods and statuses are few), which halves the middleware's cost.
  const counted = new Map<string, { inc(): void }>();
  const timed = new Map<string, { observe(seconds: number): void }>();
  return async (c, next) => {
    const start = performance.now();
    await next();
    // The pattern of the handler that answered; a request nothing matched keeps the catch-all "*".
    const route = c.req.routePath;
    const method = c.req.method;
    const status = String(c.res.status);
    const key = `${method} ${route}`;
    let timer = timed.get(key);
    if (!timer) {
      timer = metrics.duration.labels({ route, method });
      timed.set(key, timer);
    }
    const keyWithStatus = `${key} ${status}`;
    let counter = counted.get(keyWithStatus);
    if (!counter) {
      counter = metrics.requests.labels({ route, method, status });
      counted.set(keyWithStatus, counter);
    }
    counter.inc();
    timer.observe((performance.now() - start) / 1000);
    if (method === 'POST' && route === REPORTS_PATH) countReportAnswer(metrics, answerNote(c));
  };
}
