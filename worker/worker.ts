/**
 * Worker entry: puts every request of this worker under the network policy (worker/network), then
 * exposes the engine through comlink with errors in wire form.
 */
import { expose } from 'comlink';
import { createEngine } from './engine';
import { type FetchFn, installRequestPolicy } from './network';
import { withWireErrors } from './protocol';

installRequestPolicy(globalThis as unknown as { fetch: FetchFn });

expose(withWireErrors(createEngine()));
