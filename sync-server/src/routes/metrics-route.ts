/**
 * `GET /metrics`: the Prometheus text exposition of the app's own registry.
 *
 * It needs an admin token (Prometheus sends it with `authorization: { credentials: <token> }`):
 * request and report volumes per route and hour are business data of the operator, and an open
 * endpoint would also hand anyone a cheap way to watch the effect of their own traffic.
 */
import { Hono } from 'hono';
import type { ServerMetrics } from '../http';
import type { Store } from '../store';
import { requireAdmin } from './admin-auth';
import { refuseCrossSite } from './admin-guards';

/** The metrics route. */
export function metricsRoutes(store: Store, metrics: ServerMetrics): Hono {
  const app = new Hono();
  app.get('/metrics', refuseCrossSite(), requireAdmin(store, 'bearer'), async (c) => {
    metrics.ensureDefaults();
    c.header('Cache-Control', 'no-store');
    c.header('Content-Type', metrics.registry.contentType);
    return c.body(await metrics.registry.metrics());
  });
  return app;
}
