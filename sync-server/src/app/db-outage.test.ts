/**
 * Real database outages, answered 503 with Retry-After and a JSON error instead of a 500: SQLite
 * locked by another connection beyond the busy timeout; PostgreSQL refusing connections, accepting
 * them but never answering (the connect timeout), holding a lock past the statement timeout, and
 * terminating the server's backend mid-query. Each recovers once the database does.
 */
import { createServer, type Server, type Socket } from 'node:net';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countRows,
  postgresTestStore,
  probePostgres,
  sampleBatch,
  sqliteTestStore,
} from '../../../test/support/server-stores';
import type { ServerError } from '../../protocol/index';
import { DB_RETRY_AFTER_SECONDS } from '../http';
import { hashAdminToken, newAdminToken } from '../routes';
import { openStore, type Store } from '../store';
import { createApp } from './app';

const SELF = 'http://confide.test';
const DAY = '2026-11-22';
const token = newAdminToken();
const { Client } = await import('pg');
const pgProbe = await probePostgres();
if (pgProbe.reason) console.warn(`[sync-server] PostgreSQL outage tests SKIPPED: ${pgProbe.reason}`);

async function seed(store: Store): Promise<void> {
  await store.upsertSite('demo', [SELF], DAY);
  await store.addAdminToken(hashAdminToken(token), 'root', DAY);
}

function client(store: Store) {
  const logged: string[] = [];
  const app = createApp({ store, log: (m) => logged.push(m) });
  const json = { 'Content-Type': 'application/json', Origin: SELF };
  return {
    logged,
    report: (batch = sampleBatch()) =>
      app.request(`${SELF}/v1/reports`, { method: 'POST', headers: json, body: JSON.stringify(batch) }),
    createSite: (key: string) =>
      app.request(`${SELF}/v1/admin/sites`, {
        method: 'POST',
        headers: { ...json, Authorization: `Bearer ${token}` },
        body: JSON.stringify({ key, origins: [] }),
      }),
    experiments: () => app.request(`${SELF}/v1/experiments?site=demo`),
  };
}

async function expectUnavailable(res: Response): Promise<void> {
  expect(res.status).toBe(503);
  expect(res.headers.get('retry-after')).toBe(String(DB_RETRY_AFTER_SECONDS));
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(((await res.json()) as ServerError).error).toEqual({
    code: 'unavailable',
    message: 'the database is unavailable; retry later',
  });
}

describe('SQLite locked by another connection', () => {
  let t: Awaited<ReturnType<typeof sqliteTestStore>>;
  let locker: InstanceType<typeof Database>;
  beforeAll(async () => {
    t = await sqliteTestStore({ sqliteBusyTimeoutMs: 50 });
    await seed(t.store);
    locker = new Database(t.path);
  });
  afterAll(async () => {
    locker.close();
    await t.dispose();
  });

  it('answers a write 503 while the lock is held past the busy timeout, and succeeds once released', async () => {
    const c = client(t.store);
    locker.exec('BEGIN EXCLUSIVE');
    try {
      await expectUnavailable(await c.createSite('locked'));
      await expectUnavailable(await c.createSite('locked'));
      // Logged once per burst, by route pattern and error code, with no stack.
      expect(c.logged).toEqual([
        '[confide] database unavailable on POST /v1/admin/sites: SQLITE_BUSY database is locked',
      ]);
    } finally {
      locker.exec('ROLLBACK');
    }
    expect((await c.createSite('locked')).status).toBe(201);
  });

  it('answers a report 503 while locked, and stores the same batch once released', async () => {
    const c = client(t.store);
    const batch = sampleBatch();
    locker.exec('BEGIN EXCLUSIVE');
    try {
      await expectUnavailable(await c.report(batch));
    } finally {
      locker.exec('ROLLBACK');
    }
    expect(await countRows(t.store)).toMatchObject({ batches: 0 });
    expect((await c.report(batch)).status).toBe(201);
    expect(await countRows(t.store)).toMatchObject({ batches: 1 });
  });
});

