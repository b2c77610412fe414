/**
 * The intent graph (opset 13, IR 8): features [1, D] → MatMul W [D, C] → Add b → Softmax →
 * probabilities [1, C]. The calibration temperature is already folded into W and b, so the output is
 * the calibrated distribution the out-of-scope threshold applies to. int8 stores W as int8 with one
 * scale per intent, restored by DequantizeLinear (axis 1); the bias stays float32 (C numbers).
 */
import type { TensorSpec } from '../features/manifest';
import type { TokenizerSpec } from '../features/tokenizer';
import {
  DT,
  decodeModel,
  encodeModel,
  floatTensor,
  int8Tensor,
  type Node,
  op,
  type Tensor,
  valueInfo,
} from '../src/onnx-builders';
import { IR_VERSION, OPSET, type WeightFormat } from '../src/onnx-export';
import { dequantizeColumns, quantizeColumns } from './quantize-int8';
import type { SoftmaxModel } from './softmax-model';

/** Tensor names of the intent graph: the contract with the worker. */
export const INTENT_IO = { input: 'features', output: 'probabilities' } as const;

/** What goes into the graph besides the weights (also written as metadata for inspection). */
export interface IntentGraphInfo {
  readonly labels: readonly string[];
  readonly tokenizer: TokenizerSpec;
  readonly weights: WeightFormat;
}

/** Input and output tensor specs for the manifest. */
export function intentTensorSpecs(d: number, c: number): { inputs: TensorSpec[]; outputs: TensorSpec[] } {
  return {
    inputs: [{ name: INTENT_IO.input, type: 'float32', shape: [1, d] }],
    outputs: [{ name: INTENT_IO.output, type: 'float32', shape: [1, c] }],
  };
}

/** Serializes the (calibrated) model. The bytes depend only on the weights and `info`. */
export function exportIntentOnnx(model: SoftmaxModel, info: IntentGraphInfo): Uint8Array {
  const d = model.inputs;
  const c = model.classes;
  if (info.labels.length !== c) throw new RangeError(`${info.labels.length} labels for ${c} classes`);
  const int8 = info.weights === 'int8';
  const initializer: Tensor[] = [];
  const node: Node[] = [];
  if (int8) {
    const q = quantizeColumns(model.weights, d, c);
    initializer.push(
      int8Tensor('weights_q', [d, c], q.q),
      floatTensor('weights_scale', [c], q.scale),
      int8Tensor('weights_zero_point', [c], new Int8Array(c)),
    );
    node.push(
      op('DequantizeLinear', ['weights_q', 'weights_scale', 'weights_zero_point'], ['weights'], { axis: 1 }),
    );
  } else {
    initializer.push(floatTensor('weights', [d, c], model.weights));
  }
  initializer.push(floatTensor('bias', [c], model.bias));
  node.push(
    op('MatMul', [INTENT_IO.input, 'weights'], ['scores']),
    op('Add', ['scores', 'bias'], ['logits']),
    op('Softmax', ['logits'], [INTENT_IO.output], { axis: -1 }),
  );
  node.forEach((nd, i) => {
    nd.name = `${nd.opType.toLowerCase()}_${i}`;
  });
  return encodeModel({
    irVersion: IR_VERSION,
    producerName: 'confide-models',
    producerVersion: '1',
    domain: 'confide',
    modelVersion: 1,
    docString:
      'Intent classifier: probabilities = softmax(features·W + b), temperature folded into W and b. ' +
      'Input: intentFeatures(text, tokenizer) from models/features (hashed word and char n-grams, ' +
      'sublinear tf, L2-normalized). A top probability below the manifest threshold means out of scope.',
    opsetImport: [{ domain: '', version: OPSET }],
    metadataProps: [
      { key: 'confide.kind', value: 'intent' },
      { key: 'confide.weights', value: info.weights },
      { key: 'confide.labels', value: JSON.stringify(info.labels) },
      { key: 'confide.tokenizer', value: JSON.stringify(info.tokenizer) },
    ],
    graph: {
      name: 'confide_intent',
      node,
      initializer,
      input: [valueInfo(INTENT_IO.input, DT.FLOAT, [1, d])],
      output: [valueInfo(INTENT_IO.output, DT.FLOAT, [1, c])],
    },
  });
}

/** What {@link readIntentWeights} recovers from the graph. */
export interface IntentWeights {
  /** For int8 files, the dequantized weights, exactly as DequantizeLinear computes them. */
  readonly model: SoftmaxModel;
  readonly labels: readonly string[];
  readonly tokenizer: TokenizerSpec;
  readonly weights: WeightFormat;
  readonly opset: number;
  readonly irVersion: number;
}

/**
 * Decodes a file written by {@link exportIntentOnnx}, so parity tests score exactly the shipped bytes.
 * Throws if an expected tensor or metadata entry is missing.
 */
export function readIntentWeights(bytes: Uint8Array): IntentWeights {
  const { inits, opset, irVersion, metadata } = decodeModel(bytes);
  const bias = inits.floats('bias');
  const c = bias.length;
  const int8 = inits.has('weights_q');
  let weights: Float32Array;
  let d: number;
  if (int8) {
    d = inits.dims('weights_q')[0] ?? 0;
    weights = dequantizeColumns({ q: inits.int8('weights_q'), scale: inits.floats('weights_scale') }, d, c);
  } else {
    d = inits.dims('weights')[0] ?? 0;
    weights = inits.floats('weights');
  }
  const meta = (key: string): string => {
    const v = metadata.get(key);
    if (v === undefined) throw new Error(`metadata "${key}" not found`);
    return v;
  };
  return {
    model: { inputs: d, classes: c, weights, bias },
    labels: JSON.parse(meta('confide.labels')) as string[],
    tokenizer: JSON.parse(meta('confide.tokenizer')) as TokenizerSpec,
    weights: int8 ? 'int8' : 'fp32',
    opset,
    irVersion,
  };
}
