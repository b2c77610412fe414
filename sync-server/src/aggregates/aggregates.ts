/**
 * SQL aggregation of stored k-RR reports into debiased, k-thresholded cells. The database only counts
 * (one grouped query, no rows leave it); the LDP module does all the statistics, so the estimator has
 * one implementation shared with its own tests.
 */
import {
  type CellEstimate,
  DEFAULT_CONFIDENCE,
  normalInterval,
  zForConfidence,
} from '../../protocol/ldp/interval';
import { krrEstimateWithInterval } from '../../protocol/ldp/krr-interval';
import { DEFAULT_K, type PublishedCell, publishable } from '../../protocol/ldp/threshold';
import type { Store } from '../store';

/** Which reports to count. */
export interface KrrQuery {
  readonly metric: string;
  /**
   * Model version the reports were made against; indices only mean something within one version.
   * Undefined counts every version: only for metrics whose values index something else (experiment
   * variants index the site's experiment spec).
   */
  readonly model?: string;
  /** Category count the reports must declare; reports made against another domain are ignored. */
  readonly domain: number;
  /** Restrict to these sites; undefined means every site. An empty list matches nothing. */
  readonly sites?: readonly string[];
  /** Restrict to one experiment's reports (the `experiment` column). */
  readonly experiment?: string;
  /** Restrict to days in [from, to] (YYYY-MM-DD, inclusive); either end may be open. */
  readonly from?: string;
  readonly to?: string;
}

/** Reported-value counts for one metric, one per epsilon the devices used. */
export interface KrrCounts {
  readonly epsilon: number;
  /** `counts[v]` is how many reports carried value v. */
  readonly counts: number[];
  readonly total: number;
}

type CountRow = { day: string; epsilon: number | string; value: number; n: number | string };

async function countRows(store: Store, query: KrrQuery, byDay: boolean): Promise<CountRow[]> {
  if (query.sites && query.sites.length === 0) return [];
  let q = store.db
    .selectFrom('reports')
    .select(['epsilon', 'value'])
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('metric', '=', query.metric)
    .where('encoding', '=', 'krr')
    .where('domain', '=', query.domain);
  if (query.model !== undefined) q = q.where('model', '=', query.model);
  if (query.sites) q = q.where('site', 'in', [...query.sites]);
  if (query.experiment !== undefined) q = q.where('experiment', '=', query.experiment);
  if (query.from !== undefined) q = q.where('day', '>=', query.from);
  if (query.to !== undefined) q = q.where('day', '<=', query.to);
  if (!byDay) {
    const rows = await q.groupBy(['epsilon', 'value']).execute();
    return rows.map((r) => ({ ...r, day: '' }));
  }
  return q.select('day').groupBy(['day', 'epsilon', 'value']).execute();
}

/** Folds (epsilon, value, n) rows into per-epsilon count vectors, sorted by epsilon. */
function foldCounts(rows: readonly CountRow[], domain: number): KrrCounts[] {
  const byEpsilon = new Map<number, number[]>();
  for (const row of rows) {
    // Ingest validates value < domain; a row that breaks it (a hand-edited database) is not counted.
    if (row.value < 0 || row.value >= domain) continue;
    const epsilon = Number(row.epsilon);
    let counts = byEpsilon.get(epsilon);
    if (!counts) {
      counts = new Array<number>(domain).fill(0);
      byEpsilon.set(epsilon, counts);
    }
    // PostgreSQL returns count(*) as a bigint string.
    counts[row.value] = Number(row.n);
  }
  return [...byEpsilon.entries()]
    .sort(([a], [b]) => a - b)
    .map(([epsilon, counts]) => ({ epsilon, counts, total: counts.reduce((a, b) => a + b, 0) }));
}

/** Counts reports per (epsilon, value) in one grouped query. */
export async function countKrrReports(store: Store, query: KrrQuery): Promise<KrrCounts[]> {
  return foldCounts(await countRows(store, query, false), query.domain);
}

/** Counts reports per (day, epsilon, value) in one grouped query; days ascending. */
export async function countKrrReportsByDay(
  store: Store,
  query: KrrQuery,
): Promise<{ day: string; groups: KrrCounts[] }[]> {
  const byDay = new Map<string, CountRow[]>();
  for (const row of await countRows(store, query, true)) {
    const list = byDay.get(row.day) ?? [];
    list.push(row);
    byDay.set(row.day, list);
  }
  return [...byDay.keys()]
    .sort()
    .map((day) => ({ day, groups: foldCounts(byDay.get(day) ?? [], query.domain) }));
}

/** A metric's published cells and how many reports they rest on. */
export interface KrrAggregate {
  readonly total: number;
  readonly cells: PublishedCell[];
}

/** Unthresholded debiased counts of one metric, summed over epsilon groups. */
export interface KrrEstimates {
  readonly total: number;
  readonly cells: CellEstimate[];
}

/**
 * Debiases each epsilon group on its own (the estimator's probabilities depend on epsilon) and adds
 * the unbiased counts and their variances (the groups are independent devices). Devices that changed
 * epsilon between versions thus still count once each.
 */
export function sumKrr(groups: readonly KrrCounts[]): KrrEstimates {
  const first = groups[0];
  if (!first) return { total: 0, cells: [] };
  const z = zForConfidence(DEFAULT_CONFIDENCE);
  const estimate = new Array<number>(first.counts.length).fill(0);
  const variance = new Array<number>(first.counts.length).fill(0);
  let total = 0;
  for (const group of groups) {
    total += group.total;
    if (group.total === 0) continue;
    for (const [v, cell] of krrEstimateWithInterval(group.counts, group.epsilon).entries()) {
      estimate[v] = (estimate[v] ?? 0) + cell.estimate;
      variance[v] = (variance[v] ?? 0) + cell.variance;
    }
  }
  return { total, cells: estimate.map((e, v) => normalInterval(e, variance[v] ?? 0, z)) };
}

/** {@link sumKrr}, then the k-threshold applied to the sum. */
export function combineKrr(groups: readonly KrrCounts[], k: number = DEFAULT_K): KrrAggregate {
  const { total, cells } = sumKrr(groups);
  return { total, cells: publishable(cells, total, k) };
}

/** Counts, debiases and thresholds one k-RR metric. */
export async function aggregateKrr(
  store: Store,
  query: KrrQuery,
  k: number = DEFAULT_K,
): Promise<KrrAggregate> {
  return combineKrr(await countKrrReports(store, query), k);
}

/** One day's published cells. */
export interface DailyAggregate extends KrrAggregate {
  readonly day: string;
}

/** Counts, debiases and thresholds one k-RR metric per UTC day (each day thresholded on its own). */
export async function aggregateKrrByDay(
  store: Store,
  query: KrrQuery,
  k: number = DEFAULT_K,
): Promise<DailyAggregate[]> {
  return (await countKrrReportsByDay(store, query)).map(({ day, groups }) => ({
    day,
    ...combineKrr(groups, k),
  }));
}
