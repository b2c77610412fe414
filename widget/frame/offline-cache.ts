/**
 * The widget origin's service worker, from the frame's side: registered (with workbox-window, loaded
 * only then) once the visitor's widget keeps data, so their next pages load the frame, the worker and
 * the runtime from Cache Storage and work offline; unregistered, with every cache it filled, when
 * that stops (revocation, "delete everything", storage lost). Before consent nothing is registered:
 * a service worker and its caches are storage like any other. Calls are applied in order, so a
 * revocation that follows a grant never leaves a registration finishing behind it.
 */
import { CACHE_PREFIX, SERVICE_WORKER_URL } from '../sw';

let queue: Promise<void> = Promise.resolve();
// Unknown at first: the first call always applies, so a registration left from an earlier consent
// is removed as soon as this page learns the widget no longer keeps data.
let wanted: boolean | null = null;

function supported(): boolean {
  return typeof navigator !== 'undefined' && 'serviceWorker' in navigator && typeof caches !== 'undefined';
}

async function register(): Promise<void> {
  const { Workbox } = await import('workbox-window');
  const wb = new Workbox(SERVICE_WORKER_URL);
  await wb.register();
  // This page's frame files were fetched before the service worker existed: hand their URLs to it
  // now, so even the next page's first paint comes from the cache (workbox-routing's CACHE_URLS).
  const own = performance
    .getEntriesByType('resource')
    .map((e) => new URL(e.name))
    .filter((u) => u.origin === location.origin && u.pathname.startsWith('/assets/'))
    .map((u) => u.href);
  await wb.messageSW({ type: 'CACHE_URLS', payload: { urlsToCache: [location.href, ...own] } });
}

async function unregister(): Promise<void> {
  const registrations = await navigator.serviceWorker.getRegistrations();
  await Promise.all(registrations.map((r) => r.unregister()));
  // Every cache of the widget origin, the worker's model cache included (it deletes that too).
  const names = await caches.keys();
  await Promise.all(names.filter((n) => n.startsWith(CACHE_PREFIX)).map((n) => caches.delete(n)));
}

/**
 * Registers the service worker (`on`) or removes it and its caches. Best effort: a browser that
 * refuses service workers (private modes, policies) simply has no offline copy.
 */
export function keepOffline(on: boolean): Promise<void> {
  if (!supported() || on === wanted) return queue;
  wanted = on;
  queue = queue.then(on ? register : unregister).catch((e: unknown) => {
    console.warn(`[confide] offline copy ${on ? 'not kept' : 'not fully removed'}: ${(e as Error).message}`);
  });
  return queue;
}
