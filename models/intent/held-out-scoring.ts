/**
 * Scoring an exported intent graph for the report and the manifest: accuracy, macro-F1 and
 * out-of-scope recall on the test rows (scoreRun), plus figures from messages that played no part in
 * training or calibration: out-of-scope recall on topics never trained on, how often real in-scope
 * wording is accepted (and accepted with the right intent), how ambiguous messages fare, and the
 * hand-written shopper messages. Scored through onnxruntime-web on the bytes that ship.
 */
import type { SparseFeatures } from '../features/tokenizer';
import { round6 } from '../src/run-data';
import { type OnnxPredictions, predictOnnx, type ScoredRun, scoreRun } from './evaluate-onnx';
import type { SparseDataset } from './train-softmax';

/** The held-out message sets; any may be empty. */
export interface HeldOutSets {
  /** Out-of-scope messages of topics the model never trained on. */
  readonly oosUnseen: readonly SparseFeatures[];
  /** Real-wording in-scope messages with their intent. */
  readonly realInScope: SparseDataset;
  readonly ambiguous: readonly SparseFeatures[];
  /** The hand-written shopper messages (only when the model has their intents). */
  readonly shopper?: SparseDataset;
  readonly shopperOos?: readonly SparseFeatures[];
}

/** Share of top probabilities at or above the threshold; with `truth`, also with the right intent. */
function accepted(p: OnnxPredictions, threshold: number, truth?: Int32Array): number {
  let n = 0;
  p.top.forEach((top, i) => {
    if (top >= threshold && (!truth || p.predicted[i] === truth[i])) n++;
  });
  return p.top.length ? n / p.top.length : 0;
}

function top1(p: OnnxPredictions, truth: Int32Array): number {
  let n = 0;
  p.predicted.forEach((k, i) => {
    if (k === truth[i]) n++;
  });
  return p.predicted.length ? n / p.predicted.length : 0;
}

/** Scores `bytes` on every non-empty set; keys are absent for empty sets. */
export async function scoreHeldOut(
  bytes: Uint8Array,
  sets: HeldOutSets,
  threshold: number,
  dimension: number,
): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const run = (x: readonly SparseFeatures[]): Promise<OnnxPredictions> => predictOnnx(bytes, x, dimension);
  if (sets.oosUnseen.length) {
    out.oosRecallUnseen = round6(1 - accepted(await run(sets.oosUnseen), threshold));
  }
  if (sets.realInScope.x.length) {
    const p = await run(sets.realInScope.x);
    out.realInScopeAccepted = round6(accepted(p, threshold));
    out.realInScopeAcceptedCorrect = round6(accepted(p, threshold, sets.realInScope.y));
    out.realInScopeTop1 = round6(top1(p, sets.realInScope.y));
  }
  if (sets.ambiguous.length) out.ambiguousAccepted = round6(accepted(await run(sets.ambiguous), threshold));
  if (sets.shopper?.x.length) {
    const p = await run(sets.shopper.x);
    out.shopperAcceptedCorrect = round6(accepted(p, threshold, sets.shopper.y));
    out.shopperTop1 = round6(top1(p, sets.shopper.y));
  }
  if (sets.shopperOos?.length) {
    out.shopperOosRejected = round6(1 - accepted(await run(sets.shopperOos), threshold));
  }
  return out;
}

/** A scored graph: test figures plus the held-out ones. */
export interface ScoredGraph extends ScoredRun {
  readonly heldOut: Record<string, number>;
}

/** Test rows of the training data, out-of-scope test messages and the held-out sets. */
export interface GraphTestSets {
  readonly test: SparseDataset;
  readonly testOos: readonly SparseFeatures[];
  readonly heldOut: HeldOutSets;
}

/** Everything the report and the manifest say about one exported graph. */
export async function scoreGraph(
  bytes: Uint8Array,
  sets: GraphTestSets,
  threshold: number,
  dimension: number,
): Promise<ScoredGraph> {
  const inScope = await predictOnnx(bytes, sets.test.x, dimension);
  const outOfScope = sets.testOos.length ? await predictOnnx(bytes, sets.testOos, dimension) : undefined;
  const run = scoreRun(sets.test.y, inScope, threshold, outOfScope);
  return { ...run, heldOut: await scoreHeldOut(bytes, sets.heldOut, threshold, dimension) };
}

/** One log line per graph. */
export function logScores(log: (line: string) => void, name: string, s: ScoredGraph): void {
  const m = s.metrics;
  log(
    `  ${name}: accuracy ${m.accuracy.toFixed(4)}, macro-F1 ${m.macroF1.toFixed(4)}` +
      `${m.oosRecall === undefined ? '' : `, OOS recall ${m.oosRecall.toFixed(4)}`}; ` +
      `${(s.acceptedShare * 100).toFixed(1)}% of test messages in scope at the threshold ` +
      `(accuracy ${s.acceptedAccuracy.toFixed(4)} on those); held out: ${JSON.stringify(s.heldOut)}`,
  );
}

/**
 * Per-graph figures for a run's details, keyed by variant (`fp32`, `int8`, `int4`): the test share
 * accepted at the threshold, accuracy on what was accepted, the held-out sets, and the file sizes.
 */
export function variantDetails(
  graphs: Readonly<Record<string, { readonly scored: ScoredGraph; readonly bytes: Uint8Array }>>,
): Record<string, Record<string, unknown>> {
  const each = <T>(f: (g: { scored: ScoredGraph; bytes: Uint8Array }) => T): Record<string, T> =>
    Object.fromEntries(Object.entries(graphs).map(([k, g]) => [k, f(g)]));
  return {
    testAccepted: each((g) => round6(g.scored.acceptedShare)),
    testAcceptedAccuracy: each((g) => round6(g.scored.acceptedAccuracy)),
    heldOut: each((g) => g.scored.heldOut),
    sizes: Object.fromEntries(Object.entries(graphs).map(([k, g]) => [`${k}Bytes`, g.bytes.byteLength])),
  };
}
