/**
 * The intent graph (opset 13, IR 8): features [1, D] → MatMul W [D, C] → Add b → Softmax →
 * probabilities [1, C]. The calibration temperature is already folded into W and b, so the output is
 * the calibrated distribution the out-of-scope threshold applies to. int8 stores W as int8 with one
 * scale per intent, restored by Cast and Mul (folded into a constant at session creation); int4 packs two 4-bit values per byte,
 * unpacked by a constant subgraph; the bias stays float32 (C numbers).
 */
import type { TensorSpec } from '../features/manifest';
import type { TokenizerSpec } from '../features/tokenizer';
import {
  DT,
  decodeModel,
  encodeModel,
  floatTensor,
  int8Tensor,
  int64Tensor,
  type Node,
  op,
  type Tensor,
  tensor,
  valueInfo,
} from '../src/onnx-builders';
import { IR_VERSION, OPSET, type WeightFormat } from '../src/onnx-export';
import { dequantizeColumnsInt4, quantizeColumnsInt4 } from './quantize-int4';
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
  if (info.weights === 'int4') {
    const unpacked = int4Weights(model.weights, d, c);
    initializer.push(...unpacked.initializer);
    node.push(...unpacked.node);
  } else if (int8) {
    // Cast and Mul rather than DequantizeLinear: onnxruntime keeps DequantizeLinear for its QDQ
    // fusions instead of folding it, which re-dequantized all D×C weights on every run (2.2 ms for
    // 77 intents against 0.25 ms); Cast and Mul on initializers are folded once, at session creation.
    const q = quantizeColumns(model.weights, d, c);
    initializer.push(int8Tensor('weights_q', [d, c], q.q), floatTensor('weights_scale', [c], q.scale));
    node.push(
      op('Cast', ['weights_q'], ['weights_q_float'], { to: DT.FLOAT }),
      op('Mul', ['weights_q_float', 'weights_scale'], ['weights']),
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

/**
 * The int4 weights and the nodes that unpack them into `weights` [D, C]: high nibble by BitShift,
 * low one by subtraction, interleaved back into rows, then (nibble − 8) × scale. Every input is an
 * initializer, so onnxruntime folds the subgraph into a constant when the session is created.
 */
function int4Weights(w: Float32Array, d: number, c: number): { initializer: Tensor[]; node: Node[] } {
  if (d % 2 !== 0) throw new RangeError(`int4 weights need an even number of features, got ${d}`);
  const p = quantizeColumnsInt4(w, d, c);
  const initializer = [
    tensor('weights_packed', DT.UINT8, [d / 2, c], p.packed),
    tensor('int4_shift', DT.UINT8, [], Uint8Array.of(4)),
    floatTensor('int4_sixteen', [], [16]),
    floatTensor('int4_eight', [], [8]),
    int64Tensor('int4_axis', [1]),
    int64Tensor('int4_shape', [d, c]),
    floatTensor('weights_scale', [c], p.scale),
  ];
  const node = [
    op('BitShift', ['weights_packed', 'int4_shift'], ['int4_high_u8'], { direction: 'RIGHT' }),
    op('Cast', ['int4_high_u8'], ['int4_high'], { to: DT.FLOAT }),
    op('Cast', ['weights_packed'], ['int4_bytes'], { to: DT.FLOAT }),
    op('Mul', ['int4_high', 'int4_sixteen'], ['int4_high16']),
    op('Sub', ['int4_bytes', 'int4_high16'], ['int4_low']),
    op('Unsqueeze', ['int4_low', 'int4_axis'], ['int4_low3']),
    op('Unsqueeze', ['int4_high', 'int4_axis'], ['int4_high3']),
    op('Concat', ['int4_low3', 'int4_high3'], ['int4_pairs'], { axis: 1 }),
    op('Reshape', ['int4_pairs', 'int4_shape'], ['int4_nibbles']),
    op('Sub', ['int4_nibbles', 'int4_eight'], ['int4_values']),
    op('Mul', ['int4_values', 'weights_scale'], ['weights']),
  ];
  return { initializer, node };
}

/** What {@link readIntentWeights} recovers from the graph. */
export interface IntentWeights {
  /** For int8 and int4 files, the dequantized weights, exactly as the graph computes them. */
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
  const int4 = inits.has('weights_packed');
  let weights: Float32Array;
  let d: number;
  if (int4) {
    d = (inits.dims('weights_packed')[0] ?? 0) * 2;
    const packed = inits.bytes('weights_packed');
    weights = dequantizeColumnsInt4({ packed, scale: inits.floats('weights_scale'), rows: d, cols: c });
  } else if (int8) {
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
    weights: int4 ? 'int4' : int8 ? 'int8' : 'fp32',
    opset,
    irVersion,
  };
}
