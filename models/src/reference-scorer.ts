/**
 * The recommend graph's math in plain TypeScript, step for step in float32, so tests can check the
 * exported ONNX against it and the evaluation can score without a runtime.
 */
import type { ItemKnnModel } from './item-knn';

/** Weight of the popularity prior (β): small enough never to outrank a real similarity signal. */
export const PRIOR_WEIGHT = 1e-3;

/** Added to the score of every item the visitor already interacted with. */
export const SEEN_PENALTY = -1e4;

/** The top-K result: catalog indices and their scores, best first. */
export interface TopK {
  readonly indices: readonly number[];
  readonly scores: readonly number[];
}

/** Scores every catalog item: x·S + β·pop, with seen items (x > 0) pushed down by {@link SEEN_PENALTY}. */
export function referenceScores(
  x: Float32Array,
  model: ItemKnnModel,
  beta: number = PRIOR_WEIGHT,
): Float32Array {
  const n = model.size;
  const f = Math.fround;
  const b = f(beta);
  const out = new Float32Array(n);
  const acc = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const xi = x[i] ?? 0;
    if (xi === 0) continue;
    const row = i * n;
    for (let j = 0; j < n; j++) acc[j] = (acc[j] ?? 0) + xi * (model.similarity[row + j] ?? 0);
  }
  for (let j = 0; j < n; j++) {
    const score = f(f(acc[j] ?? 0) + f((model.popularity[j] ?? 0) * b));
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
  model: ItemKnnModel,
  k: number,
  beta: number = PRIOR_WEIGHT,
): TopK {
  return topK(referenceScores(x, model, beta), k);
}
