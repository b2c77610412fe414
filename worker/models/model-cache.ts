/**
 * Model files in the Cache API, keyed by URL and hash, so a returning visitor does not download them
 * again. A cached copy is re-verified on every read (storage can be tampered with or corrupted), and
 * the whole cache is deleted when `personalize` is revoked. Where the browser refuses the Cache API
 * (third-party storage blocked), files are simply fetched each time.
 */

/** Name of the cache holding verified model files. */
export const MODEL_CACHE = 'confide-models';

function cacheKey(url: string, sha256: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}sha256=${sha256}`;
}

let enabled = false;

/**
 * Allows or forbids the cache. Off until the visitor grants `personalize`: Cache Storage is storage,
 * so a model fetched for a chat message before consent is used and forgotten, never kept.
 */
export function setModelCaching(on: boolean): void {
  enabled = on;
}

async function openCache(): Promise<Cache | null> {
  if (!enabled) return null;
  try {
    return typeof caches === 'undefined' ? null : await caches.open(MODEL_CACHE);
  } catch {
    return null;
  }
}

/**
 * Returns the bytes for `url` whose sha256 must equal `sha256`: from the cache when a verified copy
 * is there, else from `load` (which verifies), then stored for next time.
 */
export async function cachedBytes(
  url: string,
  sha256: string,
  verify: (bytes: Uint8Array) => Promise<boolean>,
  load: () => Promise<Uint8Array>,
): Promise<Uint8Array> {
  const cache = await openCache();
  const key = cacheKey(url, sha256);
  const hit = await cache?.match(key).catch(() => undefined);
  if (hit) {
    const bytes = new Uint8Array(await hit.arrayBuffer());
    if (await verify(bytes)) return bytes;
    await cache?.delete(key).catch(() => false);
  }
  const bytes = await load();
  // A full disk must not cost the visitor the model: caching is best-effort.
  await cache?.put(key, new Response(bytes as Uint8Array<ArrayBuffer>)).catch(() => undefined);
  if (cache) await dropOtherVersions(cache, url, key);
  return bytes;
}

/**
 * A new manifest names a file by a new sha256: the copies of that URL under other hashes are an
 * older model version nothing will ask for again, so they go as soon as the new one is stored.
 */
async function dropOtherVersions(cache: Cache, url: string, keep: string): Promise<void> {
  const prefix = cacheKey(url, '');
  try {
    const stale = (await cache.keys()).filter((r) => r.url.startsWith(prefix) && r.url !== keep);
    await Promise.all(stale.map((r) => cache.delete(r)));
  } catch {
    // Best effort, like the put: a stale copy is never served (its hash does not match).
  }
}

/** Deletes every cached model file (revocation). */
export async function clearModelCache(): Promise<void> {
  try {
    if (typeof caches !== 'undefined') await caches.delete(MODEL_CACHE);
  } catch {
    // Blocked storage holds nothing to delete.
  }
}

/** How many model files are cached; never creates the cache to find out. */
export async function countCachedModels(): Promise<number> {
  try {
    if (typeof caches === 'undefined' || !(await caches.has(MODEL_CACHE))) return 0;
    return (await (await caches.open(MODEL_CACHE)).keys()).length;
  } catch {
    return 0;
  }
}
