/**
 * The intent graph in onnxruntime-web under Node: the runtime and WASM kernels the worker uses, so
 * the evaluation measures what a visitor's browser computes.
 */
import * as ort from 'onnxruntime-web';
import { INTENT_IO } from './onnx-intent';

/** A loaded intent graph. */
export interface IntentSession {
  /** Probabilities for one `intentFeatures` vector. */
  run(features: Float32Array): Promise<Float32Array>;
  /** Frees the WASM memory held by the session. */
  release(): Promise<void>;
}

/** Creates a single-threaded session (one small MatMul gains nothing from threads). */
export async function createIntentSession(bytes: Uint8Array): Promise<IntentSession> {
  ort.env.wasm.numThreads = 1;
  const session = await ort.InferenceSession.create(bytes);
  return {
    async run(features: Float32Array): Promise<Float32Array> {
      const feeds = { [INTENT_IO.input]: new ort.Tensor('float32', features, [1, features.length]) };
      const out = await session.run(feeds);
      const probs = out[INTENT_IO.output]?.data;
      if (!(probs instanceof Float32Array)) throw new Error('intent graph returned no probabilities');
      return probs;
    },
    release: () => session.release(),
  };
}
