/**
 * The model cache in real Chromium Cache Storage: a verified copy is served without loading again, a
 * tampered copy is refused and replaced, and a new model version (same URL, new sha256) replaces the
 * old copy instead of sitting beside it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachedBytes, clearModelCache, countCachedModels, MODEL_CACHE, setModelCaching } from './model-cache';
import { sha256Hex } from './model-loader';

const URL_ = `${location.origin}/v1/models/intent-int8.onnx`;
const v1 = new Uint8Array([1, 2, 3]);
const v2 = new Uint8Array([4, 5, 6, 7]);

async function read(bytes: Uint8Array, loads: { n: number }) {
  const sha = await sha256Hex(bytes);
  return cachedBytes(
    URL_,
    sha,
    async (b) => (await sha256Hex(b)) === sha,
    async () => {
      loads.n++;
      return bytes;
    },
  );
}

describe('model cache', () => {
  beforeEach(() => setModelCaching(true));
  afterEach(async () => {
    await clearModelCache();
    setModelCaching(false);
  });

  it('serves a verified copy without loading it again', async () => {
    const loads = { n: 0 };
    expect(await read(v1, loads)).toEqual(v1);
    expect(await read(v1, loads)).toEqual(v1);
    expect(loads.n).toBe(1);
  });

  it('refuses a tampered copy and stores the verified bytes again', async () => {
    const loads = { n: 0 };
    await read(v1, loads);
    const cache = await caches.open(MODEL_CACHE);
    const [key] = await cache.keys();
    await cache.put(key as Request, new Response(new Uint8Array([9, 9, 9])));
    expect(await read(v1, loads)).toEqual(v1);
    expect(loads.n).toBe(2);
  });

  it('replaces the old version when the manifest names new bytes for the same URL', async () => {
    const loads = { n: 0 };
    await read(v1, loads);
    expect(await read(v2, loads)).toEqual(v2);
    expect(await countCachedModels()).toBe(1);
    const [key] = await (await caches.open(MODEL_CACHE)).keys();
    expect(key?.url).toContain(await sha256Hex(v2));
  });

  it('keeps nothing before consent', async () => {
    setModelCaching(false);
    const loads = { n: 0 };
    await read(v1, loads);
    await read(v1, loads);
    expect(loads.n).toBe(2);
    expect(await caches.has(MODEL_CACHE)).toBe(false);
  });
});
