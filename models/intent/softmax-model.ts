/**
 * The intent classifier's math in TypeScript: softmax(x·W + b). This is the reference the exported
 * ONNX graph is checked against, and what training and calibration evaluate.
 */
import type { SparseFeatures } from '../features/tokenizer';

/** What the logits need: any numeric arrays, so training can score its float64 weights directly. */
export interface LinearWeights {
  readonly classes: number;
  /** D×C, row-major. */
  readonly weights: ArrayLike<number>;
  readonly bias: ArrayLike<number>;
}

/** A linear softmax classifier over D hashed features and C intents. */
export interface SoftmaxModel extends LinearWeights {
  /** D, the tokenizer's bucket count. */
  readonly inputs: number;
  /** C, the number of intents. */
  readonly classes: number;
  /** D×C, row-major: the layout of the ONNX MatMul's right operand. */
  readonly weights: Float32Array;
  readonly bias: Float32Array;
}

/** Softmax in float64 with the max subtracted, so large logits cannot overflow. */
export function softmax(logits: ArrayLike<number>): Float64Array {
  const out = new Float64Array(logits.length);
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i] ?? 0);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) {
    const e = Math.exp((logits[i] ?? 0) - max);
    out[i] = e;
    sum += e;
  }
  for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) / sum;
  return out;
}

/** Logits of one sparse input. */
export function sparseLogits(model: LinearWeights, x: SparseFeatures): Float64Array {
  const c = model.classes;
  const z = Float64Array.from(model.bias);
  for (let k = 0; k < x.indices.length; k++) {
    const row = (x.indices[k] ?? 0) * c;
    const v = x.values[k] ?? 0;
    for (let j = 0; j < c; j++) z[j] = (z[j] ?? 0) + v * (model.weights[row + j] ?? 0);
  }
  return z;
}

/** Class probabilities of one sparse input. */
export function sparseProbabilities(model: LinearWeights, x: SparseFeatures): Float64Array {
  return softmax(sparseLogits(model, x));
}

/** Class probabilities of one dense input (the ONNX graph's `features`): the parity reference. */
export function denseProbabilities(model: SoftmaxModel, x: Float32Array): Float64Array {
  if (x.length !== model.inputs) throw new RangeError(`expected ${model.inputs} features, got ${x.length}`);
  const indices: number[] = [];
  const values: number[] = [];
  x.forEach((v, i) => {
    if (v !== 0) {
      indices.push(i);
      values.push(v);
    }
  });
  return sparseProbabilities(model, { indices: Int32Array.from(indices), values: Float32Array.from(values) });
}

/** Index of the largest value; ties go to the lower index, as ONNX ArgMax does. */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] ?? 0) > (values[best] ?? 0)) best = i;
  return best;
}

/**
 * The same model with logits divided by `temperature` (weights and bias scaled by 1/T), so the
 * exported graph outputs calibrated probabilities without an extra node.
 */
export function withTemperature(model: SoftmaxModel, temperature: number): SoftmaxModel {
  const s = 1 / temperature;
  return {
    ...model,
    weights: model.weights.map((w) => w * s),
    bias: model.bias.map((b) => b * s),
  };
}
