/**
 * Segment features, shared by the trainer (UCI customers) and the worker (a visitor's own events), so
 * the segmenter sees the same numbers in training and on the device. Browser-safe: no Node imports.
 *
 * The vector is RAW (days, counts, money, shares). Log-scaling, outlier clipping and z-scaling happen
 * inside the ONNX graph, so the worker never needs the training statistics.
 *
 * Not in the vector, on purpose: device class and page type. UCI Online Retail has neither, so a
 * model trained on it could not have learned anything about them.
 */

/** One purchased line: a purchase event on the device, one invoice line in UCI. `ts` is epoch ms. */
export interface SegmentPurchase {
  readonly item: string;
  readonly ts: number;
  /** Units; missing, non-finite or ≤ 0 counts as 1. */
  readonly quantity?: number;
  /** Unit price; missing, non-finite or ≤ 0 is replaced by the spec's training median unit price. */
  readonly price?: number | null;
  /** Product title; only used to find the text cluster of an item missing from the item map. */
  readonly title?: string;
}

/** Keyword clusters of product titles (UCI has no categories). */
export interface TextClusterTable {
  /** Short human label per cluster, e.g. "bag · lunch · jumbo". */
  readonly labels: readonly string[];
  /** Per cluster: keyword → weight. A title belongs to the cluster with the largest summed weight. */
  readonly keywords: readonly Readonly<Record<string, number>>[];
}

/** Everything the worker needs to build the input vector; stored in the manifest's segment entry. */
export interface SegmentFeatureSpec {
  /** Bumped whenever the meaning or order of a feature changes. */
  readonly version: number;
  /** Input order of the model. */
  readonly names: readonly string[];
  /** What each feature means, same order as `names`. */
  readonly meanings: readonly string[];
  /** Purchases less than this many minutes after the previous one belong to the same order. */
  readonly orderGapMinutes: number;
  /** Imputed unit price when a purchase has none (training median). */
  readonly medianUnitPrice: number;
  /** Share of all training purchase lines per cluster: used when no purchased item has a known cluster. */
  readonly affinityPrior: readonly number[];
  readonly clusters: TextClusterTable;
  /** UTC offset the trainer used for hours and weekdays (UCI stores shop wall-clock time: 0). */
  readonly trainUtcOffsetMinutes: number;
}

/** Options of {@link segmentFeatures}. */
export interface SegmentFeatureOptions {
  /** Item id → text cluster, for catalog items (the spec's items file, see {@link itemClusterMap}). */
  readonly items?: ReadonlyMap<string, number>;
  /** Local time offset for time-of-day/weekday; the worker passes `-new Date().getTimezoneOffset()`. */
  readonly utcOffsetMinutes?: number;
}

/** Version of the feature definitions in this file. */
export const SEGMENT_FEATURE_VERSION = 1;

/** Names of the behavioural features before the per-cluster affinities, in input order. */
export const SEGMENT_BASE_FEATURES = [
  'recency_days',
  'tenure_days',
  'orders',
  'spend',
  'weekend_share',
  'morning_share',
  'evening_share',
] as const;

const BASE_MEANINGS: readonly string[] = [
  'days from the last purchase to now',
  'days from the first purchase to now',
  'number of orders (purchases closer than orderGapMinutes to the previous one join its order)',
  'total spend: sum of quantity × unit price over all purchased lines',
  'share of orders placed on Saturday or Sunday (local time)',
  'share of orders placed 05:00–11:59 (local time)',
  'share of orders placed 17:00–04:59 (local time)',
];

/** Features that the graph log-scales (`log1p`) before clipping: heavy-tailed days, counts, money. */
export const SEGMENT_LOG_FEATURES: readonly string[] = ['recency_days', 'tenure_days', 'orders', 'spend'];

/** Default gap that separates two orders when events carry no order id. */
export const DEFAULT_ORDER_GAP_MINUTES = 60;

/** The rule for visitors without purchases: no model run, a fixed extra segment (id = k). */
export const NO_PURCHASE_SEGMENT = {
  key: 'browsing',
  name: 'browsing visitor',
  description:
    'No purchase on this device yet. UCI has only buyers, so the model has never seen such a visitor and ' +
    'would place them arbitrarily; the worker uses this rule instead (segment id = k) and runs the model ' +
    'as soon as the first purchase event is stored, in the same page view.',
} as const;

/** Feature names for a table with `clusters` text clusters. */
export function segmentFeatureNames(clusters: number): string[] {
  return [...SEGMENT_BASE_FEATURES, ...Array.from({ length: clusters }, (_, c) => `affinity_${c}`)];
}

/** Meanings matching {@link segmentFeatureNames}. */
export function segmentFeatureMeanings(labels: readonly string[]): string[] {
  return [
    ...BASE_MEANINGS,
    ...labels.map(
      (l, c) =>
        `share of purchased lines (with a known cluster) in text cluster ${c} "${l}"; ` +
        'affinityPrior[c] (its share of all training lines) when no purchased item has a known cluster',
    ),
  ];
}

