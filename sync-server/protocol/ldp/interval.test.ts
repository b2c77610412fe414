import { describe, expect, it } from 'vitest';
import { assertEpsilon, normalInterval, normalQuantile, zForConfidence } from './interval';

describe('normal intervals', () => {
  it('matches tabulated normal quantiles', () => {
    expect(zForConfidence(0.95)).toBeCloseTo(1.959964, 5);
    expect(zForConfidence(0.99)).toBeCloseTo(2.575829, 5);
    expect(zForConfidence(0.9)).toBeCloseTo(1.644854, 5);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 10);
  });

  it('builds estimate ± z·√variance', () => {
    const cell = normalInterval(100, 400, 2);
    expect(cell).toEqual({ estimate: 100, variance: 400, halfWidth: 40, lower: 60, upper: 140 });
  });

  it('rejects impossible confidence levels and epsilons', () => {
    expect(() => zForConfidence(1)).toThrow(/confidence must be in \(0, 1\)/);
    expect(() => zForConfidence(0)).toThrow(RangeError);
    expect(() => normalQuantile(Number.NaN)).toThrow(/probability/);
    expect(() => assertEpsilon(0)).toThrow(/epsilon must be a finite number > 0/);
    expect(() => assertEpsilon(-1)).toThrow(RangeError);
    expect(() => assertEpsilon(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => assertEpsilon(Number.NaN)).toThrow(RangeError);
  });
});
