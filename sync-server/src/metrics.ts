/**
 * Operational metrics in Prometheus form, one {@link Registry} per app so two apps (or two tests) never
 * share counters. Labels hold only route patterns, methods, status codes and error codes: never a URL,
 * a site key, an origin or anything else about a visitor.
 *
 * Report outcomes are read back from the reports route's own answers (201/200 carry `stored` and
 * `duplicate`, errors carry `error.code`), so the route needs no knowledge of metrics and the counters
 * can never disagree with what clients were told.
 */
import type { MiddlewareHandler } from 'hono';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { isRecord } from './read-json';

/** The route whose answers feed the report counters. */
const REPORTS_PATH = '/v1/reports';

/** The counters and histograms of one app. */
export interface ServerMetrics {
  readonly registry: Registry;
  readonly requests: Counter<'route' | 'method' | 'status'>;
  readonly duration: Histogram<'route' | 'method'>;
  readonly reportsStored: Counter;
  readonly duplicateBatches: Counter;
  readonly rejectedBatches: Counter<'code'>;
  readonly rateLimited: Counter;
  /** Registers the process metrics once, on first scrape, so unscraped apps pay nothing. */
  readonly ensureDefaults: () => void;
}

/** A fresh registry with the sync server's metrics. */
export function createServerMetrics(): ServerMetrics {
  const registry = new Registry();
  const registers = [registry];
  let defaults = false;
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
    ensureDefaults: () => {
      if (defaults) return;
      defaults = true;
      collectDefaultMetrics({ register: registry, prefix: 'confide_' });
    },
  };
}

/** Counts one `POST /v1/reports` answer by reading the JSON the route sent. */
async function countReportAnswer(metrics: ServerMetrics, res: Response): Promise<void> {
  let body: unknown;
  try {
    body = await res.clone().json();
  } catch {
    return;
  }
  if (!isRecord(body)) return;
  if (res.status === 200 || res.status === 201) {
    if (body.duplicate === true) metrics.duplicateBatches.inc();
    else if (typeof body.stored === 'number') metrics.reportsStored.inc(body.stored);
    return;
  }
  const code = isRecord(body.error) && typeof body.error.code === 'string' ? body.error.code : 'unknown';
  if (res.status === 429) metrics.rateLimited.inc();
  else metrics.rejectedBatches.inc({ code });
}

/** Middleware timing and counting every request; mount it first so it sees every answer. */
export function metricsMiddleware(metrics: ServerMetrics): MiddlewareHandler {
  return async (c, next) => {
    const start = performance.now();
    await next();
    // The pattern of the handler that answered; a request nothing matched keeps the catch-all "*".
    const route = c.req.routePath;
    const method = c.req.method;
    metrics.requests.inc({ route, method, status: String(c.res.status) });
    metrics.duration.observe({ route, method }, (performance.now() - start) / 1000);
    if (method === 'POST' && route === REPORTS_PATH) await countReportAnswer(metrics, c.res);
  };
}
