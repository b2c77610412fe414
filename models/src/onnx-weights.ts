/**
 * Reads the weights back out of an exported recommend graph, so parity tests can run the reference
 * scorer on exactly the bytes that ship rather than on an in-memory model that might differ.
 */
import onnxProto from 'onnx-proto';
import { dequantizeMatrix } from './quantize';
import type { Factor, FactorModel } from './recommend/factor-model';

const { onnx } = onnxProto;

/** What {@link readRecommendWeights} recovers from the graph. */
export interface RecommendWeights {
  /** The factors as the graph computes with them (int8 ones dequantized). */
  readonly model: FactorModel;
  readonly k: number;
  readonly beta: number;
  readonly weights: 'fp32' | 'int8';
  readonly algorithm: string;
  readonly opset: number;
  readonly irVersion: number;
}

/** Decodes an ONNX file written by `exportRecommendOnnx`. Throws if an expected tensor is missing. */
export function readRecommendWeights(bytes: Uint8Array): RecommendWeights {
  const m = onnx.ModelProto.decode(bytes);
  const inits = new Map((m.graph?.initializer ?? []).map((t) => [t.name, t]));
  const tensor = (name: string) => {
    const t = inits.get(name);
    if (!t?.rawData) throw new Error(`initializer "${name}" not found`);
    return {
      dims: (t.dims ?? []).map(Number),
      view: new DataView(t.rawData.buffer, t.rawData.byteOffset, t.rawData.byteLength),
    };
  };
  const floats = (name: string): Float32Array => {
    const { view } = tensor(name);
    const out = new Float32Array(view.byteLength / 4);
    for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
    return out;
  };
  const popularity = floats('popularity');
  const factors: Factor[] = [];
  let int8 = false;
  for (let i = 0; inits.has(`factor_${i}`) || inits.has(`factor_${i}_q`); i++) {
    const name = `factor_${i}`;
    if (inits.has(name)) {
      const { dims } = tensor(name);
      factors.push({ rows: dims[0] ?? 0, cols: dims[1] ?? 0, data: floats(name) });
      continue;
    }
    int8 = true;
    const { dims, view } = tensor(`${name}_q`);
    const [rows = 0, cols = 0] = dims;
    const q = new Int8Array(view.buffer, view.byteOffset, view.byteLength);
    const scale = floats(`${name}_scale`);
    const axis = i === 0 ? 0 : 1;
    factors.push({ rows, cols, data: dequantizeMatrix({ q, scale, axis }, rows, cols) });
  }
  if (factors.length === 0) throw new Error('no factor_0 initializer: not a recommend graph');
  const meta = new Map(m.metadataProps.map((p) => [p.key, p.value]));
  return {
    model: { size: popularity.length, factors, popularity },
    k: Number(tensor('k').view.getBigInt64(0, true)),
    beta: floats('prior_weight')[0] ?? 0,
    weights: int8 ? 'int8' : 'fp32',
    algorithm: meta.get('confide.algorithm') ?? 'unknown',
    opset: Number(m.opsetImport[0]?.version ?? 0),
    irVersion: Number(m.irVersion),
  };
}
