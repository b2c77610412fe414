/**
 * Count-mean sketch (Apple, "Learning with Privacy at Scale", 2017), the device side.
 *
 * To report `item` the device picks a row j uniformly from `hashes` rows, builds a vector of
 * `buckets` entries that is +1 at h_j(item) and −1 elsewhere, and flips every entry independently
 * with probability 1/(1+e^{ε/2}). Two items change at most two entries (and j does not depend on the
 * item), so the ratio of any output's probability under two inputs is at most (e^{ε/2})² = e^ε.
 * Bits travel as lowercase hex, bit l of the vector being bit (l mod 8) of byte ⌊l/8⌋ (1 = +1).
 */
import type { Uniform } from '../krr';
import { createCryptoUniform } from './crypto-pool';
import { cmsBucket } from './hash-family';
import { assertEpsilon } from './interval';

/** Shape of a sketch; device and server must agree on it. */
export interface CmsParams {
  /** Number of hash functions (rows). */
  readonly hashes: number;
  /** Number of buckets per row; a multiple of 8 so the bits pack into whole bytes. */
  readonly buckets: number;
  /** Privacy loss of one report. */
  readonly epsilon: number;
}

/** Defaults: 64 rows keep a collision with one heavy item down to 1/64 of its count per row hit. */
export const DEFAULT_CMS_HASHES = 64;
/** Default buckets: 1,024, as in Apple's deployment. */
export const DEFAULT_CMS_BUCKETS = 1024;
/** Fewest buckets a sketch may have. */
export const MIN_CMS_BUCKETS = 8;
/** Most buckets a sketch may have (512 bytes of bits per report). */
export const MAX_CMS_BUCKETS = 4096;
/** Most rows a sketch may have. */
export const MAX_CMS_HASHES = 1024;

/** One encoded report before it is put on the wire. */
export interface CmsEncoded {
  /** The row j the device chose. */
  readonly row: number;
  /** The flipped ±1 vector, packed: bit set means +1. */
  readonly bits: Uint8Array;
}

/** Throws a RangeError naming the first parameter out of range. */
export function assertCmsParams(params: CmsParams): void {
  const { hashes, buckets, epsilon } = params;
  if (!(Number.isInteger(hashes) && hashes >= 1 && hashes <= MAX_CMS_HASHES))
    throw new RangeError(`hashes must be an integer in [1, ${MAX_CMS_HASHES}], got ${hashes}`);
  if (
    !(
      Number.isInteger(buckets) &&
      buckets >= MIN_CMS_BUCKETS &&
      buckets <= MAX_CMS_BUCKETS &&
      buckets % 8 === 0
    )
  )
    throw new RangeError(
      `buckets must be a multiple of 8 in [${MIN_CMS_BUCKETS}, ${MAX_CMS_BUCKETS}], got ${buckets}`,
    );
  assertEpsilon(epsilon);
}

/** Probability that one entry of the vector is flipped: 1/(1+e^{ε/2}). */
export function cmsFlipProbability(epsilon: number): number {
  assertEpsilon(epsilon);
  return 1 / (1 + Math.exp(epsilon / 2));
}

const pooledUniform = createCryptoUniform();

/** Encodes one item. `uniform` defaults to a pooled `crypto.getRandomValues` source. */
export function cmsEncode(item: string, params: CmsParams, uniform: Uniform = pooledUniform): CmsEncoded {
  assertCmsParams(params);
  const { hashes, buckets, epsilon } = params;
  const row = Math.min(hashes - 1, Math.floor(uniform() * hashes));
  const hot = cmsBucket(item, row, buckets);
  const flip = cmsFlipProbability(epsilon);
  const bits = new Uint8Array(buckets / 8);
  for (let l = 0; l < buckets; l++) {
    const plus = (l === hot) !== uniform() < flip;
    if (plus) bits[l >> 3] = (bits[l >> 3] ?? 0) | (1 << (l & 7));
  }
  return { row, bits };
}

/** The packed bits as lowercase hex, two characters per byte. */
export function cmsBitsToHex(bits: Uint8Array): string {
  let out = '';
  for (const b of bits) out += b.toString(16).padStart(2, '0');
  return out;
}

/** Parses hex bits for a sketch with `buckets` buckets; throws on a wrong length or character. */
export function cmsBitsFromHex(hex: string, buckets: number): Uint8Array {
  if (hex.length !== buckets / 4 || !/^[0-9a-f]*$/.test(hex))
    throw new RangeError(`bits must be ${buckets / 4} lowercase hex characters`);
  const out = new Uint8Array(buckets / 8);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}
