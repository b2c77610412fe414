/**
 * Admin authentication: a bearer token checked against the SHA-256 hashes in `admin_tokens`. The
 * server never stores or logs a token, only its hash, so a leaked database grants no admin access.
 * Tokens are 256 random bits, which is why a plain (unsalted, fast) hash is enough: there is nothing
 * to guess by brute force, unlike a password.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { jsonError } from '../http';
import type { Store } from '../store';

/** Prefix that makes a Confide admin token recognisable (e.g. to secret scanners). */
export const ADMIN_TOKEN_PREFIX = 'cfd_admin_';

/** A new random admin token (shown once to whoever creates it). */
export function newAdminToken(): string {
  return `${ADMIN_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** The hash under which a token is stored. */
export function hashAdminToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Which credentials a route accepts. `bearer`: only `Authorization: Bearer <token>`, for the admin API
 * and metrics. `basic`: HTTP Basic with the token as password (any user name) as well, so a browser
 * can open the dashboard through its own login prompt. Browsers remember Basic credentials and attach
 * them to every later request for the server, forged cross-site ones included, which is why nothing
 * but the read-only dashboard page may accept them.
 */
export type AdminChallenge = 'bearer' | 'basic';

/** The token a request presents under `accepted`, or undefined. */
export function presentedToken(c: Context, accepted: AdminChallenge = 'bearer'): string | undefined {
  const header = c.req.header('authorization');
  if (!header) return undefined;
  const [scheme, value] = header.trim().split(/\s+/, 2);
  if (!scheme || !value) return undefined;
  if (scheme.toLowerCase() === 'bearer') return value;
  if (scheme.toLowerCase() === 'basic' && accepted === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon >= 0 ? decoded.slice(colon + 1) : undefined;
  }
  return undefined;
}

/**
 * Middleware admitting only requests that present a stored admin token the way `challenge` accepts
 * (see {@link AdminChallenge}); others get 401 with a matching challenge (`basic` makes browsers
 * show a login prompt).
 */
export function requireAdmin(store: Store, challenge: AdminChallenge = 'bearer'): MiddlewareHandler {
  return async (c, next) => {
    const token = presentedToken(c, challenge);
    // Length bound before hashing, so junk headers cost nothing; real tokens are 53 characters.
    if (token && token.length <= 256 && (await store.hasAdminToken(hashAdminToken(token)))) {
      await next();
      return;
    }
    c.header(
      'WWW-Authenticate',
      challenge === 'basic' ? 'Basic realm="Confide dashboard", charset="UTF-8"' : 'Bearer realm="confide"',
    );
    return jsonError(c, 401, 'unauthorized', 'a valid admin token is required');
  };
}
