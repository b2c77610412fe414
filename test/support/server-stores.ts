/**
 * Shared fixtures for the sync server's tests: temp folders, sample batches, and stores on both
 * dialects. PostgreSQL is probed, not assumed; each store gets its own schema so parallel test files
 * and repeated runs never see each other's rows.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Manifest } from '../../models/features';
import {
  intentDomain,
  type Report,
  type ReportBatch,
  reportEpsilon,
  segmentDomain,
} from '../../sync-server/protocol/index';
import { encodeTableItem } from '../../sync-server/protocol/report-encode';
import { openStore, type Store, type StoreOptions } from '../../sync-server/src/store';

/** A fresh temp folder and its cleanup. */
export async function tempDir(
  prefix = 'confide-sync-',
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** The model a server started with the default models folder serves: its version and counts. */
export const SERVED_MODEL = (() => {
  const m = JSON.parse(readFileSync('models/artifacts/manifest.json', 'utf8')) as Manifest;
  return {
    version: m.version,
    segments: m.models.segment?.segments.length ?? 0,
    intents: m.models.intent?.labels.length ?? 0,
  };
})();

/**
 * A valid batch with a fresh id, as the metric table requires for the served model (a segment and an
 * intent report); `overrides` replace top-level fields.
 */
export function sampleBatch(overrides: Partial<ReportBatch> = {}): ReportBatch {
  const segments = segmentDomain(SERVED_MODEL.segments);
  const intents = intentDomain(SERVED_MODEL.intents);
  return {
    site: 'demo',
    batch: randomUUID(),
    schema: 1,
    model: SERVED_MODEL.version,
    reports: [
      {
        metric: 'segment_share',
        encoding: 'krr',
        domain: segments,
        value: segments - 2,
        epsilon: reportEpsilon('segment_share', segments),
      },
      {
        metric: 'intent_count',
        encoding: 'krr',
        domain: intents,
        value: 0,
        epsilon: reportEpsilon('intent_count', intents),
      },
    ],
    ...overrides,
  };
}

/** An `item_popularity` sketch report as the metric table requires, of a day without a view. */
export function sampleSketchReport(): Report {
  return encodeTableItem(null);
}

const PG_CANDIDATES = [
  process.env.CONFIDE_TEST_DATABASE_URL,
  'postgres://postgres@127.0.0.1:5432/test',
  'postgres://root@127.0.0.1:5432/test',
].filter((u): u is string => Boolean(u));

/** Why PostgreSQL tests cannot run, or the URL they use. */
export type PgProbe = { url: string; reason?: undefined } | { url?: undefined; reason: string };

/** Finds a reachable PostgreSQL among CONFIDE_TEST_DATABASE_URL and the local defaults. */
export async function probePostgres(): Promise<PgProbe> {
  const { Client } = await import('pg');
  const failures: string[] = [];
  for (const url of PG_CANDIDATES) {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 1500 });
    try {
      await client.connect();
      await client.query('select 1');
      return { url };
    } catch (err) {
      failures.push(
        `${url.replace(/\/\/[^@]*@/, '//…@')}: ${err instanceof Error ? err.message : String(err)}`,
      );
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  return { reason: `no PostgreSQL reachable (${failures.join('; ')})` };
}

/** A store under test and how to dispose of it. */
export interface TestStore {
  readonly store: Store;
  /** Empties every table, so one store (and one PostgreSQL schema) can serve a whole file. */
  readonly reset: () => Promise<void>;
  readonly dispose: () => Promise<void>;
}

function resetter(store: Store): () => Promise<void> {
  return async () => {
    await store.db.deleteFrom('reports').execute();
    await store.db.deleteFrom('sketch_reports').execute();
    await store.db.deleteFrom('sketch_tallies').execute();
    await store.db.deleteFrom('batches').execute();
    await store.db.deleteFrom('sites').execute();
    await store.db.deleteFrom('admin_tokens').execute();
  };
}

/** Store options a test may set besides where the database is (e.g. timeouts). */
export type TestStoreOptions = Omit<StoreOptions, 'databaseUrl' | 'sqlitePath' | 'pgSchema'>;

/** A migrated SQLite store in a new temp folder (in a nested path, to exercise directory creation). */
export async function sqliteTestStore(options: TestStoreOptions = {}): Promise<TestStore & { path: string }> {
  const { dir, cleanup } = await tempDir();
  const path = join(dir, 'nested', 'confide.sqlite');
  const store = await openStore({ log: () => undefined, ...options, sqlitePath: path });
  await store.migrate();
  return {
    store,
    path,
    reset: resetter(store),
    dispose: async () => {
      await store.close();
      await cleanup();
    },
  };
}

/** A migrated PostgreSQL store in a schema of its own, dropped on dispose. */
export async function postgresTestStore(
  url: string,
  options: TestStoreOptions = {},
): Promise<TestStore & { schema: string }> {
  const schema = `confide_test_${process.pid}_${randomUUID().slice(0, 8)}`;
  const store = await openStore({ log: () => undefined, ...options, databaseUrl: url, pgSchema: schema });
  await store.migrate();
  return {
    store,
    schema,
    reset: resetter(store),
    dispose: async () => {
      await store.close();
      const { Client } = await import('pg');
      const client = new Client({ connectionString: url });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    },
  };
}

/** Row counts of the two data tables: what "nothing stored" is checked against. */
export async function countRows(
  store: Store,
): Promise<{ batches: number; reports: number; sketches: number }> {
  const count = async (table: 'batches' | 'reports' | 'sketch_reports') => {
    const row = await store.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    // PostgreSQL returns count(*) as a bigint string.
    return Number(row.n);
  };
  return {
    batches: await count('batches'),
    reports: await count('reports'),
    sketches: await count('sketch_reports'),
  };
}

/**
 * Both store backends for a test file. PostgreSQL is marked skipped, with a warning naming the reason,
 * when the machine's server is absent, so a missing database is said out loud rather than passed over.
 */
export async function storeBackends(what: string) {
  const pg = await probePostgres();
  if (pg.reason) console.warn(`[sync-server] PostgreSQL ${what} tests SKIPPED: ${pg.reason}`);
  return [
    { name: 'sqlite', skip: false, open: sqliteTestStore },
    { name: 'postgres', skip: !pg.url, open: () => postgresTestStore(pg.url ?? '') },
  ] as const;
}
