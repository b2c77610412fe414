/**
 * The dashboard's numbers, assembled only from debiased, k-thresholded aggregates: a cell that does not
 * pass the threshold is `null` here, so the renderer cannot show it as a number even by mistake.
 * Shares are estimates over the day's reports; every published value carries its 95 % interval.
 * Every active device reports every metric, so intent and vote shares are taken among the reports that
 * are not "none" (a ratio of debiased sums, its variance by the delta method), and an experiment is
 * analysed on a single day (see {@link ExperimentView}).
 */

import { debiasWithCovariance, ratioEstimate, sumCells } from '../../protocol/ldp/significance';
import { DEFAULT_K, isPublishable, publishable, thresholdZ } from '../../protocol/ldp/threshold';
import { FEEDBACK_DOMAIN, TEMPLATE_KINDS } from '../../protocol/metrics';
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
import { type ExperimentView, experimentViews } from './experiment-data';
import type { ModelLabels } from './labels';
import { inPeriods } from './periods';
import { clip01, type Share } from './shares';

export type { ExperimentView, VariantView } from './experiment-data';
export type { Share } from './shares';

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

/** One published item of the top-items chart, in devices. */
export interface TopItem {
  readonly id: string;
  readonly title: string;
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}

/** Everything one dashboard page shows. */
export interface DashboardData {
  readonly site: string | null;
  readonly model: string;
  readonly k: number;
  readonly from: string;
  readonly to: string;
  readonly segments: TimeTable;
  readonly intents: TimeTable;
  readonly feedbackDaily: TimeTable;
  readonly feedbackByKind: readonly { readonly label: string; readonly rate: Share | null }[];
  readonly topItems: { readonly total: number; readonly items: readonly TopItem[] };
  readonly experiments: readonly ExperimentView[];
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
 * (the domain is labels + 1). A cell is shown when its own count passes the k-threshold over the
 * whole domain; its share is the ratio of debiased sums, with the delta-method interval.
 */
async function activeSharesByWeek(
  store: Store,
  query: KrrQuery,
  labels: readonly string[],
  k: number,
): Promise<TimeTable> {
  if (labels.length < 2) return { days: [], totals: [], series: [] };
  const daily = await countKrrReportsByDay(store, { ...query, domain: labels.length + 1 });
  const active = labels.map((_, v) => v);
  const z = thresholdZ(labels.length + 1);
  const periods = inPeriods(daily, query.to ?? '').map(({ day, groups }) => ({
    day,
    d: debiasWithCovariance(groups),
  }));
  const series = labels.map((label, v) => ({
    label,
    points: periods.map(({ d }) =>
      isPublishable(sumCells(d, [v]), d.total, z, k) ? clip01(ratioEstimate(d, [v], active)) : null,
    ),
  }));
  return { days: periods.map((p) => p.day), totals: periods.map((p) => p.d.total), series };
}

/**
 * Overall 👍 share per week (rests on all the week's votes) and per answer kind over the window. The
 * kinds are fixed by the protocol, not by the model, so votes from every model version count.
 */
async function feedback(store: Store, query: KrrQuery, k: number) {
  const { model: _model, ...scope } = { ...query, domain: FEEDBACK_DOMAIN };
  const kinds = TEMPLATE_KINDS.map((_, i) => i);
  const ups = kinds.map((i) => 2 * i + 1);
  const all = kinds.flatMap((i) => [2 * i, 2 * i + 1]);
  const daily = inPeriods(await countKrrReportsByDay(store, scope), query.to ?? '');
  const points = daily.map(({ groups }) => {
    const d = debiasWithCovariance(groups);
    const r = ratioEstimate(d, ups, all);
    // The 👍 share rests on the votes (not on the "no vote" reports), so that is what must reach k.
    return isPublishable(r.denominator, d.total, thresholdZ(1), k) ? clip01(r) : null;
  });
  const feedbackDaily: TimeTable = {
    days: daily.map((d) => d.day),
    totals: daily.map((d) => d.groups.reduce((sum, g) => sum + g.total, 0)),
    series: daily.length > 0 ? [{ label: '👍 share of all votes', points }] : [],
  };
  const d = debiasWithCovariance(await countKrrReports(store, scope));
  const z = thresholdZ(TEMPLATE_KINDS.length);
  // A kind's rate rests on the votes about it, so that denominator is what must reach k.
  const feedbackByKind = TEMPLATE_KINDS.map((label, i) => {
    const r = ratioEstimate(d, [2 * i + 1], [2 * i, 2 * i + 1]);
    return { label, rate: isPublishable(r.denominator, d.total, z, k) ? clip01(r) : null };
  });
  return { feedbackDaily, feedbackByKind };
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
      .where('metric', 'not in', ['experiment_exposure', 'experiment_conversion', 'template_feedback']);
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
    ...(await feedback(store, q('template_feedback'), k)),
    topItems: await topItems(store, q(ITEM_POPULARITY_METRIC), labels, k, scope.now ?? new Date()),
    experiments: await experimentViews(store, scope.sites, { from: scope.from, to: scope.to }, k),
    otherModelReports: await otherModelReports(store, q(''), labels.version),
  };
}
