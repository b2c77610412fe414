/**
 * The dashboard's numbers, assembled only from debiased, k-thresholded aggregates: a cell that does not
 * pass the threshold is `null` here, so the renderer cannot show it as a number even by mistake.
 * Shares are estimates over the day's reports; every published value carries its 95 % interval.
 * Every active device reports intents, so intent shares are taken among the reports that are not
 * "none" (a ratio of debiased sums, its variance by the delta method); the feedback group (votes,
 * clicks, ratings) is ./feedback-data.ts; an experiment is analysed on a single day (see
 * {@link ExperimentView}); drift against the model's references is ./drift.ts.
 */

import { debiasWithCovariance } from '../../protocol/ldp/significance';
import { DEFAULT_K, publishable } from '../../protocol/ldp/threshold';
import { FEEDBACK_GROUP } from '../../protocol/metric-table';
import {
  addEstimates,
  combineKrr,
  countKrrReports,
  countKrrReportsByDay,
  type KrrQuery,
  sumKrr,
  sumSketches,
  tallySketchWindow,
} from '../aggregates';
import { ITEM_POPULARITY_METRIC } from '../routes';
import type { Store } from '../store';
import { type DriftView, driftView } from './drift-data';
import { type ExperimentView, experimentViews } from './experiment-data';
import { type FeedbackGroupData, feedbackGroupData } from './feedback-data';
import type { ModelLabels } from './labels';
import { inPeriods } from './periods';
import { activeShares } from './ratios';
import type { Share, TimeTable } from './shares';

export type { DriftView } from './drift-data';
export type { ExperimentView, VariantView } from './experiment-data';
export type { FeedbackGroupData } from './feedback-data';
export type { LabelledShare, Series, Share, TimeTable, WindowShares } from './shares';

/** One published item of the top-items chart, in devices. */
export interface TopItem {
  readonly id: string;
  readonly title: string;
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}

/** Everything one dashboard page shows. */
export interface DashboardData extends FeedbackGroupData {
  readonly site: string | null;
  readonly model: string;
  readonly k: number;
  readonly from: string;
  readonly to: string;
  readonly segments: TimeTable;
  readonly intents: TimeTable;
  readonly topItems: { readonly total: number; readonly items: readonly TopItem[] };
  readonly experiments: readonly ExperimentView[];
  /** The visitors of the last two weeks against the model's training and calibration shares. */
  readonly drift: DriftView;
  /** Reports of the window made against other model versions: counted, not shown. */
  readonly otherModelReports: number;
}

/** How many of the best published items the dashboard lists. */
export const TOP_ITEMS = 10;

const share = (cell: { estimate: number; lower: number; upper: number }, total: number): Share => ({
  estimate: cell.estimate / total,
  lower: Math.max(0, cell.lower / total),
  upper: Math.min(1, cell.upper / total),
});

/**
 * Shares of every category per day, each day thresholded on its own.
 */
async function sharesOverTime(
  store: Store,
  query: KrrQuery,
  labels: readonly string[],
  k: number,
): Promise<TimeTable> {
  if (labels.length < 2) return { days: [], totals: [], series: [] };
  const periods = (await countKrrReportsByDay(store, { ...query, domain: labels.length })).map(
    ({ day, groups }) => ({ day, ...combineKrr(groups, k) }),
  );
  const series = labels.map((label, v) => ({
    label,
    points: periods.map((d) => {
      const cell = d.cells.find((c) => c.index === v);
      return cell ? share(cell, d.total) : null;
    }),
  }));
  return { days: periods.map((d) => d.day), totals: periods.map((d) => d.total), series };
}

/**
 * Shares of the `labels` categories per week among the reports that are not the last, "none" cell
 * (the domain is labels + 1), each week thresholded on its own (see ./ratios.ts).
 */
