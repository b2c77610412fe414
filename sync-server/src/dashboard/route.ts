/**
 * `GET /dashboard[?site=KEY]`: the operator's view of the aggregates, behind the admin token (HTTP
 * Basic with the token as password, so a browser's own login prompt works). The page is rendered on
 * the server with inline SVG: the CSP allows no script, no fetch and no external asset at all.
 * It is the only route that accepts Basic: it reads and cannot be framed, so a request another site
 * starts with the remembered login changes nothing and shows the operator's own window the page.
 */
import { Hono } from 'hono';
import { DEFAULT_K } from '../../protocol/ldp/threshold';
import { isSiteKey, jsonError } from '../http';
import { refuseCrossSite, requireAdmin, utcDay } from '../routes';
import type { Store } from '../store';
import { dashboardData } from './data';
import { loadModelLabels } from './labels';
import { dashboardPage } from './page';

/** What the dashboard route needs. */
export interface DashboardRouteDeps {
  readonly store: Store;
  /** The model artifacts folder (labels come from its manifest). */
  readonly modelsDir: string;
  /** The k threshold. Default 20. */
  readonly k?: number;
  /** Clock, for the window's last day. */
  readonly now?: () => Date;
}

/** Days the dashboard covers, ending today (UTC). */
export const DASHBOARD_DAYS = 30;

/** The page's Content-Security-Policy: inline styles only. */
export const DASHBOARD_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** The dashboard route. */
export function dashboardRoutes(deps: DashboardRouteDeps): Hono {
  const app = new Hono();
  const now = deps.now ?? (() => new Date());

  // A link from another site (a top-level navigation) opens it; nothing else another site starts does.
  app.get(
    '/dashboard',
    refuseCrossSite({ allowNavigation: true }),
    requireAdmin(deps.store, 'basic'),
    async (c) => {
      c.header('Cache-Control', 'no-store');
      const siteKey = c.req.query('site') || undefined;
      const all = (await deps.store.listSites()).map((s) => s.key).sort();
      if (siteKey !== undefined && !(isSiteKey(siteKey) && all.includes(siteKey))) {
        return jsonError(c, 404, 'unknown_site', 'this site is not registered');
      }
      const labels = await loadModelLabels(deps.modelsDir);
      if (!labels) return jsonError(c, 404, 'not_found', 'no model manifest is published');
      const today = now();
      const from = utcDay(new Date(today.getTime() - (DASHBOARD_DAYS - 1) * 86_400_000));
      const data = await dashboardData(deps.store, labels, {
        site: siteKey ?? null,
        sites: siteKey === undefined ? all : [siteKey],
        from,
        to: utcDay(today),
        k: deps.k ?? DEFAULT_K,
        now: today,
      });
      c.header('Content-Security-Policy', DASHBOARD_CSP);
      c.header('Referrer-Policy', 'no-referrer');
      return c.html(dashboardPage(data, all));
    },
  );

  return app;
}
