/**
 * Guards that make admin requests unforgeable from another page. A browser attaches remembered HTTP
 * Basic credentials (the dashboard login) to any request for the server, including a form another
 * site auto-submits; that was enough to rotate a site's key. Three independent layers now stand in
 * the way, so each alone defeats the forgery:
 *
 * - admin writes accept only `Authorization: Bearer` (see admin-auth.ts), which no browser attaches
 *   on its own;
 * - admin writes need `Content-Type: application/json`, which a form cannot send and a cross-origin
 *   script can send only after a CORS preflight the admin routes never grant;
 * - requests the browser marks as coming from another origin (`Sec-Fetch-Site`) are refused outright.
 */
import type { MiddlewareHandler } from 'hono';
import { jsonError } from '../http';
import { isJsonContentType } from './reports-route';

/**
 * `Sec-Fetch-Site` values that say the request was started by the server's own pages or by the user
 * (typed URL, bookmark). `same-site` is refused too: the widget is meant to be served from a subdomain
 * of the shop (and the demo runs both on 127.0.0.1), so the shop's pages are same-site but are
 * exactly the pages whose scripts must not drive the admin API.
 */
const TRUSTED_FETCH_SITES: ReadonlySet<string> = new Set(['same-origin', 'none']);

/** Options of {@link refuseCrossSite}. */
export interface CrossSiteOptions {
  /**
   * Let a top-level navigation (a GET clicked from another site's link) through. Only for read-only
   * pages that cannot be framed, such as the dashboard: the answer goes to the user's own window.
   */
  readonly allowNavigation?: boolean;
}

/**
 * Refuses (403) what a browser marks as started by another origin. Clients that send no
 * `Sec-Fetch-Site` (curl, Prometheus, older browsers) pass; the other guards still apply to them.
 */
export function refuseCrossSite(options: CrossSiteOptions = {}): MiddlewareHandler {
  return async (c, next) => {
    const site = c.req.header('sec-fetch-site')?.trim().toLowerCase();
    const navigation =
      options.allowNavigation === true &&
      c.req.method === 'GET' &&
      c.req.header('sec-fetch-mode')?.toLowerCase() === 'navigate';
    if (site !== undefined && !TRUSTED_FETCH_SITES.has(site) && !navigation) {
      return jsonError(c, 403, 'origin_not_allowed', 'admin requests from other origins are refused');
    }
    await next();
  };
}

const READS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Admin writes (any method but GET, HEAD and OPTIONS) must declare a JSON body, also those whose
 * body is empty (rotate, delete): the declared type is what a form or a simple cross-origin request
 * cannot fake. Answers 415 otherwise, before the body is read.
 */
export function requireJsonWrites(): MiddlewareHandler {
  return async (c, next) => {
    if (!READS.has(c.req.method) && !isJsonContentType(c.req.header('content-type'))) {
      return jsonError(c, 415, 'unsupported_media_type', 'Content-Type must be application/json');
    }
    await next();
  };
}
