/**
 * `GET /v1/experiments?site=KEY`: the experiments a site runs, `{ schema: 1, experiments: [...] }`.
 * The site is named explicitly because experiments are per site and the widget's worker, which runs
 * on the server's own origin, sends no Origin that could identify it. A host page may read its own
 * site's list (CORS) and no other. The answer holds site configuration only, nothing about visitors.
 */
import { Hono } from 'hono';
import type { ExperimentsAnswer } from '../../protocol/experiments';
import { allowCors, isSiteKey, jsonError, ownOrigins } from '../http';
import type { Store } from '../store';

/** Experiments change only when an operator edits them; a minute of staleness is harmless. */
export const EXPERIMENTS_CACHE_CONTROL = 'public, max-age=60';

/** What the experiments route needs. */
export interface ExperimentsRouteDeps {
  readonly store: Store;
  /** The server's own origins; see {@link ownOrigins}. */
  readonly publicOrigins?: readonly string[];
}

/** The experiments route. */
export function experimentsRoutes(deps: ExperimentsRouteDeps): Hono {
  const app = new Hono();

  app.get('/v1/experiments', async (c) => {
    c.header('Vary', 'Origin');
    const key = c.req.query('site');
    if (key === undefined || !isSiteKey(key)) {
      return jsonError(c, 400, 'invalid_body', 'query parameter site must be a site key');
    }
    const site = await deps.store.getSite(key);
    if (!site) return jsonError(c, 404, 'unknown_site', 'this site is not registered');
    const origin = c.req.header('origin');
    if (origin !== undefined && !ownOrigins(c, deps.publicOrigins).includes(origin)) {
      if (!site.origins.includes(origin)) {
        return jsonError(c, 403, 'origin_not_allowed', 'this origin may not read this site');
      }
      allowCors(c, origin);
    }
    // The site was just found, so only a concurrent delete could make this undefined.
    const experiments = (await deps.store.getExperiments(key)) ?? [];
    const answer: ExperimentsAnswer = { schema: 1, experiments };
    c.header('Cache-Control', EXPERIMENTS_CACHE_CONTROL);
    return c.json(answer);
  });

  return app;
}
