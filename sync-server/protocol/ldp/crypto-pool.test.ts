import { describe, expect, it } from 'vitest';
import { createCryptoUniform } from './crypto-pool';

describe('pooled CSPRNG uniform', () => {
  it('draws uniforms in [0, 1) across several refills', () => {
    const uniform = createCryptoUniform(64); // 32 draws per refill
    const xs = Array.from({ length: 20_000 }, uniform);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01); // sd of the mean ≈ 0.002
    expect(new Set(xs).size).toBe(xs.length); // 53-bit draws never repeat at this scale
  });

  it('rejects pool sizes getRandomValues cannot fill', () => {
    expect(() => createCryptoUniform(3)).toThrow(/even integer/);
    expect(() => createCryptoUniform(32_768)).toThrow(RangeError);
  });
});
