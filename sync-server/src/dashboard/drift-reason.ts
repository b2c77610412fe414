/**
 * The drift verdict's state and the sentence an operator reads: concrete shares and the 95 % margin
 * of the window's estimate, e.g. "segment “lapsed” 58% of visitors with purchases over the last 14
 * days vs 40% in training (±4 pts)". Names come from the manifest; the page escapes them.
 */
import {
  DRIFT_MARGIN_Z,
  DRIFT_MIN_EFFECT,
  DRIFT_MIN_REPORTS,
  DRIFT_WINDOW_DAYS,
  type DriftCategory,
  type DriftMetric,
  type DriftVerdict,
  shownShare,
} from './drift-types';

/** The facts of a metric that was tested. */
export interface TestedFacts {
  readonly reports: number;
  readonly days: number;
  readonly critical: number;
  readonly categories: readonly DriftCategory[];
}

/** The facts of a metric that could not be tested. */
export interface UntestedFacts {
  readonly state: 'no reference' | 'not enough reports';
  readonly reports: number;
  readonly days: number;
  /** Enough reports, but a cell the verdict rests on did not pass the k-threshold. */
  readonly belowK?: boolean;
}

const pct = (x: number) => `${Math.round(shownShare(x) * 100)}%`;
const points = (x: number) => `±${x * 100 < 10 ? (x * 100).toFixed(1) : Math.round(x * 100)} pts`;
const LAST = `over the last ${DRIFT_WINDOW_DAYS} days`;

function describe(metric: DriftMetric, c: DriftCategory): string {
  const margin = points(DRIFT_MARGIN_Z * c.standardError);
  if (metric === 'out_of_scope')
    return `${pct(c.estimate)} of chat messages out of scope ${LAST} vs ${pct(c.reference)} at calibration (${margin})`;
  return `segment “${c.label}” ${pct(c.estimate)} of visitors with purchases ${LAST} vs ${pct(c.reference)} in training (${margin})`;
}

function untested(metric: DriftMetric, facts: UntestedFacts): string {
  if (facts.state === 'no reference')
    return metric === 'segment_share'
      ? 'No reference: the served model’s manifest gives no training share for its segments.'
      : 'No reference: the served model’s manifest gives no calibrated acceptance for its intents.';
  if (facts.belowK)
    return metric === 'segment_share'
      ? `Not enough reports: some segment’s reports ${LAST} do not pass the k threshold.`
      : `Not enough reports: the out-of-scope chats ${LAST} do not pass the k threshold.`;
  return `Not enough reports: ${facts.reports} ${LAST}; a verdict needs ${DRIFT_MIN_REPORTS}.`;
}

/** A verdict from what the test found (or why it could not run), with its sentence. */
export function verdictOf(metric: DriftMetric, facts: TestedFacts | UntestedFacts): DriftVerdict {
  if ('state' in facts)
    return {
      metric,
      state: facts.state,
      reports: facts.reports,
      days: facts.days,
      critical: null,
      categories: [],
      reason: untested(metric, facts),
    };
  const flagged = facts.categories.filter((c) => c.drifting).sort((a, b) => Math.abs(b.z) - Math.abs(a.z));
  const base = { metric, reports: facts.reports, days: facts.days, critical: facts.critical };
  if (flagged.length > 0) {
    const reason = `${flagged.map((c) => describe(metric, c)).join('; ')}.`;
    return { ...base, state: 'drifting', categories: facts.categories, reason };
  }
  const widest = [...facts.categories].sort(
    (a, b) => Math.abs(b.estimate - b.reference) - Math.abs(a.estimate - a.reference),
  )[0];
  const gap = widest ? ` The largest gap: ${describe(metric, widest)}.` : '';
  const test =
    metric === 'out_of_scope'
      ? `No significant rise of at least ${DRIFT_MIN_EFFECT * 100} points.`
      : `No segment is ${DRIFT_MIN_EFFECT * 100} points or more off its training share beyond the noise.`;
  return { ...base, state: 'stable', categories: facts.categories, reason: `${test}${gap}` };
}
