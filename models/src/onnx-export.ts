/**
 * Writes the recommender as an ONNX graph (opset 13, IR 8) with onnx-proto. Everything is computed
 * inside the graph (factor products, prior, masking, top-K) so the worker only builds the input
 * vector and reads indices; the serialized bytes depend only on the weights, never on the clock.
 *
 * Graph: interactions [1,N] → MatMul F₁ (→ MatMul F₂) → + β·popularity → + (interactions > 0)·(−1e4)
 * → TopK(k) → scores [1,k] float32, indices [1,k] int64.
 */
import onnxProto from 'onnx-proto';
import type { TensorSpec } from '../features/manifest';
import { floatTensor, op, tensor, valueInfo } from './onnx-builders';
import { quantizeMatrix } from './quantize';
import type { FactorModel } from './recommend/factor-model';
import { PRIOR_WEIGHT, SEEN_PENALTY } from './reference-scorer';

const { onnx } = onnxProto;
const DT = onnx.TensorProto.DataType;

/** The opset the graph is written for. */
export const OPSET = 13;
/** The ONNX IR version written into the model. */
export const IR_VERSION = 8;

/** Tensor names of the recommend graph: the contract with the worker. */
export const RECOMMEND_IO = { input: 'interactions', scores: 'scores', indices: 'indices' } as const;

/**
 * How a graph stores its weights. `int4` (packed, models/intent/quantize-int4.ts) only for intent
 * graphs, where a many-intent model would otherwise not fit a widget's budget.
 */
export type WeightFormat = 'fp32' | 'int8' | 'int4';

/** Options of {@link exportRecommendOnnx}. */
export interface ExportOptions {
  /** How many results the graph returns; at most the catalog size. */
  readonly k: number;
  /** Popularity prior weight β. Default {@link PRIOR_WEIGHT}. */
  readonly beta?: number;
  /**
   * `int8` stores each factor as int8 with a scale per row (first factor) or per column (last
   * factor), restored by Cast and Mul (folded at session creation). Default fp32.
   */
  readonly weights?: WeightFormat;
  /** Short algorithm name written into the model's metadata (e.g. "ease-lowrank"). */
  readonly algorithm?: string;
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
export function exportRecommendOnnx(model: FactorModel, options: ExportOptions): Uint8Array {
  const n = model.size;
  const k = options.k;
  if (!(Number.isInteger(k) && k >= 1 && k <= n)) throw new RangeError(`k must be in 1..${n}, got ${k}`);
  checkShapes(model);
  const beta = options.beta ?? PRIOR_WEIGHT;
  if (options.weights === 'int4') throw new RangeError('the recommend graph has no int4 form');
  const int8 = options.weights === 'int8';

  const initializer: InstanceType<typeof onnx.TensorProto>[] = [];
  const node: InstanceType<typeof onnx.NodeProto>[] = [];
  let current: string = RECOMMEND_IO.input;
  model.factors.forEach((f, i) => {
    const name = `factor_${i}`;
    if (int8) {
      // The first factor is indexed by the visitor's items (rows), the last by recommended items.
      const axis = i === 0 ? 0 : 1;
      const q = quantizeMatrix(f.data, f.rows, f.cols, axis);
      initializer.push(
        tensor(
          `${name}_q`,
          DT.INT8,
          [f.rows, f.cols],
          new Uint8Array(q.q.buffer, q.q.byteOffset, q.q.byteLength),
        ),
        // Per row: shape [rows, 1], so that Mul broadcasts it along each row.
        floatTensor(`${name}_scale`, axis === 0 ? [q.scale.length, 1] : [q.scale.length], q.scale),
      );
      // Cast and Mul rather than DequantizeLinear, as in the intent graph: onnxruntime keeps
      // DequantizeLinear for its QDQ fusions and so restored every weight on every run; Cast and Mul
      // on initializers are constant-folded once, when the session is created.
      node.push(
        op('Cast', [`${name}_q`], [`${name}_q_float`], { to: DT.FLOAT }),
        op('Mul', [`${name}_q_float`, `${name}_scale`], [name]),
      );
    } else {
      initializer.push(floatTensor(name, [f.rows, f.cols], f.data));
    }
    const out = i === model.factors.length - 1 ? 'model_scores' : `hidden_${i}`;
    node.push(op('MatMul', [current, name], [out]));
    current = out;
  });
  initializer.push(
    floatTensor('popularity', [n], model.popularity),
    floatTensor('prior_weight', [], new Float32Array([beta])),
    floatTensor('zero', [], new Float32Array([0])),
    floatTensor('seen_penalty', [], new Float32Array([SEEN_PENALTY])),
    tensor('k', DT.INT64, [1], int64Bytes(k)),
  );
  node.push(
    op('Mul', ['popularity', 'prior_weight'], ['prior']),
    op('Add', ['model_scores', 'prior'], ['raw_scores']),
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

  const shapes = model.factors.map((f) => `${f.rows}×${f.cols}`).join(' · ');
  const model_ = onnx.ModelProto.create({
    irVersion: IR_VERSION,
    producerName: 'confide-models',
    producerVersion: '2',
    domain: 'confide',
    modelVersion: 1,
    docString:
      `Recommender (${options.algorithm ?? 'item-item'}): scores = interactions · (${shapes}) + β·popularity; ` +
      `items with interactions > 0 get ${SEEN_PENALTY}; TopK(k=${k}). Input: recency-weighted interaction ` +
      'vector over the catalog.',
    opsetImport: [{ domain: '', version: OPSET }],
    metadataProps: [
      { key: 'confide.kind', value: 'recommend' },
      { key: 'confide.algorithm', value: options.algorithm ?? 'item-item' },
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

function checkShapes(model: FactorModel): void {
  const fs = model.factors;
  if (fs.length < 1 || fs.length > 2) throw new RangeError('a recommend model has one or two factors');
  let width = model.size;
  for (const f of fs) {
    if (f.rows !== width || f.data.length !== f.rows * f.cols) {
      throw new RangeError(`factor ${f.rows}×${f.cols} does not chain from width ${width}`);
    }
    width = f.cols;
  }
  if (width !== model.size || model.popularity.length !== model.size) {
    throw new RangeError(`factors must map ${model.size} items back to ${model.size} scores`);
  }
}

function int64Bytes(v: number): Uint8Array {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigInt64(0, BigInt(v), true);
  return bytes;
}
