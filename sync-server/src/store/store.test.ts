import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  countRows,
  sampleBatch,
  storeBackends,
  type TestStore,
  tempDir,
} from '../../../test/support/server-stores';
import type { Report } from '../../protocol/index';
import { openStore } from './store';

const backends = await storeBackends('store');

for (const backend of backends) {
  describe.skipIf(backend.skip)(`store (${backend.name})`, () => {
    let t: TestStore;
    beforeAll(async () => {
      t = await backend.open();
    });
    afterAll(async () => {
      await t.dispose();
    });
    beforeEach(async () => {
      await t.reset();
    });

    it('migrates idempotently and reports healthy', async () => {
      await t.store.migrate();
      expect(await t.store.healthy()).toBe(true);
      expect(t.store.dialect).toBe(backend.name);
    });

    it('upserts sites, keeping the created day', async () => {
      await t.store.upsertSite('demo', ['http://127.0.0.1:8080'], '2024-01-01');
      await t.store.upsertSite('demo', ['https://a.example', 'https://b.example'], '2024-02-02');
      await t.store.upsertSite('other', [], '2024-03-03');
      expect(await t.store.getSite('demo')).toEqual({
        key: 'demo',
        origins: ['https://a.example', 'https://b.example'],
        createdDay: '2024-01-01',
      });
      expect(await t.store.getSite('nope')).toBeUndefined();
      expect((await t.store.listSites()).map((s) => s.key)).toEqual(['demo', 'other']);
    });

    it('stores a batch and its reports with the server-assigned day', async () => {
      const batch = sampleBatch();
      expect(await t.store.storeBatch(batch, '2024-05-06')).toEqual({ stored: 2, duplicate: false });
      const batches = await t.store.db.selectFrom('batches').selectAll().execute();
      expect(batches).toEqual([
        { batch: batch.batch, site: 'demo', day: '2024-05-06', model: batch.model, reports: 2 },
      ]);
      const reports = await t.store.db.selectFrom('reports').selectAll().orderBy('id').execute();
      expect(reports.map(({ id: _id, ...r }) => r)).toEqual(
        batch.reports.map((r) => ({
          ...r,
          experiment: null,
          batch: batch.batch,
          site: 'demo',
          day: '2024-05-06',
          model: batch.model,
        })),
      );
    });

    it('stores experiment reports with their experiment and sketch reports in their own table', async () => {
      const bits = 'a5'.repeat(8);
      const batch = sampleBatch({
        reports: [
          {
            metric: 'experiment_conversion',
            encoding: 'krr',
            domain: 4,
            value: 3,
            epsilon: 1,
            experiment: 'greet',
          },
          { metric: 'item_popularity', encoding: 'cms', hashes: 4, buckets: 32, row: 2, bits, epsilon: 2 },
          { metric: 'segment_share', encoding: 'krr', domain: 4, value: 1, epsilon: 1 },
        ],
      });
      expect(await t.store.storeBatch(batch, '2024-05-06')).toEqual({ stored: 3, duplicate: false });
      expect(await t.store.storeBatch(batch, '2024-05-06')).toEqual({ stored: 0, duplicate: true });
      const reports = await t.store.db
        .selectFrom('reports')
        .select(['metric', 'value', 'experiment'])
        .orderBy('id')
        .execute();
      expect(reports).toEqual([
        { metric: 'experiment_conversion', value: 3, experiment: 'greet' },
        { metric: 'segment_share', value: 1, experiment: null },
      ]);
      const sketches = await t.store.db.selectFrom('sketch_reports').selectAll().execute();
      expect(sketches.map(({ id: _id, ...r }) => r)).toEqual([
        {
          batch: batch.batch,
          site: 'demo',
          day: '2024-05-06',
          model: batch.model,
          metric: 'item_popularity',
          hashes: 4,
          buckets: 32,
          row_index: 2,
          bits,
          epsilon: 2,
        },
      ]);
    });

    it('stores a duplicate batch id once, also under concurrent retries', async () => {
      const batch = sampleBatch();
      await t.store.storeBatch(batch, '2024-05-06');
      expect(await t.store.storeBatch(batch, '2024-05-07')).toEqual({ stored: 0, duplicate: true });

      const racing = sampleBatch();
      const results = await Promise.all(
        Array.from({ length: 6 }, () => t.store.storeBatch(racing, '2024-05-06')),
      );
      expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
      expect(await countRows(t.store)).toEqual({ batches: 2, reports: 4, sketches: 0 });
    });

    it('rolls the batch back when one of its reports cannot be stored', async () => {
      const broken = { metric: 'segment_share', encoding: 'krr', domain: 5, value: null, epsilon: 1 };
      const batch = sampleBatch({
        reports: [sampleBatch().reports[0] as Report, broken as unknown as Report],
      });
      await expect(t.store.storeBatch(batch, '2024-05-06')).rejects.toThrow();
      expect(await countRows(t.store)).toEqual({ batches: 0, reports: 0, sketches: 0 });
    });

    it('enforces the reports → batches foreign key', async () => {
      const orphan = {
        batch: randomUUID(),
        site: 'demo',
        day: '2024-05-06',
        model: 'm',
        metric: 'segment_share',
        encoding: 'krr',
        domain: 2,
        value: 1,
        epsilon: 1,
      };
      await expect(t.store.db.insertInto('reports').values(orphan).execute()).rejects.toThrow();
    });

    it('stores batches that arrive together independently: a broken one fails alone', async () => {
      const good = sampleBatch();
      const other = sampleBatch();
      const broken = sampleBatch({
        reports: [
          {
            metric: 'segment_share',
            encoding: 'krr',
            domain: 5,
            value: null,
            epsilon: 1,
          } as unknown as Report,
        ],
      });
      const results = await Promise.allSettled(
        [good, broken, other, good].map((b) => t.store.storeBatch(b, '2024-05-06')),
      );
      expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'rejected'))).toEqual([
        { stored: 2, duplicate: false },
        'rejected',
        { stored: 2, duplicate: false },
        { stored: 0, duplicate: true },
      ]);
      expect(await countRows(t.store)).toEqual({ batches: 2, reports: 4, sketches: 0 });
    });

    it('creates sites once, replaces origins, and finds sites by exact origin', async () => {
      expect(await t.store.createSite('shop', ['https://shop.example'], '2024-01-01')).toBe(true);
      expect(await t.store.createSite('shop', ['https://other.example'], '2024-02-02')).toBe(false);
      expect(await t.store.getSite('shop')).toEqual({
        key: 'shop',
        origins: ['https://shop.example'],
        createdDay: '2024-01-01',
      });
      expect(await t.store.anySiteAllows('https://shop.example')).toBe(true);
      // A prefix of a listed origin, or one containing it, is a different origin.
      expect(await t.store.anySiteAllows('https://shop.exampl')).toBe(false);
      expect(await t.store.anySiteAllows('https://shop.example:8443')).toBe(false);
      expect(await t.store.anySiteAllows('%')).toBe(false);
      expect(await t.store.setSiteOrigins('shop', ['https://new.example'])).toBe(true);
      expect(await t.store.setSiteOrigins('nosuch', [])).toBe(false);
      expect(await t.store.anySiteAllows('https://shop.example')).toBe(false);
      expect(await t.store.anySiteAllows('https://new.example')).toBe(true);
    });

    it('rotates a site key with its whole history in one transaction', async () => {
      await t.store.db.deleteFrom('sketch_reports').execute();
      await t.store.createSite('old-key', ['https://shop.example'], '2024-01-01');
      await t.store.upsertSite('bystander', [], '2024-01-01');
      const experiments = [
        {
          id: 'e',
          variants: [
            { name: 'a', weight: 1 },
            { name: 'b', weight: 2 },
          ],
        },
      ];
      await t.store.setExperiments('old-key', experiments);
      await t.store.storeBatch(sampleBatch({ site: 'old-key' }), '2024-05-06');
      await t.store.storeBatch(sampleBatch({ site: 'bystander' }), '2024-05-06');
      await t.store.storeBatch(
        sampleBatch({
          site: 'old-key',
          reports: [
            {
              metric: 'item_popularity',
              encoding: 'cms',
              hashes: 2,
              buckets: 8,
              row: 0,
              bits: '0f',
              epsilon: 1,
            },
          ],
        }),
        '2024-05-06',
      );
      expect(await t.store.getSite('old-key')).toBeDefined();
      await expect(t.store.rotateSiteKey('old-key', 'bystander')).rejects.toThrow();
      expect(await t.store.getSite('old-key')).toBeDefined();

      expect(await t.store.rotateSiteKey('old-key', 'new-key')).toEqual({
        key: 'new-key',
        origins: ['https://shop.example'],
        createdDay: '2024-01-01',
      });
      expect(await t.store.getSite('old-key')).toBeUndefined();
      expect(await t.store.getExperiments('new-key')).toEqual(experiments);
      const sites = async (table: 'batches' | 'reports' | 'sketch_reports') =>
        (await t.store.db.selectFrom(table).select('site').execute()).map((r) => r.site).sort();
      expect(await sites('batches')).toEqual(['bystander', 'new-key', 'new-key']);
      expect(await sites('reports')).toEqual(['bystander', 'bystander', 'new-key', 'new-key']);
      expect(await sites('sketch_reports')).toEqual(['new-key']);
      expect(await t.store.rotateSiteKey('old-key', 'newer-key')).toBeUndefined();

      await t.store.storeBatch(sampleBatch({ site: 'old-key' }), '2024-05-06');
      expect(await t.store.moveSiteHistory('old-key', 'new-key')).toBe(1);
      await t.store.storeBatch(sampleBatch({ site: 'old-key' }), '2024-05-06');
      expect(await t.store.moveSiteHistory('old-key', 'gone-key')).toBe(0);
      await t.store.createSite('old-key', [], '2024-06-01');
      expect(await t.store.moveSiteHistory('old-key', 'new-key')).toBe(0);
    });

    it('keeps admin tokens by label, replaces them, and never deletes the last', async () => {
      expect(await t.store.addLabelledAdminToken('h1', 'ops', '2024-01-01')).toBe(true);
      expect(await t.store.addLabelledAdminToken('h2', 'ops', '2024-01-02')).toBe(false);
      await t.store.replaceAdminToken('h3', 'env', '2024-01-03');
      await t.store.replaceAdminToken('h4', 'env', '2024-01-04');
      expect(await t.store.hasAdminToken('h3')).toBe(false);
      expect(await t.store.hasAdminToken('h4')).toBe(true);
      expect(await t.store.listAdminTokens()).toEqual([
        { label: 'ops', createdDay: '2024-01-01' },
        { label: 'env', createdDay: '2024-01-04' },
      ]);
      expect(await t.store.deleteAdminTokens('nobody')).toBe(0);
      expect(await t.store.deleteAdminTokens('ops')).toBe(1);
      expect(await t.store.deleteAdminTokens('env')).toBe('last');
      expect(await t.store.hasAdminToken('h4')).toBe(true);
      // Two concurrent deletes of the two remaining labels: at most one may succeed.
      await t.store.addAdminToken('h5', 'ci', '2024-01-05');
      const both = await Promise.all([t.store.deleteAdminTokens('env'), t.store.deleteAdminTokens('ci')]);
      expect(both.filter((r) => r === 1)).toHaveLength(1);
      expect(await t.store.listAdminTokens()).toHaveLength(1);
    });

    it('sees its own site changes at once', async () => {
      await t.store.upsertSite('s1', ['https://a.example'], '2024-01-01');
      expect((await t.store.getSite('s1'))?.origins).toEqual(['https://a.example']);
      await t.store.upsertSite('s1', ['https://b.example'], '2024-02-02');
      expect(await t.store.getSite('s1')).toEqual({
        key: 's1',
        origins: ['https://b.example'],
        createdDay: '2024-01-01',
      });
    });

    it('stores a batch outside of another transaction that is open meanwhile', async () => {
      let release = () => {};
      let begun = () => {};
      const gate = new Promise<void>((r) => {
        release = r;
      });
      const started = new Promise<void>((r) => {
        begun = r;
      });
      const other = t.store.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('sites')
          .values({ key: 'tx-site', origins: '[]', created_day: '2024-01-01' })
          .execute();
        begun();
        await gate;
        throw new Error('roll back');
      });
      await started;
      const batch = sampleBatch();
      const storing = t.store.storeBatch(batch, '2024-05-06');
      release();
      await expect(other).rejects.toThrow('roll back');
      // Written inside the rolled-back transaction, the batch would be gone though acknowledged.
      expect(await storing).toEqual({ stored: 2, duplicate: false });
      expect(await countRows(t.store)).toEqual({ batches: 1, reports: 2, sketches: 0 });
      expect(await t.store.getSite('tx-site')).toBeUndefined();
    });
  });
}

describe('store (sqlite file)', () => {
  it('creates the parent folder and uses WAL mode', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const store = await openStore({ sqlitePath: `${dir}/a/b/c.sqlite`, log: () => undefined });
      await store.migrate();
      const { sql } = await import('kysely');
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(store.db);
      const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(store.db);
      expect(mode.rows[0]?.journal_mode).toBe('wal');
      expect(fk.rows[0]?.foreign_keys).toBe(1);
      await store.close();
    } finally {
      await cleanup();
    }
  });

  it('is not healthy before migrating', async () => {
    const store = await openStore({ sqlitePath: ':memory:', log: () => undefined });
    expect(await store.healthy()).toBe(false);
    await store.close();
  });
});
