/**
 * Worker entry: exposes the engine through comlink with errors in wire form.
 */
import { expose } from 'comlink';
import { createEngine } from './engine';
import { withWireErrors } from './protocol';

expose(withWireErrors(createEngine()));
