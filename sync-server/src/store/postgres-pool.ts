/**
 * The PostgreSQL connection pool, with bounded waits. Without a connect timeout a request waited as
 * long as the kernel kept retrying a dead database host; without a statement timeout a query stuck
 * behind a lock held the request (and a pooled connection) indefinitely. Both now fail within
 * seconds with errors the app answers 503 + Retry-After (see http/db-unavailable.ts), so clients keep
 * their batches and retry instead of piling up open requests.
 */
import { type Kysely, sql } from 'kysely';
import type { Pool } from 'pg';

/** Default wait for a connection (a new one, or a free one when all are busy), ms. */
export const DEFAULT_PG_CONNECT_TIMEOUT_MS = 5_000;
/** Default PostgreSQL `statement_timeout` for the server's queries, ms. */
export const DEFAULT_PG_STATEMENT_TIMEOUT_MS = 10_000;

/** What the pool is opened with. */
export interface PostgresPoolOptions {
  readonly databaseUrl: string;
  /** Schema put first on every connection's `search_path`; already validated by the caller. */
  readonly schema?: string;
  /** Default {@link DEFAULT_PG_CONNECT_TIMEOUT_MS}. */
  readonly connectTimeoutMs?: number;
  /** Default {@link DEFAULT_PG_STATEMENT_TIMEOUT_MS}; 0 turns the limit off. */
  readonly statementTimeoutMs?: number;
  /** Where errors on idle connections are reported. */
  readonly log: (message: string) => void;
}

/** Opens the pool (connections are made on first use). */
export async function openPostgresPool(options: PostgresPoolOptions): Promise<Pool> {
  // Imported lazily so an SQLite-only install never loads pg.
  const { Pool } = await import('pg');
  const pool = new Pool({
    connectionString: options.databaseUrl,
    max: 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_PG_CONNECT_TIMEOUT_MS,
    // Sent as a startup parameter, so it holds for every statement on every pooled connection.
    statement_timeout: options.statementTimeoutMs ?? DEFAULT_PG_STATEMENT_TIMEOUT_MS,
    // A database host that vanished without closing the connection is noticed by the kernel.
    keepAlive: true,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle client dropped by the server would otherwise crash the process with an unhandled 'error'.
  pool.on('error', (err) => options.log(`[confide] postgres pool error: ${err.message}`));
  return pool;
}

/**
 * Runs `task` on one connection without the statement timeout: migrations may rewrite large tables
 * or wait for another instance's migration lock, which must not fail a start after ten seconds.
 */
export async function withoutStatementTimeout<DB, T>(
  db: Kysely<DB>,
  task: (connection: Kysely<DB>) => Promise<T>,
): Promise<T> {
  return db.connection().execute(async (connection) => {
    await sql`set statement_timeout = 0`.execute(connection);
    try {
      return await task(connection);
    } finally {
      // Back to the startup value before the connection returns to the pool.
      await sql`reset statement_timeout`.execute(connection).catch(() => undefined);
    }
  });
}
