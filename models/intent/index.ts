/**
 * The intent model toolkit (Node only): read labelled chat messages, train a softmax classifier on the
 * shared tokenizer's hashed n-grams (with outlier exposure to another domain's messages), calibrate an
 * out-of-scope threshold, export ONNX (fp32, int8), score the exported bytes in onnxruntime-web and
 * write the artifacts and manifest entry.
 */

/** The answers artifact: format, license block, selection rule. */
export {
  ANSWERS_FILE,
  type AnswersLicense,
  buildAnswers,
  type IntentAnswers,
  pickAnswers,
} from './answers';
/** Artifact file names and writing (the CLI merges the returned entry into manifest.json). */
export { INTENT_FILES, type IntentArtifactInputs, writeIntentArtifacts } from './artifacts';
/** How each BANKING77 topic counts for a shop (in scope, ambiguous, out of scope). */
export { BANKING77_AMBIGUOUS_TOPICS, BANKING77_SHOP_TOPICS } from './banking77-scope';
/** Temperature scaling and the out-of-scope threshold rules. */
export {
  acceptedShare,
  balancedAccuracy,
  DEFAULT_ACCEPTANCE,
  fitTemperature,
  pickBalancedThreshold,
  pickThreshold,
  temperatureNll,
} from './calibrate';
/** Loading and splitting the data; labels treated as out of scope. */
export {
  type IntentData,
  type IntentDataSource,
  loadIntentData,
  OOS_LABELS,
} from './dataset';
/** The shipped model's data (Bitext) and the benchmark's (BANKING77), in models/data or $CONFIDE_DATA_DIR. */
export {
  BANKING77_DEFAULTS,
  BANKING77_OUT_OF_SCOPE,
  BITEXT_DEFAULTS,
  DEFAULT_INTENT_FILES,
  SHOPPER_SUPPLEMENT,
} from './defaults';
/** Scoring exported graphs in onnxruntime-web. */
export { type OnnxPredictions, predictOnnx, type ScoredRun, scoreRun } from './evaluate-onnx';
/** Choosing temperature and threshold from validation data. */
export {
  type Calibration,
  type CalibrationData,
  fitCalibration,
  type ThresholdRule,
} from './fit-calibration';
/** Held-out figures of an exported graph. */
export {
  type GraphTestSets,
  type HeldOutSets,
  logScores,
  type ScoredGraph,
  scoreGraph,
  scoreHeldOut,
} from './held-out-scoring';
/** Accuracy and macro-F1. */
export { accuracy, macroF1 } from './metrics';
/** ONNX export of the intent graph and reading its weights back. */
export {
  exportIntentOnnx,
  INTENT_IO,
  type IntentGraphInfo,
  type IntentWeights,
  intentTensorSpecs,
  readIntentWeights,
} from './onnx-intent';
/** onnxruntime-web sessions in Node. */
export { createIntentSession, type IntentSession } from './ort-intent';
/** Out-of-scope messages from another domain's labelled set. */
export { loadOutOfScope, type OutOfScopeData, type OutOfScopeSource } from './out-of-scope';
/** Signed per-intent int8 quantization. */
export { dequantizeColumns, type QuantizedColumns, quantizeColumns } from './quantize-int8';
/** Reading labelled CSVs with a column mapping. */
export {
  type LabelledText,
  readLabelledTexts,
  type TextColumns,
  type TextReadResult,
} from './read-texts';
/** The hand-written natural shopper messages (a test set, never trained or calibrated on). */
export { SHOPPER_MESSAGES, SHOPPER_OUT_OF_SCOPE, type ShopperMessage } from './shopper-messages';
/** The classifier's math (the parity reference). */
export {
  argmax,
  denseProbabilities,
  type LinearWeights,
  type SoftmaxModel,
  softmax,
  sparseLogits,
  sparseProbabilities,
  withTemperature,
} from './softmax-model';
/** Seeded PRNG and stratified split. */
export { mulberry32, shuffleInPlace, stratifiedSplit } from './split';
/** Training entry point used by the CLI (`npm run train -- --task intent ...`), its options and result. */
export {
  type IntentMetrics,
  type IntentTrainOptions,
  type IntentTrainResult,
  trainIntent,
  VALIDATION_FRACTION,
} from './train-intent';
/** The optimizer. */
export {
  DEFAULT_SOFTMAX_OPTIONS,
  type EpochStats,
  evaluateSparse,
  OUTLIER,
  type SoftmaxTrainOptions,
  type SoftmaxTrainResult,
  type SparseDataset,
  trainSoftmax,
} from './train-softmax';
