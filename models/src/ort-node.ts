/**
 * onnxruntime-web in Node, the same runtime and WASM kernels the worker uses in the browser, so the
 * evaluation measures what visitors will actually get.
 */
import * as ort from 'onnxruntime-web';
import { RECOMMEND_IO } from './onnx-export';
import type { TopK } from './reference-scorer';

/** A loaded recommend graph. */
export interface RecommendSession {
  /** Runs the graph on one interaction vector. */
  run(x: Float32Array): Promise<TopK>;
  /** Frees the WASM memory held by the session. */
  release(): Promise<void>;
}

/** Creates a single-threaded session: threads add nothing for a 200×200 MatMul and make timing noisy. */
export async function createRecommendSession(bytes: Uint8Array): Promise<RecommendSession> {
  ort.env.wasm.numThreads = 1;
  const session = await ort.InferenceSession.create(bytes);
  return {
    async run(x: Float32Array): Promise<TopK> {
      const feeds = { [RECOMMEND_IO.input]: new ort.Tensor('float32', x, [1, x.length]) };
      const out = await session.run(feeds);
      const scores = out[RECOMMEND_IO.scores]?.data as Float32Array | undefined;
      const indices = out[RECOMMEND_IO.indices]?.data as BigInt64Array | undefined;
      if (!scores || !indices) throw new Error('recommend graph returned no scores/indices');
      return { scores: Array.from(scores), indices: Array.from(indices, Number) };
    },
    release: () => session.release(),
  };
}
