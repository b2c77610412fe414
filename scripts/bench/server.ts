/**
 * Sync-server ingestion throughput: the same closed-loop load against a no-op Node `http` server
 * (the ceiling of this machine's HTTP stack), the real server on SQLite, and on PostgreSQL.
 * Servers run in this process; the load generator runs in a forked child (see `loadgen.ts`).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningServer, startServer } from '../../sync-server';
import type { LoadJob, LoadResult } from './loadgen';
import { round } from './stats';

/**
 * Load shape, identical for every target so the ratios mean something. The warm-up lets every
 * target's hot path be optimized by V8 before timing; 5000 timed requests keep one scheduler hiccup
 * on this shared 2-core machine from deciding a p99.
 */
export const LOAD = { warmup: 500, requests: 5000, concurrency: 16, reportsPerBatch: 3, timeoutMs: 60_000 };

/** Where PostgreSQL is expected (docs/architecture.md: optional scale-out store). */
export const POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** One target's numbers, ms and requests/s. */
export interface ServerRun {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/** The server section of the results. */
export interface ServerBench {
  readonly loadGenerator: string;
  readonly load: typeof LOAD;
  readonly noop: ServerRun;
  readonly sqlite: ServerRun & { readonly ratioToNoop: number };
  readonly postgres: (ServerRun & { readonly ratioToNoop: number }) | null;
  /** Why `postgres` is null, when it is. */
  readonly postgresSkipped?: string;
}

const SITE = 'bench';

/** The forked load generator, with one request/answer at a time over IPC. */
class LoadGenerator {
  readonly #child: ChildProcess = fork(join(import.meta.dirname, 'loadgen.ts'), {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });

  run(target: string, origin: string): Promise<ServerRun> {
    const job: LoadJob = { url: target, origin, site: SITE, ...LOAD };
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`load generator exited (${code})`));
      this.#child.once('exit', onExit);
      this.#child.once('message', (msg) => {
        this.#child.off('exit', onExit);
        const result = msg as LoadResult;
        if (!result.ok) return reject(new Error(`load against ${target} failed: ${result.error}`));
        resolve({
          rps: round(result.rps, 0),
          p50: round(result.p50),
          p99: round(result.p99),
          max: round(result.max),
        });
      });
      this.#child.send(job);
    });
  }

  close(): void {
    this.#child.disconnect();
  }
}

/** A server that reads the body and answers 201 `{}`: what HTTP alone costs here. */
async function noopServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    req.on('data', () => {});
    req.on('end', () => {
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

/** Runs the load against a started sync server and checks that every batch was really stored. */
async function loadSyncServer(gen: LoadGenerator, server: RunningServer): Promise<ServerRun> {
  // 127.0.0.1 rather than `localhost`: no resolver in the loop. It is one of the server's own origins.
  const origin = `http://127.0.0.1:${server.port}`;
  const run = await gen.run(`${origin}/v1/reports`, origin);
  const row = await server.store.db
    .selectFrom('batches')
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
    .executeTakeFirstOrThrow();
  const expected = LOAD.warmup + LOAD.requests;
  if (Number(row.n) !== expected) throw new Error(`the server stored ${row.n} batches, expected ${expected}`);
  return run;
}

const serverOptions = (log: (m: string) => void) => ({
  port: 0,
  widgetDir: 'dist/widget',
  modelsDir: 'models/artifacts',
  sites: [{ key: SITE, origins: ['https://shop.example'] }],
  // One load generator from one address would otherwise measure the limiter's 429s.
  rateLimits: false as const,
  log,
});

/** Resolves to a reason when PostgreSQL cannot be used, `undefined` when it can. */
async function postgresUnavailable(url: string): Promise<string | undefined> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (err) {
    return `PostgreSQL at ${url.replace(/\/\/[^@]*@/, '//…@')} is unreachable: ${(err as Error).message}`;
  } finally {
    await client.end().catch(() => {});
  }
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}

/** Runs the three targets in turn; throws when a measurement fails (PostgreSQL absent is not a failure). */
export async function benchServer(log: (m: string) => void): Promise<ServerBench> {
  const gen = new LoadGenerator();
  const dir = await mkdtemp(join(tmpdir(), 'confide-bench-'));
  try {
    const noopSrv = await noopServer();
    const noop = await gen.run(noopSrv.url, noopSrv.url).finally(() => noopSrv.close());
    log(`  noop: ${noop.rps} req/s`);

    const sqliteSrv = await startServer({ ...serverOptions(log), sqlitePath: join(dir, 'bench.sqlite') });
    const sqliteRun = await loadSyncServer(gen, sqliteSrv).finally(() => sqliteSrv.close());
    const sqlite = { ...sqliteRun, ratioToNoop: round(sqliteRun.rps / noop.rps) };
    log(`  sqlite: ${sqlite.rps} req/s, p99 ${sqlite.p99} ms`);

    const skipped = await postgresUnavailable(POSTGRES_URL);
    let postgres: ServerBench['postgres'] = null;
    if (skipped) {
      log(`  postgres: SKIPPED — ${skipped}`);
    } else {
      const schema = `confide_bench_${process.pid}_${randomUUID().slice(0, 8)}`;
      try {
        const pgSrv = await startServer({
          ...serverOptions(log),
          databaseUrl: POSTGRES_URL,
          pgSchema: schema,
        });
        const pgRun = await loadSyncServer(gen, pgSrv).finally(() => pgSrv.close());
        postgres = { ...pgRun, ratioToNoop: round(pgRun.rps / noop.rps) };
        log(`  postgres: ${postgres.rps} req/s, p99 ${postgres.p99} ms`);
      } finally {
        await dropSchema(POSTGRES_URL, schema);
      }
    }
    return {
      loadGenerator: 'forked child process (node:http keep-alive agent), servers in the bench process',
      load: LOAD,
      noop,
      sqlite,
      postgres,
      ...(skipped ? { postgresSkipped: skipped } : {}),
    };
  } finally {
    gen.close();
    await rm(dir, { recursive: true, force: true });
  }
}
