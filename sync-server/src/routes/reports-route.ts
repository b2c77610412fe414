/**
 * `POST /v1/reports`: the only way data reaches the server. Checks run cheapest-first and every
 * failure answers before anything is written: size, JSON, schema, site, origin, rate, then the metric
 * table (each report's encoding, domain and epsilon exactly as ../../protocol/metric-table.ts fixes
 * them, at most one per metric and experiment), then one transaction.
 */
import { Hono } from 'hono';
import {
  applyReportRules,
  MAX_BODY_BYTES,
  parseReportBatch,
  type ReportAccepted,
} from '../../protocol/index';
import {
  allowCors,
  allowPreflight,
  isSiteKey,
  jsonError,
  noteAnswer,
  ownOrigins,
  readBodyText,
  type TokenBuckets,
  tooManyRequests,
} from '../http';
import type { SiteRecord, Store } from '../store';
import { ruleContext, servedModelLoader } from './report-context';

/** What the reports route needs. */
export interface ReportsRouteDeps {
  readonly store: Store;
  /** The server's own origins; see {@link ownOrigins}. */
  readonly publicOrigins?: readonly string[];
  /** Clock for the server-assigned day. */
  readonly now: () => Date;
  /** Per-site request limit; absent means none. */
  readonly siteLimit?: TokenBuckets;
  /**
   * The model artifacts folder whose manifest gives the segment and intent domains; default
   * `models/artifacts`, the app's default. It must be the folder `GET /v1/manifest` serves from.
   */
  readonly modelsDir?: string;
}

/** The UTC calendar day, the finest time the server ever records. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * True for `application/json`, with any parameters. The body is decoded as UTF-8 whatever `charset`
 * says, as RFC 8259 requires of JSON exchanged between systems.
 */
export function isJsonContentType(header: string | undefined): boolean {
  return header?.split(';', 1)[0]?.trim().toLowerCase() === 'application/json';
}

/** The reports route. */
export function reportsRoutes(deps: ReportsRouteDeps): Hono {
  const { store } = deps;
  const app = new Hono();
  const servedModel = servedModelLoader(deps.modelsDir ?? 'models/artifacts');

  // A preflight carries no body, so the site is unknown: any registered site's origin may proceed,
  // and the POST itself then enforces the allowlist of the site it names.
  app.options('/v1/reports', async (c) => {
    c.header('Vary', 'Origin');
    const origin = c.req.header('origin');
    // One query that returns only candidate sites instead of loading them all; browsers cache the
    // answer for Access-Control-Max-Age seconds, so an origin preflights once per ten minutes.
    if (origin && origin.length <= 512 && (await store.anySiteAllows(origin))) {
      allowPreflight(c, origin);
      return c.body(null, 204);
    }
    return jsonError(c, 403, 'origin_not_allowed', 'this origin may not post reports');
  });

  app.post('/v1/reports', async (c) => {
    c.header('Vary', 'Origin');
    const origin = c.req.header('origin');
    const self = ownOrigins(c, deps.publicOrigins);
    // Same-origin callers (the frame and its worker) need no CORS headers; a host page does, and
    // gets them only when the site it names lists its origin, even on errors, so it can read why.
    const corsIfAllowed = (site: SiteRecord | undefined) => {
      if (origin && !self.includes(origin) && site?.origins.includes(origin)) allowCors(c, origin);
    };

    // Checked before the body is read: nothing but JSON is ever parsed, whatever a client claims.
    if (!isJsonContentType(c.req.header('content-type'))) {
      return jsonError(c, 415, 'unsupported_media_type', 'Content-Type must be application/json');
    }
    const body = await readBodyText(c, MAX_BODY_BYTES);
    if (!body.ok) {
      return jsonError(c, 413, 'body_too_large', `request body exceeds ${MAX_BODY_BYTES} bytes`);
    }
    let raw: unknown;
    try {
      raw = JSON.parse(body.text);
    } catch {
      return jsonError(c, 400, 'invalid_json', 'request body is not valid JSON');
    }

    const parsed = parseReportBatch(raw);
    if (!parsed.ok) {
      const claimed = (raw as { site?: unknown } | null)?.site;
      if (typeof claimed === 'string' && isSiteKey(claimed)) corsIfAllowed(await store.getSite(claimed));
      return jsonError(
        c,
        400,
        'invalid_body',
        'request body does not match the report schema',
        parsed.issues,
      );
    }
    const { batch } = parsed;

    const site = await store.getSite(batch.site);
    if (!site) return jsonError(c, 404, 'unknown_site', `site "${batch.site}" is not registered`);

    // Browsers always send Origin on POST; a request without one is not from the widget.
    if (!origin || !(self.includes(origin) || site.origins.includes(origin))) {
      return jsonError(c, 403, 'origin_not_allowed', 'this origin may not post reports for this site');
    }
    corsIfAllowed(site);

    // Only registered sites get a bucket, so junk site keys cannot grow the limiter's memory.
    const decision = deps.siteLimit?.take(site.key);
    if (decision && !decision.ok) return tooManyRequests(c, decision.retryAfterSeconds, 'site');

    const context = await ruleContext(store, site.key, await servedModel(), batch.reports);
    const ruled = applyReportRules(batch, context);
    if (!ruled.ok) {
      return jsonError(
        c,
        400,
        'invalid_report',
        `${ruled.issues.length} report(s) differ from the metric table; nothing was stored`,
        ruled.issues,
      );
    }

    const result = await store.storeBatch(ruled.batch, utcDay(deps.now()));
    const accepted: ReportAccepted = { ok: true, stored: result.stored, duplicate: result.duplicate };
    c.header('Cache-Control', 'no-store');
    noteAnswer(c, accepted);
    return c.json(accepted, result.duplicate ? 200 : 201);
  });

  return app;
}
