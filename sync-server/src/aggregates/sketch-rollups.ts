/**
 * Count-mean-sketch tallies over a day window, from daily roll-ups where a day is closed. Tallies are
 * integer counts, so a day's tally never changes once the day can receive no more reports, and tallies
 * add exactly: a closed day is tallied from its rows once, stored in `sketch_tallies`, and read back
 * from there ever after; only the open days are tallied from raw rows on each request.
 *
 * The server files a report under the UTC day it arrived, so a day is closed once it is over; a margin
 * of ten minutes past midnight covers requests still in flight (or in a group commit) at midnight. Instances racing to roll up
 * the same day compute the same counts, and the primary key keeps the first.
 */
import { type CmsTally, cmsMerge, cmsTotal, createCmsTally } from '../../protocol/ldp/cms-estimate';
import type { SketchTalliesTable, Store } from '../store';
import { type SketchQuery, tallySketches } from './sketch-aggregates';

/** How long after midnight (UTC) the previous day still counts as open. */
export const CLOSE_MARGIN_MS = 10 * 60_000;

/** The first day that may still receive reports at `now`: days before it are rolled up. */
export function firstOpenDay(now: Date): string {
  return new Date(now.getTime() - CLOSE_MARGIN_MS).toISOString().slice(0, 10);
}

function toBytes(counts: Float64Array): Uint8Array {
  const u32 = Uint32Array.from(counts);
  return new Uint8Array(u32.buffer, u32.byteOffset, u32.byteLength);
}

function fromBytes(bytes: Uint8Array, length: number): Float64Array {
  // Copied into an aligned buffer: a driver's Buffer may start at any offset of a shared pool.
  const aligned = new Uint8Array(length * 4);
  aligned.set(bytes.subarray(0, length * 4));
  return Float64Array.from(new Uint32Array(aligned.buffer));
}

function fromRow(row: SketchTalliesTable): CmsTally | undefined {
  const { hashes, buckets } = row;
  if (row.row_reports.byteLength !== hashes * 4 || row.ones.byteLength !== hashes * buckets * 4) return;
  const tally = createCmsTally({ hashes, buckets, epsilon: Number(row.epsilon) });
  tally.rowReports.set(fromBytes(row.row_reports, hashes));
  tally.ones.set(fromBytes(row.ones, hashes * buckets));
  return tally;
}

/** Adds the tallies into the map of tallies keyed by shape and epsilon. */
function merge(into: Map<string, CmsTally>, tallies: readonly CmsTally[]): void {
  for (const t of tallies) {
    const key = `${t.params.hashes}:${t.params.buckets}:${t.params.epsilon}`;
    const have = into.get(key);
    into.set(key, have ? cmsMerge(have, t) : t);
  }
}

/** (site, day) pairs in the query's closed days that have reports but no roll-up yet. */
async function missingDays(store: Store, query: SketchQuery, open: string) {
  let q = store.db
    .selectFrom('sketch_reports as r')
    .select(['r.site', 'r.day'])
    .distinct()
    .where('r.metric', '=', query.metric)
    .where('r.model', '=', query.model)
    .where('r.day', '<', open)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('sketch_tallies as t')
            .select('t.site')
            .whereRef('t.site', '=', 'r.site')
            .whereRef('t.day', '=', 'r.day')
            .whereRef('t.model', '=', 'r.model')
            .whereRef('t.metric', '=', 'r.metric'),
        ),
      ),
    );
  if (query.sites) q = q.where('r.site', 'in', [...query.sites]);
  if (query.from !== undefined) q = q.where('r.day', '>=', query.from);
  if (query.to !== undefined) q = q.where('r.day', '<=', query.to);
  return q.execute();
}

/** Rolls up one closed (site, day) and stores its tallies; returns them. */
async function rollUp(store: Store, query: SketchQuery, site: string, day: string): Promise<CmsTally[]> {
  const tallies = await tallySketches(store, { ...query, sites: [site], from: day, to: day });
  // One transaction: a day is rolled up whole or not at all, since a stored tally marks it done.
  await store.db.transaction().execute(async (trx) => {
    for (const t of tallies) {
      await trx
        .insertInto('sketch_tallies')
        .values({
          site,
          day,
          model: query.model,
          metric: query.metric,
          hashes: t.params.hashes,
          buckets: t.params.buckets,
          epsilon: t.params.epsilon,
          reports: cmsTotal(t),
          row_reports: toBytes(t.rowReports),
          ones: toBytes(t.ones),
        })
        .onConflict((oc) =>
          oc.columns(['site', 'day', 'model', 'metric', 'hashes', 'buckets', 'epsilon']).doNothing(),
        )
        .execute();
    }
  });
  return tallies;
}

/**
 * Tallies the sketch reports the query selects, one tally per shape and epsilon, as of `now`:
 * stored roll-ups for closed days (rolling up any day that has none yet), raw rows for open days.
 */
export async function tallySketchWindow(store: Store, query: SketchQuery, now: Date): Promise<CmsTally[]> {
  if (query.sites && query.sites.length === 0) return [];
  const open = firstOpenDay(now);
  const out = new Map<string, CmsTally>();
  const missing = await missingDays(store, query, open);

  let stored = store.db
    .selectFrom('sketch_tallies')
    .selectAll()
    .where('metric', '=', query.metric)
    .where('model', '=', query.model)
    .where('day', '<', open);
  if (query.sites) stored = stored.where('site', 'in', [...query.sites]);
  if (query.from !== undefined) stored = stored.where('day', '>=', query.from);
  if (query.to !== undefined) stored = stored.where('day', '<=', query.to);
  // Read before rolling up, so a day rolled up now is counted once (from its fresh tallies below).
  const rolled = new Set(missing.map((m) => `${m.site}|${m.day}`));
  for (const row of await stored.execute()) {
    if (rolled.has(`${row.site}|${row.day}`)) continue;
    const tally = fromRow(row);
    // A damaged roll-up is left out rather than taking the page down.
    if (tally) merge(out, [tally]);
  }
  for (const { site, day } of missing) merge(out, await rollUp(store, query, site, day));

  const from = query.from !== undefined && query.from > open ? query.from : open;
  if (query.to === undefined || query.to >= from) merge(out, await tallySketches(store, { ...query, from }));
  return [...out.values()];
}
