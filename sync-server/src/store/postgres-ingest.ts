/**
 * The PostgreSQL hot path of report ingestion. Through Kysely a batch took four round trips on one
 * pooled connection (begin, insert batch, insert reports, commit) and a commit (a WAL flush) each;
 * here a whole group of batches (see `group-commit.ts`) is one named prepared statement: a
 * data-modifying CTE inserts the batches and then only the reports of the batches that were new.
 * One statement is one implicit transaction, and the primary key still decides idempotency, also
 * against concurrent retries on another instance.
 */
import type { Pool } from 'pg';
import type { SitesTable } from './db-types';
import type { BatchOutcome, BatchWrite } from './sqlite-ingest';

/** The two queries every report request makes, on PostgreSQL. */
export interface PostgresIngest {
  getSite(key: string): Promise<SitesTable | undefined>;
  /** Per write, in order: reports stored, or `undefined` when its batch id already existed. */
  storeBatches(writes: readonly BatchWrite[]): Promise<BatchOutcome[]>;
}

const SELECT_SITE = 'select key, origins, created_day from sites where key = $1';

// `inserted` holds only the batch ids that did not exist, so a duplicate's reports are skipped. The
// foreign keys are checked at the end of the statement, after the inserts, so reports may reference
// batches inserted alongside them.
const INSERT_BATCHES = `with inserted as (
  insert into batches (batch, site, day, model, reports)
  select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::integer[])
  on conflict (batch) do nothing
  returning batch
)`;
const INSERT_CATEGORICAL = `categorical as (
  insert into reports (batch, site, day, model, metric, encoding, domain, value, epsilon, experiment)
  select r.batch, r.site, r.day, r.model, r.metric, r.encoding, r.domain, r.value, r.epsilon, r.experiment
  from unnest($6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::integer[],
              $13::integer[], $14::double precision[], $15::text[])
    with ordinality as r(batch, site, day, model, metric, encoding, domain, value, epsilon, experiment, n)
  where r.batch in (select batch from inserted)
  order by r.n
  returning batch
)`;
const INSERT_SKETCHES = `sketches as (
  insert into sketch_reports (batch, site, day, model, metric, hashes, buckets, row_index, bits, epsilon)
  select s.batch, s.site, s.day, s.model, s.metric, s.hashes, s.buckets, s.row_index, s.bits, s.epsilon
  from unnest($16::text[], $17::text[], $18::text[], $19::text[], $20::text[], $21::integer[],
              $22::integer[], $23::integer[], $24::text[], $25::double precision[])
    with ordinality as s(batch, site, day, model, metric, hashes, buckets, row_index, bits, epsilon, n)
  where s.batch in (select batch from inserted)
  order by s.n
  returning batch
)`;
// Most groups carry no sketch (a device sends one a day): they use the statement without the sketch
// insert, whose empty unnest and union otherwise cost about a fifth of PostgreSQL ingestion.
const STORE_CATEGORICAL = `${INSERT_BATCHES}, ${INSERT_CATEGORICAL}
select batch from categorical`;
const STORE_WITH_SKETCHES = `${INSERT_BATCHES}, ${INSERT_CATEGORICAL}, ${INSERT_SKETCHES}
select batch from categorical union all select batch from sketches`;

/** Named statements on the pool; each pooled connection prepares them once, on first use. */
export function postgresIngest(pool: Pool): PostgresIngest {
  return {
    async getSite(key) {
      const { rows } = await pool.query<SitesTable>({
        name: 'confide_get_site',
        text: SELECT_SITE,
        values: [key],
      });
      return rows[0];
    },
    async storeBatches(writes) {
      // A batch id twice in one group would pass `on conflict` twice within one statement and store
      // its reports twice; only its first occurrence is written, the others are duplicates.
      const first = new Map<string, BatchWrite>();
      for (const w of writes) if (!first.has(w.batch.batch)) first.set(w.batch.batch, w);
      const unique = [...first.values()];
      const pairs = unique.flatMap((w) => w.batch.reports.map((r) => ({ w, r })));
      const krr = pairs.flatMap(({ w, r }) => (r.encoding === 'krr' ? [{ w, r }] : []));
      const cms = pairs.flatMap(({ w, r }) => (r.encoding === 'cms' ? [{ w, r }] : []));
      const categorical = [
        unique.map((w) => w.batch.batch),
        unique.map((w) => w.batch.site),
        unique.map((w) => w.day),
        unique.map((w) => w.batch.model),
        unique.map((w) => w.batch.reports.length),
        krr.map(({ w }) => w.batch.batch),
        krr.map(({ w }) => w.batch.site),
        krr.map(({ w }) => w.day),
        krr.map(({ w }) => w.batch.model),
        krr.map(({ r }) => r.metric),
        krr.map(({ r }) => r.encoding),
        krr.map(({ r }) => r.domain),
        krr.map(({ r }) => r.value),
        krr.map(({ r }) => r.epsilon),
        krr.map(({ r }) => r.experiment ?? null),
      ];
      const sketches = [
        cms.map(({ w }) => w.batch.batch),
        cms.map(({ w }) => w.batch.site),
        cms.map(({ w }) => w.day),
        cms.map(({ w }) => w.batch.model),
        cms.map(({ r }) => r.metric),
        cms.map(({ r }) => r.hashes),
        cms.map(({ r }) => r.buckets),
        cms.map(({ r }) => r.row),
        cms.map(({ r }) => r.bits),
        cms.map(({ r }) => r.epsilon),
      ];
      const { rows } = await pool.query<{ batch: string }>(
        cms.length === 0
          ? { name: 'confide_store_batches', text: STORE_CATEGORICAL, values: categorical }
          : {
              name: 'confide_store_batches_cms',
              text: STORE_WITH_SKETCHES,
              values: [...categorical, ...sketches],
            },
      );
      const stored = new Map<string, number>();
      for (const { batch } of rows) stored.set(batch, (stored.get(batch) ?? 0) + 1);
      // Every batch carries at least one report (schema), so no stored report means a duplicate id.
      return writes.map((w) => ({
        stored: first.get(w.batch.batch) === w ? stored.get(w.batch.batch) : undefined,
      }));
    },
  };
}
