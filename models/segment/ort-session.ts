/**
 * The segment graph in onnxruntime-web under Node: the same runtime and WASM kernels the worker uses,
 * so parity and int8 agreement are measured on what visitors get.
 */
import * as ort from 'onnxruntime-web';
import { SEGMENT_IO } from './onnx-graph';

/** One run's outputs. */
export interface SegmentRun {
  readonly segment: number;
  readonly confidence: Float32Array;
}

/** A loaded segment graph. */
export interface SegmentSession {
  /** Runs the graph on one raw feature vector. */
  run(x: Float32Array): Promise<SegmentRun>;
  /** Frees the WASM memory held by the session. */
  release(): Promise<void>;
}

/** Creates a single-threaded session (the graph is a few hundred multiply-adds; threads only add noise). */
export async function createSegmentSession(bytes: Uint8Array): Promise<SegmentSession> {
  ort.env.wasm.numThreads = 1;
  const session = await ort.InferenceSession.create(bytes);
  return {
    async run(x: Float32Array): Promise<SegmentRun> {
      const out = await session.run({ [SEGMENT_IO.input]: new ort.Tensor('float32', x, [1, x.length]) });
      const segment = out[SEGMENT_IO.segment]?.data as BigInt64Array | undefined;
      const confidence = out[SEGMENT_IO.confidence]?.data as Float32Array | undefined;
      if (!segment || !confidence) throw new Error('segment graph returned no segment/confidence');
      return { segment: Number(segment[0]), confidence };
    },
    release: () => session.release(),
  };
}
