/**
 * What the dashboard publishes: a share with its interval, the clipping every published share goes
 * through, and the per-period tables of shares the line charts draw.
 */

/** A published share or rate in [0, 1] with its 95 % interval. */
export interface Share {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}

/** A share clipped into [0, 1]: the noise must not show as an impossible rate. */
export const clip01 = (s: Share): Share => ({
  estimate: Math.min(1, Math.max(0, s.estimate)),
  lower: Math.max(0, s.lower),
  upper: Math.min(1, s.upper),
});

/** One labelled line over the days of a {@link TimeTable}; null where the cell is below k. */
export interface Series {
  readonly label: string;
  readonly points: readonly (Share | null)[];
}

/** Per-day values of one metric. */
export interface TimeTable {
  readonly days: readonly string[];
  /** Reports per day. */
  readonly totals: readonly number[];
  readonly series: readonly Series[];
}

/** One labelled value over the whole window; null when it is below k. */
export interface LabelledShare {
  readonly label: string;
  readonly share: Share | null;
}

/** Labelled values over the window and the reports they rest on. */
export interface WindowShares {
  /** Reports of the metric in the window (for a feedback-group metric, about a third of device-days). */
  readonly reports: number;
  readonly rows: readonly LabelledShare[];
}
