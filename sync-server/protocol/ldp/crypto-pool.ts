/**
 * A buffered CSPRNG uniform. The count-mean sketch draws one uniform per bucket (1,024 per report by
 * default); one `crypto.getRandomValues` call per draw would dominate encoding, so this fills a pool
 * from the same CSPRNG and hands out 53-bit doubles from it. Every value is still cryptographic.
 */
import type { Uniform } from '../krr';

/** The most bytes one `crypto.getRandomValues` call may fill. */
const MAX_FILL_BYTES = 65_536;

/** A {@link Uniform} in [0, 1) backed by `crypto.getRandomValues`, refilled `poolWords` 32-bit words at a time. */
export function createCryptoUniform(poolWords = MAX_FILL_BYTES / 4): Uniform {
  if (
    !(Number.isInteger(poolWords) && poolWords >= 2 && poolWords % 2 === 0 && poolWords * 4 <= MAX_FILL_BYTES)
  )
    throw new RangeError(`poolWords must be an even integer in [2, ${MAX_FILL_BYTES / 4}]`);
  const pool = new Uint32Array(poolWords);
  let next = poolWords;
  return () => {
    if (next >= poolWords) {
      crypto.getRandomValues(pool);
      next = 0;
    }
    const hi = (pool[next] ?? 0) >>> 5;
    const lo = (pool[next + 1] ?? 0) >>> 6;
    // Words are zeroed once used so that no drawn randomness lingers in memory.
    pool[next] = 0;
    pool[next + 1] = 0;
    next += 2;
    // 27 + 26 random bits fill a double's 53-bit mantissa exactly.
    return (hi * 67_108_864 + lo) / 9_007_199_254_740_992;
  };
}
