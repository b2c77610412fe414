/**
 * The widget origin's service worker (built to `/sw.js`, registered by the frame only for a visitor
 * whose widget keeps data, unregistered with its caches on revocation). It makes a returning
 * visitor's pages independent of the network: the frame document network-first, the content-hashed
 * build files cache-first (the 14 MB runtime wasm included, fetched once instead of on every page,
 * and compiled from the same response each time), and the manifest, priors and experiments
 * network-first. Model files are not routed: the worker keeps them itself, keyed by their sha256
 * (worker/models/model-cache.ts), so a new manifest version always gets the new bytes.
 */
/// <reference lib="webworker" />
import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import { clientsClaim, type RouteHandlerCallback, type WorkboxPlugin } from 'workbox-core';
import { Route, Router } from 'workbox-routing';
import { CacheFirst, NetworkFirst, type Strategy } from 'workbox-strategies';
import {
  CACHE_PREFIX,
  KEPT_DATABASE,
  MAX_ASSET_ENTRIES,
  NETWORK_TIMEOUT_S,
  OFFLINE_CACHES,
  routeFor,
  WORKER_MODEL_CACHE,
} from './routes';

declare const self: ServiceWorkerGlobalScope;

// A new service worker takes over at once: its routes only ever add caching to the same URLs, so
// there is no old page it could break.
self.addEventListener('install', () => {
  void self.skipWaiting();
});
clientsClaim();

// Caches a previous version named and this one does not are dropped (the model cache is the worker's).
self.addEventListener('activate', (event) => {
  const ours = new Set<string>([...Object.values(OFFLINE_CACHES), WORKER_MODEL_CACHE]);
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names.filter((n) => n.startsWith(CACHE_PREFIX) && !ours.has(n)).map((n) => caches.delete(n)),
        ),
      ),
  );
});

const ok = () => new CacheableResponsePlugin({ statuses: [200] });

/**
 * The worker's request policy (worker/network/device-fetch.ts), for the service worker's own
 * fetches too: no cookies or HTTP auth, no Referer, nothing in the HTTP cache (Cache Storage is
 * where the widget keeps files, and revocation deletes it). A plugin rather than `fetchOptions`,
 * which Workbox does not apply to navigations (the frame document).
 */
function policyRequest(request: Request): Request {
  return new Request(request.url, {
    method: 'GET',
    credentials: 'omit',
    referrerPolicy: 'no-referrer',
    cache: 'no-store',
    redirect: 'error',
  });
}
const policy: WorkboxPlugin = {
  requestWillFetch: async ({ request }) => policyRequest(request),
};

/**
 * Keeps the asset cache to its newest entries. Not workbox-expiration: that keeps its bookkeeping in
 * an IndexedDB database of its own, one more store to find and delete on revocation. Cache.keys()
 * lists entries in insertion order, so the first ones are the oldest releases' files.
 */
const trimmed: WorkboxPlugin = {
  async cacheDidUpdate({ cacheName }) {
    const cache = await caches.open(cacheName);
    const keys = await cache.keys();
    await Promise.all(
      keys.slice(0, Math.max(0, keys.length - MAX_ASSET_ENTRIES)).map((k) => cache.delete(k)),
    );
  },
};

/** Whether the widget still keeps data (its database exists); where the browser cannot say, yes. */
async function keepsData(): Promise<boolean> {
  if (typeof indexedDB.databases !== 'function') return true;
  try {
    return (await indexedDB.databases()).some((d) => d.name === KEPT_DATABASE);
  } catch {
    return true;
  }
}

/**
 * A write that raced a revocation (the database went while the response was on its way) is undone:
 * the frame may have deleted the caches already, and this one must not reappear.
 */
const onlyWhileKept: WorkboxPlugin = {
  async cacheDidUpdate({ cacheName }) {
    if (!(await keepsData())) await caches.delete(cacheName);
  },
};

const origin = self.location.origin;
const strategies = {
  shell: new NetworkFirst({
    cacheName: OFFLINE_CACHES.shell,
    networkTimeoutSeconds: NETWORK_TIMEOUT_S,
    plugins: [policy, ok(), onlyWhileKept],
  }),
  assets: new CacheFirst({
    cacheName: OFFLINE_CACHES.assets,
    plugins: [policy, ok(), trimmed, onlyWhileKept],
  }),
  api: new NetworkFirst({
    cacheName: OFFLINE_CACHES.api,
    networkTimeoutSeconds: NETWORK_TIMEOUT_S,
    plugins: [policy, ok(), onlyWhileKept],
  }),
} as const;

/**
 * A strategy that only runs while the widget keeps data. Otherwise the request goes to the network
 * under the policy, and no cache is opened (opening one creates it).
 */
function whileKept(strategy: Strategy): RouteHandlerCallback {
  return async (options) =>
    (await keepsData()) ? strategy.handle(options) : fetch(policyRequest(options.request as Request));
}

// Its own router rather than the default one: that one cannot also take the frame's CACHE_URLS
// message, which caches what the page loaded before the service worker existed.
const router = new Router();
for (const name of Object.keys(strategies) as (keyof typeof strategies)[]) {
  // A request for the HTTP cache only is the browser's to answer (as without a service worker).
  const match = ({ url, request }: { url: URL; request: Request }) =>
    request.cache !== 'only-if-cached' && routeFor(url, origin) === name;
  router.registerRoute(new Route(match, whileKept(strategies[name]), 'GET'));
}
router.addFetchListener();
router.addCacheListener();
