/**
 * The visitor's segment from the incremental profile. A visitor without purchases gets the manifest's
 * rule segment (the model was trained on buyers only); anyone else goes through the segment graph,
 * with the feature vector built under the trainer's definitions (models/features/segment-features)
 * from the profile's purchase summary instead of the raw history.
 */
import {
  clusterOfTitle,
  itemClusterMap,
  NO_PURCHASE_SEGMENT,
  orderTimeFlags,
  SEGMENT_BASE_FEATURES,
  type SegmentEntry,
  type SegmentFeatureSpec,
  type SegmentItemsFile,
  segmentVector,
} from '../../models/features';
import { float32Tensor, type LoadedModel, sessionFor } from '../models';
import type { Affinity, Segment } from '../protocol';
import { ModelError, ValidationError } from '../protocol';
import { type ClusterOf, interestOf, type ProfileState, purchaseLineCluster } from './profile';
import { DAY_MS } from './profile-windows';

/** A ready segmenter bound to one verified model and its items file. */
export interface Segmenter {
  /**
   * The visitor's segment as of `nowMs`. `utcOffsetMinutes` (default: this runtime's) places orders
   * on the local clock for the weekend / morning / evening shares.
   */
  segment(state: ProfileState, nowMs: number, utcOffsetMinutes?: number): Promise<Segment>;
  /** The raw model input for a profile, or null without purchases (the rule applies then). */
  features(state: ProfileState, nowMs: number, utcOffsetMinutes?: number): Float32Array | null;
  /** The visitor's strongest clusters by weighted views, carts and purchases, for `profileView`. */
  affinities(state: ProfileState, max?: number): Affinity[];
  /** Text cluster of an item: the items file first, then its title's keywords; undefined when unknown. */
  clusterOf(itemId: string, title?: string): number | undefined;
  /** Label per cluster, e.g. "candle · light · metal". */
  readonly clusterLabels: readonly string[];
  /** The order gap the profile must be built with (`emptyProfileState` / `rebuildProfile`). */
  readonly orderGapMinutes: number;
  /** The model file that runs (the int8 variant when the manifest has one). */
  readonly file: string;
}

/**
 * Creates the session (once per hash) and checks that the entry, the graph and the items file agree.
 * Item ids in the items file that are not strings, or in a group beyond the spec's clusters, are
 * ignored; an item the file does not list falls back to its title, then to "unknown".
 */
export async function createSegmenter(
  loaded: LoadedModel<SegmentEntry>,
  items: SegmentItemsFile,
): Promise<Segmenter> {
  const entry = loaded.entry;
  const spec = entry.features;
  const labels = spec.clusters.labels;
  const width = entry.inputs[0]?.shape.at(-1);
  if (spec.names.length !== SEGMENT_BASE_FEATURES.length + labels.length || width !== spec.names.length) {
    throw new ModelError(
      'model_unavailable',
      `the segment model takes ${width} features, its spec names ${spec.names.length} for ${labels.length} clusters`,
    );
  }
  if (!Array.isArray(items?.clusters)) {
    throw new ModelError('model_unavailable', 'the segment items file has no list of clusters');
  }
  const groups = items.clusters.slice(0, labels.length).map((g) => (typeof g === 'string' ? g : ''));
  const map = itemClusterMap(groups);
  const session = await sessionFor(loaded.sha256, loaded.bytes);
  const input = entry.inputs[0]?.name ?? 'features';
  if (!session.inputNames.includes(input)) {
    throw new ModelError('model_unavailable', `the segment graph has no input "${input}"`);
  }
  const noPurchase = entry.noPurchase ?? { id: entry.k, ...NO_PURCHASE_SEGMENT };
  const rule = {
    id: noPurchase.id,
    key: noPurchase.key ?? NO_PURCHASE_SEGMENT.key,
    name: noPurchase.name,
    description: noPurchase.description,
  };

  const clusterOf: ClusterOf = (itemId, title) => {
    const known = map.get(itemId);
    if (known !== undefined) return known;
    const c = title ? clusterOfTitle(title, spec.clusters) : -1;
    return c >= 0 ? c : undefined;
  };
  const features = (state: ProfileState, nowMs: number, utcOffsetMinutes?: number) => {
    if (state.orderGapMinutes !== spec.orderGapMinutes) {
      throw new ValidationError(
        'invalid_argument',
        `the profile chains orders ${state.orderGapMinutes} minutes apart, the model ${spec.orderGapMinutes}: rebuild it`,
      );
    }
    const x = profileSegmentFeatures(state, nowMs, spec, clusterOf, utcOffsetMinutes ?? localOffset(nowMs));
    return x && Float32Array.from(x);
  };

  return {
    clusterOf,
    clusterLabels: labels,
    orderGapMinutes: spec.orderGapMinutes,
    file: loaded.file,
    features,
    affinities: (state, max = 3) => clusterAffinities(state, clusterOf, labels, max),
    async segment(state, nowMs, utcOffsetMinutes) {
      const x = features(state, nowMs, utcOffsetMinutes);
      if (!x) {
        const viewed = state.items.filter((i) => i.v > 0).length;
        const top = clusterAffinities(state, clusterOf, labels, 1)[0];
        const interest = top && top.share >= 0.5 ? `, mostly ${top.label}` : '';
        const reason = viewed > 0 ? `; ${plural(viewed, 'product')} viewed${interest}` : '';
        return { ...rule, confidence: 1, source: 'rule', reason: `No purchase on this device yet${reason}` };
      }
      let out: Awaited<ReturnType<typeof session.run>>;
      try {
        out = await session.run({ [input]: await float32Tensor(x, [1, x.length]) });
      } catch (e) {
        throw new ModelError('model_unavailable', `the segment model failed to run: ${(e as Error).message}`);
      }
      const ids = out.segment?.data as BigInt64Array | undefined;
      const conf = out.confidence?.data as Float32Array | undefined;
      const id = ids ? Number(ids[0]) : -1;
      if (!conf || !Number.isInteger(id) || id < 0 || id >= entry.k) {
        throw new ModelError('model_unavailable', `the segment model returned no valid segment (${id})`);
      }
      const meta = entry.segments.find((s) => s.id === id);
      return {
        id,
        // A manifest from before keys: the name stands in, so old variants keyed by name still match.
        key: meta?.key ?? meta?.name ?? `segment ${id}`,
        name: meta?.name ?? `segment ${id}`,
        description: meta?.description ?? '',
        confidence: conf[id] ?? 0,
        source: 'model',
        reason: buyerReason(state, nowMs, clusterOf, labels),
      };
    },
  };
}

