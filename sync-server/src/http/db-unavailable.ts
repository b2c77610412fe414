/**
 * Which errors mean "the database cannot be reached or cannot answer right now" rather than a bug.
 * Those are answered 503 with Retry-After (see app.ts): the request was fine and will succeed once
 * the database is back, so a client keeps its batch and retries instead of counting a server bug.
 * Matched by error code where the driver gives one, by message where node-postgres does not.
 */

/** Seconds a client is asked to wait after a database outage answer. */
export const DB_RETRY_AFTER_SECONDS = 5;

/** Socket errors: the database host refused, reset, timed out or could not be resolved. */
const NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * PostgreSQL SQLSTATEs: class 08 (connection exception), 53 (insufficient resources: too many
 * connections, out of memory, disk full), 57014 (cancelled: the statement timeout), 57P01–57P05
 * (shut down, terminated by an administrator, starting up, ...), 55P03 (lock timeout), 25P03 (idle in
 * transaction timeout) and 58030 (I/O error).
 */
const PG_STATE = /^(08[0-9A-Z]{3}|53[0-9A-Z]{3}|57014|57P0[1-5]|55P03|25P03|58030)$/;

/** SQLite result codes, extended ones included: locked beyond the busy timeout, I/O, disk full. */
const SQLITE_CODE = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|PROTOCOL)(_|$)/;

/** node-postgres and pg-pool errors that carry no code, and a store used while it shuts down. */
const MESSAGES = [
  /^timeout exceeded when trying to connect/i,
  /^Connection terminated/i,
  /^Client has encountered a connection error/i,
  /^Client was closed and is not queryable/i,
  /^Query read timeout/i,
  /^Cannot use a pool after calling end/i,
  /^The database connection is not open/i,
];

function matches(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (
    typeof code === 'string' &&
    (NETWORK_CODES.has(code) || PG_STATE.test(code) || SQLITE_CODE.test(code))
  ) {
    return true;
  }
  return typeof message === 'string' && MESSAGES.some((m) => m.test(message));
}

/**
 * True when `error`, or an error it wraps (`cause`, or the attempts of an `AggregateError`, which
 * Node throws when every address of a host refused), is a database outage.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 5 || typeof error !== 'object' || error === null) return false;
  if (matches(error)) return true;
  const { cause, errors } = error as { cause?: unknown; errors?: unknown };
  if (isDatabaseUnavailable(cause, depth + 1)) return true;
  return Array.isArray(errors) && errors.some((e) => isDatabaseUnavailable(e, depth + 1));
}
