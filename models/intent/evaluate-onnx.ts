/**
 * Scores an exported intent graph on a test set through onnxruntime-web, so the reported figures are
 * those of the bytes that ship (fp32 or int8), not of the in-memory model.
 */
import type { SparseFeatures } from '../features/tokenizer';
import { accuracy, type IntentMetrics, macroF1 } from './metrics';
import { createIntentSession } from './ort-intent';
import { argmax } from './softmax-model';

/** Predictions of one graph over a list of inputs. */
export interface OnnxPredictions {
  readonly predicted: Int32Array;
  /** Top probability per row (the value the out-of-scope threshold is compared with). */
  readonly top: Float64Array;
}

/** Runs every input through the graph, one [1, D] tensor at a time as the worker does. */
export async function predictOnnx(
  bytes: Uint8Array,
  inputs: readonly SparseFeatures[],
  dimension: number,
): Promise<OnnxPredictions> {
  const session = await createIntentSession(bytes);
  const predicted = new Int32Array(inputs.length);
  const top = new Float64Array(inputs.length);
  try {
    for (let r = 0; r < inputs.length; r++) {
      const x = inputs[r] as SparseFeatures;
      // A fresh dense buffer per row: the session may keep a reference to the last input's buffer.
      const dense = new Float32Array(dimension);
      x.indices.forEach((k, i) => {
        dense[k] = x.values[i] ?? 0;
      });
      const p = await session.run(dense);
      const best = argmax(p);
      predicted[r] = best;
      top[r] = p[best] ?? 0;
    }
  } finally {
    await session.release();
  }
  return { predicted, top };
}

/** Figures of the report's `intent` entries from predictions and the threshold. */
export interface ScoredRun {
  readonly metrics: IntentMetrics;
  /** Share of in-scope test messages whose top probability reaches the threshold. */
  readonly acceptedShare: number;
  /** Accuracy among the accepted in-scope messages. */
  readonly acceptedAccuracy: number;
}

/** Accuracy and macro-F1 on in-scope rows; OOS recall when out-of-scope rows are given. */
export function scoreRun(
  truth: Int32Array,
  inScope: OnnxPredictions,
  threshold: number,
  outOfScope?: OnnxPredictions,
): ScoredRun {
  let accepted = 0;
  let acceptedCorrect = 0;
  inScope.top.forEach((p, i) => {
    if (p >= threshold) {
      accepted++;
      if (inScope.predicted[i] === truth[i]) acceptedCorrect++;
    }
  });
  const n = truth.length;
  const metrics: IntentMetrics = {
    accuracy: accuracy(truth, inScope.predicted),
    macroF1: macroF1(truth, inScope.predicted),
    ...(outOfScope && outOfScope.top.length > 0
      ? { oosRecall: outOfScope.top.filter((p) => p < threshold).length / outOfScope.top.length }
      : {}),
  };
  return {
    metrics,
    acceptedShare: n ? accepted / n : 0,
    acceptedAccuracy: accepted ? acceptedCorrect / accepted : 0,
  };
}
