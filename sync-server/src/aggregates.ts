/**
 * SQL aggregation of stored k-RR reports into debiased, k-thresholded cells. The database only counts
 * (one grouped query, no rows leave it); the LDP module does all the statistics, so the estimator has
 * one implementation shared with its own tests.
 */
import { DEFAULT_CONFIDENCE, normalInterval, zForConfidence } from '../protocol/ldp/interval';
import { krrEstimateWithInterval } from '../protocol/ldp/krr-interval';
import { DEFAULT_K, type PublishedCell, publishable } from '../protocol/ldp/threshold';
import type { Store } from './store';

/** Which reports to count. */
export interface KrrQuery {
  readonly metric: string;
  /** Model version the reports were made against; indices only mean something within one version. */
  readonly model: string;
  /** Category count the reports must declare; reports made against another domain are ignored. */
  readonly domain: number;
  /** Restrict to these sites; undefined means every site. An empty list matches nothing. */
  readonly sites?: readonly string[];
}

/** Reported-value counts for one metric, one per epsilon the devices used. */
export interface KrrCounts {
  readonly epsilon: number;
  /** `counts[v]` is how many reports carried value v. */
  readonly counts: number[];
  readonly total: number;
}

/** Counts reports per (epsilon, value) in one grouped query. */
export async function countKrrReports(store: Store, query: KrrQuery): Promise<KrrCounts[]> {
  if (query.sites && query.sites.length === 0) return [];
  let q = store.db
    .selectFrom('reports')
    .select(['epsilon', 'value'])
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('metric', '=', query.metric)
    .where('model', '=', query.model)
    .where('encoding', '=', 'krr')
    .where('domain', '=', query.domain);
  if (query.sites) q = q.where('site', 'in', [...query.sites]);
  const rows = await q.groupBy(['epsilon', 'value']).execute();

  const byEpsilon = new Map<number, number[]>();
  for (const row of rows) {
    // Ingest validates value < domain; a row that breaks it (a hand-edited database) is not counted.
    if (row.value < 0 || row.value >= query.domain) continue;
    const epsilon = Number(row.epsilon);
    let counts = byEpsilon.get(epsilon);
    if (!counts) {
      counts = new Array<number>(query.domain).fill(0);
      byEpsilon.set(epsilon, counts);
    }
    // PostgreSQL returns count(*) as a bigint string.
    counts[row.value] = Number(row.n);
  }
  return [...byEpsilon.entries()]
    .sort(([a], [b]) => a - b)
    .map(([epsilon, counts]) => ({ epsilon, counts, total: counts.reduce((a, b) => a + b, 0) }));
}

/** A metric's published cells and how many reports they rest on. */
export interface KrrAggregate {
  readonly total: number;
  readonly cells: PublishedCell[];
}

/**
 * Debiases each epsilon group on its own (the estimator's probabilities depend on epsilon), adds the
 * unbiased counts and their variances (the groups are independent devices), then applies the
 * k-threshold to the sum. Devices that changed epsilon between versions thus still count once each.
 */
export function combineKrr(groups: readonly KrrCounts[], k: number = DEFAULT_K): KrrAggregate {
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
  const cells = estimate.map((e, v) => normalInterval(e, variance[v] ?? 0, z));
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
