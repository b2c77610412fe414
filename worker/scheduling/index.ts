/**
 * Scheduling helpers shared by the worker's folders.
 */

/** One run at a time, one more for whatever arrived meanwhile. */
export { type Coalesced, coalesce } from './coalesce';
