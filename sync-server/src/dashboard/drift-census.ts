/**
 * How many sites drift, for `/metrics` (../http/metrics.ts): each registered site's drift verdicts
 * over the window ending today, counted per test, never named. Two grouped queries per site, so the
 * count is computed on a scrape and kept for {@link DRIFT_CENSUS_TTL_MS}: a verdict over
 * {@link DRIFT_WINDOW_DAYS} days moves slowly, and Prometheus scrapes every few seconds to a minute.
 * Concurrent scrapes (and the two gauges of one scrape) share one computation.
 */
import { DEFAULT_K } from '../../protocol/ldp/threshold';
import type { Store } from '../store';
import { driftView } from './drift-data';
import { DRIFT_METRICS, type DriftMetric, type DriftVerdict } from './drift-types';
import { loadModelLabels } from './labels';

/** How long one census is reused, ms. */
export const DRIFT_CENSUS_TTL_MS = 5 * 60_000;

/** Per test: sites whose verdict is "drifting", and sites with any verdict (drifting or stable). */
export type DriftCensus = {
  readonly [M in DriftMetric]: { readonly flagged: number; readonly checked: number };
};

/** What the census reads. */
export interface DriftCensusDeps {
  readonly store: Store;
  /** The model artifacts folder: the served manifest names the references and the version. */
  readonly modelsDir: string;
  /** The k threshold. Default 20. */
  readonly k?: number;
  /** Clock for the window's last day (the cache ages on the process's monotonic clock). */
  readonly now?: () => Date;
  /** How long a census is reused, ms. Default {@link DRIFT_CENSUS_TTL_MS}. */
  readonly ttlMs?: number;
}

/** Counts, over every registered site, the verdicts of each drift test. */
export async function driftCensus(deps: DriftCensusDeps): Promise<DriftCensus> {
  const census = Object.fromEntries(DRIFT_METRICS.map((m) => [m, { flagged: 0, checked: 0 }])) as {
    [M in DriftMetric]: { flagged: number; checked: number };
  };
  const labels = await loadModelLabels(deps.modelsDir);
  if (!labels) return census;
  const to = (deps.now?.() ?? new Date()).toISOString().slice(0, 10);
  const count = (v: DriftVerdict) => {
    const entry = census[v.metric];
    if (v.state === 'drifting') entry.flagged += 1;
    if (v.state === 'drifting' || v.state === 'stable') entry.checked += 1;
  };
  // One site at a time: a scrape must not take the database from the reports route.
  for (const site of await deps.store.listSites()) {
    const view = await driftView(deps.store, labels, { sites: [site.key], to, k: deps.k ?? DEFAULT_K });
    count(view.segments);
    count(view.outOfScope);
  }
  return census;
}

/** {@link driftCensus} behind a cache of {@link DriftCensusDeps.ttlMs}; a failed census is not kept. */
export function driftCensusSource(deps: DriftCensusDeps): () => Promise<DriftCensus> {
  const ttl = deps.ttlMs ?? DRIFT_CENSUS_TTL_MS;
  const clock = () => performance.now();
  let cached: { at: number; census: Promise<DriftCensus> } | undefined;
  return () => {
    if (cached && clock() - cached.at < ttl) return cached.census;
    const entry = { at: clock(), census: driftCensus(deps) };
    cached = entry;
    entry.census.catch(() => {
      if (cached === entry) cached = undefined;
    });
    return entry.census;
  };
}
