/**
 * The widget origin's service worker: its cache layout and routes (the worker script itself,
 * service-worker.ts, is a separate build entry and is not imported from here).
 */
export {
  CACHE_PREFIX,
  KEPT_DATABASE,
  MAX_ASSET_ENTRIES,
  NETWORK_TIMEOUT_S,
  OFFLINE_CACHES,
  routeFor,
  SERVICE_WORKER_URL,
  WORKER_MODEL_CACHE,
} from './routes';
