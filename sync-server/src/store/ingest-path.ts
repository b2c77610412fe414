/**
 * The per-dialect implementation of the store's two per-report queries (site lookup, batch insert),
 * kept outside Kysely because they run on every request and the query builder's per-call compile,
 * prepare and promise overhead was most of the ingestion cost. Everything else stays on Kysely.
 */
import type { Database as SqliteDatabase } from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Pool } from 'pg';
import type { ReportBatch } from '../../protocol/index';
import type { Database } from './db-types';
import { GroupCommit } from './group-commit';
import { postgresIngest } from './postgres-ingest';
import { type SiteRecord, type StoreBatchResult, toSiteRecord } from './records';
import { SiteCache } from './site-cache';
import { type BatchOutcome, type BatchWrite, type SqliteIngest, sqliteIngest } from './sqlite-ingest';

/** What the store delegates to its dialect's ingestion path. */
export interface IngestPath {
  getSite(key: string): Promise<SiteRecord | undefined>;
  storeBatch(batch: ReportBatch, day: string): Promise<StoreBatchResult>;
  /** Called after this instance changed a site, so its own change is visible at once. */
  siteChanged(key: string): void;
}

/**
 * How long a PostgreSQL instance trusts a looked-up site. Origin or key changes made through
 * another instance take at most this long to apply here; see {@link SiteCache}.
 */
export const SITE_CACHE_TTL_MS = 2000;

const result = (stored: number | undefined): StoreBatchResult =>
  stored === undefined ? { stored: 0, duplicate: true } : { stored, duplicate: false };

/**
 * SQLite: synchronous prepared statements on the handle Kysely shares, and group commit (see
 * {@link GroupCommit}). No site cache: a lookup is a few microseconds, and one embedded database has
 * no other writer to go stale against.
 */
export function sqliteIngestPath(database: SqliteDatabase, db: Kysely<Database>): IngestPath {
  // Prepared on first use, because the tables exist only once the store has been migrated.
  let prepared: SqliteIngest | undefined;
  const statements = () => {
    prepared ??= sqliteIngest(database);
    return prepared;
  };
  const commits = new GroupCommit<BatchWrite, number | undefined>((writes) => {
    // A Kysely transaction holds the connection across awaits; writing now would land inside it.
    // Acquiring the connection through Kysely waits until that transaction has ended.
    if (database.inTransaction) return db.connection().execute(async () => statements().storeBatches(writes));
    return statements().storeBatches(writes);
  });
  return {
    async getSite(key) {
      const row = statements().getSite(key);
      return row ? toSiteRecord(row) : undefined;
    },
    storeBatch: async (batch, day) => result(await commits.submit({ batch, day })),
    siteChanged() {},
  };
}

/**
 * PostgreSQL: one named statement per query, group commit (see {@link GroupCommit}), and a
 * short-TTL site cache (see {@link SiteCache}).
 */
export function postgresIngestPath(pool: Pool): IngestPath {
  const queries = postgresIngest(pool);
  const sites = new SiteCache<SiteRecord>(SITE_CACHE_TTL_MS);
  const load = async (key: string) => {
    const row = await queries.getSite(key);
    return row ? toSiteRecord(row) : undefined;
  };
  const commits = new GroupCommit<BatchWrite, number | undefined>(async (writes) => {
    try {
      return await queries.storeBatches(writes);
    } catch (error) {
      // One statement is all or nothing: when a group fails, retry its batches one by one, in
      // order (so a repeated id is stored by its first occurrence), and a bad batch fails alone.
      if (writes.length === 1) throw error;
      const outcomes: BatchOutcome[] = [];
      for (const w of writes) {
        try {
          const [outcome] = await queries.storeBatches([w]);
          outcomes.push(outcome ?? { error: new Error('no outcome for a stored batch') });
        } catch (err) {
          outcomes.push({ error: err });
        }
      }
      return outcomes;
    }
  });
  return {
    getSite: (key) => sites.get(key, load),
    storeBatch: async (batch, day) => result(await commits.submit({ batch, day })),
    siteChanged: (key) => sites.invalidate(key),
  };
}
