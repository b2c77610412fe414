/**
 * The acceptance fault test: the worker's outbox against the REAL sync server (SQLite, and
 * PostgreSQL when reachable) behind a proxy that answers 500, resets connections, or lets the server
 * commit and then drops the connection. Batches are queued throughout; once the outbox is empty,
 * every batch must be stored exactly once with exactly the reports it carried.
 */
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../models/features';
import { parseReportBatch, type ReportBatch } from '../../sync-server/protocol';
import { startServer } from '../../sync-server/src/app/server';
import { type Fault, startFaultProxy } from '../../test/support/fault-proxy';
import { probePostgres, tempDir } from '../../test/support/server-stores';
import { openStore } from '../storage';
import { BACKOFF_CAP_MS } from './backoff';
import { flushOutbox, MAX_OUTBOX_BATCHES } from './outbox';
import type { OutboxEntry } from './outbox-types';
import { candidates, selectReports } from './report-plan';

const ORIGIN = 'http://worker.test';
const BATCHES = 30;
/** Requests cycle through runs of each fault: 6 × 500, 5 × commit-then-drop, 4 × reset, 3 × pass. */
const CYCLE: Fault[] = [
  ...Array<Fault>(6).fill('fail500'),
  ...Array<Fault>(5).fill('commit-then-drop'),
  ...Array<Fault>(4).fill('reset'),
  ...Array<Fault>(3).fill('pass'),
];
/** The model the server serves by default: reports index its segments and intents. */
const MANIFEST = JSON.parse(readFileSync('models/artifacts/manifest.json', 'utf8')) as Manifest;
const SEGMENTS = MANIFEST.models.segment?.segments.length ?? 0;
const labels = MANIFEST.models.intent?.labels ?? [];

const pg = await probePostgres();
if (pg.reason) console.warn(`[worker] PostgreSQL outbox fault test SKIPPED: ${pg.reason}`);

async function backendServer(kind: 'sqlite' | 'postgres') {
  const { dir, cleanup } = await tempDir('confide-fault-');
  const schema = `confide_fault_${process.pid}_${randomUUID().slice(0, 8)}`;
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    ...(kind === 'postgres'
      ? { databaseUrl: pg.url, pgSchema: schema }
      : { sqlitePath: join(dir, 'db.sqlite') }),
    sites: [{ key: 'demo', origins: [ORIGIN] }],
    rateLimits: false,
    log: () => undefined,
  });
  // The experiment the batches report on: the server checks each report against the site's spec.
  await server.store.setExperiments('demo', [
    {
      id: 'hero',
      variants: [
        { name: 'a', weight: 1 },
        { name: 'b', weight: 1 },
      ],
    },
  ]);
  return {
    server,
    async close() {
      if (kind === 'postgres') await server.store.db.schema.dropSchema(schema).ifExists().cascade().execute();
      await server.close();
      await cleanup();
    },
  };
}

