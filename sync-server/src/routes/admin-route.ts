/**
 * `/v1/admin/*`: create sites, replace their origins, rotate their keys, set their experiments, and
 * manage admin tokens. Every route requires an admin bearer token (see admin-auth.ts), refuses
 * requests other origins started and writes without a JSON body (admin-guards.ts), answers JSON with
 * `Cache-Control: no-store`, and logs nothing: no tokens, bodies or addresses.
 */
import { randomBytes } from 'node:crypto';
import { type Context, Hono } from 'hono';
import * as v from 'valibot';
import {
  type AdminSite,
  type CreatedToken,
  createSiteRequestSchema,
  createTokenRequestSchema,
  type RotatedSite,
  setExperimentsRequestSchema,
  siteKeySchema,
  siteOriginsRequestSchema,
  tokenLabelSchema,
} from '../../protocol/admin';
import type { ExperimentsAnswer } from '../../protocol/experiments';
import { jsonError, normalizeOrigin, readBodyText } from '../http';
import type { SiteRecord, Store } from '../store';
import { SITE_CACHE_TTL_MS } from '../store';
import { hashAdminToken, newAdminToken, requireAdmin } from './admin-auth';
import { refuseCrossSite, requireJsonWrites } from './admin-guards';
import { utcDay } from './reports-route';

/** Largest admin request body; an experiment list is the biggest and stays well below. */
export const MAX_ADMIN_BODY_BYTES = 64 * 1024;

/** What the admin routes need. */
export interface AdminRouteDeps {
  readonly store: Store;
  /** Clock for the days recorded on new sites and tokens. */
  readonly now: () => Date;
  /**
   * How long after a rotation the old key's leftover rows are swept to the new key: reports another
   * instance accepted under the old key while its site cache still held it. Default twice the cache TTL.
   */
  readonly rotationSweepMs?: number;
}

/** A random site key: 128 bits, within the protocol's `[A-Za-z0-9_-]{3,64}`. */
export function newSiteKey(): string {
  return `site_${randomBytes(16).toString('base64url')}`;
}

const siteView = (site: SiteRecord): AdminSite => ({
  key: site.key,
  origins: [...site.origins],
  createdDay: site.createdDay,
});

type Parsed<T> = { ok: true; value: T } | { ok: false; response: Response };

/** What a write without parameters (rotate, delete) may carry: nothing, or `{}`. */
const emptyBodySchema = v.strictObject({});

/**
 * Reads and validates a JSON body, answering 413/400 itself (the JSON Content-Type was checked by
 * `requireJsonWrites`). With `emptyOk`, an absent body counts as `{}`.
 */
async function readJson<S extends v.GenericSchema>(
  c: Context,
  schema: S,
  emptyOk = false,
): Promise<Parsed<v.InferOutput<S>>> {
  const body = await readBodyText(c, MAX_ADMIN_BODY_BYTES);
  if (!body.ok) {
    const message = `request body exceeds ${MAX_ADMIN_BODY_BYTES} bytes`;
    return { ok: false, response: jsonError(c, 413, 'body_too_large', message) };
  }
  const text = emptyOk && body.text.trim() === '' ? '{}' : body.text;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, response: jsonError(c, 400, 'invalid_json', 'request body is not valid JSON') };
  }
  const result = v.safeParse(schema, raw);
  if (result.success) return { ok: true, value: result.output };
  const issues = result.issues.map((i) => ({ path: v.getDotPath(i) ?? '', message: i.message }));
  return {
    ok: false,
    response: jsonError(c, 400, 'invalid_body', 'request body does not match the schema', issues),
  };
}

/** Normalizes an origin list, deduplicated; answers 400 naming the first invalid origin. */
function normalizeOrigins(c: Context, origins: readonly string[]): Parsed<string[]> {
  const out: string[] = [];
  for (const [i, raw] of origins.entries()) {
    const origin = normalizeOrigin(raw);
    if (!origin) {
      const message = 'origins must be http(s) origins: scheme://host[:port], no path';
      return {
        ok: false,
        response: jsonError(c, 400, 'invalid_body', message, [{ path: `origins.${i}`, message }]),
      };
    }
    if (!out.includes(origin)) out.push(origin);
  }
  return { ok: true, value: out };
}

const unknownSite = (c: Context) => jsonError(c, 404, 'unknown_site', 'this site is not registered');

