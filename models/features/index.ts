/**
 * Features shared by the trainer and the worker (train/serve parity by construction), and the
 * manifest types both sides agree on.
 */
export type { Interaction, InteractionSpec, InteractionType } from './interactions';
/** Default interaction weights and decay; see {@link InteractionSpec}. */
/** Dense recency-weighted interaction vector over the model's catalog. */
/** Item id → model index map. */
export { catalogIndex, DEFAULT_INTERACTION_SPEC, interactionVector } from './interactions';
export type {
  Catalog,
  CatalogItem,
  IntentEntry,
  Manifest,
  ModelEntryBase,
  ModelVariant,
  RecommendEntry,
  SegmentEntry,
  TensorSpec,
} from './manifest';
