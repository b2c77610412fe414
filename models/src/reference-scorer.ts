/**
 * The recommend graph's math in plain TypeScript, step for step in float32 (each product summed in
 * float64 then rounded, as a float32 MatMul would up to summation order), so tests can check the
 * exported ONNX against it and evaluation can score without a runtime.
 */
import type { FactorModel } from './recommend/factor-model';

/** Default weight of the popularity prior (β): small enough never to outrank a real model signal. */
export const PRIOR_WEIGHT = 1e-4;

/** Added to the score of every item the visitor already interacted with. */
export const SEEN_PENALTY = -1e4;

/** The top-K result: catalog indices and their scores, best first. */
export interface TopK {
  readonly indices: readonly number[];
  readonly scores: readonly number[];
}

/** x·F (x a vector of length F.rows), summed in float64 and rounded to float32 per output. */
export function vectorTimes(x: ArrayLike<number>, f: FactorModel['factors'][number]): Float32Array {
  const acc = new Float64Array(f.cols);
  for (let i = 0; i < f.rows; i++) {
    const xi = x[i] ?? 0;
    if (xi === 0) continue;
    const row = i * f.cols;
    for (let j = 0; j < f.cols; j++) acc[j] = (acc[j] as number) + xi * (f.data[row + j] as number);
  }
  return Float32Array.from(acc);
}

/** Scores every catalog item: x·F₁(·F₂) + β·pop, with seen items (x > 0) pushed down by {@link SEEN_PENALTY}. */
export function referenceScores(
  x: Float32Array,
  model: FactorModel,
  beta: number = PRIOR_WEIGHT,
): Float32Array {
  const n = model.size;
  const f = Math.fround;
  const b = f(beta);
  let h: Float32Array = x;
  for (const factor of model.factors) h = vectorTimes(h, factor);
  const out = new Float32Array(n);
  for (let j = 0; j < n; j++) {
    const score = f((h[j] ?? 0) + f((model.popularity[j] ?? 0) * b));
    const seen = (x[j] ?? 0) > 0 ? 1 : 0;
    out[j] = f(score + f(seen * SEEN_PENALTY));
  }
  return out;
}

/** The k best entries, ties broken by the lower index exactly as ONNX TopK specifies. */
export function topK(scores: ArrayLike<number>, k: number): TopK {
  const idx = Array.from({ length: scores.length }, (_, i) => i);
  idx.sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b);
  const indices = idx.slice(0, Math.min(k, idx.length));
  return { indices, scores: indices.map((i) => scores[i] ?? 0) };
}

/** {@link referenceScores} followed by {@link topK}: what the ONNX graph returns. */
export function recommendReference(
  x: Float32Array,
  model: FactorModel,
  k: number,
  beta: number = PRIOR_WEIGHT,
): TopK {
  return topK(referenceScores(x, model, beta), k);
}
