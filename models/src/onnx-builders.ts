/**
 * onnx-proto builders shared by every exporter (recommend, segment, intent) and the reader used by
 * parity tests. raw_data is written little-endian through DataView, as ONNX defines it, so the bytes
 * do not depend on the host.
 */
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/** ONNX element types used here. */
export const DT = onnx.TensorProto.DataType;

/** An initializer tensor. */
export type Tensor = InstanceType<typeof onnx.TensorProto>;
/** A graph node. */
export type Node = InstanceType<typeof onnx.NodeProto>;
/** A graph input or output. */
export type ValueInfo = InstanceType<typeof onnx.ValueInfoProto>;

/** A tensor from raw little-endian bytes. */
export function tensor(name: string, dataType: number, dims: number[], bytes: Uint8Array): Tensor {
  return onnx.TensorProto.create({ name, dataType, dims, rawData: bytes });
}

/** A float32 tensor. */
export function floatTensor(name: string, dims: number[], values: ArrayLike<number>): Tensor {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i] ?? 0, true);
  return tensor(name, DT.FLOAT, dims, bytes);
}

/** An int8 tensor. */
export function int8Tensor(name: string, dims: number[], values: Int8Array): Tensor {
  return tensor(name, DT.INT8, dims, new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
}

/** An int64 vector tensor (shapes, K for TopK, axes). */
export function int64Tensor(name: string, values: readonly number[]): Tensor {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => {
    view.setBigInt64(i * 8, BigInt(v), true);
  });
  return tensor(name, DT.INT64, [values.length], bytes);
}

/** A node with integer or string attributes (all these graphs need). */
export function op(
  opType: string,
  input: string[],
  output: string[],
  attrs: Record<string, number | string> = {},
): Node {
  return onnx.NodeProto.create({
    opType,
    input,
    output,
    attribute: Object.entries(attrs).map(([name, v]) =>
      typeof v === 'string'
        ? { name, type: onnx.AttributeProto.AttributeType.STRING, s: new TextEncoder().encode(v) }
        : { name, type: onnx.AttributeProto.AttributeType.INT, i: v },
    ),
  });
}

/** A fixed-shape graph input or output. */
export function valueInfo(name: string, elemType: number, dims: number[]): ValueInfo {
  return onnx.ValueInfoProto.create({
    name,
    type: { tensorType: { elemType, shape: { dim: dims.map((d) => ({ dimValue: d })) } } },
  });
}

/** Decoded initializers of a model, by name, read back as typed arrays. */
export interface Initializers {
  has(name: string): boolean;
  floats(name: string): Float32Array;
  int8(name: string): Int8Array;
  bytes(name: string): Uint8Array;
  dims(name: string): number[];
}

/** Decodes `bytes` and gives access to its initializers, opset, IR version and metadata. */
export function decodeModel(bytes: Uint8Array): {
  inits: Initializers;
  opset: number;
  irVersion: number;
  metadata: Map<string, string>;
} {
  const m = onnx.ModelProto.decode(bytes);
  const byName = new Map((m.graph?.initializer ?? []).map((t) => [t.name, t]));
  const raw = (name: string): Uint8Array => {
    const t = byName.get(name);
    if (!t?.rawData) throw new Error(`initializer "${name}" not found`);
    return t.rawData;
  };
  const inits: Initializers = {
    has: (name) => byName.has(name),
    floats(name) {
      const r = raw(name);
      const v = new DataView(r.buffer, r.byteOffset, r.byteLength);
      return Float32Array.from({ length: r.byteLength / 4 }, (_, i) => v.getFloat32(i * 4, true));
    },
    int8(name) {
      const r = raw(name);
      return new Int8Array(Uint8Array.from(r).buffer);
    },
    bytes: (name) => Uint8Array.from(raw(name)),
    dims: (name) => (byName.get(name)?.dims ?? []).map(Number),
  };
  return {
    inits,
    opset: Number(m.opsetImport[0]?.version ?? 0),
    irVersion: Number(m.irVersion),
    metadata: new Map(m.metadataProps.map((p) => [p.key ?? '', p.value ?? ''])),
  };
}

/** Encodes a finished model. */
export function encodeModel(model: Parameters<typeof onnx.ModelProto.create>[0]): Uint8Array {
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}
