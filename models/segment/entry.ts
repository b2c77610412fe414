/**
 * The segment entry of the model manifest: file, hash, tensors, data, metrics, feature spec and the
 * named segments. The CLI merges it into `manifest.json`.
 */
import type { ModelVariant, SegmentEntry } from '../features/manifest';
import { NO_PURCHASE_SEGMENT } from '../features/segment-features';
import { OPSET } from '../src/onnx-export';
import type { OnnxEvaluation } from './evaluate-onnx';
import type { SegmentFit } from './fit-segments';
import { segmentTensorSpecs } from './onnx-graph';

/** File names the segment trainer writes into the artifacts folder. */
export const SEGMENT_FILES = {
  model: 'segment.onnx',
  modelInt8: 'segment-int8.onnx',
  items: 'segment-items.json',
} as const;

/** A written file and its hash. */
export interface HashedFile {
  readonly bytes: number;
  readonly sha256: string;
}

/** What {@link buildSegmentEntry} needs beyond the fit. */
export interface SegmentEntryInputs {
  readonly fit: SegmentFit;
  readonly evaluation: OnnxEvaluation;
  readonly fp32: HashedFile;
  readonly int8?: HashedFile;
  readonly items: HashedFile;
  readonly description: string;
  readonly params: Readonly<Record<string, number | string>>;
}

const r6 = (v: number): number => Math.round(v * 1e6) / 1e6;

/** Builds the manifest entry. */
export function buildSegmentEntry(a: SegmentEntryInputs): SegmentEntry {
  const { fit } = a;
  const { k, features } = fit.params;
  const { inputs, outputs } = segmentTensorSpecs(features, k);
  const metrics: Record<string, number> = {
    k,
    silhouette: r6(fit.silhouette),
    daviesBouldin: r6(fit.daviesBouldin),
    stabilityARI: r6(fit.stability.mean),
    users: fit.users,
    onnxReferenceAgreement: r6(a.evaluation.referenceAgreement),
  };
  let int8: ModelVariant | undefined;
  if (a.int8 && a.evaluation.int8Agreement !== undefined) {
    int8 = {
      file: SEGMENT_FILES.modelInt8,
      sha256: a.int8.sha256,
      bytes: a.int8.bytes,
      metrics: {
        agreementWithFp32: r6(a.evaluation.int8Agreement),
        silhouette: r6(a.evaluation.int8Silhouette ?? 0),
        silhouetteRelDiff: r6(a.evaluation.int8SilhouetteRelDiff ?? 0),
      },
    };
  }
  const asOf = new Date(fit.nowMs).toISOString().slice(0, 10);
  return {
    kind: 'segment',
    file: SEGMENT_FILES.model,
    sha256: a.fp32.sha256,
    bytes: a.fp32.bytes,
    opset: OPSET,
    inputs,
    outputs,
    data:
      `${a.description} Segmentation: one raw feature vector per customer (${fit.users} customers), ` +
      `as of the last timestamp (${asOf}).`,
    metrics,
    k,
    ...(int8 ? { int8 } : {}),
    params: a.params,
    features: fit.spec,
    items: SEGMENT_FILES.items,
    itemsSha256: a.items.sha256,
    temperature: fit.params.temperature,
    segments: fit.names.map((name, id) => ({
      id,
      ...(fit.keys[id] ? { key: fit.keys[id] } : {}),
      name,
      description: fit.descriptions[id] ?? '',
      share: r6(fit.profiles[id]?.share ?? 0),
    })),
    noPurchase: {
      id: k,
      key: NO_PURCHASE_SEGMENT.key,
      name: NO_PURCHASE_SEGMENT.name,
      description: NO_PURCHASE_SEGMENT.description,
    },
  };
}
