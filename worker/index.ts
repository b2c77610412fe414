/**
 * Confide's on-device engine as a package. The frame↔worker contract (the API, its records, typed
 * errors and event rules) is `worker/protocol`, the only part the widget imports. This surface is for
 * running the engine elsewhere (tests, benchmarks): the engine, the redaction it applies, its store.
 */

/** PII redaction applied to every event and chat message before it is kept. */
export { emptyCounts, ID_KEYS, type RedactionCounts, redactProps, redactText } from './consent';
/** The engine behind the worker API (`worker/worker.ts` exposes one through comlink). */
export { createEngine } from './engine';
/** IndexedDB ownership. */
export { DB_NAME, DB_VERSION, destroyStore, openStore, type Store, type StoreCounts } from './storage';
