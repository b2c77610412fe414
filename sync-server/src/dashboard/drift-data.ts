/**
 * The drift verdicts of one scope (a site, or every site pooled) over the last
 * {@link DRIFT_WINDOW_DAYS} days ending on the dashboard's last day: two grouped queries (segment and
 * intent counts per day, of the served model's version only, whose manifest holds the references),
 * then the pure test of ./drift.ts.
 */
import { countKrrReportsByDay } from '../aggregates';
import type { Store } from '../store';
import { outOfScopeDrift, segmentDrift } from './drift';
import { DRIFT_WINDOW_DAYS, type DriftVerdict } from './drift-types';
import type { ModelLabels } from './labels';

const DAY_MS = 86_400_000;

/** The drift section of one dashboard page. */
export interface DriftView {
  /** First and last day of the window (UTC, inclusive). */
  readonly from: string;
  readonly to: string;
  readonly segments: DriftVerdict;
  readonly outOfScope: DriftVerdict;
}

/** The first day of the drift window ending on `to`. */
export function driftWindowStart(to: string): string {
  return new Date(Date.parse(`${to}T00:00:00Z`) - (DRIFT_WINDOW_DAYS - 1) * DAY_MS)
    .toISOString()
    .slice(0, 10);
}

/** Counts the window's segment and intent reports of `sites` and tests both for drift. */
export async function driftView(
  store: Store,
  labels: ModelLabels,
  scope: { readonly sites: readonly string[]; readonly to: string; readonly k: number },
): Promise<DriftView> {
  const from = driftWindowStart(scope.to);
  const query = { model: labels.version, sites: [...scope.sites], from, to: scope.to };
  const segmentDays =
    labels.segments.length >= 2
      ? await countKrrReportsByDay(store, {
          ...query,
          metric: 'segment_share',
          domain: labels.segments.length,
        })
      : [];
  const intentDays =
    labels.intents.length >= 2
      ? await countKrrReportsByDay(store, {
          ...query,
          metric: 'intent_count',
          domain: labels.intents.length + 1,
        })
      : [];
  return {
    from,
    to: scope.to,
    segments: segmentDrift({
      daily: segmentDays,
      labels: labels.segments.slice(0, -1),
      reference: labels.segments.length >= 2 ? labels.references.segmentShares : null,
      k: scope.k,
    }),
    outOfScope: outOfScopeDrift({
      daily: intentDays,
      reference: labels.intents.length >= 2 ? labels.references.outOfScopeShare : null,
      k: scope.k,
    }),
  };
}
