/**
 * k-ary randomized response, the local differential privacy mechanism for categorical reports.
 * The device encodes with {@link krrEncode} before anything is sent; the server debiases counts
 * with {@link krrEstimate}. Randomness comes only from `crypto.getRandomValues`.
 */

/** A source of uniform floats in [0, 1). */
export type Uniform = () => number;

/** Uniform float in [0, 1) with 53 random bits from the platform's CSPRNG. */
export const cryptoUniform: Uniform = () => {
  const u = crypto.getRandomValues(new Uint32Array(2));
  // 27 + 26 random bits fill a double's 53-bit mantissa exactly.
  return (((u[0] ?? 0) >>> 5) * 67_108_864 + ((u[1] ?? 0) >>> 6)) / 9_007_199_254_740_992;
};

/** Probability that the true value is reported unchanged. */
export function krrKeepProbability(domain: number, epsilon: number): number {
  const e = Math.exp(epsilon);
  return e / (e + domain - 1);
}

/**
 * Reports `value` with probability e^ε/(e^ε+k−1), otherwise one of the k−1 other values uniformly.
 * The ratio of any output's probability under two inputs is at most e^ε.
 */
export function krrEncode(
  value: number,
  domain: number,
  epsilon: number,
  uniform: Uniform = cryptoUniform,
): number {
  if (!Number.isInteger(domain) || domain < 2) throw new RangeError('domain must be an integer >= 2');
  if (!Number.isInteger(value) || value < 0 || value >= domain)
    throw new RangeError('value must be in [0, domain)');
  if (!(epsilon > 0)) throw new RangeError('epsilon must be > 0');
  if (uniform() < krrKeepProbability(domain, epsilon)) return value;
  const other = Math.min(domain - 2, Math.floor(uniform() * (domain - 1)));
  return other >= value ? other + 1 : other;
}

/**
 * Unbiased estimate of how many of `n` devices hold each value, from the counts of reported values.
 * Estimates can be negative for rare values; callers clip or threshold before publishing.
 */
export function krrEstimate(counts: readonly number[], epsilon: number): number[] {
  const k = counts.length;
  const n = counts.reduce((a, b) => a + b, 0);
  const p = krrKeepProbability(k, epsilon);
  const q = (1 - p) / (k - 1);
  return counts.map((c) => (c - n * q) / (p - q));
}
