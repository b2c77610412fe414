/**
 * Chooses the temperature and the out-of-scope threshold of a trained model from validation data.
 * With out-of-scope validation messages the in-scope side pools the data's own held-out rows with the
 * real-wording in-scope messages: Bitext's held-out rows are near-copies of its training rows and the
 * model is sure of nearly all of them, so on their own they would push the threshold up until natural
 * phrasings ("where is my package?") are turned away, which is exactly what the 95% rule did.
 */
import type { SparseFeatures } from '../features/tokenizer';
import { round6 } from '../src/run-data';
import {
  acceptedShare,
  balancedAccuracy,
  DEFAULT_ACCEPTANCE,
  fitTemperature,
  pickBalancedThreshold,
  pickThreshold,
} from './calibrate';
import { type LinearWeights, softmax, sparseLogits } from './softmax-model';
import type { SparseDataset } from './train-softmax';

/** Which rule set the threshold. */
export type ThresholdRule = 'max-balanced-accuracy' | 'in-scope-acceptance-0.95';

/** Validation data for {@link fitCalibration}. */
export interface CalibrationData {
  /** The training data's own held-out rows. */
  readonly val: SparseDataset;
  /** Real-wording in-scope messages labelled with the model's intents (absent without OOS data). */
  readonly realInScope?: SparseDataset;
  /** Out-of-scope messages of topics the model never trained on (absent without OOS data). */
  readonly outOfScope?: readonly SparseFeatures[];
}

/** The calibration and what it achieved on validation. */
export interface Calibration {
  readonly temperature: number;
  readonly threshold: number;
  readonly rule: ThresholdRule;
  /** Share of the in-scope validation messages at or above the threshold. */
  readonly acceptance: number;
  /** Validation figures at the threshold, for the report. */
  readonly validation: Readonly<Record<string, number>>;
}

/** Fits T on the in-scope validation rows, then picks the threshold by the rule the data allows. */
export function fitCalibration(model: LinearWeights, data: CalibrationData): Calibration {
  const oos = data.outOfScope ?? [];
  const real = data.realInScope;
  const inScope: SparseDataset =
    oos.length && real
      ? { x: [...data.val.x, ...real.x], y: Int32Array.from([...data.val.y, ...real.y]) }
      : data.val;
  const logits = inScope.x.map((x) => sparseLogits(model, x));
  const temperature = fitTemperature(logits, inScope.y);
  const top = (z: Float64Array): number => Math.max(...softmax(z.map((v) => v / temperature)));
  const inTop = logits.map(top);
  if (oos.length === 0 || !real) {
    const threshold = pickThreshold(inTop, DEFAULT_ACCEPTANCE);
    const acceptance = round6(acceptedShare(inTop, threshold));
    return {
      temperature,
      threshold,
      rule: 'in-scope-acceptance-0.95',
      acceptance,
      validation: { inScope: inTop.length, accepted: acceptance },
    };
  }
  const oosTop = oos.map((x) => top(sparseLogits(model, x)));
  const threshold = pickBalancedThreshold(inTop, oosTop);
  const ownTop = inTop.slice(0, data.val.x.length);
  const realTop = inTop.slice(data.val.x.length);
  return {
    temperature,
    threshold,
    rule: 'max-balanced-accuracy',
    acceptance: round6(acceptedShare(inTop, threshold)),
    validation: {
      inScope: inTop.length,
      outOfScope: oosTop.length,
      ownAccepted: round6(acceptedShare(ownTop, threshold)),
      realAccepted: round6(acceptedShare(realTop, threshold)),
      oosRejected: round6(1 - acceptedShare(oosTop, threshold)),
      balancedAccuracy: round6(balancedAccuracy(inTop, oosTop, threshold)),
    },
  };
}