describe.each([
  { kind: 'sqlite' as const, skip: false },
  { kind: 'postgres' as const, skip: !pg.url },
])('outbox under faults ($kind)', ({ kind, skip }) => {
  it.skipIf(skip)(
    'delivers every batch exactly once after 500s, resets and drops after commit',
    async () => {
      globalThis.indexedDB = new IDBFactory();
      const { server, close } = await backendServer(kind);
      const proxy = await startFaultProxy(server.url, ORIGIN, (i) => CYCLE[i % CYCLE.length] ?? 'pass');
      const store = await openStore({ create: true });
      if (!store) throw new Error('no store');
      let clock = Date.UTC(2026, 10, 22, 8);
      const opts = { now: () => clock, locks: null, online: () => true } as const;
      const queued: OutboxEntry[] = [];
      try {
        for (let round = 0; queued.length < BATCHES || (await store.outbox.count()) > 0; round++) {
          expect(round).toBeLessThan(500);
          if (queued.length < BATCHES) {
            // A new device-day each time, so every batch carries a full, freshly noised day of reports.
            clock += 86_400_000;
            const list = candidates({
              segment: { id: round % (SEGMENTS + 1), segments: SEGMENTS },
              item: `SKU-${round}`,
              intent: { labels, last: labels[round % 3] ?? null },
              vote: round % 2 ? { kind: 1, up: true } : null,
              impression: round % 3 ? { basis: round % 5, opened: round % 2 === 0 } : null,
              rating: round % 4 ? round % 3 : null,
              experiments: [{ id: 'hero', variant: round % 2, variants: 2, converted: round % 3 === 0 }],
            });
            await store.outbox.enqueue((input) => {
              const s = selectReports(list, input, clock);
              const body: ReportBatch = {
                site: 'demo',
                batch: randomUUID(),
                schema: 1,
                model: MANIFEST.version,
                reports: s.reports,
              };
              const entry = {
                id: body.batch,
                body: JSON.stringify(body),
                reports: s.reports.length,
                createdAt: clock,
                attempts: 0,
                nextAttemptAt: 0,
              };
              queued.push(entry);
              return { entries: [entry], ledger: s.ledger, reported: s.reported, memo: s.memo };
            }, MAX_OUTBOX_BATCHES);
          }
          const out = await flushOutbox(store.outbox, proxy.url, opts);
          expect(out.rejected).toBe(0);
          if (out.skipped === 'backoff') clock += BACKOFF_CAP_MS;
        }
        expect(proxy.log.filter((f) => f !== 'pass').length).toBeGreaterThan(BATCHES);
        expect(proxy.log).toContain('commit-then-drop');
        // Retries of batches the server had already committed came back as 200 duplicates.
        expect(proxy.statuses).toContain(200);

        const batches = await server.store.db.selectFrom('batches').select(['batch', 'reports']).execute();
        expect(batches.map((b) => b.batch).sort()).toEqual(queued.map((q) => q.id).sort());
        const krr = await server.store.db
          .selectFrom('reports')
          .select(['batch', 'metric', 'value', 'domain', 'experiment'])
          .execute();
        const cms = await server.store.db
          .selectFrom('sketch_reports')
          .select(['batch', 'row_index', 'bits'])
          .execute();
        const sent = queued
          .map((q) => parseReportBatch(JSON.parse(q.body)))
          .flatMap((p) => (p.ok ? [p.batch] : []));
        expect(sent).toHaveLength(BATCHES);
        const expectKrr = sent.flatMap((b) =>
          b.reports.flatMap((r) =>
            r.encoding === 'krr'
              ? [
                  {
                    batch: b.batch,
                    metric: r.metric,
                    value: r.value,
                    domain: r.domain,
                    experiment: r.experiment ?? null,
                  },
                ]
              : [],
          ),
        );
        const expectCms = sent.flatMap((b) =>
          b.reports.flatMap((r) =>
            r.encoding === 'cms' ? [{ batch: b.batch, row_index: r.row, bits: r.bits }] : [],
          ),
        );
        const key = (x: object) => JSON.stringify(x);
        expect(
          krr.map((r) => key({ ...r, value: Number(r.value), domain: Number(r.domain) })).sort(),
        ).toEqual(expectKrr.map(key).sort());
        expect(cms.map((r) => key({ ...r, row_index: Number(r.row_index) })).sort()).toEqual(
          expectCms.map(key).sort(),
        );
        // The whole daily set every time: segment, item, intent, feedback and the one experiment.
        expect(expectKrr.length + expectCms.length).toBe(BATCHES * 5);
        console.log(
          `[fault ${kind}] ${BATCHES} batches, ${proxy.log.length} requests (${proxy.log.filter((f) => f === 'fail500').length} × 500, ${proxy.log.filter((f) => f === 'reset').length} resets, ${proxy.log.filter((f) => f === 'commit-then-drop').length} drops after commit), ${krr.length} krr + ${cms.length} sketch rows`,
        );
      } finally {
        store.close();
        await proxy.close();
        await close();
      }
    },
    60_000,
  );
});
