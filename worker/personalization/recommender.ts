/**
 * The personal stage of the recommendation chain: the visitor's stored events become model input
 * through the trainer's own feature code, the recommend graph runs, and its indices map back to
 * catalog items, each with the visitor's own items that fed the model as the reason.
 */
import {
  type Catalog,
  catalogIndex,
  type Interaction,
  type InteractionType,
  interactionVector,
  type RecommendEntry,
} from '../../models/features';
import { float32Tensor, type LoadedModel, sessionFor } from '../models';
import type { TrackEvent } from '../protocol';
import { ModelError } from '../protocol';
import type { Candidate, StageResult } from './recommend-chain';

const INTERACTION_TYPES: ReadonlySet<string> = new Set<InteractionType>([
  'item_view',
  'add_to_cart',
  'purchase',
]);

/** Scores at or below this are items the graph masked (already seen); they are never shown. */
const MASKED = -1e3;
/** How many of the visitor's own items are named as the reason. */
const BECAUSE = 3;

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

/** A ready recommender bound to one verified model and its catalog. */
export interface Recommender {
  /** Runs the model on the visitor's events; `unavailable` when none of them names a catalog item. */
  personal(events: readonly TrackEvent[], nowMs: number): Promise<StageResult & { inferenceMs: number }>;
  /** Catalog index of an item id, if the model knows it. */
  indexOf(itemId: string): number | undefined;
  readonly catalog: Catalog;
  readonly catalogSize: number;
  readonly version: string;
}

/** Creates the session for a loaded model (once per hash) and returns the recommender. */
export async function createRecommender(
  loaded: LoadedModel<RecommendEntry>,
  catalog: Catalog,
  version: string,
): Promise<Recommender> {
  const entry = loaded.entry;
  const session = await sessionFor(loaded.sha256, loaded.bytes);
  const items = catalog.items;
  const index = catalogIndex(items.map((i) => i.id));
  const size = items.length;
  const input = entry.inputs[0]?.name ?? 'interactions';

  return {
    catalog,
    catalogSize: size,
    version,
    indexOf: (id) => index.get(id),
    async personal(events, nowMs) {
      const vector = interactionVector(toInteractions(events), index, size, nowMs, entry.features);
      const own = strongest(vector, BECAUSE);
      if (own.length === 0) {
        return { basis: 'personal', unavailable: 'no viewed item is in the catalog yet', inferenceMs: 0 };
      }
      const started = performance.now();
      const out = await session.run({ [input]: await float32Tensor(vector, [1, size]) });
      const inferenceMs = performance.now() - started;
      const scores = out.scores?.data as Float32Array | undefined;
      const indices = out.indices?.data as BigInt64Array | undefined;
      if (!scores || !indices)
        throw new ModelError('model_unavailable', 'the model returned no scores/indices');
      const because = own.map((i) => items[i]?.id).filter((id): id is string => id !== undefined);
      const titles = own.map((i) => items[i]?.title).filter(Boolean);
      const reason = `Often bought by shoppers who also looked at ${titles.join(', ')}`;
      const candidates: Candidate[] = [];
      indices.forEach((ix, rank) => {
        const item = items[Number(ix)];
        const score = scores[rank] ?? Number.NEGATIVE_INFINITY;
        if (item && score > MASKED) candidates.push({ id: item.id, score, reason, because });
      });
      return { basis: 'personal', candidates, inferenceMs };
    },
  };
}

/** Indices of the `n` largest non-zero entries: the visitor's items that weigh most in the input. */
function strongest(vector: Float32Array, n: number): number[] {
  const nz: number[] = [];
  vector.forEach((w, i) => {
    if (w > 0) nz.push(i);
  });
  return nz.sort((a, b) => (vector[b] ?? 0) - (vector[a] ?? 0)).slice(0, n);
}
