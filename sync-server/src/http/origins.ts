/**
 * Origins: how site allowlists are normalized, and which requests count as coming from the server's own
 * origin (the widget frame and its worker) versus an allowed host page.
 */
import type { Context } from 'hono';
import * as v from 'valibot';
import { reportBatchSchema } from '../../protocol/index';

/**
 * Returns the canonical `scheme://host[:port]` for an http(s) origin, or undefined when the input is
 * anything else (a path, credentials, a query, `null`, `*`). Allowlists hold only canonical origins
 * so that a plain string comparison with the browser's `Origin` header is exact.
 */
export function normalizeOrigin(input: string): string | undefined {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password || url.search || url.hash || url.pathname !== '/') return undefined;
  return url.origin;
}

/** True for a site key the protocol accepts; checked before any lookup so junk never reaches the DB. */
export function isSiteKey(key: string): boolean {
  return v.is(reportBatchSchema.entries.site, key);
}

/**
 * The origins that count as the server itself. Configured ones win; without configuration the
 * request's own origin is used, which is right for tests and for a server reached by one name.
 */
export function ownOrigins(c: Context, configured: readonly string[] | undefined): readonly string[] {
  if (configured && configured.length > 0) return configured;
  return [new URL(c.req.url).origin];
}

/** Marks a response as readable by `origin`. No credentials: reports carry no cookies. */
export function allowCors(c: Context, origin: string): void {
  c.header('Access-Control-Allow-Origin', origin);
}

/** Headers for an accepted preflight of `POST /v1/reports`. */
export function allowPreflight(c: Context, origin: string): void {
  allowCors(c, origin);
  c.header('Access-Control-Allow-Methods', 'POST');
  c.header('Access-Control-Allow-Headers', 'Content-Type');
  c.header('Access-Control-Max-Age', '600');
}
