/**
 * Turns the visitor's stored events into model input with the trainer's own feature code, runs the
 * recommend graph and maps its indices back to catalog items with a reason for each.
 */
import { catalogIndex, type Interaction, type InteractionType, interactionVector } from '../models/features';
import { ModelError } from './errors';
import { float32Tensor, sessionFor } from './inference';
import type { LoadedRecommender } from './model-loader';
import type { Recommendations, RecommendedItem, TrackEvent } from './protocol';

const INTERACTION_TYPES: ReadonlySet<string> = new Set<InteractionType>([
  'item_view',
  'add_to_cart',
  'purchase',
]);

/** Events that name an item, as the feature module's interactions. */
export function toInteractions(events: readonly TrackEvent[]): Interaction[] {
  const out: Interaction[] = [];
  for (const e of events) {
    const item = e.props.item;
    if (INTERACTION_TYPES.has(e.type) && typeof item === 'string') {
      out.push({ type: e.type as InteractionType, item, ts: e.ts });
    }
  }
  return out;
}

/** A ready recommender bound to one verified model. */
export interface Recommender {
  recommend(events: readonly TrackEvent[], nowMs: number): Promise<Recommendations>;
  /** Catalog index of an item id, if the model knows it. */
  indexOf(itemId: string): number | undefined;
  readonly catalogSize: number;
  readonly version: string;
}

/** Creates the session for a loaded model (once per hash) and returns the recommender. */
export async function createRecommender(loaded: LoadedRecommender): Promise<Recommender> {
  const entry = loaded.manifest.models.recommend;
  const session = await sessionFor(loaded.sha256, loaded.bytes);
  const items = loaded.catalog.items;
  const index = catalogIndex(items.map((i) => i.id));
  const size = items.length;
  const input = entry.inputs[0]?.name ?? 'interactions';

  return {
    catalogSize: size,
    version: loaded.manifest.version,
    indexOf: (id) => index.get(id),
    async recommend(events, nowMs) {
      const vector = interactionVector(toInteractions(events), index, size, nowMs, entry.features);
      const cold = vector.every((x) => x === 0);
      const started = performance.now();
      const out = await session.run({ [input]: await float32Tensor(vector, [1, size]) });
      const inferenceMs = performance.now() - started;
      const scores = out.scores?.data as Float32Array | undefined;
      const indices = out.indices?.data as BigInt64Array | undefined;
      if (!scores || !indices)
        throw new ModelError('model_unavailable', 'the model returned no scores/indices');
      const reason = cold
        ? 'Popular with other shoppers'
        : 'Often bought by shoppers who looked at what you viewed';
      const picked: RecommendedItem[] = [];
      indices.forEach((ix, rank) => {
        const item = items[Number(ix)];
        const score = scores[rank] ?? Number.NEGATIVE_INFINITY;
        // Seen items are masked to about -1e4 inside the graph; they are never shown.
        if (item && score > -1e3)
          picked.push({ id: item.id, title: item.title, price: item.price, score, reason });
      });
      return {
        items: picked,
        source: cold ? 'popularity' : 'model',
        modelVersion: loaded.manifest.version,
        currency: loaded.catalog.currency,
        inferenceMs,
      };
    },
  };
}
