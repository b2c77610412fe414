/**
 * Seeded randomness for training (k-means++, resampling, splits, test samples). Not crypto: it must give the same stream for the
 * same seed on every machine so a retrain reproduces the same ONNX bytes.
 */

/** A function returning uniform floats in [0, 1). */
export type Rng = () => number;

/** mulberry32: tiny, fast, 32-bit state, good enough for sampling. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform integer in [0, n). */
export function randomInt(rng: Rng, n: number): number {
  return Math.min(n - 1, Math.floor(rng() * n));
}

/** `m` distinct indices of 0..n-1 (all of them, in order, when m ≥ n), via a partial Fisher–Yates. */
export function sampleWithoutReplacement(n: number, m: number, rng: Rng): Int32Array {
  if (m >= n) return Int32Array.from({ length: n }, (_, i) => i);
  const pool = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < m; i++) {
    const j = i + randomInt(rng, n - i);
    const t = pool[i] as number;
    pool[i] = pool[j] as number;
    pool[j] = t;
  }
  return pool.slice(0, m).sort();
}

/** A bootstrap resample: n indices of 0..n-1 drawn with replacement. */
export function bootstrapIndices(n: number, rng: Rng): Int32Array {
  return Int32Array.from({ length: n }, () => randomInt(rng, n));
}
