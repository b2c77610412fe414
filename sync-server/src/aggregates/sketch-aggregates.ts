/**
 * Count-mean-sketch aggregation: `sketch_reports` rows are tallied into one {@link CmsTally} per sketch
 * shape and epsilon (only reports of one shape can share a tally), each tally is debiased per catalog
 * item, and the per-tally estimates are summed like independent k-RR epsilon groups. Rows are read in
 * id-ordered pages so memory stays bounded however many reports a window holds.
 */

import { cmsBitsFromHex } from '../../protocol/ldp/cms';
import {
  type CmsTally,
  cmsAdd,
  cmsEstimateAround,
  cmsTotal,
  createCmsTally,
} from '../../protocol/ldp/cms-estimate';
import {
  type CellEstimate,
  DEFAULT_CONFIDENCE,
  normalInterval,
  zForConfidence,
} from '../../protocol/ldp/interval';
import { NO_ITEM } from '../../protocol/metrics';
import type { Store } from '../store';

/** Which sketch reports to tally. */
export interface SketchQuery {
  readonly metric: string;
  /** Model version the reports were made against (the catalog the item ids belong to). */
  readonly model: string;
  /** Restrict to these sites; undefined means every site. An empty list matches nothing. */
  readonly sites?: readonly string[];
  /** Inclusive day range (YYYY-MM-DD); either end may be open. */
  readonly from?: string;
  readonly to?: string;
}

/** Rows fetched per page. */
const PAGE = 2000;

/** Tallies every matching sketch report, one tally per (hashes, buckets, epsilon). */
export async function tallySketches(store: Store, query: SketchQuery): Promise<CmsTally[]> {
  if (query.sites && query.sites.length === 0) return [];
  const tallies = new Map<string, CmsTally>();
  let after = 0;
  for (;;) {
    let q = store.db
      .selectFrom('sketch_reports')
      .select(['id', 'hashes', 'buckets', 'row_index', 'bits', 'epsilon'])
      .where('metric', '=', query.metric)
      .where('model', '=', query.model)
      .where('id', '>', after);
    if (query.sites) q = q.where('site', 'in', [...query.sites]);
    if (query.from !== undefined) q = q.where('day', '>=', query.from);
    if (query.to !== undefined) q = q.where('day', '<=', query.to);
    const rows = await q.orderBy('id').limit(PAGE).execute();
    for (const row of rows) {
      const params = { hashes: row.hashes, buckets: row.buckets, epsilon: Number(row.epsilon) };
      const key = `${params.hashes}:${params.buckets}:${params.epsilon}`;
      let tally = tallies.get(key);
      if (!tally) {
        tally = createCmsTally(params);
        tallies.set(key, tally);
      }
      // Ingest validated shape and hex; a row that no longer parses (a hand-edited database) is skipped.
      try {
        cmsAdd(tally, { row: row.row_index, bits: cmsBitsFromHex(row.bits, row.buckets) });
      } catch {
        // skipped on purpose, see above
      }
    }
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) break;
    after = Number(last.id);
  }
  return [...tallies.values()];
}

/** Unthresholded per-item estimates summed over tallies, in `items` order. */
export interface SketchEstimates {
  readonly total: number;
  readonly cells: CellEstimate[];
}

/**
 * Debiases every tally over the catalog `items` and sums estimates and variances. Days without a view
 * are reported as {@link NO_ITEM}; they count in `total` (every active device reports once a day) and
 * their collisions with catalog items are corrected (see `cmsEstimateAround`).
 */
export function sumSketches(
  tallies: readonly CmsTally[],
  items: readonly string[],
  confidence = DEFAULT_CONFIDENCE,
): SketchEstimates {
  const estimate = new Array<number>(items.length).fill(0);
  const variance = new Array<number>(items.length).fill(0);
  let total = 0;
  for (const tally of tallies) {
    const n = cmsTotal(tally);
    if (n === 0) continue;
    total += n;
    for (const [i, cell] of cmsEstimateAround(tally, items, NO_ITEM, confidence).entries()) {
      estimate[i] = (estimate[i] ?? 0) + cell.estimate;
      variance[i] = (variance[i] ?? 0) + cell.variance;
    }
  }
  const z = zForConfidence(confidence);
  return { total, cells: estimate.map((e, i) => normalInterval(e, variance[i] ?? 0, z)) };
}

/**
 * Adds two unthresholded estimates of the same cells made from disjoint reports (e.g. the k-RR and the
 * sketch path of `item_popularity`): unbiased counts and variances add, and so do the totals.
 */
export function addEstimates(
  a: { readonly total: number; readonly cells: readonly CellEstimate[] },
  b: { readonly total: number; readonly cells: readonly CellEstimate[] },
  confidence = DEFAULT_CONFIDENCE,
): SketchEstimates {
  if (a.total === 0) return { total: b.total, cells: [...b.cells] };
  if (b.total === 0) return { total: a.total, cells: [...a.cells] };
  const z = zForConfidence(confidence);
  const cells = a.cells.map((x, i) => {
    const y = b.cells[i];
    return normalInterval(x.estimate + (y?.estimate ?? 0), x.variance + (y?.variance ?? 0), z);
  });
  return { total: a.total + b.total, cells };
}
