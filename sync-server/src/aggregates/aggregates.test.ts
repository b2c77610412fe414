import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { storeBackends, type TestStore } from '../../../test/support/server-stores';
import type { KrrReport, Report } from '../../protocol/index';
import { krrEstimate } from '../../protocol/krr';
import { krrEstimateWithInterval } from '../../protocol/ldp/krr-interval';
import {
  aggregateKrr,
  aggregateKrrByDay,
  combineKrr,
  countKrrReports,
  countKrrReportsByDay,
} from './aggregates';

const backends = await storeBackends('aggregate');

const report = (value: number, over: Partial<KrrReport> = {}): KrrReport => ({
  metric: 'item_popularity',
  encoding: 'krr',
  domain: 4,
  value,
  epsilon: 1,
  ...over,
});

async function put(
  t: TestStore,
  reports: Report[],
  site = 'a',
  model = 'm1',
  day = '2024-03-01',
): Promise<void> {
  await t.store.storeBatch({ site, batch: randomUUID(), schema: 1, model, reports }, day);
}

for (const backend of backends) {
  describe.skipIf(backend.skip)(`countKrrReports (${backend.name})`, () => {
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

    it('counts per epsilon and value, filtering metric, model, domain and site', async () => {
      await put(t, [report(0), report(0), report(3), report(1, { epsilon: 2 })], 'a');
      await put(t, [report(3)], 'b');
      await put(t, [report(0, { metric: 'segment_share' }), report(0, { domain: 5 })], 'a');
      await put(t, [report(0)], 'a', 'm0');

      const query = { metric: 'item_popularity', model: 'm1', domain: 4 };
      expect(await countKrrReports(t.store, query)).toEqual([
        { epsilon: 1, counts: [2, 0, 0, 2], total: 4 },
        { epsilon: 2, counts: [0, 1, 0, 0], total: 1 },
      ]);
      expect(await countKrrReports(t.store, { ...query, sites: ['b'] })).toEqual([
        { epsilon: 1, counts: [0, 0, 0, 1], total: 1 },
      ]);
      expect(await countKrrReports(t.store, { ...query, sites: [] })).toEqual([]);
      expect(await countKrrReports(t.store, { ...query, model: 'none' })).toEqual([]);
    });

    it('groups by day, windows by day and filters by experiment', async () => {
      await put(t, [report(0), report(1)], 'a', 'm1', '2024-03-01');
      await put(t, [report(1), report(1), report(3)], 'a', 'm1', '2024-03-03');
      const exp = (value: number, experiment: string): KrrReport =>
        report(value, { metric: 'experiment_conversion', experiment });
      await put(t, [exp(1, 'x'), exp(2, 'x'), exp(2, 'y')], 'a', 'm0', '2024-03-02');

      const query = { metric: 'item_popularity', model: 'm1', domain: 4 };
      expect(await countKrrReportsByDay(t.store, query)).toEqual([
        { day: '2024-03-01', groups: [{ epsilon: 1, counts: [1, 1, 0, 0], total: 2 }] },
        { day: '2024-03-03', groups: [{ epsilon: 1, counts: [0, 2, 0, 1], total: 3 }] },
      ]);
      expect(await countKrrReports(t.store, { ...query, from: '2024-03-02' })).toEqual([
        { epsilon: 1, counts: [0, 2, 0, 1], total: 3 },
      ]);
      expect(await countKrrReports(t.store, { ...query, to: '2024-03-02' })).toEqual([
        { epsilon: 1, counts: [1, 1, 0, 0], total: 2 },
      ]);
      // Experiment variants index the site's spec, so any model version counts.
      const x = { metric: 'experiment_conversion', domain: 4, experiment: 'x' };
      expect(await countKrrReports(t.store, x)).toEqual([{ epsilon: 1, counts: [0, 1, 1, 0], total: 2 }]);
      const daily = await aggregateKrrByDay(t.store, query, 1);
      expect(daily.map((d) => [d.day, d.total])).toEqual([
        ['2024-03-01', 2],
        ['2024-03-03', 3],
      ]);
    });

    it('publishes a cell only once it clears the threshold', async () => {
      await put(
        t,
        Array.from({ length: 30 }, () => report(2)),
      );
      const query = { metric: 'item_popularity', model: 'm1', domain: 4 };
      expect((await aggregateKrr(t.store, query, 1000)).cells).toEqual([]);
      const loose = await aggregateKrr(t.store, query, 2);
      expect(loose.total).toBe(30);
      expect(loose.cells.map((c) => c.index)).toEqual([2]);
    });
  });
}

describe('combineKrr', () => {
  it('is empty without reports', () => {
    expect(combineKrr([])).toEqual({ total: 0, cells: [] });
  });

  it('adds per-epsilon unbiased estimates and variances', () => {
    const a = { epsilon: 1, counts: [300, 150, 125, 125], total: 700 };
    const b = { epsilon: 2, counts: [200, 80, 60, 60], total: 400 };
    const { total, cells } = combineKrr([a, b], 2);
    expect(total).toBe(1100);
    const want = krrEstimate(a.counts, 1).map((x, i) => x + (krrEstimate(b.counts, 2)[i] ?? 0));
    const cell0 = cells.find((c) => c.index === 0);
    // Chosen so the sum stays inside [0, total] and is not clipped on publication.
    expect(want[0]).toBeLessThan(total);
    expect(cell0?.estimate).toBeCloseTo(want[0] ?? Number.NaN, 9);
    const variance =
      (krrEstimateWithInterval(a.counts, 1)[0]?.variance ?? 0) +
      (krrEstimateWithInterval(b.counts, 2)[0]?.variance ?? 0);
    expect(cell0?.halfWidth).toBeCloseTo(1.959964 * Math.sqrt(variance), 3);
  });
});
