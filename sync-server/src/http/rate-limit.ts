/**
 * Token-bucket rate limiting, in memory and therefore per instance: N instances behind a balancer let
 * through up to N times the configured rate. That is accepted on purpose: the limits protect each
 * instance and the database from floods, not a billing quota, and a shared counter would put a write
 * on the hot path of every report. Client addresses are only ever Map keys here: never stored in
 * the database, never logged, and forgotten when their bucket is evicted.
 */
import type { Context } from 'hono';
import { jsonError } from './errors';

/** One bucket's shape: a sustained rate and the burst allowed on top of it. */
export interface RateLimit {
  /** Tokens added per second (the sustained request rate). */
  readonly perSecond: number;
  /** Bucket size: requests allowed at once after a quiet period. */
  readonly burst: number;
}

/** The limits on `POST /v1/reports`; an absent one is not enforced. */
export interface RateLimits {
  /** Per registered site, across all its visitors. */
  readonly site?: RateLimit;
  /** Per client address, checked before the body is read. */
  readonly address?: RateLimit;
}

/** Defaults for a production server: generous per site, tight per address (a device posts rarely). */
export const DEFAULT_RATE_LIMITS: Required<RateLimits> = {
  site: { perSecond: 200, burst: 2000 },
  address: { perSecond: 1, burst: 30 },
};

/** Outcome of one `take`. */
export type RateDecision = { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

/** Throws unless the limit describes a bucket that can ever admit a request. */
export function assertRateLimit(limit: RateLimit): void {
  if (!(Number.isFinite(limit.perSecond) && limit.perSecond > 0))
    throw new RangeError(`perSecond must be a finite number > 0, got ${limit.perSecond}`);
  if (!(Number.isFinite(limit.burst) && limit.burst >= 1))
    throw new RangeError(`burst must be a finite number >= 1, got ${limit.burst}`);
}

/** Token buckets keyed by string, with a bounded number of keys. */
export class TokenBuckets {
  readonly #buckets = new Map<string, Bucket>();

  /**
   * @param limit the rate and burst of every bucket
   * @param maxKeys most buckets kept; the least recently used is dropped first (it restarts full,
   *   which errs toward admitting, never toward refusing an innocent client)
   * @param now clock in milliseconds, injectable for tests
   */
  constructor(
    readonly limit: RateLimit,
    private readonly maxKeys = 100_000,
    private readonly now: () => number = Date.now,
  ) {
    assertRateLimit(limit);
  }

  /** Takes one token from `key`'s bucket, or says how long until one is available. */
  take(key: string): RateDecision {
    const t = this.now();
    const { perSecond, burst } = this.limit;
    const bucket = this.#buckets.get(key);
    const tokens = bucket ? Math.min(burst, bucket.tokens + ((t - bucket.at) / 1000) * perSecond) : burst;
    // Re-inserting moves the key to the end of the Map's order, which is what eviction reads as LRU.
    this.#buckets.delete(key);
    if (tokens < 1) {
      this.#buckets.set(key, { tokens, at: t });
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perSecond)) };
    }
    this.#buckets.set(key, { tokens: tokens - 1, at: t });
    if (this.#buckets.size > this.maxKeys) {
      const oldest = this.#buckets.keys().next();
      if (!oldest.done) this.#buckets.delete(oldest.value);
    }
    return { ok: true };
  }

  /** How many keys are tracked (for tests and memory checks). */
  get size(): number {
    return this.#buckets.size;
  }
}

/** Answers 429 with Retry-After and a JSON error naming which limit was hit. */
export function tooManyRequests(c: Context, retryAfterSeconds: number, what: 'site' | 'address'): Response {
  c.header('Retry-After', String(retryAfterSeconds));
  return jsonError(
    c,
    429,
    'rate_limited',
    what === 'site'
      ? `too many reports for this site; retry after ${retryAfterSeconds} s`
      : `too many requests from this client; retry after ${retryAfterSeconds} s`,
  );
}

/**
 * The peer address of the socket the Node adapter received the request on, or undefined (in-process
 * requests, other runtimes). Forwarded-for headers are read only through configured proxies: see
 * client-address.ts.
 */
export function socketAddress(c: Context): string | undefined {
  const env: unknown = c.env;
  if (typeof env !== 'object' || env === null) return undefined;
  const incoming: unknown = (env as { incoming?: unknown }).incoming;
  if (typeof incoming !== 'object' || incoming === null) return undefined;
  const socket: unknown = (incoming as { socket?: unknown }).socket;
  if (typeof socket !== 'object' || socket === null) return undefined;
  const address: unknown = (socket as { remoteAddress?: unknown }).remoteAddress;
  return typeof address === 'string' && address.length > 0 ? address : undefined;
}
