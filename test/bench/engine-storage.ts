/**
 * What the engine left on the origin, read from the page (same origin as the worker, so the same
 * Cache Storage and IndexedDB): which manifest files sit in the model cache, so "warm caches" is
 * checked rather than assumed, and whether anything survived `forget()`.
 */
import type { Catalog, Manifest } from '../../models/features';
import { loadManifest, loadVerifiedJson, MODEL_CACHE } from '../../worker/models';

/** One file the manifest names, by the hash the worker caches it under. */
interface ManifestFile {
  readonly file: string;
  readonly sha256: string;
}

/** The files a worker loads for the three models: the int8 variants where they exist, as it does. */
function modelFiles(m: Manifest): ManifestFile[] {
  const { recommend, segment, intent } = m.models;
  const files: ManifestFile[] = [
    recommend.int8 ?? recommend,
    { file: recommend.catalog, sha256: recommend.catalogSha256 },
  ];
  if (segment) files.push(segment.int8 ?? segment, { file: segment.items, sha256: segment.itemsSha256 });
  if (intent) files.push(intent.int8 ?? intent);
  if (intent?.answers) files.push(intent.answers);
  return files.map(({ file, sha256 }) => ({ file, sha256 }));
}

/** The manifest and the catalog's item ids, fetched by the page (its model cache stays off). */
export async function catalogIds(origin: string): Promise<{ manifest: Manifest; ids: string[] }> {
  const manifest = await loadManifest(origin);
  const entry = manifest.models.recommend;
  const catalog = await loadVerifiedJson<Catalog>(origin, entry.catalog, entry.catalogSha256);
  return { manifest, ids: catalog.items.map((i) => i.id) };
}

/** The manifest's files that are in the model cache and those that are not. */
export async function cachedModelFiles(m: Manifest): Promise<{ cached: string[]; missing: string[] }> {
  const expected = modelFiles(m);
  // `has` first: `open` would create the cache and hide that the worker never wrote one.
  if (!(await caches.has(MODEL_CACHE))) return { cached: [], missing: expected.map((f) => f.file) };
  const keys = await (await caches.open(MODEL_CACHE)).keys();
  const hashes = new Set(keys.map((r) => new URL(r.url).searchParams.get('sha256')));
  const cached = expected.filter((f) => hashes.has(f.sha256)).map((f) => f.file);
  const missing = expected.filter((f) => !hashes.has(f.sha256)).map((f) => f.file);
  return { cached, missing };
}

/**
 * Reads every manifest file back from the model cache and checks its sha256, as each fresh worker
 * does before it creates a session; returns the ms it took. Done on the page, one file after another,
 * so it is the cost of the cache alone, without the runtime load the worker overlaps it with.
 */
export async function cacheReadVerifyMs(m: Manifest): Promise<number> {
  const cache = await caches.open(MODEL_CACHE);
  const keys = await cache.keys();
  const started = performance.now();
  for (const { file, sha256 } of modelFiles(m)) {
    const key = keys.find((r) => new URL(r.url).searchParams.get('sha256') === sha256);
    const hit = key && (await cache.match(key));
    if (!hit) throw new Error(`${file} is not in the model cache`);
    const digest = await crypto.subtle.digest('SHA-256', await hit.arrayBuffer());
    const hex = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
    if (hex !== sha256) throw new Error(`${file} in the model cache has sha256 ${hex}`);
  }
  return performance.now() - started;
}

/** IndexedDB databases on the origin and whether the model cache exists. */
export async function originStorage(): Promise<{ databases: string[]; modelCache: boolean }> {
  const databases = (await indexedDB.databases()).map((d) => d.name ?? '').filter(Boolean);
  return { databases, modelCache: await caches.has(MODEL_CACHE) };
}