async function activeSharesByWeek(
  store: Store,
  query: KrrQuery,
  labels: readonly string[],
  k: number,
): Promise<TimeTable> {
  if (labels.length < 2) return { days: [], totals: [], series: [] };
  const daily = await countKrrReportsByDay(store, { ...query, domain: labels.length + 1 });
  const periods = inPeriods(daily, query.to ?? '').map(({ day, groups }) => {
    const d = debiasWithCovariance(groups);
    return { day, total: d.total, shares: activeShares(d, labels.length, k) };
  });
  const series = labels.map((label, v) => ({
    label,
    points: periods.map((p) => p.shares[v] ?? null),
  }));
  return { days: periods.map((p) => p.day), totals: periods.map((p) => p.total), series };
}

/** The most popular published items over the window, from the sketch and the k-RR reports together. */
async function topItems(store: Store, query: KrrQuery, labels: ModelLabels, k: number, now: Date) {
  const ids = labels.itemIds;
  if (ids.length < 2) return { total: 0, items: [] };
  const scope = { ...query, metric: ITEM_POPULARITY_METRIC, model: labels.version };
  const krr = sumKrr(await countKrrReports(store, { ...scope, domain: ids.length }));
  const cms = sumSketches(await tallySketchWindow(store, scope, now), ids);
  const { total, cells } = addEstimates(krr, cms);
  const items = publishable(cells, total, k)
    .sort((a, b) => b.estimate - a.estimate || a.index - b.index)
    .slice(0, TOP_ITEMS)
    .map((c) => {
      const id = ids[c.index] ?? '';
      return { id, title: labels.titles.get(id) ?? id, estimate: c.estimate, lower: c.lower, upper: c.upper };
    });
  return { total, items };
}

/** Reports in scope made against any other model version than the served one. */
async function otherModelReports(store: Store, query: KrrQuery, version: string): Promise<number> {
  if (query.sites?.length === 0) return 0;
  let n = 0;
  for (const table of ['reports', 'sketch_reports'] as const) {
    let q = store.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('model', '<>', version)
      // Experiments and the feedback group index no model: every version's reports are shown.
      .where('metric', 'not in', ['experiment_exposure', 'experiment_conversion', ...FEEDBACK_GROUP]);
    if (query.sites) q = q.where('site', 'in', [...query.sites]);
    if (query.from !== undefined) q = q.where('day', '>=', query.from);
    if (query.to !== undefined) q = q.where('day', '<=', query.to);
    n += Number((await q.executeTakeFirst())?.n ?? 0);
  }
  return n;
}

/** What to assemble: a site (or every site) and an inclusive day window. */
export interface DashboardScope {
  readonly site: string | null;
  readonly sites: readonly string[];
  readonly from: string;
  readonly to: string;
  readonly k?: number;
  /** The clock's time, which decides the days that are closed (see sketch-rollups). Default now. */
  readonly now?: Date;
}

/** Assembles one dashboard page's data. */
export async function dashboardData(
  store: Store,
  labels: ModelLabels,
  scope: DashboardScope,
): Promise<DashboardData> {
  const k = scope.k ?? DEFAULT_K;
  const base = {
    model: labels.version,
    sites: [...scope.sites],
    from: scope.from,
    to: scope.to,
  };
  const q = (metric: string): KrrQuery => ({ ...base, metric, domain: 0 });
  return {
    site: scope.site,
    model: labels.version,
    k,
    from: scope.from,
    to: scope.to,
    segments: await sharesOverTime(store, q('segment_share'), labels.segments, k),
    intents: await activeSharesByWeek(store, q('intent_count'), labels.intents, k),
    ...(await feedbackGroupData(store, { sites: base.sites, from: base.from, to: base.to }, k)),
    topItems: await topItems(store, q(ITEM_POPULARITY_METRIC), labels, k, scope.now ?? new Date()),
    experiments: await experimentViews(store, scope.sites, { from: scope.from, to: scope.to }, k),
    drift: await driftView(store, labels, { sites: scope.sites, to: scope.to, k }),
    otherModelReports: await otherModelReports(store, q(''), labels.version),
  };
}
