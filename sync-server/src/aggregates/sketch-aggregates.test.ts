import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { storeBackends, type TestStore } from '../../../test/support/server-stores';
import { cmsTotal } from '../../protocol/ldp/cms-estimate';
import { cmsReports, storeReports } from './simulated-devices';
import { addEstimates, sumSketches, tallySketches } from './sketch-aggregates';

const backends = await storeBackends('sketch aggregate');

const ITEMS = ['apple', 'pear', 'plum', 'fig'];
const SMALL = { hashes: 4, buckets: 64, epsilon: 2 };
const where = { site: 'shop', model: 'm1', day: '2024-03-01' };

for (const backend of backends) {
  describe.skipIf(backend.skip)(`tallySketches (${backend.name})`, () => {
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

    it('tallies across pages, one tally per shape, filtered by model, site and day', async () => {
      // 2,100 reports: more than one page of rows.
      const views = Array.from({ length: 2100 }, (_, i) => ITEMS[i % 3 === 0 ? 0 : i % 4] ?? '');
      await storeReports(t.store, cmsReports(views, SMALL), where);
      await storeReports(t.store, cmsReports(['fig', 'fig'], { ...SMALL, epsilon: 1 }), where);
      await storeReports(t.store, cmsReports(['fig'], SMALL), { ...where, model: 'm0' });
      await storeReports(t.store, cmsReports(['fig'], SMALL), { ...where, site: 'other' });
      await storeReports(t.store, cmsReports(['fig'], SMALL), { ...where, day: '2024-03-05' });

      const query = { metric: 'item_popularity', model: 'm1', sites: ['shop'], to: '2024-03-02' };
      const tallies = await tallySketches(t.store, query);
      expect(tallies.map(cmsTotal).sort((a, b) => a - b)).toEqual([2, 2100]);
      expect(await tallySketches(t.store, { ...query, sites: [] })).toEqual([]);
      const wide = await tallySketches(t.store, { metric: 'item_popularity', model: 'm1' });
      expect(wide.map(cmsTotal).reduce((a, b) => a + b, 0)).toBe(2104);

      const truth = ITEMS.map((item) => views.filter((v) => v === item).length);
      const { total, cells } = sumSketches(tallies, ITEMS);
      expect(total).toBe(2102);
      for (const [i, cell] of cells.entries()) {
        const want = (truth[i] ?? 0) + (ITEMS[i] === 'fig' ? 2 : 0);
        // 4.5 standard errors: a tolerance no seed breaks in practice.
        expect(Math.abs(cell.estimate - want)).toBeLessThan(4.5 * Math.sqrt(cell.variance));
      }
    });
  });
}

describe('addEstimates', () => {
  it('adds estimates, variances and totals, and passes one side through when the other is empty', () => {
    const cell = (estimate: number, variance: number) => ({
      estimate,
      variance,
      halfWidth: 0,
      lower: estimate,
      upper: estimate,
    });
    const a = { total: 10, cells: [cell(4, 1), cell(6, 2)] };
    const b = { total: 5, cells: [cell(1, 3), cell(4, 4)] };
    const sum = addEstimates(a, b);
    expect(sum.total).toBe(15);
    expect(sum.cells.map((c) => [c.estimate, c.variance])).toEqual([
      [5, 4],
      [10, 6],
    ]);
    expect(addEstimates({ total: 0, cells: [] }, b)).toEqual(b);
  });
});
