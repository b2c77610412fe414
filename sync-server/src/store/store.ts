/**
 * Storage behind one interface. SQLite (embedded, zero setup) is the default; PostgreSQL is used when a
 * connection URL is given so several stateless server instances can share one database. Both go through
 * Kysely with the same queries, except the two that run on every report (site lookup, batch insert),
 * which `ingest-path.ts` implements per dialect for speed.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type Dialect, Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { type ExperimentSpecs, parseExperimentList } from '../../protocol/experiments';
import type { ReportBatch } from '../../protocol/index';
import type { Database } from './db-types';
import { type IngestPath, postgresIngestPath, sqliteIngestPath } from './ingest-path';
import { type DialectName, migrationProvider } from './migrations';
import { openPostgresPool, withoutStatementTimeout } from './postgres-pool';
import { type AdminTokenInfo, type SiteRecord, type StoreBatchResult, toSiteRecord } from './records';
import {
  addLabelledAdminToken,
  anySiteAllows,
  deleteAdminTokens,
  listAdminTokens,
  moveRows,
  replaceAdminToken,
} from './store-admin-queries';

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
  /** Registers a new site; false, changing nothing, when the key is already taken. */
  createSite(key: string, origins: readonly string[], day: string): Promise<boolean>;
  /** Replaces a registered site's origins; false when the site is not registered. */
  setSiteOrigins(key: string, origins: readonly string[]): Promise<boolean>;
  getSite(key: string): Promise<SiteRecord | undefined>;
  listSites(): Promise<SiteRecord[]>;
  /** Whether any site lists this exact origin: the CORS preflight's question, asked in SQL. */
  anySiteAllows(origin: string): Promise<boolean>;
  /**
   * Gives a site a new key in one transaction: its row, batches, reports, sketch reports and
   * experiments move to `newKey` and `oldKey` is gone. Undefined when `oldKey` is not registered;
   * throws when `newKey` is taken.
   */
  rotateSiteKey(oldKey: string, newKey: string): Promise<SiteRecord | undefined>;
  /**
   * Moves rows still filed under a rotated-away key to its successor; returns how many batches
   * moved. Does nothing when `oldKey` was registered again or `newKey` is gone.
   */
  moveSiteHistory(oldKey: string, newKey: string): Promise<number>;
  /** The site's experiments (empty when it runs none); undefined when the site is not registered. */
  getExperiments(key: string): Promise<ExperimentSpecs | undefined>;
  /** Replaces the site's experiments; false when the site is not registered. */
  setExperiments(key: string, experiments: ExperimentSpecs): Promise<boolean>;
  /**
   * Stores a batch and its reports in one transaction. A batch id that is already present stores
   * nothing and reports `duplicate`; the primary key decides, so concurrent retries cannot double-count.
   */
  storeBatch(batch: ReportBatch, day: string): Promise<StoreBatchResult>;
  /** Keeps an admin token's SHA-256 hash (hex) under a label; a hash already kept is left alone. */
  addAdminToken(hash: string, label: string, day: string): Promise<void>;
  /** Whether an admin token with this hash exists. The token itself is never stored. */
  hasAdminToken(hash: string): Promise<boolean>;
  /** Every token's label and day, oldest first. */
  listAdminTokens(): Promise<AdminTokenInfo[]>;
  /** Adds a token under a label no other token has; false, adding nothing, when the label is taken. */
  addLabelledAdminToken(hash: string, label: string, day: string): Promise<boolean>;
  /** Makes `hash` the only token under `label` (e.g. the env or demo token after a restart). */
  replaceAdminToken(hash: string, label: string, day: string): Promise<void>;
  /**
   * Deletes every token under `label`. Refuses (`last`) when none would remain, so an operator
   * cannot lock everyone out; `0` when no token has the label.
   */
  deleteAdminTokens(label: string): Promise<number | 'last'>;
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
  /** PostgreSQL only: wait for a connection at most this long, ms (default 5 s). */
  readonly pgConnectTimeoutMs?: number;
  /** PostgreSQL only: `statement_timeout` of every query but the migrations, ms (default 10 s; 0: none). */
  readonly pgStatementTimeoutMs?: number;
  /** SQLite only: how long a statement waits for another connection's lock, ms (default 5 s). */
  readonly sqliteBusyTimeoutMs?: number;
  /** Where to report errors on idle database connections. */
  readonly log?: (message: string) => void;
}

/** Default SQLite location, relative to the working directory. */
export const DEFAULT_SQLITE_PATH = './data/confide.sqlite';
/**
 * Default SQLite busy timeout, ms. better-sqlite3 waits synchronously, so while another connection
 * holds the write lock this instance answers nothing else; past it the write fails as SQLITE_BUSY,
 * which the app answers 503.
 */
export const DEFAULT_SQLITE_BUSY_TIMEOUT_MS = 5_000;

const PG_SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;

/** Opens (but does not migrate) the store the options describe. */
export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const log = options.log ?? ((m: string) => console.error(m));
  if (options.databaseUrl) {
    const schema = options.pgSchema;
    if (schema !== undefined && !PG_SCHEMA.test(schema)) throw new Error(`invalid pgSchema: ${schema}`);
    // A PostgreSQL install never loads the native SQLite addon (imported lazily below).
    const pool = await openPostgresPool({
      databaseUrl: options.databaseUrl,
      ...(schema ? { schema } : {}),
      ...(options.pgConnectTimeoutMs === undefined ? {} : { connectTimeoutMs: options.pgConnectTimeoutMs }),
      ...(options.pgStatementTimeoutMs === undefined
        ? {}
        : { statementTimeoutMs: options.pgStatementTimeoutMs }),
      log,
    });
    return new KyselyStore('postgres', new PostgresDialect({ pool }), () => postgresIngestPath(pool), schema);
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
  const busyMs = options.sqliteBusyTimeoutMs ?? DEFAULT_SQLITE_BUSY_TIMEOUT_MS;
  if (!Number.isInteger(busyMs) || busyMs < 0) throw new RangeError(`invalid sqliteBusyTimeoutMs: ${busyMs}`);
  database.pragma(`busy_timeout = ${busyMs}`);
  return new KyselyStore('sqlite', new SqliteDialect({ database }), (db) => sqliteIngestPath(database, db));
}