/** A port where nothing listens: bound, then released. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((done) => s.listen(0, '127.0.0.1', done));
  const { port } = s.address() as { port: number };
  await new Promise((done) => s.close(done));
  return port;
}

describe('PostgreSQL unreachable', () => {
  let silent: Server;
  const held = new Set<Socket>();
  beforeAll(async () => {
    // Accepts connections and never answers the startup message: a hung database host.
    silent = createServer((s) => held.add(s));
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
  });
  afterAll(async () => {
    for (const s of held) s.destroy();
    await new Promise((done) => silent.close(done));
  });

  it('answers 503 when the connection is refused', async () => {
    const store = await openStore({
      databaseUrl: `postgres://confide@127.0.0.1:${await closedPort()}/test`,
      log: () => undefined,
    });
    try {
      const c = client(store);
      await expectUnavailable(await c.experiments());
      await expectUnavailable(await c.report());
      await expectUnavailable(await c.createSite('x'));
      expect(c.logged).toHaveLength(1);
      expect(c.logged[0]).toMatch(
        /^\[confide\] database unavailable on GET \/v1\/experiments: .*ECONNREFUSED/,
      );
    } finally {
      await store.close();
    }
  });

  it('answers 503 within the connect timeout when the database never answers', async () => {
    const { port } = silent.address() as { port: number };
    const store = await openStore({
      databaseUrl: `postgres://confide@127.0.0.1:${port}/test`,
      pgConnectTimeoutMs: 300,
      log: () => undefined,
    });
    try {
      const started = Date.now();
      await expectUnavailable(await client(store).experiments());
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await store.close();
    }
  });
});

describe.skipIf(!pgProbe.url)('PostgreSQL blocked or killed', () => {
  const url = pgProbe.url ?? '';

  it('answers 503 when a lock outlasts the statement timeout, and recovers when it is released', async () => {
    const t = await postgresTestStore(url, { pgStatementTimeoutMs: 300 });
    const locker = new Client({ connectionString: url });
    await locker.connect();
    try {
      await seed(t.store);
      const c = client(t.store);
      await locker.query('begin');
      await locker.query(`lock table "${t.schema}".sites in access exclusive mode`);
      await expectUnavailable(await c.experiments());
      await expectUnavailable(await c.createSite('blocked'));
      await locker.query('rollback');
      expect((await c.experiments()).status).toBe(200);
      expect((await c.createSite('blocked')).status).toBe(201);
    } finally {
      await locker.end();
      await t.dispose();
    }
  });

  it('answers 503 when the backend serving a request is terminated, and reconnects after', async () => {
    const t = await postgresTestStore(url);
    const admin = new Client({ connectionString: url });
    await admin.connect();
    try {
      await seed(t.store);
      const c = client(t.store);
      await admin.query('begin');
      await admin.query(`lock table "${t.schema}".sites in access exclusive mode`);
      const pending = c.experiments();
      // The server's query waits for the lock; end its backend as an operator (or a failover) would.
      const ownPid = (await admin.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]?.pid;
      let killed = 0;
      // Until the query shows as waiting: a deadline, not a count, as a loaded machine can take seconds.
      const deadline = Date.now() + 15_000;
      while (killed === 0 && Date.now() < deadline) {
        const { rows } = await admin.query<{ pid: number }>(
          "select pid from pg_stat_activity where wait_event_type = 'Lock' and pid <> $1 and query like $2",
          [ownPid, '%from sites%'],
        );
        for (const { pid } of rows) {
          await admin.query('select pg_terminate_backend($1)', [pid]);
          killed += 1;
        }
        if (killed === 0) await new Promise((r) => setTimeout(r, 20));
      }
      expect(killed).toBe(1);
      await expectUnavailable(await pending);
      await admin.query('rollback');
      expect((await c.experiments()).status).toBe(200);
    } finally {
      await admin.end();
      await t.dispose();
    }
  });
});