/** The admin routes. */
export function adminRoutes(deps: AdminRouteDeps): Hono {
  const { store } = deps;
  const sweepMs = deps.rotationSweepMs ?? 2 * SITE_CACHE_TTL_MS;
  const app = new Hono();

  app.use('/v1/admin/*', async (c, next) => {
    c.header('Cache-Control', 'no-store');
    await next();
  });
  // Cross-site first, so a forged request learns nothing, not even whether its token was valid.
  app.use('/v1/admin/*', refuseCrossSite());
  app.use('/v1/admin/*', requireAdmin(store, 'bearer'));
  app.use('/v1/admin/*', requireJsonWrites());
  // A malformed key can name no site; checked before any query.
  app.use('/v1/admin/sites/:key/*', async (c, next) => {
    if (!v.is(siteKeySchema, c.req.param('key'))) return unknownSite(c);
    await next();
  });

  app.post('/v1/admin/sites', async (c) => {
    const body = await readJson(c, createSiteRequestSchema);
    if (!body.ok) return body.response;
    const origins = normalizeOrigins(c, body.value.origins);
    if (!origins.ok) return origins.response;
    const key = body.value.key ?? newSiteKey();
    const day = utcDay(deps.now());
    if (!(await store.createSite(key, origins.value, day))) {
      return jsonError(c, 409, 'conflict', `site "${key}" already exists`);
    }
    return c.json(siteView({ key, origins: origins.value, createdDay: day }), 201);
  });

  app.get('/v1/admin/sites', async (c) => {
    const sites = await store.listSites();
    return c.json({ sites: sites.map(siteView) });
  });

  app.get('/v1/admin/sites/:key', async (c) => {
    const key = c.req.param('key');
    const site = v.is(siteKeySchema, key) ? await store.getSite(key) : undefined;
    return site ? c.json(siteView(site)) : unknownSite(c);
  });

  app.put('/v1/admin/sites/:key/origins', async (c) => {
    const key = c.req.param('key');
    const body = await readJson(c, siteOriginsRequestSchema);
    if (!body.ok) return body.response;
    const origins = normalizeOrigins(c, body.value.origins);
    if (!origins.ok) return origins.response;
    if (!(await store.setSiteOrigins(key, origins.value))) return unknownSite(c);
    const site = await store.getSite(key);
    return site ? c.json(siteView(site)) : unknownSite(c);
  });

  app.post('/v1/admin/sites/:key/rotate', async (c) => {
    const previousKey = c.req.param('key');
    const body = await readJson(c, emptyBodySchema, true);
    if (!body.ok) return body.response;
    const site = await store.rotateSiteKey(previousKey, newSiteKey());
    if (!site) return unknownSite(c);
    // Another instance may accept the old key until its site cache expires; what it stored in that
    // window is refiled once the window has surely closed. Best effort: a restart skips it.
    const sweep = setTimeout(() => {
      store.moveSiteHistory(previousKey, site.key).catch(() => undefined);
    }, sweepMs);
    sweep.unref();
    const answer: RotatedSite = { ...siteView(site), previousKey };
    return c.json(answer);
  });

  app.put('/v1/admin/sites/:key/experiments', async (c) => {
    const key = c.req.param('key');
    const body = await readJson(c, setExperimentsRequestSchema);
    if (!body.ok) return body.response;
    if (!(await store.setExperiments(key, body.value))) return unknownSite(c);
    const answer: ExperimentsAnswer = { schema: 1, experiments: body.value };
    return c.json(answer);
  });

  app.get('/v1/admin/tokens', async (c) => c.json({ tokens: await store.listAdminTokens() }));

  app.post('/v1/admin/tokens', async (c) => {
    const body = await readJson(c, createTokenRequestSchema);
    if (!body.ok) return body.response;
    const { label } = body.value;
    const token = newAdminToken();
    const day = utcDay(deps.now());
    if (!(await store.addLabelledAdminToken(hashAdminToken(token), label, day))) {
      return jsonError(c, 409, 'conflict', `a token labelled "${label}" already exists`);
    }
    const answer: CreatedToken = { label, token, createdDay: day };
    return c.json(answer, 201);
  });

  app.delete('/v1/admin/tokens/:label', async (c) => {
    const label = c.req.param('label');
    const body = await readJson(c, emptyBodySchema, true);
    if (!body.ok) return body.response;
    const deleted = v.is(tokenLabelSchema, label) ? await store.deleteAdminTokens(label) : 0;
    if (deleted === 0) return jsonError(c, 404, 'not_found', `no token is labelled "${label}"`);
    if (deleted === 'last') {
      return jsonError(c, 409, 'conflict', 'refusing to delete the last admin token(s)');
    }
    return c.json({ label, deleted });
  });

  return app;
}
