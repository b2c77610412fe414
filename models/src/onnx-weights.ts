/**
 * Reads the weights back out of an exported recommend graph, so parity tests can run the reference
 * scorer on exactly the bytes that ship rather than on an in-memory model that might differ.
 */
import onnxProto from 'onnx-proto';
import type { ItemKnnModel } from './item-knn';
import { dequantizeRows } from './quantize';

const { onnx } = onnxProto;

/** What {@link readRecommendWeights} recovers from the graph. */
export interface RecommendWeights {
  readonly model: ItemKnnModel;
  readonly k: number;
  readonly beta: number;
  readonly weights: 'fp32' | 'int8';
  readonly opset: number;
  readonly irVersion: number;
}

/** Decodes an ONNX file written by `exportRecommendOnnx`. Throws if an expected tensor is missing. */
export function readRecommendWeights(bytes: Uint8Array): RecommendWeights {
  const m = onnx.ModelProto.decode(bytes);
  const inits = new Map((m.graph?.initializer ?? []).map((t) => [t.name, t]));
  const raw = (name: string): DataView => {
    const t = inits.get(name);
    if (!t?.rawData) throw new Error(`initializer "${name}" not found`);
    return new DataView(t.rawData.buffer, t.rawData.byteOffset, t.rawData.byteLength);
  };
  const floats = (name: string): Float32Array => {
    const v = raw(name);
    const out = new Float32Array(v.byteLength / 4);
    for (let i = 0; i < out.length; i++) out[i] = v.getFloat32(i * 4, true);
    return out;
  };
  const popularity = floats('popularity');
  const n = popularity.length;
  const int8 = inits.has('similarity_q');
  let similarity: Float32Array;
  if (int8) {
    const v = raw('similarity_q');
    const q = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    similarity = dequantizeRows({ q, scale: floats('similarity_scale') }, n);
  } else {
    similarity = floats('similarity');
  }
  return {
    model: { size: n, similarity, popularity },
    k: Number(raw('k').getBigInt64(0, true)),
    beta: floats('prior_weight')[0] ?? 0,
    weights: int8 ? 'int8' : 'fp32',
    opset: Number(m.opsetImport[0]?.version ?? 0),
    irVersion: Number(m.irVersion),
  };
}
