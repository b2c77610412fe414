/**
 * Interaction features for the recommender. The trainer (evaluation, fold-in of held-out users) and
 * the worker (live visitors) both call {@link interactionVector}, so what the model saw in training is
 * exactly what it sees on the device.
 */

/** Behavioural event kinds that count as interactions with an item. */
export type InteractionType = 'item_view' | 'add_to_cart' | 'purchase';

/** One interaction of a visitor with a catalog item. `ts` is epoch milliseconds. */
export interface Interaction {
  readonly type: InteractionType;
  readonly item: string;
  readonly ts: number;
}

/** How interactions become model input: a weight per kind, decayed by age with a half-life. */
export interface InteractionSpec {
  readonly weights: Readonly<Record<InteractionType, number>>;
  readonly halfLifeDays: number;
  /** Each item's summed weight is capped here so one repeated action cannot dominate. */
  readonly maxPerItem: number;
}

/**
 * The default spec. The trainer tunes `halfLifeDays` on a validation split and writes the spec it
 * used into the manifest; the worker must build inputs with the manifest's spec, not this one.
 */
export const DEFAULT_INTERACTION_SPEC: InteractionSpec = {
  weights: { item_view: 1, add_to_cart: 3, purchase: 5 },
  halfLifeDays: 14,
  maxPerItem: 10,
};

const DAY_MS = 86_400_000;

/**
 * Builds the dense, recency-weighted interaction vector over the catalog.
 * Items not in `index` (unknown to the model) are ignored; events from the future count as now.
 */
export function interactionVector(
  interactions: Iterable<Interaction>,
  index: ReadonlyMap<string, number>,
  size: number,
  nowMs: number,
  spec: InteractionSpec = DEFAULT_INTERACTION_SPEC,
): Float32Array {
  const out = new Float32Array(size);
  const lambda = Math.LN2 / (spec.halfLifeDays * DAY_MS);
  for (const it of interactions) {
    const i = index.get(it.item);
    if (i === undefined || i >= size) continue;
    const age = Math.max(0, nowMs - it.ts);
    out[i] = Math.min(spec.maxPerItem, (out[i] ?? 0) + spec.weights[it.type] * Math.exp(-lambda * age));
  }
  return out;
}

/** Maps item ids to their index in the model's catalog order. */
export function catalogIndex(ids: readonly string[]): Map<string, number> {
  return new Map(ids.map((id, i) => [id, i]));
}
