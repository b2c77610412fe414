/**
 * Worker entry: exposes the engine through comlink with errors in wire form.
 */
import { expose } from 'comlink';
import { withWireErrors } from './boundary';
import { createEngine } from './engine';

expose(withWireErrors(createEngine()));
