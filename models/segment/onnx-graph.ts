/**
 * Writes the segmenter as an ONNX graph (opset 13, IR 8). The graph takes the RAW feature vector and
 * does all preprocessing itself (log1p, outlier clipping, weighted z-scaling), so the worker never
 * holds training statistics and cannot apply them differently. Bytes depend only on the parameters.
 */
import onnxProto from 'onnx-proto';
import type { TensorSpec } from '../features/manifest';
import { floatTensor, int64Tensor, op, tensor, valueInfo } from '../src/onnx-builders';
import { IR_VERSION, OPSET } from '../src/onnx-export';
import { quantizeColumnsInt8 } from './quantize-int8';
import type { SegmentModelParams } from './reference';

const { onnx } = onnxProto;
const DT = onnx.TensorProto.DataType;
type Tensor = InstanceType<typeof onnx.TensorProto>;
type Node = InstanceType<typeof onnx.NodeProto>;

/** Tensor names of the segment graph: the contract with the worker. */
export const SEGMENT_IO = { input: 'features', segment: 'segment', confidence: 'confidence' } as const;

/** Input and output tensor specs for the manifest. */
export function segmentTensorSpecs(
  features: number,
  k: number,
): { inputs: TensorSpec[]; outputs: TensorSpec[] } {
  return {
    inputs: [{ name: SEGMENT_IO.input, type: 'float32', shape: [1, features] }],
    outputs: [
      { name: SEGMENT_IO.segment, type: 'int64', shape: [1] },
      { name: SEGMENT_IO.confidence, type: 'float32', shape: [1, k] },
    ],
  };
}

/** Serializes the segmenter; `int8` stores the centroids as int8 with one scale per feature. */
export function exportSegmentOnnx(p: SegmentModelParams, weights: 'fp32' | 'int8' = 'fp32'): Uint8Array {
  const { features: d, k } = p;
  const keep = p.logMask.map((m) => 1 - m);
  const initializer: Tensor[] = [
    floatTensor('log_mask', [d], p.logMask),
    floatTensor('keep_mask', [d], keep),
    floatTensor('zero', [], new Float32Array([0])),
    floatTensor('one', [], new Float32Array([1])),
    floatTensor('clip_lo', [d], p.lo),
    floatTensor('clip_hi', [d], p.hi),
    floatTensor('center', [d], p.center),
    floatTensor('scale', [d], p.scale),
    int64Tensor('reduce_axes', [1]),
    int64Tensor('distance_shape', [1, k]),
    floatTensor('neg_inv_temperature', [], new Float32Array([-1 / p.temperature])),
  ];
  const node: Node[] = [];
  if (weights === 'int8') {
    const qc = quantizeColumnsInt8(p.centroids, k, d);
    initializer.push(
      tensor('centroids_q', DT.INT8, [k, d], new Uint8Array(qc.q.buffer)),
      floatTensor('centroid_scale', [d], qc.scale),
      tensor('centroid_zero_point', DT.INT8, [d], new Uint8Array(d)),
    );
    node.push(
      op('DequantizeLinear', ['centroids_q', 'centroid_scale', 'centroid_zero_point'], ['centroids'], {
        axis: 1,
      }),
    );
  } else {
    initializer.push(floatTensor('centroids', [k, d], p.centroids));
  }
  node.push(
    // log1p only where masked; multiplying by exact 0/1 masks keeps the other features bit-exact.
    op('Max', [SEGMENT_IO.input, 'zero'], ['nonneg']),
    op('Add', ['nonneg', 'one'], ['plus_one']),
    op('Log', ['plus_one'], ['logged']),
    op('Mul', ['logged', 'log_mask'], ['logged_part']),
    op('Mul', [SEGMENT_IO.input, 'keep_mask'], ['kept_part']),
    op('Add', ['logged_part', 'kept_part'], ['transformed']),
    op('Max', ['transformed', 'clip_lo'], ['above_lo']),
    op('Min', ['above_lo', 'clip_hi'], ['clipped']),
    op('Sub', ['clipped', 'center'], ['centered']),
    op('Mul', ['centered', 'scale'], ['z']),
    op('Sub', ['z', 'centroids'], ['diff']),
    op('Mul', ['diff', 'diff'], ['squared']),
    op('ReduceSum', ['squared', 'reduce_axes'], ['distance_k'], { keepdims: 0 }),
    op('Reshape', ['distance_k', 'distance_shape'], ['distances']),
    op('ArgMin', ['distances'], [SEGMENT_IO.segment], { axis: 1, keepdims: 0 }),
    op('Mul', ['distances', 'neg_inv_temperature'], ['logits']),
    op('Softmax', ['logits'], [SEGMENT_IO.confidence], { axis: 1 }),
  );
  node.forEach((nd, i) => {
    nd.name = `${nd.opType.toLowerCase()}_${i}`;
  });
  const model = onnx.ModelProto.create({
    irVersion: IR_VERSION,
    producerName: 'confide-models',
    producerVersion: '1',
    domain: 'confide',
    modelVersion: 1,
    docString:
      'Segmenter: raw features → log1p (masked) → clip to [clip_lo, clip_hi] → (x − center)·scale → ' +
      `squared distances to ${k} centroids → segment = ArgMin, confidence = Softmax(−d/T), T = ${p.temperature}.`,
    opsetImport: [{ domain: '', version: OPSET }],
    metadataProps: [
      { key: 'confide.kind', value: 'segment' },
      { key: 'confide.weights', value: weights },
      { key: 'confide.k', value: String(k) },
      { key: 'confide.temperature', value: String(p.temperature) },
    ],
    graph: {
      name: 'confide_segment',
      node,
      initializer,
      input: [valueInfo(SEGMENT_IO.input, DT.FLOAT, [1, d])],
      output: [
        valueInfo(SEGMENT_IO.segment, DT.INT64, [1]),
        valueInfo(SEGMENT_IO.confidence, DT.FLOAT, [1, k]),
      ],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}
