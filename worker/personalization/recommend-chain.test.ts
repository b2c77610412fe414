import { describe, expect, it } from 'vitest';
import { type Candidate, catalogStage, runChain, type StageResult, segmentStage } from './recommend-chain';

const catalog = new Map(
  ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id, i) => [id, { title: `Item ${id}`, price: i + 1 }]),
);
const lookup = (id: string) => catalog.get(id);
const cands = (ids: string[], reason: string): Candidate[] =>
  ids.map((id, rank) => ({ id, score: 10 - rank, reason }));
const base = { exclude: new Set<string>(), adjust: () => 0, lookup, k: 3 };

describe('recommendation chain', () => {
  it('uses the personal model first and keeps each item’s reason and basis', async () => {
    const r = await runChain({
      ...base,
      stages: [
        { basis: 'personal', candidates: cands(['a', 'b', 'c'], 'because you viewed x') },
        catalogStage(['d', 'e', 'f'], 3),
      ],
    });
    expect(r.basis).toBe('personal');
    expect(r.fallbackReason).toBeUndefined();
    expect(r.items.map((i) => [i.id, i.basis, i.reason])).toEqual([
      ['a', 'personal', 'because you viewed x'],
      ['b', 'personal', 'because you viewed x'],
      ['c', 'personal', 'because you viewed x'],
    ]);
    expect(r.items[0]).toMatchObject({ title: 'Item a', price: 1 });
  });

  it('falls through unavailable stages in order and says why', async () => {
    const stages: StageResult[] = [
      { basis: 'personal', unavailable: 'model 404' },
      { basis: 'segment', unavailable: 'no segment prior' },
      { basis: 'priors', candidates: cands(['e', 'f'], 'popular here') },
      catalogStage(['a', 'b', 'c'], 3),
    ];
    const r = await runChain({ ...base, stages });
    expect(r.basis).toBe('priors');
    expect(r.fallbackReason).toBe('personal: model 404; segment: no segment prior');
    // The short priors list is topped up from the catalog, not replaced.
    expect(r.items.map((i) => `${i.id}:${i.basis}`)).toEqual(['e:priors', 'f:priors', 'a:catalog']);
  });

  it('never recommends seen items, thumbed-down items or unknown ids', async () => {
    const r = await runChain({
      ...base,
      exclude: new Set(['a']),
      adjust: (id) => (id === 'b' ? Number.NEGATIVE_INFINITY : 0),
      stages: [
        { basis: 'personal', candidates: cands(['a', 'b', 'zzz', 'c'], 'r') },
        catalogStage(['a', 'b', 'c', 'd', 'e'], 5),
      ],
    });
    expect(r.items.map((i) => i.id)).toEqual(['c', 'd', 'e']);
  });

  it('lets positive feedback lift an item within its stage and says so', async () => {
    const r = await runChain({
      ...base,
      adjust: (id) => (id === 'c' ? 1.5 : 0),
      stages: [{ basis: 'personal', candidates: cands(['a', 'b', 'c'], 'r') }],
    });
    expect(r.items[0]?.id).toBe('c');
    expect(r.items[0]?.reason).toMatch(/liked/);
  });

  it('builds the segment prior only for model segments', () => {
    const items = { priors: ['a b', 'c d'] };
    expect(segmentStage(items, { id: 1, name: 'loyal', source: 'model' })).toMatchObject({
      basis: 'segment',
      candidates: [{ id: 'c' }, { id: 'd' }],
    });
    expect(segmentStage(items, { id: 3, name: 'browsing visitor', source: 'rule' })).toHaveProperty(
      'unavailable',
    );
    expect(segmentStage({}, { id: 0, name: 'x', source: 'model' })).toHaveProperty('unavailable');
  });

  it('returns the catalog basis and an empty list when every stage is exhausted', async () => {
    const r = await runChain({ ...base, exclude: new Set(['a']), stages: [catalogStage(['a'], 1)] });
    expect(r).toMatchObject({ items: [], basis: 'catalog' });
  });

  it('computes later stages only when earlier ones leave the list short', async () => {
    let asked = 0;
    const later = async (): Promise<StageResult> => {
      asked += 1;
      return { basis: 'priors', candidates: cands(['g'], 'popular') };
    };
    await runChain({
      ...base,
      stages: [{ basis: 'personal', candidates: cands(['a', 'b', 'c'], 'r') }, later],
    });
    expect(asked).toBe(0);
    const r = await runChain({
      ...base,
      stages: [{ basis: 'personal', candidates: cands(['a'], 'r') }, later],
    });
    expect(asked).toBe(1);
    expect(r.items.map((i) => i.id)).toEqual(['a', 'g']);
  });
});
