import { describe, expect, it } from 'vitest';
import { DEFAULT_INTERACTION_SPEC } from '../features/interactions';
import { loadData, UCI_SOURCE } from './data-source';
import { evaluateRecommender } from './evaluate';
import type { RawInteraction } from './read-interactions';
import { DEFAULT_GRID, type TuneGrid } from './recommend/tune';

const DAY = 86_400_000;

/** 4 clusters of 6 items; each user buys only inside one cluster: co-purchase structure kNN can use. */
function clusteredRows(earlyBasket = false): RawInteraction[] {
  const rows: RawInteraction[] = [];
  let line = 2;
  for (let u = 0; u < 80; u++) {
    const cluster = u % 4;
    const pick = (j: number): string => `I${cluster}${(u + j) % 6}`;
    const add = (item: string, day: number, invoice: string): void => {
      rows.push({
        user: `u${u}`,
        item,
        ts: day * DAY,
        quantity: 1,
        price: 1,
        title: '',
        invoice,
        line: line++,
      });
    };
    if (earlyBasket) for (const j of [5, 3]) add(pick(j), 5, `e${u}`);
    for (const j of [0, 1, 2]) add(pick(j), 10, `a${u}`);
    for (const j of [3, 4]) add(pick(j), 20, `b${u}`);
  }
  // A few globally popular items bought by everyone on day 1, so popularity has a strong (wrong) signal.
  for (let u = 0; u < 80; u++) {
    rows.push({
      user: `u${u}`,
      item: 'P0',
      ts: DAY,
      quantity: 1,
      price: 1,
      title: '',
      invoice: `p${u}`,
      line: line++,
    });
  }
  return rows;
}

const FIXED: TuneGrid = {
  items: [50],
  lambda: [10],
  textWeight: [0],
  halfLifeDays: [14],
  rank: [0],
  neighbours: [5],
};

describe('evaluateRecommender', () => {
  it('scores the exported graphs on the split and beats both baselines on clustered data', async () => {
    const r = await evaluateRecommender(clusteredRows(), {
      grid: FIXED,
      k: 5,
      spec: DEFAULT_INTERACTION_SPEC,
      int8: true,
      seed: 1,
    });
    expect(r.split.eligibleUsers).toBe(80);
    expect(r.split.evaluatedUsers).toBe(80);
    expect(r.split.heldOutRows).toBe(160);
    expect(r.split.trainRows).toBe(80 * 4);
    expect(r.referenceAgreement).toBe(1);
    expect(r.maxScoreDiff).toBeLessThan(1e-4);
    expect(r.fp32.recall10).toBeGreaterThan(0.9);
    expect(r.fp32.recall10).toBeGreaterThan(r.popularity.recall10 + 0.3);
    expect(r.fp32.ndcg10).toBeGreaterThanOrEqual(r.itemknn.ndcg10);
    expect(r.int8?.recall10).toBeCloseTo(r.fp32.recall10, 2);
    expect(r.tuning.trials).toEqual([]); // nothing to search: every parameter fixed
  });

  it('chooses hyper-parameters on a validation split of the training rows only', async () => {
    const logs: string[] = [];
    // An extra early basket per user, so the validation split (day 10 held out) still has structure.
    const r = await evaluateRecommender(clusteredRows(true), {
      grid: { ...FIXED, items: [50, 10], lambda: [10, 1], halfLifeDays: [14, 60], rank: [0, 4] },
      k: 5,
      spec: DEFAULT_INTERACTION_SPEC,
      int8: false,
      seed: 1,
      log: (l) => logs.push(l),
    });
    // The validation split holds out each user's last *training* basket (day 10), never day 20.
    expect(r.tuning.validationTrainRows).toBe(80 * 3);
    expect(r.tuning.validationUsers).toBe(80);
    expect(r.tuning.trials.map((t) => t.stage)).toEqual([
      'items',
      'items',
      'popularity',
      'lambda',
      'lambda',
      'halfLifeDays',
      'halfLifeDays',
      'rank',
      'rank',
    ]);
    expect([10, 1]).toContain(r.chosen.lambda);
    // 10 items cannot hold every held-out basket; the whole 25-item catalog can.
    expect(r.chosen.items).toBe(50);
    expect(r.split.catalogSize).toBe(25);
    expect(r.spec.halfLifeDays).toBe(r.chosen.halfLifeDays);
    expect(logs.some((l) => l.includes('tune lambda'))).toBe(true);
  });

  // The full UCI run takes a few minutes; enable with CONFIDE_FULL_DATA=1.
  it.skipIf(!process.env.CONFIDE_FULL_DATA)(
    'on UCI Online Retail, the model reaches 2× popularity NDCG@10 and int8 stays within 1% of fp32',
    async () => {
      const data = await loadData(UCI_SOURCE);
      const r = await evaluateRecommender(data.rows, {
        grid: DEFAULT_GRID,
        k: 10,
        spec: DEFAULT_INTERACTION_SPEC,
        int8: true,
        seed: 1,
      });
      expect(r.fp32.ndcg10).toBeGreaterThan(r.popularity.ndcg10 * 2);
      expect(r.fp32.ndcg10).toBeGreaterThan(r.itemknn.ndcg10);
      expect(Math.abs((r.int8?.ndcg10 ?? 0) - r.fp32.ndcg10)).toBeLessThan(0.01 * r.fp32.ndcg10);
    },
    900_000,
  );
});
