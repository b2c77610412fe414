import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { storeBackends, type TestStore } from '../../../test/support/server-stores';
import type { CmsTally } from '../../protocol/ldp/cms-estimate';
import { cmsReports, storeReports } from './simulated-devices';
import { tallySketches } from './sketch-aggregates';
import { firstOpenDay, tallySketchWindow } from './sketch-rollups';

const backends = await storeBackends('sketch roll-ups');

const ITEMS = ['apple', 'pear', 'plum', 'fig'];
const SMALL = { hashes: 4, buckets: 64, epsilon: 2 };
const DAYS = ['2024-03-01', '2024-03-02', '2024-03-03', '2024-03-04'];
/** Just after midnight: the 4th is still open, the days before it are closed. */
const NOW = new Date('2024-03-05T00:05:00Z');
const query = { metric: 'item_popularity', model: 'm1' };

/** A tally as plain numbers, keyed by shape, to compare two sets of tallies exactly. */
const plain = (tallies: readonly CmsTally[]) =>
  Object.fromEntries(
    tallies.map((t) => [
      `${t.params.hashes}:${t.params.buckets}:${t.params.epsilon}`,
      { rows: [...t.rowReports], ones: [...t.ones] },
    ]),
  );

for (const backend of backends) {
  describe.skipIf(backend.skip)(`tallySketchWindow (${backend.name})`, () => {
    let t: TestStore;
    beforeAll(async () => {
      t = await backend.open();
    });
    afterAll(() => t.dispose());
    beforeEach(async () => {
      await t.reset();
      for (const [i, day] of DAYS.entries()) {
        const views = Array.from({ length: 30 + 10 * i }, (_, j) => ITEMS[j % ITEMS.length] ?? '');
        await storeReports(t.store, cmsReports(views, SMALL), { site: 'shop', model: 'm1', day });
      }
      await storeReports(t.store, cmsReports(['fig', 'fig'], { ...SMALL, epsilon: 1 }), {
        site: 'other',
        model: 'm1',
        day: DAYS[1] ?? '',
      });
    });

    it('equals the raw tally, rolling up only the days that can no longer change', async () => {
      expect(firstOpenDay(NOW)).toBe('2024-03-04');
      const raw = await tallySketches(t.store, query);
      expect(plain(await tallySketchWindow(t.store, query, NOW))).toEqual(plain(raw));
      const rolled = await t.store.db
        .selectFrom('sketch_tallies')
        .select(['site', 'day', 'reports'])
        .execute();
      expect(rolled.map((r) => `${r.site} ${r.day} ${r.reports}`).sort()).toEqual([
        'other 2024-03-02 2',
        'shop 2024-03-01 30',
        'shop 2024-03-02 40',
        'shop 2024-03-03 50',
      ]);
      // Read again from the roll-ups, concurrently: the same counts, no second roll-up.
      const again = await Promise.all([
        tallySketchWindow(t.store, query, NOW),
        tallySketchWindow(t.store, query, NOW),
      ]);
      for (const tallies of again) expect(plain(tallies)).toEqual(plain(raw));
      expect(await t.store.db.selectFrom('sketch_tallies').selectAll().execute()).toHaveLength(4);
    });

    it('reads closed days from their roll-ups, open days from their rows, and honours site and days', async () => {
      await tallySketchWindow(t.store, query, NOW);
      // With a closed day's rows gone, its roll-up still counts; an open day's new rows count at once.
      await t.store.db
        .deleteFrom('sketch_reports')
        .where('day', '=', DAYS[0] ?? '')
        .execute();
      await storeReports(t.store, cmsReports(['plum'], SMALL), {
        site: 'shop',
        model: 'm1',
        day: '2024-03-05',
      });
      const total = (tallies: readonly CmsTally[]) =>
        tallies.reduce((s, x) => s + x.rowReports.reduce((a, b) => a + b, 0), 0);
      expect(total(await tallySketchWindow(t.store, query, NOW))).toBe(30 + 40 + 50 + 60 + 1 + 2);
      const shop = { ...query, sites: ['shop'], from: DAYS[1], to: DAYS[3] };
      expect(total(await tallySketchWindow(t.store, shop, NOW))).toBe(40 + 50 + 60);
      expect(await tallySketchWindow(t.store, { ...query, sites: [] }, NOW)).toEqual([]);
    });

    it('moves the roll-ups with the site when its key is rotated', async () => {
      await tallySketchWindow(t.store, query, NOW);
      await t.store.upsertSite('shop', ['https://shop.example'], DAYS[0] ?? '');
      await t.store.rotateSiteKey('shop', 'shop-2');
      const rolled = await t.store.db
        .selectFrom('sketch_tallies')
        .select('site')
        .where('site', 'like', 'shop%')
        .execute();
      expect(new Set(rolled.map((r) => r.site))).toEqual(new Set(['shop-2']));
    });
  });
}
