/**
 * `GET /v1/priors[?site=KEY]`: item popularity for the current model, estimated from the
 * devices' `item_popularity` reports, debiased and k-thresholded, as `priorsSchema` describes.
 *
 * Two encodings carry item popularity: count-mean sketches (what the worker sends: one report names an
 * item id, so it survives catalog reorders) and k-RR over catalog indices (older workers). Both give
 * unbiased counts of devices per item from disjoint reports, so their estimates and variances are
 * added and the k-threshold is applied once to the sum over both totals; either path alone also works.
 * A device switching encodings within the window counts twice, which only inflates both numerator and
 * denominator of its own item's share by one report.
 *
 * Which reports count:
 * - `?site=KEY` names one site: only its reports (404 if the site is unknown).
 * - otherwise a request from a host page (an `Origin` that is not the server's own) counts the sites
 *   whose allowlist holds that origin, and is refused when none does;
 * - otherwise (the widget's worker, which runs on the server's origin and sends neither) every site's.
 * Every variant publishes only k-thresholded aggregates, so none can reveal a device.
 *
 * No segment: a request naming the visitor's segment would tell the server something about every
 * device that asks, with or without `share`, so `?segment=` is refused (400) rather than ignored, and
 * the answer is the same for every visitor (`segment: null`). A device that wants a segment's view
 * re-ranks the all-visitors prior on the device.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono } from 'hono';
import { MAX_PRIOR_ITEMS, type Priors } from '../../protocol/index';
import { DEFAULT_K, publishable } from '../../protocol/ldp/threshold';
import { addEstimates, countKrrReports, sumKrr, sumSketches, tallySketchWindow } from '../aggregates';
import { allowCors, isRecord, isSafeSegment, isSiteKey, jsonError, ownOrigins, readJson } from '../http';
import type { Store } from '../store';
import { MANIFEST_FILE } from './models-route';
import { utcDay } from './reports-route';

/** The metric the worker reports item views under. */
export const ITEM_POPULARITY_METRIC = 'item_popularity';
/** How long browsers and caches may reuse a priors answer: aggregates move slowly. */
export const PRIORS_CACHE_CONTROL = 'public, max-age=300';

/** What the priors route needs. */
export interface PriorsRouteDeps {
  readonly store: Store;
  /** The model artifacts folder the models route serves from. */
  readonly modelsDir: string;
  /** Minimum contributing reports per published item (the k threshold). */
  readonly k?: number;
  /** The server's own origins; see {@link ownOrigins}. */
  readonly publicOrigins?: readonly string[];
  /** Clock, for the window of days the priors cover. */
  readonly now?: () => Date;
  /** How long an instance reuses an answer; default {@link PRIORS_REUSE_MS}, 0 never. */
  readonly reuseMs?: number;
}

/** Days of reports the priors cover, ending today: popularity is about what visitors want lately. */
export const PRIORS_WINDOW_DAYS = 30;

/**
 * How long one instance reuses an answer. Every worker asks, and an answer aggregates a month of
 * reports; the HTTP cache (`PRIORS_CACHE_CONTROL`) only helps per browser. Not needed for correctness:
 * another instance simply computes its own.
 */
export const PRIORS_REUSE_MS = 60_000;
const MAX_REUSED = 256;

/** The current model version and its catalog's item ids, in catalog (report index) order. */
export interface CatalogIndex {
  readonly version: string;
  readonly ids: readonly string[];
}

/**
 * Reads the manifest's version and the recommend entry's catalog. Undefined when anything is missing
 * or malformed: without the catalog an index cannot be named, so nothing can be published.
 */
export async function loadCatalogIndex(modelsDir: string): Promise<CatalogIndex | undefined> {
  const manifest = await readJson(join(modelsDir, MANIFEST_FILE));
  if (!isRecord(manifest) || !isRecord(manifest.models)) return;
  // The answer's `model` field holds at most 40 characters; a longer version could not be answered.
  const version = manifest.version;
  if (typeof version !== 'string' || version.length === 0 || version.length > 40) return;
  const recommend = manifest.models.recommend;
  if (!isRecord(recommend) || typeof recommend.catalog !== 'string' || !isSafeSegment(recommend.catalog))
    return;
  const catalog = await readJson(join(modelsDir, recommend.catalog));
  if (!isRecord(catalog) || !Array.isArray(catalog.items)) return;
  const ids: string[] = [];
  for (const item of catalog.items) {
    if (!isRecord(item) || typeof item.id !== 'string') return;
    ids.push(item.id);
  }
  return { version, ids };
}

