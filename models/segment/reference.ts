/**
 * The segment graph's math in TypeScript: the reference that parity tests hold the ONNX file to, and
 * what the trainer uses to evaluate assignments without a runtime.
 */
import { type Normalizer, standardizeRow } from './normalize';

/** Everything the graph stores, as float32 values exactly as written into the file. */
export interface SegmentModelParams extends Normalizer {
  /** Number of input features. */
  readonly features: number;
  /** Number of segments. */
  readonly k: number;
  /** Segment centres in the standardized space, k × features, row-major. */
  readonly centroids: Float32Array;
  /** Softmax temperature T: confidence = softmax(−squaredDistance / T). */
  readonly temperature: number;
}

/** What the graph returns for one input, plus the distances it computed on the way. */
export interface SegmentOutput {
  /** Index of the nearest centre (ties → lower id, as ArgMin). */
  readonly segment: number;
  /** Softmax(−d / T) over segments. */
  readonly confidence: Float64Array;
  /** Squared Euclidean distances to the centres in the standardized space. */
  readonly distances: Float64Array;
}

/** Runs one raw feature vector through the graph's steps. */
export function segmentReference(x: ArrayLike<number>, p: SegmentModelParams): SegmentOutput {
  const z = new Float64Array(p.features);
  standardizeRow(x, p, z);
  const distances = new Float64Array(p.k);
  let segment = 0;
  for (let c = 0; c < p.k; c++) {
    let s = 0;
    for (let f = 0; f < p.features; f++) {
      const t = (z[f] as number) - (p.centroids[c * p.features + f] as number);
      s += t * t;
    }
    distances[c] = s;
    if (s < (distances[segment] as number)) segment = c;
  }
  const confidence = new Float64Array(p.k);
  const min = distances[segment] as number;
  // The graph multiplies by a stored float32 −1/T rather than dividing; mirror it.
  const negInvT = Math.fround(-1 / p.temperature);
  let sum = 0;
  for (let c = 0; c < p.k; c++) {
    // Shifted by the minimum, as Softmax implementations do, so exp never overflows.
    const e = Math.exp(((distances[c] as number) - min) * negInvT);
    confidence[c] = e;
    sum += e;
  }
  for (let c = 0; c < p.k; c++) confidence[c] = (confidence[c] as number) / sum;
  return { segment, confidence, distances };
}
