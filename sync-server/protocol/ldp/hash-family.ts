/**
 * The seeded hash family of the count-mean sketch. Device and server must map an item to the same
 * bucket in every row, so the family is fixed by the protocol: row j hashes the item's UTF-8 bytes
 * with MurmurHash3 (x86, 32-bit) seeded by `CMS_FAMILY_SEED + j`, reduced modulo the bucket count.
 * Changing the seed changes every sketch; it is versioned with the report schema.
 */

/** Base seed of the family; row j uses `CMS_FAMILY_SEED + j`. */
export const CMS_FAMILY_SEED = 0x5f3c_0de1;

const utf8 = new TextEncoder();

/** MurmurHash3 x86_32 of `data` with `seed`, as an unsigned 32-bit integer. */
export function murmur3(data: Uint8Array, seed: number): number {
  let h = seed >>> 0;
  const blocks = data.length & ~3;
  for (let i = 0; i < blocks; i += 4) {
    let k =
      (data[i] ?? 0) | ((data[i + 1] ?? 0) << 8) | ((data[i + 2] ?? 0) << 16) | ((data[i + 3] ?? 0) << 24);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  let k = 0;
  const tail = data.length & 3;
  if (tail === 3) k ^= (data[blocks + 2] ?? 0) << 16;
  if (tail >= 2) k ^= (data[blocks + 1] ?? 0) << 8;
  if (tail >= 1) {
    k ^= data[blocks] ?? 0;
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
  }
  h ^= data.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Throws unless `item` is a non-empty string: the sketch hashes catalog item ids. */
export function assertItem(item: string): void {
  if (typeof item !== 'string' || item.length === 0) throw new RangeError('item must be a non-empty string');
}

/** The bucket of `item` in row `row` of a sketch with `buckets` columns. */
export function cmsBucket(item: string, row: number, buckets: number): number {
  assertItem(item);
  return murmur3(utf8.encode(item), (CMS_FAMILY_SEED + row) >>> 0) % buckets;
}

/** The bucket of `item` in every row, encoding the item once. */
export function cmsBuckets(item: string, hashes: number, buckets: number): Uint32Array {
  assertItem(item);
  const bytes = utf8.encode(item);
  const out = new Uint32Array(hashes);
  for (let j = 0; j < hashes; j++) out[j] = murmur3(bytes, (CMS_FAMILY_SEED + j) >>> 0) % buckets;
  return out;
}