/** This runtime's UTC offset at an instant, in minutes east of UTC. */
function localOffset(ms: number): number {
  return -new Date(ms).getTimezoneOffset();
}

/**
 * Purchase lines per cluster under the trainer's rule, from the items kept one by one plus those
 * already reduced to cluster counts. `known` counts the lines with a cluster below `clusters`.
 */
export function purchaseClusterCounts(
  state: ProfileState,
  clusterOf: ClusterOf,
  clusters: number,
): { counts: number[]; known: number } {
  const counts = Array.from({ length: clusters }, (_, c) => state.evicted.lines[c] ?? 0);
  for (const tally of state.items) {
    const lines = purchaseLineCluster(tally, clusterOf);
    if (lines && lines.cluster < clusters) counts[lines.cluster] = (counts[lines.cluster] ?? 0) + lines.count;
  }
  return { counts, known: counts.reduce((a, b) => a + b, 0) };
}

/**
 * The model's raw input from the profile, equal to `segmentFeatures` over the same purchase events
 * (same order-gap chains, price imputation, local-time shares, cluster rule and prior fallback), or
 * null without purchases.
 */
export function profileSegmentFeatures(
  state: ProfileState,
  nowMs: number,
  spec: SegmentFeatureSpec,
  clusterOf: ClusterOf,
  utcOffsetMinutes = 0,
): Float64Array | null {
  const p = state.purchases;
  if (p.lines === 0 || p.firstTs === null || p.lastTs === null) return null;
  const earlier = state.earlierOrders;
  let orders = earlier?.count ?? 0;
  let weekend = earlier?.weekend ?? 0;
  let morning = earlier?.morning ?? 0;
  let evening = earlier?.evening ?? 0;
  for (const o of state.orders) {
    const f = orderTimeFlags(o.s, utcOffsetMinutes);
    orders++;
    if (f.weekend) weekend++;
    if (f.morning) morning++;
    else if (f.evening) evening++;
  }
  const { counts } = purchaseClusterCounts(state, clusterOf, spec.clusters.labels.length);
  return segmentVector(
    {
      firstTs: p.firstTs,
      lastTs: p.lastTs,
      orders,
      weekendOrders: weekend,
      morningOrders: morning,
      eveningOrders: evening,
      spend: p.pricedSpend + p.unpricedUnits * spec.medianUnitPrice,
      clusterLines: counts,
    },
    nowMs,
    spec,
  );
}

function clusterAffinities(
  state: ProfileState,
  clusterOf: ClusterOf,
  labels: readonly string[],
  max: number,
): Affinity[] {
  const weight = labels.map((_, c) => state.evicted.interest[c] ?? 0);
  for (const tally of state.items) {
    const c = clusterOf(tally.id, tally.t);
    if (c !== undefined && c >= 0 && c < weight.length) weight[c] = (weight[c] ?? 0) + interestOf(tally);
  }
  const total = weight.reduce((a, b) => a + b, 0);
  if (total === 0) return [];
  return weight
    .map((w, cluster) => ({ cluster, label: labels[cluster] ?? '', share: w / total }))
    .filter((a) => a.share > 0)
    .sort((a, b) => b.share - a.share || a.cluster - b.cluster)
    .slice(0, max);
}

/** "2 orders, the last one 3 days ago, mostly candle · light · metal", from the visitor's own figures. */
function buyerReason(
  state: ProfileState,
  nowMs: number,
  clusterOf: ClusterOf,
  labels: readonly string[],
): string {
  const orders = state.orders.length + (state.earlierOrders?.count ?? 0);
  const last = state.purchases.lastTs ?? nowMs;
  const days = Math.floor(Math.max(0, nowMs - last) / DAY_MS);
  const when = days === 0 ? 'today' : days === 1 ? 'yesterday' : `${days} days ago`;
  const parts = [orders === 1 ? `1 order ${when}` : `${orders} orders, the last one ${when}`];
  const { counts, known } = purchaseClusterCounts(state, clusterOf, labels.length);
  const ranked = counts.map((n, c) => ({ n, c })).sort((a, b) => b.n - a.n || a.c - b.c);
  const [first, second] = ranked;
  if (first && known > 0 && first.n > 0) {
    const [top, next] = [labels[first.c], second && second.n > 0 ? labels[second.c] : undefined];
    if (first.n / known > 0.5 || !next) parts.push(`mostly ${top}`);
    else if ((first.n + (second?.n ?? 0)) / known > 0.5) parts.push(`mostly ${top} and ${next}`);
    else parts.push(`a mix, most often ${top}`);
  }
  return parts.join(', ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
