/**
 * The figures a visitor feels, on the natural-phrasing development set (Larson et al. 2019, "An
 * Evaluation Dataset for Intent Classification and Out-of-Scope Prediction"): top-1 accuracy, and
 * in-scope accuracy *with the rejection threshold applied* (an in-scope message the threshold rejects
 * counts as wrong, because the visitor got "I can't help with that"), out-of-scope recall, and the
 * confusions that cost most. Scored through onnxruntime-web on the exported bytes, like the rest.
 */
import type { SparseFeatures } from '../features/tokenizer';
import { type Audit, auditGroups } from '../src/audit';
import { round6 } from '../src/run-data';
import { type OnnxPredictions, predictOnnx } from './evaluate-onnx';
import type { NaturalSet } from './natural-set';

/** One frequent mistake: what the message meant, what the model answered (or `rejected`), how often. */
export interface Confusion {
  readonly truth: string;
  readonly predicted: string;
  readonly count: number;
}

/** The development-set figures of one graph. */
export interface NaturalFigures {
  readonly inScope: number;
  readonly outOfScope: number;
  /** Right intent ranked first, threshold ignored. */
  readonly top1: number;
  /** Right intent and accepted by the threshold: what an in-scope visitor experiences. */
  readonly inScopeAccuracy: number;
  /** In-scope messages the threshold rejected. */
  readonly inScopeRejected: number;
  /** Off-topic messages the threshold rejected. */
  readonly oosRecall: number;
  /** The most frequent wrong outcomes of in-scope messages, most frequent first. */
  readonly confusions: readonly Confusion[];
  /** In-scope accuracy with rejection per intent and per message length (models/src/audit.ts). */
  readonly audit?: readonly Audit[];
}

/** How far below the overall in-scope accuracy an intent or a length may be before it is flagged. */
export const AUDIT_MARGIN = 0.1;

/** Message length groups, in words. */
export function lengthGroup(text: string): string {
  const words = text.split(/\s+/).filter((w) => w !== '').length;
  return words <= 3 ? '1-3 words' : words <= 7 ? '4-7 words' : '8+ words';
}

/** How many confusions the report lists. */
export const TOP_CONFUSIONS = 10;

/**
 * The figures from predictions: `truth[i]` is the label index of in-scope message i, `labels` names
 * the indices; `inScope` and `outOfScope` are the graph's predictions on the two halves.
 */
export function naturalFigures(
  labels: readonly string[],
  truth: Int32Array,
  inScope: OnnxPredictions,
  outOfScope: OnnxPredictions,
  threshold: number,
): NaturalFigures {
  let top1 = 0;
  let correct = 0;
  let rejected = 0;
  const wrong = new Map<string, Confusion>();
  inScope.predicted.forEach((k, i) => {
    const accepted = (inScope.top[i] ?? 0) >= threshold;
    if (k === truth[i]) top1++;
    if (!accepted) rejected++;
    if (accepted && k === truth[i]) {
      correct++;
      return;
    }
    const t = labels[truth[i] ?? -1] ?? '?';
    const p = accepted ? (labels[k] ?? '?') : 'rejected';
    const key = `${t}\u0000${p}`;
    wrong.set(key, { truth: t, predicted: p, count: (wrong.get(key)?.count ?? 0) + 1 });
  });
  let oosRejected = 0;
  for (const top of outOfScope.top) if (top < threshold) oosRejected++;
  const n = inScope.predicted.length;
  const share = (x: number, of: number) => (of ? round6(x / of) : 0);
  return {
    inScope: n,
    outOfScope: outOfScope.top.length,
    top1: share(top1, n),
    inScopeAccuracy: share(correct, n),
    inScopeRejected: share(rejected, n),
    oosRecall: share(oosRejected, outOfScope.top.length),
    confusions: [...wrong.values()]
      .sort(
        (a, b) =>
          b.count - a.count || a.truth.localeCompare(b.truth) || a.predicted.localeCompare(b.predicted),
      )
      .slice(0, TOP_CONFUSIONS),
  };
}

/**
 * Scores an exported graph on the set; `undefined` when the graph does not know every intent of the
 * set (a site's own model), since its labels say nothing about these messages.
 */
export async function scoreNatural(
  bytes: Uint8Array,
  set: NaturalSet,
  labels: readonly string[],
  features: (text: string) => SparseFeatures,
  threshold: number,
  dimension: number,
): Promise<NaturalFigures | undefined> {
  const index = new Map(labels.map((l, i) => [l, i]));
  if (set.inScope.length === 0 || !set.inScope.every((m) => index.has(m.intent))) return undefined;
  const truth = Int32Array.from(set.inScope, (m) => index.get(m.intent) ?? -1);
  const inScope = await predictOnnx(
    bytes,
    set.inScope.map((m) => features(m.text)),
    dimension,
  );
  const outOfScope = await predictOnnx(bytes, set.outOfScope.map(features), dimension);
  const figures = naturalFigures(labels, truth, inScope, outOfScope, threshold);
  // Right and accepted, per message: what each group's visitors experience.
  const right = set.inScope.map((_, i) =>
    inScope.predicted[i] === truth[i] && (inScope.top[i] ?? 0) >= threshold ? 1 : 0,
  );
  const metric = 'in-scope accuracy with rejection';
  const audit = [
    auditGroups(right, (i) => set.inScope[i]?.intent ?? '?', {
      metric,
      by: 'intent',
      margin: AUDIT_MARGIN,
      seed: 11,
    }),
    auditGroups(right, (i) => lengthGroup(set.inScope[i]?.text ?? ''), {
      metric,
      by: 'message length',
      margin: AUDIT_MARGIN,
      seed: 12,
      order: ['1-3 words', '4-7 words', '8+ words'],
    }),
  ];
  return { ...figures, audit };
}
