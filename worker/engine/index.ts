/**
 * The engine: the worker API behind comlink, wiring consent, storage, models, personalization,
 * chat, experiments and sync together. `worker/worker.ts` exposes one.
 */

/** Creates the engine the worker entry exposes. */
export { createEngine } from './engine';
