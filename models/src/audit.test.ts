import { describe, expect, it } from 'vitest';
import { auditGroups, bootstrapMean } from './audit';

describe('bootstrapMean', () => {
  it('brackets the mean, narrows with more data, and repeats with the seed', () => {
    const small = [1, 0, 1, 1, 0, 1, 0, 1];
    const large = Array.from({ length: 800 }, (_, i) => small[i % small.length] as number);
    const a = bootstrapMean(small, 7);
    expect(a.low).toBeLessThanOrEqual(a.mean);
    expect(a.high).toBeGreaterThanOrEqual(a.mean);
    const b = bootstrapMean(large, 7);
    expect(b.high - b.low).toBeLessThan((a.high - a.low) / 5);
    expect(bootstrapMean(small, 7)).toEqual(a);
  });
});

describe('auditGroups', () => {
  it('flags a group more than the margin below the overall figure, and says when it is clear', () => {
    // Group "b" answers far worse than "a"; "c" has two cases only.
    const scores = [...Array(60).fill(1), ...Array(40).fill(0), 1, 0];
    const groupOf = (i: number) => (i < 60 ? 'a' : i < 100 ? 'b' : 'c');
    const audit = auditGroups(scores, groupOf, {
      metric: 'accuracy',
      by: 'intent',
      margin: 0.1,
      seed: 1,
      minSize: 3,
    });
    expect(audit.overall).toBeCloseTo(61 / 102, 5);
    expect(audit.groups.map((g) => g.group)).toEqual(['a', 'b']);
    const [a, b] = audit.groups;
    expect(a).toMatchObject({ n: 60, mean: 1, flagged: false });
    expect(b).toMatchObject({ n: 40, mean: 0, flagged: true, clear: true });
    expect(b?.gap).toBeCloseTo(-61 / 102, 5);
  });

  it('flags but does not call clear a small group whose interval reaches the overall figure', () => {
    const scores = [...Array(50).fill(1), ...Array(50).fill(0), 1, 0, 0, 1, 0];
    const groupOf = (i: number) => (i < 100 ? 'big' : 'small');
    const audit = auditGroups(scores, groupOf, { metric: 'accuracy', by: 'x', margin: 0.05, seed: 3 });
    const small = audit.groups.find((g) => g.group === 'small');
    expect(small?.flagged).toBe(true);
    expect(small?.clear).toBe(false);
  });
});
