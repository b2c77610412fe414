/**
 * Timestamp parsing for interaction exports. Only unambiguous forms are accepted: `Date.parse` on
 * arbitrary strings is implementation-defined, and a silently misread date would corrupt the
 * temporal split without any visible error.
 */

/** How the time column is written. `auto` decides per value. */
export type TimeFormat = 'auto' | 'epoch-s' | 'epoch-ms' | 'iso';

/** The formats accepted by {@link parseTimestamp}, for flag validation. */
export const TIME_FORMATS: readonly TimeFormat[] = ['auto', 'epoch-s', 'epoch-ms', 'iso'];

// Below this an all-digit value is read as seconds: 1e11 s is the year 5138, 1e11 ms is 1973.
const EPOCH_SECONDS_LIMIT = 1e11;
const NUMERIC = /^-?\d+(\.\d+)?$/;
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Parses one timestamp to epoch milliseconds, or returns `null` if it is not a valid time.
 * Date-times without a zone are read as UTC: exports such as UCI Online Retail store the shop's
 * wall-clock time, and reading it in the trainer's local zone would make results machine-dependent.
 */
export function parseTimestamp(raw: string, format: TimeFormat = 'auto'): number | null {
  const value = raw.trim();
  if (value === '') return null;
  if (NUMERIC.test(value)) {
    if (format === 'iso') return null;
    const n = Number(value);
    const ms =
      format === 'epoch-ms' || (format === 'auto' && Math.abs(n) >= EPOCH_SECONDS_LIMIT) ? n : n * 1000;
    return Number.isFinite(ms) ? Math.round(ms) : null;
  }
  if (format === 'epoch-s' || format === 'epoch-ms') return null;
  return parseIso(value);
}

function parseIso(value: string): number | null {
  const m = ISO.exec(value);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const ms = Number(`0.${frac || '0'}`) * 1000;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Date.UTC rolls 31 February over into March; reject instead of guessing.
  if (new Date(utc).getUTCDate() !== day) return null;
  return utc - zoneOffsetMs(zone);
}

function zoneOffsetMs(zone: string | undefined): number {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
}
