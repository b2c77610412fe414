/**
 * Storage behind one interface. SQLite (embedded, zero setup) is the default; PostgreSQL is used when a
 * connection URL is given so several stateless server instances can share one database. Both go through
 * Kysely with the same queries; only connection setup and a few column types differ.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type Dialect, Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type { ReportBatch } from '../protocol/index';
import type { Database } from './db-types';
import { type DialectName, migrationProvider } from './migrations';

/** A registered site as the server uses it. */
export interface SiteRecord {
  readonly key: string;
  /** Exact origins (scheme://host[:port]) allowed to embed the widget and post reports. */
  readonly origins: readonly string[];
  readonly createdDay: string;
}

/** Outcome of storing one batch. */
export interface StoreBatchResult {
  readonly stored: number;
  readonly duplicate: boolean;
}

/** Everything the routes need from the database. Later features add methods here, not raw SQL in routes. */
export interface Store {
  readonly dialect: DialectName;
  /** The typed query builder, for aggregation code that outgrows this interface. */
  readonly db: Kysely<Database>;
  /** Brings the schema up to date; safe to call from several instances at once. */
  migrate(): Promise<void>;
  /** True once migrations ran in this process and the database answers. */
  healthy(): Promise<boolean>;
  /** Creates the site or replaces its origins; `day` is only used when the site is new. */
  upsertSite(key: string, origins: readonly string[], day: string): Promise<void>;
  getSite(key: string): Promise<SiteRecord | undefined>;
  listSites(): Promise<SiteRecord[]>;
  /**
   * Stores a batch and its reports in one transaction. A batch id that is already present stores
   * nothing and reports `duplicate`; the primary key decides, so concurrent retries cannot double-count.
   */
  storeBatch(batch: ReportBatch, day: string): Promise<StoreBatchResult>;
  close(): Promise<void>;
}

/** How to reach the database. `databaseUrl` wins over `sqlitePath`. */
export interface StoreOptions {
  /** PostgreSQL connection string (DATABASE_URL). */
  readonly databaseUrl?: string;
  /** SQLite file; created with its parent directory on first open. Defaults to `./data/confide.sqlite`. */
  readonly sqlitePath?: string;
  /**
   * PostgreSQL only: keep every table (and Kysely's migration tables) in this schema, created if
   * missing. Lets tests and co-tenants share one database without colliding.
   */
  readonly pgSchema?: string;
  /** Where to report errors on idle database connections. */
  readonly log?: (message: string) => void;
}

/** Default SQLite location, relative to the working directory. */
export const DEFAULT_SQLITE_PATH = './data/confide.sqlite';

const PG_SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;

/** Opens (but does not migrate) the store the options describe. */
export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const log = options.log ?? ((m: string) => console.error(m));
  if (options.databaseUrl) {
    const schema = options.pgSchema;
    if (schema !== undefined && !PG_SCHEMA.test(schema)) throw new Error(`invalid pgSchema: ${schema}`);
    // Imported lazily so an SQLite-only install never loads pg, and a PostgreSQL one never loads the
    // native SQLite addon.
    const { Pool } = await import('pg');
    const pool = new Pool({
      connectionString: options.databaseUrl,
      max: 10,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    // An idle client dropped by the server would otherwise crash the process with an unhandled 'error'.
    pool.on('error', (err) => log(`[confide] postgres pool error: ${err.message}`));
    return new KyselyStore('postgres', new PostgresDialect({ pool }), schema);
  }

  const file = options.sqlitePath ?? DEFAULT_SQLITE_PATH;
  const { default: SqliteDatabase } = await import('better-sqlite3');
  if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
  const database = new SqliteDatabase(file);
  // WAL lets readers (dashboards, the e2e test, sqlite3 CLI) read while the server writes;
  // NORMAL sync is durable across process crashes in WAL mode, which is what matters here.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  return new KyselyStore('sqlite', new SqliteDialect({ database }));
}

function parseOrigins(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((o): o is string => typeof o === 'string') : [];
  } catch {
    // A hand-edited row must not take the server down; a site with no origins simply embeds nowhere.
    return [];
  }
}

function toSite(row: { key: string; origins: string; created_day: string }): SiteRecord {
  return { key: row.key, origins: parseOrigins(row.origins), createdDay: row.created_day };
}

class KyselyStore implements Store {
  readonly db: Kysely<Database>;
  #migrated = false;

  constructor(
    readonly dialect: DialectName,
    kyselyDialect: Dialect,
    private readonly pgSchema?: string,
  ) {
    this.db = new Kysely<Database>({ dialect: kyselyDialect });
  }

  async migrate(): Promise<void> {
    const migrator = new Migrator({
      db: this.db,
      provider: migrationProvider(this.dialect),
      ...(this.pgSchema ? { migrationTableSchema: this.pgSchema } : {}),
    });
    const { error, results } = await migrator.migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
      throw new Error(`migration ${failed} failed`, { cause: error });
    }
    this.#migrated = true;
  }

  async healthy(): Promise<boolean> {
    if (!this.#migrated) return false;
    try {
      await sql`select 1`.execute(this.db);
      return true;
    } catch {
      return false;
    }
  }

  async upsertSite(key: string, origins: readonly string[], day: string): Promise<void> {
    const json = JSON.stringify(origins);
    await this.db
      .insertInto('sites')
      .values({ key, origins: json, created_day: day })
      .onConflict((oc) => oc.column('key').doUpdateSet({ origins: json }))
      .execute();
  }

  async getSite(key: string): Promise<SiteRecord | undefined> {
    const row = await this.db.selectFrom('sites').selectAll().where('key', '=', key).executeTakeFirst();
    return row ? toSite(row) : undefined;
  }

  async listSites(): Promise<SiteRecord[]> {
    const rows = await this.db.selectFrom('sites').selectAll().orderBy('key').execute();
    return rows.map(toSite);
  }

  storeBatch(batch: ReportBatch, day: string): Promise<StoreBatchResult> {
    return this.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('batches')
        .values({
          batch: batch.batch,
          site: batch.site,
          day,
          model: batch.model,
          reports: batch.reports.length,
        })
        .onConflict((oc) => oc.column('batch').doNothing())
        .returning('batch')
        .executeTakeFirst();
      if (!inserted) return { stored: 0, duplicate: true };

      await trx
        .insertInto('reports')
        .values(
          batch.reports.map((r) => ({
            batch: batch.batch,
            site: batch.site,
            day,
            model: batch.model,
            metric: r.metric,
            encoding: r.encoding,
            domain: r.domain,
            value: r.value,
            epsilon: r.epsilon,
          })),
        )
        .execute();
      return { stored: batch.reports.length, duplicate: false };
    });
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
