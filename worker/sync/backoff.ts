/**
 * When to try a failed batch again. Exponential backoff with full jitter (AWS Architecture Blog,
 * "Exponential Backoff and Jitter"): the wait is uniform in [0, min(cap, base·2^attempt)), so many
 * devices that failed together do not come back together. 429 answers name their own wait, 503
 * answers a least wait, and 404 answers get a slower schedule of their own.
 */
import { cryptoUniform, type Uniform } from '../../sync-server/protocol/krr';

/** Backoff ceiling before the first retry, ms. */
export const BACKOFF_BASE_MS = 1_000;
/** Longest backoff, ms. */
export const BACKOFF_CAP_MS = 5 * 60_000;

/** The backoff ceiling after `attempts` failures: base·2^(attempts−1), capped. */
export function backoffCeiling(attempts: number, base = BACKOFF_BASE_MS, cap = BACKOFF_CAP_MS): number {
  const n = Math.max(0, Math.min(attempts - 1, 30));
  return Math.min(cap, base * 2 ** n);
}

/** A jittered wait after `attempts` failures (≥ 1), uniform below {@link backoffCeiling}. */
export function backoffDelay(attempts: number, uniform: Uniform = cryptoUniform): number {
  return Math.floor(uniform() * backoffCeiling(attempts));
}

/**
 * The wait a `Retry-After` header asks for, ms: delta-seconds or an HTTP date; at least one second
 * and at most the backoff cap, and one base step when the header is missing or unreadable.
 */
export function retryAfterMs(header: string | null, nowMs: number): number {
  const value = header?.trim() ?? '';
  let ms = Number.NaN;
  if (/^\d+$/.test(value)) ms = Number(value) * 1000;
  else if (value) ms = Date.parse(value) - nowMs;
  if (!Number.isFinite(ms)) return BACKOFF_BASE_MS;
  return Math.min(BACKOFF_CAP_MS, Math.max(BACKOFF_BASE_MS, ms));
}

/**
 * The wait after a 503 (the server's database is down): what `Retry-After` asks (bounded as in
 * {@link retryAfterMs}), or the jittered backoff after `attempts` failures when that is longer, so
 * an outage that lasts spreads the devices out instead of having all of them knock every few seconds.
 * Without the header it is the plain backoff.
 */
export function unavailableDelay(
  header: string | null,
  attempts: number,
  nowMs: number,
  uniform: Uniform = cryptoUniform,
): number {
  const backoff = backoffDelay(attempts, uniform);
  return header === null ? backoff : Math.max(retryAfterMs(header, nowMs), backoff);
}

/** Backoff ceiling after the first 404, ms: provisioning a site or fixing a route takes minutes. */
export const NOT_FOUND_BASE_MS = 60_000;

/**
 * The wait after the `n`-th 404 (≥ 1): "equal jitter", half the ceiling fixed and half random, with
 * ceilings of one, two, four minutes. The fixed half guarantees the few retries a 404 gets are spread
 * over minutes, which full jitter would not.
 */
export function notFoundDelay(n: number, uniform: Uniform = cryptoUniform): number {
  const ceiling = backoffCeiling(n, NOT_FOUND_BASE_MS);
  return Math.floor(ceiling / 2 + (uniform() * ceiling) / 2);
}
