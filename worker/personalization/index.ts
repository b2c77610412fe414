/**
 * Personalization: the incremental profile, the page context, the recommendation fallback chain
 * (personal model, segment prior, server priors, catalog), the server's priors, and the visitor's
 * feedback with what it changes.
 */

/** Keeps profile, segment and recommendations current as events arrive. */
/** Implicit feedback: recommended items shown and opened; ignored ones rank lower. */
export {
  applyExposure,
  type ExposureState,
  emptyExposure,
  exposurePenalty,
} from './exposure';
/** Thumbs up and down, and the adjustments they imply. */
export {
  type AnswerContext,
  AVOID_PENALTY,
  applyFeedback,
  emptyFeedback,
  type FeedbackCount,
  type FeedbackState,
  feedbackEntries,
  markSynced,
  unsyncedCounts,
  variantPenalty,
} from './feedback';
export { createPersonalizer, type Personalizer, type PersonalizerDeps } from './personalizer';
/** The profile folded one event at a time. */
export {
  type ClusterOf,
  emptyProfileState,
  foldEvent,
  interestOf,
  type ProfileState,
  purchaseLineCluster,
  rebuildProfile,
} from './profile';
/** Time windows of the profile. */
export { DAY_MS, emptyStats } from './profile-windows';
/** The recommendation fallback chain and its always-available last stage. */
export { type Candidate, catalogLimit, catalogStage, runChain, type StageResult } from './recommend-chain';
/** The model wrappers' types; the engine loads the modules lazily (see engine/model-builders.ts). */
export type { Recommender } from './recommender';
export type { Segmenter } from './segmenter';
