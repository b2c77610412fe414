/**
 * The HTTP application, built from its dependencies and nothing else (no listening, no env), so tests
 * drive it with `app.request()` and `startServer` wraps it in a real socket.
 */
import { type Context, Hono } from 'hono';
import { dashboardRoutes, driftCensusSource } from '../dashboard';
import {
  clientAddressResolver,
  createServerMetrics,
  DB_RETRY_AFTER_SECONDS,
  isDatabaseUnavailable,
  jsonError,
  metricsMiddleware,
  parseTrustedProxies,
  type RateLimits,
  type ServerMetrics,
  serviceUnavailable,
  TokenBuckets,
  tooManyRequests,
} from '../http';
import {
  adminRoutes,
  experimentsRoutes,
  metricsRoutes,
  modelRoutes,
  openApiRoute,
  priorsRoutes,
  reportsRoutes,
  widgetRoutes,
} from '../routes';
import type { Store } from '../store';

/** Everything `createApp` needs. Only `store` is required. */
export interface AppDeps {
  /** An opened and migrated store. */
  readonly store: Store;
  /** The widget build output (`confide.js`, `frame.html`, `assets/`). Default `dist/widget`. */
  readonly widgetDir?: string;
  /** The model artifacts folder holding `manifest.json`. Default `models/artifacts`. */
  readonly modelsDir?: string;
  /**
   * Origins that count as the server itself (the frame and worker post from there). When empty or
   * absent, the origin the request was addressed to is used.
   */
  readonly publicOrigins?: readonly string[];
  /** Minimum contributing reports per published aggregate cell (the k threshold). Default 20. */
  readonly minReports?: number;
  /** Limits on `POST /v1/reports`, per instance (see rate-limit.ts). Absent: none enforced. */
  readonly rateLimits?: RateLimits;
  /**
   * The client's address for the per-address limit; default the socket peer, or the address
   * `trustedProxies` forwarded. Used only in memory.
   */
  readonly clientAddress?: (c: Context) => string | undefined;
  /**
   * Proxies (IP addresses or CIDR networks) whose `X-Forwarded-For` is believed for the per-address
   * limit; see client-address.ts. Default none: the socket peer is the client.
   */
  readonly trustedProxies?: readonly string[];
  /** How long `GET /v1/priors` answers are reused by this instance (ms); default 60 s. */
  readonly priorsReuseMs?: number;
  /** Clock; injectable so tests can pin the server-assigned day. */
  readonly now?: () => Date;
  /** Where unexpected errors are logged. Never given request data. */
  readonly log?: (message: string) => void;
  /** Prometheus registry and counters behind `GET /metrics`; default a fresh one per app. */
  readonly metrics?: ServerMetrics;
  /** Delay before a key rotation's follow-up sweep (see admin-route.ts); default twice the site cache TTL. */
  readonly rotationSweepMs?: number;
}

/** Default widget build folder, relative to the working directory. */
export const DEFAULT_WIDGET_DIR = 'dist/widget';
/** Default model artifacts folder, relative to the working directory. */
export const DEFAULT_MODELS_DIR = 'models/artifacts';

/** How often a continuing database outage is logged, ms: one line per request would flood the log. */
const OUTAGE_LOG_EVERY_MS = 10_000;

function describeOutage(err: unknown): string {
  const { code, message } = (typeof err === 'object' && err !== null ? err : {}) as {
    code?: unknown;
    message?: unknown;
  };
  const text = typeof message === 'string' ? (message.split('\n', 1)[0] ?? '') : String(err);
  return typeof code === 'string' ? `${code} ${text}` : text;
}

