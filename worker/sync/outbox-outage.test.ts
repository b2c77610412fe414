/**
 * The outage test: the worker's outbox against the REAL sync server while its database is down,
 * SQLite locked by another connection and PostgreSQL stopped (every connection cut, new ones refused).
 * The server answers 503 with Retry-After; the outbox keeps every batch, sends nothing before the
 * wait is over, and once the database is back delivers each batch exactly once.
 */
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../sync-server/src/app/server';
import { DB_RETRY_AFTER_SECONDS } from '../../sync-server/src/http';
import { startFaultProxy } from '../../test/support/fault-proxy';
import { probePostgres, sampleBatch, tempDir } from '../../test/support/server-stores';
import { startTcpProxy } from '../../test/support/tcp-proxy';
import { openStore } from '../storage';
import { buildBatches, flushOutbox, MAX_OUTBOX_BATCHES } from './outbox';
import { emptyLedger } from './privacy-ledger';

const ORIGIN = 'http://worker.test';
const pg = await probePostgres();
if (pg.reason) console.warn(`[worker] PostgreSQL outbox outage test SKIPPED: ${pg.reason}`);

/** A running server and how to take its database down and bring it back. */
interface Backend {
  readonly url: string;
  readonly batchIds: () => Promise<string[]>;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

async function sqliteBackend(): Promise<Backend> {
  const { dir, cleanup } = await tempDir('confide-outage-');
  const sqlitePath = join(dir, 'db.sqlite');
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    sqlitePath,
    sqliteBusyTimeoutMs: 50,
    sites: [{ key: 'demo', origins: [ORIGIN] }],
    rateLimits: false,
    log: () => undefined,
  });
  const locker = new Database(sqlitePath);
  return {
    url: server.url,
    batchIds: async () =>
      (await server.store.db.selectFrom('batches').select('batch').execute()).map((r) => r.batch),
    down: async () => void locker.exec('BEGIN EXCLUSIVE'),
    up: async () => void locker.exec('ROLLBACK'),
    async close() {
      locker.close();
      await server.close();
      await cleanup();
    },
  };
}

async function postgresBackend(url: string): Promise<Backend> {
  const target = new URL(url);
  const tcp = await startTcpProxy(target.hostname, Number(target.port || 5432));
  const through = new URL(url);
  through.hostname = '127.0.0.1';
  through.port = String(tcp.port);
  const schema = `confide_outage_${process.pid}_${randomUUID().slice(0, 8)}`;
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    databaseUrl: through.toString(),
    pgSchema: schema,
    pgConnectTimeoutMs: 1_000,
    sites: [{ key: 'demo', origins: [ORIGIN] }],
    rateLimits: false,
    log: () => undefined,
  });
  return {
    url: server.url,
    batchIds: async () =>
      (await server.store.db.selectFrom('batches').select('batch').execute()).map((r) => r.batch),
    down: () => tcp.stop(),
    up: () => tcp.start(),
    async close() {
      await tcp.start();
      await server.store.db.schema.dropSchema(schema).ifExists().cascade().execute();
      await server.close();
      await tcp.close();
    },
  };
}

describe.each([
  { kind: 'sqlite (locked)', skip: false, open: sqliteBackend },
  { kind: 'postgres (stopped)', skip: !pg.url, open: () => postgresBackend(pg.url ?? '') },
])('outbox during a database outage: $kind', ({ skip, open }) => {
  it.skipIf(skip)(
    'keeps the batches on 503, waits for Retry-After, and delivers each once the database is back',
    async () => {
      globalThis.indexedDB = new IDBFactory();
      const backend = await open();
      // Adds the Origin a browser sends; passes everything else through.
      const proxy = await startFaultProxy(backend.url, ORIGIN, () => 'pass');
      const store = await openStore({ create: true });
      if (!store) throw new Error('no store');
      let clock = Date.UTC(2026, 10, 22, 8);
      const opts = { now: () => clock, locks: null, online: () => true, uniform: () => 0 } as const;
      try {
        const { model, reports } = sampleBatch();
        const entries = [0, 1].flatMap((i) => buildBatches('demo', model, reports, clock + i));
        await store.outbox.enqueue(
          () => ({
            entries,
            ledger: emptyLedger(clock),
            reported: { version: 1, day: '2026-11-22', keys: [] },
          }),
          MAX_OUTBOX_BATCHES,
        );

        await backend.down();
        const failed = await flushOutbox(store.outbox, proxy.url, opts);
        expect(failed).toEqual({
          sent: 0,
          rejected: 0,
          pending: 2,
          skipped: 'backoff',
          retryAt: clock + DB_RETRY_AFTER_SECONDS * 1000,
        });
        expect(proxy.statuses).toEqual([503]);
        expect((await store.outbox.list()).map((e) => [e.id, e.attempts])).toEqual([
          [entries[0]?.id, 1],
          [entries[1]?.id, 0],
        ]);

        // Not before Retry-After, even with the database back.
        await backend.up();
        clock += DB_RETRY_AFTER_SECONDS * 1000 - 1;
        expect(await flushOutbox(store.outbox, proxy.url, opts)).toMatchObject({
          sent: 0,
          skipped: 'backoff',
        });
        expect(proxy.log).toHaveLength(1);

        clock += 1;
        expect(await flushOutbox(store.outbox, proxy.url, opts)).toEqual({
          sent: 2,
          rejected: 0,
          pending: 0,
        });
        expect(proxy.statuses).toEqual([503, 201, 201]);
        expect((await backend.batchIds()).sort()).toEqual(entries.map((e) => e.id).sort());
        expect(await store.outbox.counter('outbox_rejected')).toBe(0);
      } finally {
        store.close();
        await proxy.close();
        await backend.close();
      }
    },
    30_000,
  );
});
