/**
 * Features shared by the trainer and the worker (train/serve parity by construction), and the
 * manifest types both sides agree on.
 */

/** The FAQ file a site serves: its entries and their pruned word vectors (`confide-faq/1`). */
export type { FaqBundleEntry, FaqBundleFile } from './faq-bundle';
export { FAQ_BUNDLE_FORMAT } from './faq-bundle';
export type { Interaction, InteractionSpec, InteractionType } from './interactions';
/** Default interaction weights and decay; see {@link InteractionSpec}. */
/** Dense recency-weighted interaction vector over the model's catalog. */
/** Item id → model index map. */
export { catalogIndex, DEFAULT_INTERACTION_SPEC, interactionVector } from './interactions';
export type {
  AnswersLicense,
  Catalog,
  CatalogItem,
  IntentAnswers,
  IntentEntry,
  Manifest,
  ModelEntryBase,
  ModelVariant,
  RecommendEntry,
  SegmentEntry,
  SegmentKey,
  TensorSpec,
} from './manifest';
/**
 * Words as product search and stated preferences read them: singular, filler dropped. The worker's
 * catalog search, its preferences and the recommender's preference fit all fold words this way.
 */
export { allWords, productWords, singular, stem } from './search-words';
/**
 * Segment features: the raw vector (RFM, time of day / weekday, title-cluster affinity) that the
 * segment trainer and the worker both build with {@link segmentFeatures}, the title → cluster rules,
 * the event mapping and the no-purchase rule.
 */
export type {
  SegmentEventLike,
  SegmentFeatureOptions,
  SegmentFeatureSpec,
  SegmentInputs,
  SegmentItemsFile,
  SegmentPurchase,
  SegmentSummary,
  TextClusterTable,
} from './segment-features';
export {
  browsingAffinity,
  clusterOfItem,
  clusterOfTitle,
  DEFAULT_ORDER_GAP_MINUTES,
  itemClusterMap,
  NO_PURCHASE_SEGMENT,
  orderTimeFlags,
  SEGMENT_BASE_FEATURES,
  SEGMENT_FEATURE_VERSION,
  SEGMENT_LOG_FEATURES,
  segmentFeatureMeanings,
  segmentFeatureNames,
  segmentFeatures,
  segmentInputsFromEvents,
  segmentVector,
  titleTokens,
} from './segment-features';
/**
 * Intent tokenizer: chat text → hashed word + char n-grams (FNV-1a 32-bit over UTF-8), sublinear tf,
 * L2-normalized. {@link intentFeatures} builds the intent graph's `features` input; the trainer uses
 * the same values in sparse form ({@link sparseIntentFeatures}).
 */
export type { SparseFeatures, TokenizerSpec } from './tokenizer';
export {
  DEFAULT_TOKENIZER,
  fnv1a32,
  intentFeatures,
  ngrams,
  normalizeText,
  sparseIntentFeatures,
  words,
} from './tokenizer';
/**
 * Pruned, int8-quantized word vectors a site serves with its FAQ (`confide-word-vectors/1`): built by
 * `npm run faq` from GloVe, read by the worker's FAQ matcher; {@link sifWeight} weighs each word.
 */
export type { WordVectors, WordVectorsFile } from './word-vectors';
export {
  decodeWordVectors,
  encodeWordVectors,
  sifWeight,
  vectorWords,
  WordVectorsError,
} from './word-vectors';
