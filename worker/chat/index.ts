/**
 * The chat: each message redacted, classified, answered by the decision rules from the site's
 * templates, and kept (sealed) in the transcript with `personalize`.
 */

/** The conversation the engine exposes. */
export { type Chat, type ChatDeps, createChat } from './chat';
/** Intent names as people read them. */
export { INTENT_LABELS, intentLabel } from './decisions';
/** The site's FAQ, checked strictly (limits and links). */
export { FAQ_LIMITS, validateFaq } from './faq';
/** The intent classifier's type; the engine loads the module lazily (see engine/model-builders.ts). */
export type { IntentClassifier } from './intent';
/** Liked and avoided words of the visitor's stated preferences (the recommender applies them too). */
export { preferenceWords } from './preferences';
/** The visitor's ratings of conversations: kept with `personalize`, reported noised with `share`. */
export {
  applyRating,
  emptySatisfaction,
  lastRatedAt,
  type RatingEntry,
  type SatisfactionState,
  validRating,
} from './satisfaction';
/** The site's answer templates, checked strictly. */
export { validateTemplateConfig } from './templates';
