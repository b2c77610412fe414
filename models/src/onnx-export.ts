/**
 * Writes the recommender as an ONNX graph (opset 13, IR 8) with onnx-proto. Everything is computed
 * inside the graph (prior, masking, top-K) so the worker only builds the input vector and reads
 * indices; the serialized bytes depend only on the weights, never on the clock.
 */
import onnxProto from 'onnx-proto';
import type { TensorSpec } from '../features/manifest';
import type { ItemKnnModel } from './item-knn';
import { quantizeRows } from './quantize';
import { PRIOR_WEIGHT, SEEN_PENALTY } from './reference-scorer';

const { onnx } = onnxProto;
const DT = onnx.TensorProto.DataType;
const ATTR = onnx.AttributeProto.AttributeType;

/** The opset the graph is written for. */
export const OPSET = 13;
/** The ONNX IR version written into the model. */
export const IR_VERSION = 8;

/** Tensor names of the recommend graph: the contract with the worker. */
export const RECOMMEND_IO = { input: 'interactions', scores: 'scores', indices: 'indices' } as const;

/** Weight precision of the exported similarity matrix. */
export type WeightFormat = 'fp32' | 'int8';

/** Options of {@link exportRecommendOnnx}. */
export interface ExportOptions {
  /** How many results the graph returns; at most the catalog size. */
  readonly k: number;
  /** Popularity prior weight β. Default {@link PRIOR_WEIGHT}. */
  readonly beta?: number;
  /** `int8` stores S as uint8 with one scale per row, restored by DequantizeLinear. Default fp32. */
  readonly weights?: WeightFormat;
}

/** Input and output tensor specs for the manifest. */
export function recommendTensorSpecs(n: number, k: number): { inputs: TensorSpec[]; outputs: TensorSpec[] } {
  return {
    inputs: [{ name: RECOMMEND_IO.input, type: 'float32', shape: [1, n] }],
    outputs: [
      { name: RECOMMEND_IO.scores, type: 'float32', shape: [1, k] },
      { name: RECOMMEND_IO.indices, type: 'int64', shape: [1, k] },
    ],
  };
}

/** Serializes the model to ONNX bytes. */
export function exportRecommendOnnx(model: ItemKnnModel, options: ExportOptions): Uint8Array {
  const n = model.size;
  const k = options.k;
  if (!(Number.isInteger(k) && k >= 1 && k <= n)) throw new RangeError(`k must be in 1..${n}, got ${k}`);
  const beta = options.beta ?? PRIOR_WEIGHT;
  const int8 = options.weights === 'int8';

  const initializer: InstanceType<typeof onnx.TensorProto>[] = [
    floatTensor('popularity', [n], model.popularity),
    floatTensor('prior_weight', [], new Float32Array([beta])),
    floatTensor('zero', [], new Float32Array([0])),
    floatTensor('seen_penalty', [], new Float32Array([SEEN_PENALTY])),
    tensor('k', DT.INT64, [1], int64Bytes(k)),
  ];
  const node: InstanceType<typeof onnx.NodeProto>[] = [];
  if (int8) {
    const q = quantizeRows(model.similarity, n);
    initializer.unshift(
      tensor('similarity_q', DT.UINT8, [n, n], q.q),
      floatTensor('similarity_scale', [n], q.scale),
      tensor('similarity_zero_point', DT.UINT8, [n], new Uint8Array(n)),
    );
    node.push(
      op('DequantizeLinear', ['similarity_q', 'similarity_scale', 'similarity_zero_point'], ['similarity'], {
        axis: 0,
      }),
    );
  } else {
    initializer.unshift(floatTensor('similarity', [n, n], model.similarity));
  }
  node.push(
    op('MatMul', [RECOMMEND_IO.input, 'similarity'], ['neighbour_scores']),
    op('Mul', ['popularity', 'prior_weight'], ['prior']),
    op('Add', ['neighbour_scores', 'prior'], ['raw_scores']),
    op('Greater', [RECOMMEND_IO.input, 'zero'], ['seen_bool']),
    op('Cast', ['seen_bool'], ['seen'], { to: DT.FLOAT }),
    op('Mul', ['seen', 'seen_penalty'], ['penalty']),
    op('Add', ['raw_scores', 'penalty'], ['masked_scores']),
    op('TopK', ['masked_scores', 'k'], [RECOMMEND_IO.scores, RECOMMEND_IO.indices], {
      axis: -1,
      largest: 1,
      sorted: 1,
    }),
  );
  node.forEach((nd, i) => {
    nd.name = `${nd.opType.toLowerCase()}_${i}`;
  });

  const model_ = onnx.ModelProto.create({
    irVersion: IR_VERSION,
    producerName: 'confide-models',
    producerVersion: '1',
    domain: 'confide',
    modelVersion: 1,
    docString:
      'Item-kNN recommender: scores = interactions·S + β·popularity; items with interactions > 0 get ' +
      `${SEEN_PENALTY}; TopK(k=${k}). Input: recency-weighted interaction vector over the catalog.`,
    opsetImport: [{ domain: '', version: OPSET }],
    metadataProps: [
      { key: 'confide.kind', value: 'recommend' },
      { key: 'confide.weights', value: int8 ? 'int8' : 'fp32' },
      { key: 'confide.items', value: String(n) },
    ],
    graph: {
      name: 'confide_recommend',
      node,
      initializer,
      input: [valueInfo(RECOMMEND_IO.input, DT.FLOAT, [1, n])],
      output: [
        valueInfo(RECOMMEND_IO.scores, DT.FLOAT, [1, k]),
        valueInfo(RECOMMEND_IO.indices, DT.INT64, [1, k]),
      ],
    },
  });
  return onnx.ModelProto.encode(model_).finish();
}

function tensor(
  name: string,
  dataType: number,
  dims: number[],
  bytes: Uint8Array,
): InstanceType<typeof onnx.TensorProto> {
  return onnx.TensorProto.create({ name, dataType, dims, rawData: bytes });
}

// ONNX raw_data is little-endian by definition; DataView makes that explicit whatever the host is.
function floatTensor(
  name: string,
  dims: number[],
  values: Float32Array,
): InstanceType<typeof onnx.TensorProto> {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => {
    view.setFloat32(i * 4, v, true);
  });
  return tensor(name, DT.FLOAT, dims, bytes);
}

function int64Bytes(v: number): Uint8Array {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigInt64(0, BigInt(v), true);
  return bytes;
}

function op(
  opType: string,
  input: string[],
  output: string[],
  attrs: Record<string, number> = {},
): InstanceType<typeof onnx.NodeProto> {
  return onnx.NodeProto.create({
    opType,
    input,
    output,
    attribute: Object.entries(attrs).map(([name, i]) => ({ name, type: ATTR.INT, i })),
  });
}

function valueInfo(name: string, elemType: number, dims: number[]): InstanceType<typeof onnx.ValueInfoProto> {
  return onnx.ValueInfoProto.create({
    name,
    type: { tensorType: { elemType, shape: { dim: dims.map((d) => ({ dimValue: d })) } } },
  });
}