class KyselyStore implements Store {
  readonly db: Kysely<Database>;
  readonly #ingest: IngestPath;
  #migrated = false;

  constructor(
    readonly dialect: DialectName,
    kyselyDialect: Dialect,
    ingest: (db: Kysely<Database>) => IngestPath,
    private readonly pgSchema?: string,
  ) {
    this.db = new Kysely<Database>({ dialect: kyselyDialect });
    this.#ingest = ingest(this.db);
  }

  async migrate(): Promise<void> {
    const run = (db: Kysely<Database>) =>
      new Migrator({
        db,
        provider: migrationProvider(this.dialect),
        ...(this.pgSchema ? { migrationTableSchema: this.pgSchema } : {}),
      }).migrateToLatest();
    const { error, results } =
      this.dialect === 'postgres' ? await withoutStatementTimeout(this.db, run) : await run(this.db);
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
    this.#ingest.siteChanged(key);
  }

  async createSite(key: string, origins: readonly string[], day: string): Promise<boolean> {
    const inserted = await this.db
      .insertInto('sites')
      .values({ key, origins: JSON.stringify(origins), created_day: day })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    this.#ingest.siteChanged(key);
    return (inserted.numInsertedOrUpdatedRows ?? 0n) > 0n;
  }

  async setSiteOrigins(key: string, origins: readonly string[]): Promise<boolean> {
    const result = await this.db
      .updateTable('sites')
      .set({ origins: JSON.stringify(origins) })
      .where('key', '=', key)
      .executeTakeFirst();
    this.#ingest.siteChanged(key);
    return result.numUpdatedRows > 0n;
  }

  getSite(key: string): Promise<SiteRecord | undefined> {
    return this.#ingest.getSite(key);
  }

  async rotateSiteKey(oldKey: string, newKey: string): Promise<SiteRecord | undefined> {
    const moved = await this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('sites').selectAll().where('key', '=', oldKey).executeTakeFirst();
      if (!row) return undefined;
      await trx
        .insertInto('sites')
        .values({ ...row, key: newKey })
        .execute();
      await moveRows(trx, oldKey, newKey);
      await trx.deleteFrom('sites').where('key', '=', oldKey).execute();
      return toSiteRecord({ ...row, key: newKey });
    });
    this.#ingest.siteChanged(oldKey);
    this.#ingest.siteChanged(newKey);
    return moved;
  }

  moveSiteHistory(oldKey: string, newKey: string): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      // A key registered again since the rotation owns its rows, and a successor that is itself gone
      // (rotated again) must not collect rows: either way the rows are not this rotation's to move.
      const keys = await trx.selectFrom('sites').select('key').where('key', 'in', [oldKey, newKey]).execute();
      return keys.length === 1 && keys[0]?.key === newKey ? moveRows(trx, oldKey, newKey) : 0;
    });
  }

  async listSites(): Promise<SiteRecord[]> {
    const rows = await this.db.selectFrom('sites').selectAll().orderBy('key').execute();
    return rows.map(toSiteRecord);
  }

  async getExperiments(key: string): Promise<ExperimentSpecs | undefined> {
    const row = await this.db
      .selectFrom('sites')
      .select('experiments')
      .where('key', '=', key)
      .executeTakeFirst();
    if (!row) return undefined;
    if (!row.experiments) return [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(row.experiments);
    } catch {
      parsed = undefined;
    }
    // A damaged row serves no experiments rather than specs the worker would reject or misbucket.
    return parseExperimentList(parsed) ?? [];
  }

  async setExperiments(key: string, experiments: ExperimentSpecs): Promise<boolean> {
    const checked = parseExperimentList(experiments);
    if (!checked) throw new RangeError('invalid experiment list');
    const result = await this.db
      .updateTable('sites')
      .set({ experiments: checked.length === 0 ? null : JSON.stringify(checked) })
      .where('key', '=', key)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  storeBatch(batch: ReportBatch, day: string): Promise<StoreBatchResult> {
    return this.#ingest.storeBatch(batch, day);
  }

  async addAdminToken(hash: string, label: string, day: string): Promise<void> {
    await this.db
      .insertInto('admin_tokens')
      .values({ hash, label, created_day: day })
      .onConflict((oc) => oc.column('hash').doNothing())
      .execute();
  }

  async hasAdminToken(hash: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('admin_tokens')
      .select('hash')
      .where('hash', '=', hash)
      .executeTakeFirst();
    return row !== undefined;
  }

  anySiteAllows(origin: string): Promise<boolean> {
    return anySiteAllows(this.db, this.dialect, origin);
  }

  listAdminTokens(): Promise<AdminTokenInfo[]> {
    return listAdminTokens(this.db);
  }

  addLabelledAdminToken(hash: string, label: string, day: string): Promise<boolean> {
    return addLabelledAdminToken(this.db, hash, label, day);
  }

  replaceAdminToken(hash: string, label: string, day: string): Promise<void> {
    return replaceAdminToken(this.db, hash, label, day);
  }

  deleteAdminTokens(label: string): Promise<number | 'last'> {
    return deleteAdminTokens(this.db, this.dialect, label);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
