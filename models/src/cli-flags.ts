/** Parsers for numeric flag values; a bad value is a {@link UsageError} that quotes it. */
import { UsageError } from './errors';

/** An integer flag >= `min`; `fallback` when absent. */
export function intFlag(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min)
    throw new UsageError(`--${name} must be an integer >= ${min}, got "${raw}"`);
  return v;
}

/** A comma-separated list of numbers >= `min` (> 0 for `Number.MIN_VALUE`); `fallback` when absent. */
export function listFlag(
  name: string,
  raw: string | undefined,
  fallback: readonly number[],
  min: number,
  integer = true,
): readonly number[] {
  if (raw === undefined) return fallback;
  const parts = raw.split(',').map((p) => p.trim());
  const values = parts.map(Number);
  const bad = parts.find((p, i) => {
    const v = values[i] as number;
    return p === '' || !Number.isFinite(v) || v < min || (integer && !Number.isInteger(v));
  });
  if (bad !== undefined || parts.length === 0) {
    const kind = integer ? 'integers' : 'numbers';
    const bound = min === Number.MIN_VALUE ? '> 0' : `>= ${min}`;
    throw new UsageError(`--${name} must be a comma-separated list of ${kind} ${bound}, got "${raw}"`);
  }
  return values;
}

/** A number flag in [min, max]; `fallback` when absent. Throws UsageError naming the flag. */
export function shareFlag(name: string, raw: string | undefined, fallback: number, min = 0, max = 1): number {
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(v) || v < min || v > max) {
    throw new UsageError(`--${name} must be a number from ${min} to ${max}, got "${raw}"`);
  }
  return v;
}
