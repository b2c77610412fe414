/**
 * The SQLite hot path of report ingestion: statements prepared once and run synchronously on the
 * better-sqlite3 handle Kysely also uses. Going through Kysely cost five compiled-and-prepared
 * statements and as many promise hops per batch (site lookup, begin, two inserts, commit), which
 * dominated the ingestion profile; here batches are written synchronously over four cached
 * statements, and the batches that arrive together share one commit (see `group-commit.ts`).
 */
import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import type { ReportBatch } from '../../protocol/index';
import type { SitesTable } from './db-types';
import type { WriteOutcome } from './group-commit';

/** A batch to store and the server-assigned day to store it under. */
export interface BatchWrite {
  readonly batch: ReportBatch;
  readonly day: string;
}

/** Per batch: reports stored, `undefined` for an already-stored id, or why it could not be stored. */
export type BatchOutcome = WriteOutcome<number | undefined>;

/** Prepared statements for the two queries every report request makes. */
export interface SqliteIngest {
  /** The site row for `key`, if any. */
  getSite(key: string): SitesTable | undefined;
  /**
   * Stores several batches in one transaction (one WAL commit); when one of them fails, each is
   * retried in a transaction of its own, so a bad batch never takes the others down with it.
   * Throws when another transaction is open on the handle: the caller must then wait for it, or
   * the writes would become part of someone else's transaction and vanish with its rollback.
   */
  storeBatches(writes: readonly BatchWrite[]): BatchOutcome[];
}

/** Prepares the ingestion statements on an open, migrated database. */
export function sqliteIngest(database: SqliteDatabase): SqliteIngest {
  const selectSite: Statement<[string], SitesTable> = database.prepare(
    'select key, origins, created_day from sites where key = ?',
  );
  // `on conflict do nothing` makes the primary key the idempotency check: zero changes means the
  // batch was already stored, with no read-then-write race.
  const insertBatch = database.prepare(
    'insert into batches (batch, site, day, model, reports) values (?, ?, ?, ?, ?) on conflict (batch) do nothing',
  );
  const insertReport = database.prepare(
    'insert into reports (batch, site, day, model, metric, encoding, domain, value, epsilon, experiment) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertSketch = database.prepare(
    'insert into sketch_reports (batch, site, day, model, metric, hashes, buckets, row_index, bits, epsilon) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );

  const writeOne = ({ batch, day }: BatchWrite): number | undefined => {
    const { changes } = insertBatch.run(batch.batch, batch.site, day, batch.model, batch.reports.length);
    if (changes === 0) return undefined;
    const { batch: id, site, model } = batch;
    for (const r of batch.reports) {
      if (r.encoding === 'cms') {
        insertSketch.run(id, site, day, model, r.metric, r.hashes, r.buckets, r.row, r.bits, r.epsilon);
      } else {
        const { metric, encoding, domain, value, epsilon } = r;
        insertReport.run(
          id,
          site,
          day,
          model,
          metric,
          encoding,
          domain,
          value,
          epsilon,
          r.experiment ?? null,
        );
      }
    }
    return batch.reports.length;
  };
  const storeOne = database.transaction(writeOne);
  // No savepoint per batch on the common path: they cost as much as the inserts. A failure rolls
  // the whole group back, and the batches are then retried one transaction each, in order, so a
  // bad batch fails alone and a repeated id is still stored by its first occurrence.
  const storeAll = database.transaction((writes: readonly BatchWrite[]) => writes.map(writeOne));
  const storeEach = (writes: readonly BatchWrite[]): BatchOutcome[] =>
    writes.map((write) => {
      try {
        return { stored: storeOne(write) };
      } catch (error) {
        return { error };
      }
    });

  return {
    getSite: (key) => selectSite.get(key),
    storeBatches(writes) {
      if (database.inTransaction) {
        throw new Error('sqliteIngest.storeBatches called inside an open transaction');
      }
      if (writes.length === 1) return storeEach(writes);
      try {
        return storeAll(writes).map((stored) => ({ stored }));
      } catch {
        return storeEach(writes);
      }
    },
  };
}
