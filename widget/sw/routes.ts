/**
 * What the widget origin's service worker keeps, as plain data and predicates the worker script and
 * its tests share. Only the widget's own files and the server's public, per-site reads are routed;
 * everything else (reports, the dashboard, the admin API) goes to the network as if there were no
 * service worker, so the outbox sees a real failure offline and keeps its reports.
 */

/** The service worker's script URL, relative to the frame document (both sit at the origin root). */
export const SERVICE_WORKER_URL = './sw.js';

/** Cache names, one per strategy, all prefixed so the frame can delete them on revocation. */
export const OFFLINE_CACHES = {
  /** The frame document, network first: a new release reaches visitors at their next online page. */
  shell: 'confide-shell',
  /** Content-hashed build files (frame and worker chunks, onnxruntime-web's glue and wasm): never change. */
  assets: 'confide-assets',
  /** The manifest, priors and experiments, network first, for a device that is offline. */
  api: 'confide-api',
} as const;

/**
 * The worker's IndexedDB database (worker/storage/schema.ts `DB_NAME`; a test keeps the two equal).
 * It exists exactly while the widget keeps the visitor's data, so the service worker keeps files only
 * while it exists: after a revocation it may still control the open pages for a while, and must not
 * fill the caches the frame has just deleted.
 */
export const KEPT_DATABASE = 'confide';

/** The worker's own model cache (worker/models/model-cache.ts `MODEL_CACHE`; a test keeps the two equal). */
export const WORKER_MODEL_CACHE = 'confide-models';

/** Prefix of every cache the widget origin creates (the worker's model cache included). */
export const CACHE_PREFIX = 'confide-';

/** Seconds a network-first read waits before it answers from the cache. */
export const NETWORK_TIMEOUT_S = 4;

/** Hashed build files kept at most; several releases' worth of chunks, with room for the wasm. */
export const MAX_ASSET_ENTRIES = 80;

/** Which cache, if any, a GET of `url` on the widget origin `origin` belongs to. */
export function routeFor(url: URL, origin: string): keyof typeof OFFLINE_CACHES | undefined {
  if (url.origin !== origin) return undefined;
  const path = url.pathname;
  if (path === '/frame.html') return 'shell';
  if (path.startsWith('/assets/') && !path.endsWith('.map')) return 'assets';
  if (path === '/v1/manifest' || path === '/v1/priors' || path === '/v1/experiments') return 'api';
  return undefined;
}
