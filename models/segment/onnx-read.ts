/**
 * Reads the parameters back out of an exported segment graph, so parity tests run the TypeScript
 * reference on exactly the bytes that ship rather than on an in-memory model that might differ.
 */
import onnxProto from 'onnx-proto';
import { dequantizeColumns } from './quantize-int8';
import type { SegmentModelParams } from './reference';

const { onnx } = onnxProto;

/** What {@link readSegmentParams} recovers. */
export interface SegmentWeights {
  /** For int8 files, the centroids are the dequantized values the runtime computes with. */
  readonly params: SegmentModelParams;
  readonly weights: 'fp32' | 'int8';
  readonly opset: number;
  readonly irVersion: number;
}

/** Decodes an ONNX file written by `exportSegmentOnnx`. Throws if an expected tensor is missing. */
export function readSegmentParams(bytes: Uint8Array): SegmentWeights {
  const m = onnx.ModelProto.decode(bytes);
  const inits = new Map((m.graph?.initializer ?? []).map((t) => [t.name, t]));
  const raw = (name: string): Uint8Array => {
    const t = inits.get(name);
    if (!t?.rawData) throw new Error(`initializer "${name}" not found`);
    return t.rawData;
  };
  const floats = (name: string): Float32Array => {
    const b = raw(name);
    const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
    return Float32Array.from({ length: b.byteLength / 4 }, (_, i) => v.getFloat32(i * 4, true));
  };
  const center = floats('center');
  const d = center.length;
  const int8 = inits.has('centroids_q');
  let centroids: Float32Array;
  if (int8) {
    const b = raw('centroids_q');
    const q = Int8Array.from(b, (u) => (u << 24) >> 24);
    centroids = dequantizeColumns({ q, scale: floats('centroid_scale') }, q.length / d, d);
  } else {
    centroids = floats('centroids');
  }
  const negInv = floats('neg_inv_temperature')[0] ?? -1;
  const temperature = Number(
    m.metadataProps.find((p) => p.key === 'confide.temperature')?.value ?? -1 / negInv,
  );
  return {
    params: {
      features: d,
      k: centroids.length / d,
      logMask: floats('log_mask'),
      lo: floats('clip_lo'),
      hi: floats('clip_hi'),
      center,
      scale: floats('scale'),
      centroids,
      temperature,
    },
    weights: int8 ? 'int8' : 'fp32',
    opset: Number(m.opsetImport[0]?.version ?? 0),
    irVersion: Number(m.irVersion),
  };
}