// Colour, size and packaging words describe a variant, not what the product is; function words
// describe nothing. Left in, they would make "red" and "set" clusters.
const STOPWORDS = new Set(
  (
    'the and with for from of in on to a an by set sets pack assorted design designs small large medium ' +
    'mini big jumbo red pink blue white black green ivory cream silver gold purple yellow orange brown ' +
    'grey gray colour colours col multi new'
  ).split(' '),
);

/** Distinct normalized words of a title: lower case, letters/digits only, ≥ 3 chars, crude plural → singular. */
export function titleTokens(title: string): string[] {
  const out = new Set<string>();
  for (const raw of title.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (raw.length < 3 || /^\d+$/.test(raw) || STOPWORDS.has(raw)) continue;
    // "candles" → "candle", but not "glass", "christmas", "canvas", "lotus".
    const w = raw.length > 3 && /[^aiosu]s$/.test(raw) ? raw.slice(0, -1) : raw;
    if (!STOPWORDS.has(w)) out.add(w);
  }
  return [...out];
}

/** Text cluster of a title, or -1 when none of its words is a keyword. Ties go to the lower index. */
export function clusterOfTitle(title: string, table: TextClusterTable): number {
  const tokens = titleTokens(title);
  let best = -1;
  let bestScore = 0;
  table.keywords.forEach((kw, c) => {
    let s = 0;
    // Own keys only: a title word like "constructor" must not reach Object.prototype.
    for (const t of tokens) s += Object.hasOwn(kw, t) ? (kw[t] ?? 0) : 0;
    if (s > bestScore) {
      best = c;
      bestScore = s;
    }
  });
  return best;
}

/** The items file shipped next to the model (name and sha256 in the manifest's segment entry). */
export interface SegmentItemsFile {
  readonly version: number;
  /** Per text cluster, the catalog item ids in it, sorted and space-separated. */
  readonly clusters: readonly string[];
  /**
   * Per segment id, the items most of its training customers bought, best first, space-separated
   * (models/segment/segment-priors). Absent in files written before version 2.
   */
  readonly priors?: readonly string[];
}

/** Builds the item → cluster map from `SegmentItemsFile.clusters`. */
export function itemClusterMap(groups: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  groups.forEach((g, c) => {
    for (const id of g.split(' ')) if (id !== '') map.set(id, c);
  });
  return map;
}

/** Cluster of one purchased item: the item map first, then its title; -1 when unknown. */
export function clusterOfItem(
  item: string,
  title: string | undefined,
  table: TextClusterTable,
  items?: ReadonlyMap<string, number>,
): number {
  const known = items?.get(item);
  if (known !== undefined) return known;
  return title ? clusterOfTitle(title, table) : -1;
}

const DAY_MS = 86_400_000;

/** Per-order local-time flags: weekend; 05:00–11:59 morning; 17:00–04:59 evening. */
export function orderTimeFlags(
  ts: number,
  utcOffsetMinutes = 0,
): { readonly weekend: boolean; readonly morning: boolean; readonly evening: boolean } {
  const local = new Date(ts + utcOffsetMinutes * 60_000);
  const day = local.getUTCDay();
  const hour = local.getUTCHours();
  return {
    weekend: day === 0 || day === 6,
    morning: hour >= 5 && hour < 12,
    evening: hour >= 17 || hour < 5,
  };
}

/**
 * What the segment vector is made of, however it was gathered: the trainer sums a customer's purchase
 * lines ({@link segmentFeatures}); the worker keeps the same sums incrementally in its profile.
 */
export interface SegmentSummary {
  readonly firstTs: number;
  readonly lastTs: number;
  readonly orders: number;
  /** Orders flagged by {@link orderTimeFlags}. */
  readonly weekendOrders: number;
  readonly morningOrders: number;
  readonly eveningOrders: number;
  /** Sum of quantity × unit price (the spec's median unit price where a line has none). */
  readonly spend: number;
  /** Purchase lines per text cluster (lines without a known cluster are not counted). */
  readonly clusterLines: readonly number[];
}

/** The raw segment vector of a summary; the one definition of every feature's formula. */
export function segmentVector(
  summary: SegmentSummary,
  nowMs: number,
  spec: SegmentFeatureSpec,
): Float64Array {
  const clusters = spec.clusters.labels.length;
  const out = new Float64Array(SEGMENT_BASE_FEATURES.length + clusters);
  const { orders } = summary;
  out.set([
    (nowMs - Math.min(summary.lastTs, nowMs)) / DAY_MS,
    (nowMs - Math.min(summary.firstTs, nowMs)) / DAY_MS,
    orders,
    summary.spend,
    summary.weekendOrders / orders,
    summary.morningOrders / orders,
    summary.eveningOrders / orders,
  ]);
  let known = 0;
  for (let c = 0; c < clusters; c++) known += summary.clusterLines[c] ?? 0;
  for (let c = 0; c < clusters; c++) {
    out[SEGMENT_BASE_FEATURES.length + c] =
      known > 0 ? (summary.clusterLines[c] ?? 0) / known : (spec.affinityPrior[c] ?? 0);
  }
  return out;
}