/** Re-reads the catalog only when the manifest changed, since every priors request needs it. */
function catalogLoader(modelsDir: string): () => Promise<CatalogIndex | undefined> {
  let cached: { stamp: string; index: CatalogIndex | undefined } | undefined;
  return async () => {
    let stamp: string;
    try {
      const s = await stat(join(modelsDir, MANIFEST_FILE));
      stamp = `${s.size}:${s.mtimeMs}`;
    } catch {
      return undefined;
    }
    if (cached?.stamp === stamp) return cached.index;
    const index = await loadCatalogIndex(modelsDir);
    // A half-written manifest is not cached, so the next request tries again.
    if (index) cached = { stamp, index };
    return index;
  };
}

/** The priors route. */
export function priorsRoutes(deps: PriorsRouteDeps): Hono {
  const app = new Hono();
  const k = deps.k ?? DEFAULT_K;
  const load = catalogLoader(deps.modelsDir);
  const now = deps.now ?? (() => new Date());
  const reused = new Map<string, { at: number; answer: Priors }>();

  app.get('/v1/priors', async (c) => {
    // The answer depends on the caller's origin (which sites count), so shared caches must key on it.
    c.header('Vary', 'Origin');
    if (c.req.query('segment') !== undefined) {
      return jsonError(
        c,
        400,
        'invalid_body',
        'segment is not accepted: priors are the same for every visitor, and a request must not say anything about one',
      );
    }

    let sites: readonly string[] | undefined;
    const siteKey = c.req.query('site');
    const origin = c.req.header('origin');
    const foreign = origin !== undefined && !ownOrigins(c, deps.publicOrigins).includes(origin);
    if (siteKey !== undefined) {
      const site = isSiteKey(siteKey) ? await deps.store.getSite(siteKey) : undefined;
      if (!site) return jsonError(c, 404, 'unknown_site', 'this site is not registered');
      if (foreign && !site.origins.includes(origin)) {
        return jsonError(c, 403, 'origin_not_allowed', 'this origin may not read this site');
      }
      sites = [site.key];
    } else if (foreign) {
      sites = (await deps.store.listSites()).filter((s) => s.origins.includes(origin)).map((s) => s.key);
      if (sites.length === 0) return jsonError(c, 403, 'origin_not_allowed', 'this origin has no site');
    }
    if (foreign) allowCors(c, origin);

    const catalog = await load();
    if (!catalog || catalog.ids.length < 2) {
      return jsonError(c, 404, 'not_found', 'no model catalog is published');
    }
    const at = now();
    const today = utcDay(at);
    const key = `${catalog.version}|${today}|${sites ? sites.join(',') : '*'}`;
    const kept = reused.get(key);
    if (kept && at.getTime() - kept.at < (deps.reuseMs ?? PRIORS_REUSE_MS)) {
      c.header('Cache-Control', PRIORS_CACHE_CONTROL);
      return c.json(kept.answer);
    }
    const from = utcDay(new Date(Date.parse(`${today}T00:00:00Z`) - (PRIORS_WINDOW_DAYS - 1) * 86_400_000));
    const scope = {
      metric: ITEM_POPULARITY_METRIC,
      model: catalog.version,
      from,
      to: today,
      ...(sites ? { sites } : {}),
    };
    const krr = sumKrr(await countKrrReports(deps.store, { ...scope, domain: catalog.ids.length }));
    const cms = sumSketches(await tallySketchWindow(deps.store, scope, at), catalog.ids);
    const { total, cells: estimates } = addEstimates(krr, cms);
    const cells = publishable(estimates, total, k);
    const items = cells
      .sort((a, b) => b.estimate - a.estimate || a.index - b.index)
      .slice(0, MAX_PRIOR_ITEMS)
      .map((cell) => ({ id: catalog.ids[cell.index] ?? '', score: cell.estimate / total }))
      .filter((item) => item.id.length > 0 && item.id.length <= 64);
    const answer: Priors = { schema: 1, model: catalog.version, segment: null, minReports: k, items };
    if (reused.size >= MAX_REUSED) reused.clear();
    reused.set(key, { at: at.getTime(), answer });
    c.header('Cache-Control', PRIORS_CACHE_CONTROL);
    return c.json(answer);
  });

  return app;
}
