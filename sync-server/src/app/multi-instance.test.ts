/**
 * Two server instances on one PostgreSQL schema, as in a scaled-out deployment: they migrate at the
 * same time, and whatever one is told (a new site, reports, experiments, a key rotation) the other
 * acts on, because the database is the only shared state. Needs PostgreSQL; skipped loudly without.
 */

import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../../test/support/fuzz-table';
import { countRows, probePostgres, sampleBatch, tempDir } from '../../../test/support/server-stores';
import type { ReportBatch } from '../../protocol/index';
import { encodeTableItem } from '../../protocol/report-encode';
import { newAdminToken } from '../routes';
import { migrationProvider, SITE_CACHE_TTL_MS } from '../store';
import { type RunningServer, startServer } from './server';

const pg = await probePostgres();
if (pg.reason) console.warn(`[sync-server] PostgreSQL multi-instance tests SKIPPED: ${pg.reason}`);

const SHOP = 'http://127.0.0.1:8080';
const ITEMS = ['alpha', 'beta', 'gamma'];
const MODEL = '2024.1';

describe.skipIf(!pg.url)('two instances on one PostgreSQL', () => {
  const schema = `confide_test_multi_${process.pid}_${randomUUID().slice(0, 8)}`;
  const token = newAdminToken();
  let a: RunningServer;
  let b: RunningServer;
  let cleanup: () => Promise<void>;
  let siteKey: string;

  const admin = (server: RunningServer, method: string, path: string, body?: unknown) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(method === 'GET' ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const post = (server: RunningServer, batch: ReportBatch) =>
    fetch(`${server.url}/v1/reports`, {
      method: 'POST',
      headers: { Origin: SHOP, 'Content-Type': 'application/json' },
      body: JSON.stringify(batch),
    });
  // Item views as the worker sends them (a sketch at the table's epsilon), with a fixed seed so the
  // noisy ranking the priors test reads is the same on every run.
  const rng = new Rng(7);
  const popularity = (site: string, value: number): ReportBatch =>
    sampleBatch({ site, model: MODEL, reports: [encodeTableItem(ITEMS[value] ?? null, () => rng.next())] });

  beforeAll(async () => {
    const dir = await tempDir();
    cleanup = dir.cleanup;
    const modelsDir = join(dir.dir, 'models');
    const widgetDir = join(dir.dir, 'widget');
    await mkdir(modelsDir);
    await mkdir(widgetDir);
    await writeFile(join(widgetDir, 'frame.html'), '<!doctype html><title>frame</title>');
    await writeFile(join(modelsDir, 'catalog.json'), JSON.stringify({ items: ITEMS.map((id) => ({ id })) }));
    await writeFile(
      join(modelsDir, 'manifest.json'),
      JSON.stringify({ version: MODEL, models: { recommend: { catalog: 'catalog.json' } } }),
    );
    const options = {
      port: 0,
      host: '127.0.0.1',
      databaseUrl: pg.url,
      pgSchema: schema,
      modelsDir,
      widgetDir,
      adminToken: token,
      minReports: 5,
      rateLimits: false,
      log: () => undefined,
    } as const;
    // Both start (and so migrate a fresh schema) at the same moment.
    [a, b] = await Promise.all([startServer(options), startServer(options)]);
  }, 30_000);

  afterAll(async () => {
    await a?.store.db.schema.dropSchema(schema).ifExists().cascade().execute();
    await Promise.all([a?.close(), b?.close()]);
    await cleanup?.();
  });

  it('migrated once, concurrently, and both answer healthy', async () => {
    expect(a.port).not.toBe(b.port);
    const applied = await a.store.db
      .withSchema(schema)
      .selectFrom('kysely_migration' as never)
      .select('name' as never)
      .execute();
    // Each migration applied exactly once, though both instances ran the migrator at the same time.
    const all = Object.keys(await migrationProvider('postgres').getMigrations());
    expect(applied.length).toBe(all.length);
    for (const s of [a, b]) expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    expect(await a.store.listAdminTokens()).toEqual([{ label: 'env', createdDay: expect.any(String) }]);
  });

  it('serves a site created through A from B at once, and stores interleaved posts once each', async () => {
    const created = await admin(a, 'POST', '/v1/admin/sites', { origins: [SHOP] });
    expect(created.status).toBe(201);
    siteKey = ((await created.json()) as { key: string }).key;
    expect((await admin(b, 'GET', `/v1/admin/sites/${siteKey}`)).status).toBe(200);

    const batches = Array.from({ length: 40 }, (_, i) => popularity(siteKey, i % 4 === 0 ? 1 : 0));
    const statuses = await Promise.all(batches.map((batch, i) => post(i % 2 === 0 ? a : b, batch)));
    expect(statuses.map((r) => r.status)).toEqual(batches.map(() => 201));
    // The same batch to both instances at once: stored by exactly one of them.
    for (let i = 0; i < 5; i++) {
      const batch = popularity(siteKey, 2);
      const answers = await Promise.all([post(a, batch), post(b, batch)]);
      expect(answers.map((r) => r.status).sort()).toEqual([200, 201]);
    }
    expect(await countRows(b.store)).toEqual({ batches: 45, reports: 0, sketches: 45 });
  });

  it('reads experiments and priors on B that were set or reported through A', async () => {
    const experiments = [
      {
        id: 'tone',
        variants: [
          { name: 'warm', weight: 1 },
          { name: 'plain', weight: 1 },
        ],
      },
    ];
    expect((await admin(a, 'PUT', `/v1/admin/sites/${siteKey}/experiments`, experiments)).status).toBe(200);
    const served = await fetch(`${b.url}/v1/experiments?site=${siteKey}`);
    expect(await served.json()).toEqual({ schema: 1, experiments });

    // Enough views through A for the noisy sketch to rank the item first on every seed (about 7 sd).
    for (let round = 0; round < 8; round++) {
      const views = Array.from({ length: 50 }, () => post(a, popularity(siteKey, 0)));
      expect((await Promise.all(views)).every((r) => r.status === 201)).toBe(true);
    }
    const fromA = await (await fetch(`${a.url}/v1/priors?site=${siteKey}`)).json();
    const fromB = (await (await fetch(`${b.url}/v1/priors?site=${siteKey}`)).json()) as {
      items: { id: string }[];
    };
    expect(fromB).toEqual(fromA);
    expect(fromB.items[0]?.id).toBe('alpha');
  });

  it(`refuses a key rotated on A on B within SITE_CACHE_TTL_MS (${SITE_CACHE_TTL_MS} ms)`, async () => {
    // B has the key cached right now.
    expect((await post(b, popularity(siteKey, 0))).status).toBe(201);
    const rotated = await admin(a, 'POST', `/v1/admin/sites/${siteKey}/rotate`);
    const started = Date.now();
    const { key: newKey } = (await rotated.json()) as { key: string };
    expect((await post(a, popularity(siteKey, 0))).status).toBe(404);
    expect((await post(b, popularity(newKey, 0))).status).toBe(201);

    let refusedAfter = -1;
    while (Date.now() - started < SITE_CACHE_TTL_MS + 1000) {
      const res = await post(b, popularity(siteKey, 0));
      if (res.status === 404) {
        refusedAfter = Date.now() - started;
        break;
      }
      expect(res.status).toBe(201);
      await new Promise((r) => setTimeout(r, 50));
    }
    console.log(`[multi-instance] B refused the rotated-away key after ${refusedAfter} ms`);
    expect(refusedAfter).toBeGreaterThanOrEqual(0);
    expect(refusedAfter).toBeLessThanOrEqual(SITE_CACHE_TTL_MS + 250);
    const frame = await fetch(`${b.url}/frame.html?site=${siteKey}`);
    expect(frame.status).toBe(200);
    expect(frame.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const framed = await fetch(`${b.url}/frame.html?site=${newKey}`);
    expect(framed.headers.get('content-security-policy')).toContain(`frame-ancestors ${SHOP}`);

    // What B accepted under the old key inside the window is refiled by A's follow-up sweep.
    await expect
      .poll(
        async () =>
          new Set((await b.store.db.selectFrom('batches').select('site').execute()).map((r) => r.site)),
        {
          timeout: 4 * SITE_CACHE_TTL_MS,
          interval: 200,
        },
      )
      .toEqual(new Set([newKey]));
  }, 20_000);
});