/** Builds the sync server's Hono app. */
export function createApp(deps: AppDeps): Hono {
  const log = deps.log ?? ((m: string) => console.error(m));
  // Parsed first, so a bad entry fails at startup rather than on the first report.
  const addressOf =
    deps.clientAddress ?? clientAddressResolver(parseTrustedProxies(deps.trustedProxies ?? []));
  const app = new Hono();
  const metrics = deps.metrics ?? createServerMetrics();
  // The drift gauges count sites by the dashboard's own test, with the dashboard's k and clock.
  metrics.setDriftSource(
    driftCensusSource({
      store: deps.store,
      modelsDir: deps.modelsDir ?? DEFAULT_MODELS_DIR,
      ...(deps.minReports === undefined ? {} : { k: deps.minReports }),
      ...(deps.now === undefined ? {} : { now: deps.now }),
    }),
  );
  // First, so it times and counts every answer, including those of the middleware below.
  app.use('*', metricsMiddleware(metrics));

  app.use('*', async (c, next) => {
    // Every answer is typed exactly; browsers must not guess (e.g. run a JSON error as a script).
    // Set before the handler so every `c.json`/`c.body` answer is built with it: setting a header on
    // a finished response makes the Node adapter rebuild it as a full Response and stream its body.
    c.header('X-Content-Type-Options', 'nosniff');
    await next();
  });

  app.get('/healthz', async (c) => {
    c.header('Cache-Control', 'no-store');
    if (await deps.store.healthy()) return c.json({ ok: true });
    return jsonError(c, 503, 'unavailable', 'database not ready');
  });

  const addressLimit = deps.rateLimits?.address && new TokenBuckets(deps.rateLimits.address);
  if (addressLimit) {
    // Before the route reads the body, so a flood costs the server as little as possible.
    app.post('/v1/reports', async (c, next) => {
      const address = addressOf(c);
      const decision = address === undefined ? undefined : addressLimit.take(address);
      if (decision && !decision.ok) return tooManyRequests(c, decision.retryAfterSeconds, 'address');
      await next();
    });
  }
  app.route(
    '/',
    reportsRoutes({
      store: deps.store,
      modelsDir: deps.modelsDir ?? DEFAULT_MODELS_DIR,
      publicOrigins: deps.publicOrigins,
      now: deps.now ?? (() => new Date()),
      ...(deps.rateLimits?.site ? { siteLimit: new TokenBuckets(deps.rateLimits.site) } : {}),
    }),
  );
  app.route('/', modelRoutes(deps.modelsDir ?? DEFAULT_MODELS_DIR));
  app.route(
    '/',
    priorsRoutes({
      store: deps.store,
      modelsDir: deps.modelsDir ?? DEFAULT_MODELS_DIR,
      ...(deps.minReports === undefined ? {} : { k: deps.minReports }),
      ...(deps.publicOrigins === undefined ? {} : { publicOrigins: deps.publicOrigins }),
      ...(deps.now === undefined ? {} : { now: deps.now }),
      ...(deps.priorsReuseMs === undefined ? {} : { reuseMs: deps.priorsReuseMs }),
    }),
  );
  app.route(
    '/',
    experimentsRoutes({
      store: deps.store,
      ...(deps.publicOrigins === undefined ? {} : { publicOrigins: deps.publicOrigins }),
    }),
  );
  app.route('/', metricsRoutes(deps.store, metrics));
  app.route(
    '/',
    dashboardRoutes({
      store: deps.store,
      modelsDir: deps.modelsDir ?? DEFAULT_MODELS_DIR,
      ...(deps.minReports === undefined ? {} : { k: deps.minReports }),
      ...(deps.now === undefined ? {} : { now: deps.now }),
    }),
  );
  app.route('/', widgetRoutes(deps.widgetDir ?? DEFAULT_WIDGET_DIR, deps.store));
  app.route(
    '/',
    adminRoutes({
      store: deps.store,
      now: deps.now ?? (() => new Date()),
      ...(deps.rotationSweepMs === undefined ? {} : { rotationSweepMs: deps.rotationSweepMs }),
    }),
  );
  app.route('/', openApiRoute());

  app.notFound((c) => jsonError(c, 404, 'not_found', 'no such route'));

  let outageLoggedAt = Number.NEGATIVE_INFINITY;
  let outagesUnlogged = 0;
  app.onError((err, c) => {
    // The route pattern, not the URL: the URL may carry a site key or query the log has no need for.
    const where = `${c.req.method} ${c.req.routePath}`;
    if (isDatabaseUnavailable(err)) {
      const at = Date.now();
      if (at - outageLoggedAt >= OUTAGE_LOG_EVERY_MS) {
        const more = outagesUnlogged > 0 ? ` (${outagesUnlogged} more since the last line)` : '';
        log(`[confide] database unavailable on ${where}: ${describeOutage(err)}${more}`);
        outageLoggedAt = at;
        outagesUnlogged = 0;
      } else outagesUnlogged += 1;
      return serviceUnavailable(c, DB_RETRY_AFTER_SECONDS, 'the database is unavailable; retry later');
    }
    log(
      `[confide] internal error on ${where}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    return jsonError(c, 500, 'internal', 'internal server error');
  });

  return app;
}
