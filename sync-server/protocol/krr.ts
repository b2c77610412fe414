/**
 * k-ary randomized response, the local differential privacy mechanism for categorical reports.
 * Values that persist across days use the memoized form ({@link krrMemoEncode}).
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

/**
 * P(report = true value) when a permanent k-RR draw at `permanentEpsilon` is randomized again at
 * `instantEpsilon` (memoized randomized response, RAPPOR-style). Both channels are symmetric, so their
 * composition is too: it keeps the value with p₁·p₂ + (1−p₁)(1−p₂)/(k−1) and otherwise moves it to each
 * other value with equal probability, i.e. it is plain k-RR at {@link krrMemoEpsilon}.
 */
export function krrMemoKeepProbability(
  domain: number,
  permanentEpsilon: number,
  instantEpsilon: number,
): number {
  const p1 = krrKeepProbability(domain, permanentEpsilon);
  const p2 = krrKeepProbability(domain, instantEpsilon);
  return p1 * p2 + ((1 - p1) * (1 - p2)) / (domain - 1);
}

/**
 * The epsilon of one memoized report: ln(P(same)·(k−1)/(1−P(same))). It is below both inputs, and is
 * what a day's report costs; the server debiases these reports as k-RR at this epsilon. What all the
 * days' reports of one value reveal together never exceeds `permanentEpsilon` (they are post-processing
 * of the one permanent draw), so repeating a day adds nothing to the long-term loss.
 */
export function krrMemoEpsilon(domain: number, permanentEpsilon: number, instantEpsilon: number): number {
  const p = krrMemoKeepProbability(domain, permanentEpsilon, instantEpsilon);
  return Math.log((p * (domain - 1)) / (1 - p));
}

/** A memoized report: the permanent draw to keep (unchanged when one was given) and today's value. */
export interface KrrMemoDraw {
  readonly permanent: number;
  readonly value: number;
}

/**
 * Encodes `value` with memoized randomized response: the permanent response is `permanent` when the
 * device already drew one for this value, else a fresh k-RR draw at `permanentEpsilon` that the caller
 * must keep; today's report is that permanent response randomized again at `instantEpsilon`, so the
 * daily value is not a stable fingerprint.
 */
export function krrMemoEncode(
  value: number,
  domain: number,
  permanentEpsilon: number,
  instantEpsilon: number,
  permanent: number | undefined,
  uniform: Uniform = cryptoUniform,
): KrrMemoDraw {
  const kept =
    permanent !== undefined && Number.isInteger(permanent) && permanent >= 0 && permanent < domain
      ? permanent
      : krrEncode(value, domain, permanentEpsilon, uniform);
  return { permanent: kept, value: krrEncode(kept, domain, instantEpsilon, uniform) };
}
