/**
 * When to try a failed batch again. Exponential backoff with full jitter (AWS Architecture Blog,
 * "Exponential Backoff and Jitter"): the wait is uniform in [0, min(cap, base·2^attempt)), so many
 * devices that failed together do not come back together. 429 answers name their own wait.
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