/**
 * The raw feature vector (order: `spec.names`) of one customer or visitor, or `null` when there are no
 * purchases (see {@link NO_PURCHASE_SEGMENT}). Purchases after `nowMs` count as now; purchases closer
 * than `spec.orderGapMinutes` to the previous one join its order.
 */
export function segmentFeatures(
  purchases: readonly SegmentPurchase[],
  nowMs: number,
  spec: SegmentFeatureSpec,
  options: SegmentFeatureOptions = {},
): Float64Array | null {
  if (purchases.length === 0) return null;
  const clusters = spec.clusters.labels.length;
  const sorted = [...purchases].sort((a, b) => a.ts - b.ts);
  const gapMs = spec.orderGapMinutes * 60_000;
  let orders = 0;
  let spend = 0;
  let weekend = 0;
  let morning = 0;
  let evening = 0;
  let prevTs = Number.NEGATIVE_INFINITY;
  const clusterLines = new Array<number>(clusters).fill(0);
  for (const p of sorted) {
    if (p.ts - prevTs >= gapMs) {
      orders++;
      // Time context is per order, so a 100-line wholesale order does not outweigh 5 separate visits.
      const f = orderTimeFlags(p.ts, options.utcOffsetMinutes ?? 0);
      if (f.weekend) weekend++;
      if (f.morning) morning++;
      else if (f.evening) evening++;
    }
    prevTs = p.ts;
    const q = p.quantity !== undefined && Number.isFinite(p.quantity) && p.quantity > 0 ? p.quantity : 1;
    const price =
      typeof p.price === 'number' && Number.isFinite(p.price) && p.price > 0 ? p.price : spec.medianUnitPrice;
    spend += q * price;
    const c = clusterOfItem(p.item, p.title, spec.clusters, options.items);
    if (c >= 0 && c < clusters) clusterLines[c] = (clusterLines[c] ?? 0) + 1;
  }
  return segmentVector(
    {
      firstTs: sorted[0]?.ts ?? nowMs,
      lastTs: sorted[sorted.length - 1]?.ts ?? nowMs,
      orders,
      weekendOrders: weekend,
      morningOrders: morning,
      eveningOrders: evening,
      spend,
      clusterLines,
    },
    nowMs,
    spec,
  );
}

/** Structural subset of the worker's `TrackEvent` (kept structural so features never import worker code). */
export interface SegmentEventLike {
  readonly type: string;
  readonly ts: number;
  readonly props: Readonly<Record<string, string | number | boolean>>;
}

/** What the worker extracts from stored events for segmentation. */
export interface SegmentInputs {
  /** From `purchase` events: the model's input (via {@link segmentFeatures}). */
  readonly purchases: SegmentPurchase[];
  /** From `item_view` / `add_to_cart`: interest only, for {@link browsingAffinity}; never fed to the model. */
  readonly browsing: { readonly item: string; readonly title?: string }[];
}

/**
 * Maps stored events: `purchase` (props `item`, `price` = unit price, optional `quantity`, `title`) → purchases;
 * `item_view` and `add_to_cart` (props `item`, optional `title`) → browsing. Events without an `item` are skipped.
 */
export function segmentInputsFromEvents(events: Iterable<SegmentEventLike>): SegmentInputs {
  const purchases: SegmentPurchase[] = [];
  const browsing: { item: string; title?: string }[] = [];
  for (const e of events) {
    const item = e.props.item;
    if (typeof item !== 'string' || item === '') continue;
    const title = typeof e.props.title === 'string' ? e.props.title : undefined;
    if (e.type === 'purchase') {
      const quantity = typeof e.props.quantity === 'number' ? e.props.quantity : 1;
      const price = typeof e.props.price === 'number' ? e.props.price : null;
      purchases.push({ item, ts: e.ts, quantity, price, ...(title === undefined ? {} : { title }) });
    } else if (e.type === 'item_view' || e.type === 'add_to_cart') {
      browsing.push({ item, ...(title === undefined ? {} : { title }) });
    }
  }
  return { purchases, browsing };
}

/**
 * Interest shares per text cluster from viewed / carted items, or `null` if none has a known cluster.
 * For personalizing the "browsing visitor" rule (e.g. which products to mention); the model's affinity
 * features use purchases only, because UCI (the training data) has no views.
 */
export function browsingAffinity(
  browsing: readonly { readonly item: string; readonly title?: string }[],
  spec: SegmentFeatureSpec,
  items?: ReadonlyMap<string, number>,
): number[] | null {
  const counts = new Array<number>(spec.clusters.labels.length).fill(0);
  let known = 0;
  for (const b of browsing) {
    const c = clusterOfItem(b.item, b.title, spec.clusters, items);
    if (c < 0 || c >= counts.length) continue;
    counts[c] = (counts[c] ?? 0) + 1;
    known++;
  }
  return known === 0 ? null : counts.map((n) => n / known);
}
