/**
 * The drift test's vocabulary: its constants and what a verdict holds. The test is ./drift.ts, the
 * operator's wording ./drift-reason.ts.
 */

/** Days of the window compared with the reference, ending on the dashboard's last day. */
export const DRIFT_WINDOW_DAYS = 14;
/** Family-wise false-alarm rate of one metric's test (per site). */
export const DRIFT_ALPHA = 0.01;
/** Smallest absolute difference of a share (5 points) that counts as drift, however significant. */
export const DRIFT_MIN_EFFECT = 0.05;
/** Reports of a metric the window needs before any verdict (the normal approximation's floor). */
export const DRIFT_MIN_REPORTS = 1000;

/** The 95 % two-sided normal critical value of the ± margins shown. */
export const DRIFT_MARGIN_Z = 1.959964;

/**
 * A share as shown: the debiased estimate can fall outside 0–100 % by noise (the test uses it as it
 * is), but a page must not show an impossible share.
 */
export const shownShare = (x: number): number => Math.min(1, Math.max(0, x));

/** The shares tested, as `/metrics` labels them: never a site, only which test. */
export const DRIFT_METRICS = ['segment_share', 'out_of_scope'] as const;

/** One of {@link DRIFT_METRICS}. */
export type DriftMetric = (typeof DRIFT_METRICS)[number];

/**
 * What the test concluded. "not enough reports" and "no reference" are no verdict at all: neither is
 * evidence that nothing drifted.
 */
export type DriftState = 'drifting' | 'stable' | 'not enough reports' | 'no reference';

/** One share of the window against its reference. */
export interface DriftCategory {
  readonly label: string;
  /** The window's share. */
  readonly estimate: number;
  /** The share in training (segments) or at calibration (out of scope). */
  readonly reference: number;
  /** Conservative standard error of {@link DriftCategory.estimate} (see ./drift.ts). */
  readonly standardError: number;
  readonly z: number;
  /** Significant beyond the critical value and at least the minimum effect away. */
  readonly drifting: boolean;
}

/** One metric's verdict, with the sentence the dashboard shows. */
export interface DriftVerdict {
  readonly metric: DriftMetric;
  readonly state: DriftState;
  /** Reports the verdict rests on. */
  readonly reports: number;
  /** Days of the window those reports came from. */
  readonly days: number;
  /** The critical |z| (Bonferroni over the categories); null when nothing was tested. */
  readonly critical: number | null;
  /** Empty when nothing was tested. */
  readonly categories: readonly DriftCategory[];
  /** Why: the drifting shares, the largest gap, or why there is no verdict. */
  readonly reason: string;
}
