/**
 * Measures the exported files in onnxruntime-web: does fp32 agree with the TypeScript reference, and
 * how close does int8 stay to fp32 (same segment for ≥ 99% of customers; silhouette within 1%)?
 */
import { silhouette } from './cluster-metrics';
import type { SegmentFit } from './fit-segments';
import { createSegmentSession, type SegmentSession } from './ort-session';
import { segmentReference } from './reference';

/** What {@link evaluateSegmentOnnx} measured over all training customers. */
export interface OnnxEvaluation {
  /** Share of customers where ONNX fp32 and the TS reference give the same segment. */
  readonly referenceAgreement: number;
  /** Largest |confidence difference| between ONNX fp32 and the TS reference. */
  readonly maxConfidenceDiff: number;
  /** Share of customers where int8 gives the same segment as fp32. */
  readonly int8Agreement?: number;
  /** Silhouette of the int8 assignment (same sample and space as fp32's). */
  readonly int8Silhouette?: number;
  /** |int8 − fp32| / fp32 silhouette. */
  readonly int8SilhouetteRelDiff?: number;
}

async function runAll(
  session: SegmentSession,
  fit: SegmentFit,
): Promise<{ labels: Int32Array; conf: Float32Array[] }> {
  const d = fit.raw.cols;
  const labels = new Int32Array(fit.raw.rows);
  const conf: Float32Array[] = [];
  for (let i = 0; i < fit.raw.rows; i++) {
    const out = await session.run(Float32Array.from(fit.raw.data.subarray(i * d, (i + 1) * d)));
    labels[i] = out.segment;
    conf.push(out.confidence);
  }
  return { labels, conf };
}

/** Runs every training customer through the fp32 (and, if given, int8) file. */
export async function evaluateSegmentOnnx(
  fit: SegmentFit,
  fp32: Uint8Array,
  int8?: Uint8Array,
): Promise<OnnxEvaluation> {
  const d = fit.raw.cols;
  const session = await createSegmentSession(fp32);
  const full = await runAll(session, fit).finally(() => session.release());
  let same = 0;
  let maxDiff = 0;
  for (let i = 0; i < fit.raw.rows; i++) {
    const ref = segmentReference(Float32Array.from(fit.raw.data.subarray(i * d, (i + 1) * d)), fit.params);
    if (ref.segment === full.labels[i]) same++;
    const c = full.conf[i] as Float32Array;
    ref.confidence.forEach((v, s) => {
      maxDiff = Math.max(maxDiff, Math.abs(v - (c[s] as number)));
    });
  }
  const base = { referenceAgreement: same / fit.raw.rows, maxConfidenceDiff: maxDiff };
  if (!int8) return base;
  const q = await createSegmentSession(int8);
  const quant = await runAll(q, fit).finally(() => q.release());
  let agree = 0;
  for (let i = 0; i < fit.raw.rows; i++) if (quant.labels[i] === full.labels[i]) agree++;
  const int8Silhouette = silhouette(fit.z, quant.labels, fit.params.k, fit.silhouetteSample);
  return {
    ...base,
    int8Agreement: agree / fit.raw.rows,
    int8Silhouette,
    int8SilhouetteRelDiff: Math.abs(int8Silhouette - fit.silhouette) / Math.abs(fit.silhouette || 1),
  };
}
