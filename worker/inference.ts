/**
 * The one module that owns onnxruntime-web. It is imported lazily (only after consent), so neither
 * the runtime nor its wasm is fetched for a visitor who has not opted in. Sessions are created once
 * per model hash and runs are chained, because a wasm session must not run two inferences at once.
 */
import type { InferenceSession, Tensor } from 'onnxruntime-web/wasm';
import { ModelError } from './errors';

type Ort = typeof import('onnxruntime-web/wasm');

let ortPromise: Promise<Ort> | undefined;

/** Loads the runtime once, single-threaded: at these model sizes threads cost more than they save. */
export function loadRuntime(): Promise<Ort> {
  ortPromise ??= import('onnxruntime-web/wasm').then((ort) => {
    ort.env.wasm.numThreads = 1;
    ort.env.wasm.proxy = false;
    return ort;
  });
  return ortPromise;
}

/** A created session with a run queue. */
export interface ModelSession {
  /** Runs the model; calls are serialized. Resolves to the output tensors by name. */
  run(feeds: Record<string, Tensor>): Promise<Record<string, Tensor>>;
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
}

const sessions = new Map<string, Promise<ModelSession>>();

/** Creates (or returns the already created) session for a verified model file. */
export function sessionFor(sha256: string, bytes: Uint8Array): Promise<ModelSession> {
  let s = sessions.get(sha256);
  if (!s) {
    s = create(bytes);
    sessions.set(sha256, s);
    s.catch(() => sessions.delete(sha256));
  }
  return s;
}

async function create(bytes: Uint8Array): Promise<ModelSession> {
  const ort = await loadRuntime();
  let session: InferenceSession;
  try {
    session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  } catch (e) {
    throw new ModelError('model_unavailable', `the model could not be loaded: ${(e as Error).message}`);
  }
  let chain: Promise<unknown> = Promise.resolve();
  return {
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    run(feeds) {
      const next = chain.then(() => session.run(feeds));
      chain = next.catch(() => undefined);
      return next;
    },
  };
}

/** Builds a float32 tensor through the loaded runtime. */
export async function float32Tensor(data: Float32Array, dims: readonly number[]): Promise<Tensor> {
  const ort = await loadRuntime();
  return new ort.Tensor('float32', data, dims);
}

/** Drops every session (revocation). */
export function releaseSessions(): void {
  sessions.clear();
}
