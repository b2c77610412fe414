/**
 * The offline model toolkit (Node only): read and clean interaction exports, fit the recommender
 * (EASE with item text, low-rank, popularity prior; item-kNN as a baseline), tune it on a validation
 * split, export it to ONNX, evaluate it, and drive the segment and intent trainers from one CLI that
 * writes the artifact set the worker loads.
 */

/** Sizes of every file a manifest names. */
export { type ArtifactFileSize, type ArtifactSizes, artifactSizes } from './artifact-sizes';
/** Artifact writing: file names, manifest merge and version rule, hashing. */
export {
  ARTIFACT_FILES,
  type ArtifactInputs,
  type ManifestFile,
  type ManifestModels,
  manifestVersion,
  mergeManifest,
  readManifest,
  sha256Hex,
  stableJson,
  VERSION_PATTERN,
  writeRecommendArtifacts,
} from './artifacts';
/** Catalog selection (most popular by distinct users) and its helpers. */
export {
  type BuiltCatalog,
  buildCatalog,
  type CatalogOptions,
  compareIds,
  median,
  round2,
  titleCase,
} from './catalog';
/** A site's own product list (`--catalog`). */
export {
  loadProductList,
  type ProductColumns,
  type ProductInfo,
  type ProductList,
} from './catalog-file';
/** Cleaning rules and their counts. */
export {
  type CleanCounts,
  type CleanOptions,
  type CleanResult,
  cleanInteractions,
  DEFAULT_ITEM_PATTERN,
} from './clean';
/** Command-line flags shared by train and evaluate. */
export {
  DEFAULT_OUT_DIR,
  type IntentSource,
  parseRunArgs,
  type RunConfig,
  type Task,
  usage,
} from './cli-options';
/** Streaming CSV records (plain or gzip) with delimiter detection. */
export {
  type CsvRecord,
  type CsvRecordsOptions,
  type CsvSkip,
  columnFinder,
  csvRecords,
  detectDelimiter,
  isGzip,
} from './csv-records';
/** Where the built-in data sets are read from (models/data or $CONFIDE_DATA_DIR). */
export {
  csvName,
  DATA_DIR_VAR,
  type DataSetName,
  dataDir,
  dataFile,
  REPO_DATA_DIR,
  requireDataFiles,
} from './data-dir';
/** Data sources: the default UCI file, its columns, loading + cleaning + description. */
export {
  type DataSource,
  DEFAULT_INTERACTIONS,
  type LoadedData,
  loadData,
  REPO_ROOT,
  UCI_COLUMNS,
  UCI_SOURCE,
} from './data-source';
/** Typed errors for bad input and bad flags. */
export { DataError, type DataErrorCode, UsageError } from './errors';
/** Evaluation on the leave-last-basket-out split (tuning, refit, ONNX scoring, baselines). */
export {
  algorithmName,
  type EvaluateOptions,
  type EvaluationResult,
  evaluateRecommender,
  type SplitStats,
} from './evaluate';
/** The evaluate command. */
export { runEvaluate } from './evaluate-cli';
/** Fitting: catalog + EASE (shipped) or item-kNN (baseline). */
export {
  type EaseParams,
  type FitOptions,
  type FittedRecommender,
  fitEase,
  fitItemKnn,
  fitRecommender,
  usesLowRank,
} from './fit';
/** Item-kNN math (the baseline). */
export {
  cosineSimilarity,
  type IndexSet,
  type ItemKnnModel,
  type ItemKnnOptions,
  keepTopNeighbours,
  popularityPrior,
  trainItemKnn,
  userItemSets,
} from './item-knn';
/** Ranking metrics at K. */
export { MetricsAccumulator, type RankingMetrics, scoreRanking, type UserScores } from './metrics';
/** onnx-proto builders shared by the recommend, segment and intent exporters. */
export {
  DT,
  decodeModel,
  encodeModel,
  floatTensor,
  type Initializers,
  int8Tensor,
  int64Tensor,
  op,
  tensor,
  valueInfo,
} from './onnx-builders';
/** ONNX export of the recommend graph. */
export {
  type ExportOptions,
  exportRecommendOnnx,
  IR_VERSION,
  OPSET,
  RECOMMEND_IO,
  recommendTensorSpecs,
  type WeightFormat,
} from './onnx-export';
/** Reading weights back from an exported graph. */
export { type RecommendWeights, readRecommendWeights } from './onnx-weights';
/** onnxruntime-web sessions in Node. */
export { createRecommendSession, type RecommendSession } from './ort-node';
/** Timestamp parsing. */
export { parseTimestamp, TIME_FORMATS, type TimeFormat } from './parse-time';
/** 8-bit per-row / per-column quantization of the factors. */
export { dequantizeMatrix, type QuantizedMatrix, quantizeMatrix } from './quantize';
/** Reading interaction CSVs with a column mapping. */
export {
  type ColumnMap,
  type RawInteraction,
  type ReadOptions,
  type ReadResult,
  readInteractions,
} from './read-interactions';
/** EASE closed form and the Gram matrix. */
export { type EaseOptions, easeWeights, gramMatrix } from './recommend/ease';
/** The factored model form shared by every recommender. */
export {
  denseModel,
  type Factor,
  type FactorModel,
  fromItemKnn,
  lowRankModel,
  weightCount,
} from './recommend/factor-model';
/** Item-text features for cold items. */
export {
  hashToken,
  itemTextVectors,
  type SparseVector,
  TEXT_BUCKETS,
  textSimilarity,
  textTokens,
} from './recommend/item-text';
/** Dense linear algebra (Cholesky inverse, products, Jacobi eigen). */
export {
  invertSpd,
  type Matrix,
  matmul,
  matmulTransA,
  orthonormalizeColumns,
  symmetricEigen,
  transpose,
  zeros,
} from './recommend/linalg';
/** Fast TypeScript scoring of held-out cases (tuning, baselines). */
export {
  buildCases,
  type CaseStats,
  type EvalCase,
  evaluateScorer,
  factorScorer,
  type OfflineResult,
  popularityScorer,
  type Scorer,
  topUnseen,
} from './recommend/offline-eval';
/** The per-fit shared preparation (catalog, item sets, Gram, text similarity). */
export { type PreparedItems, type PrepareOptions, prepareItems } from './recommend/prepare';
/** Randomized truncated SVD. */
export { gaussian, leadingTriplets, type SvdOptions, type TruncatedSvd, truncatedSvd } from './recommend/svd';
/** Hyper-parameter search on the validation split. */
export {
  DEFAULT_GRID,
  type TunedParams,
  type TuneGrid,
  type TuneOptions,
  type TuneTrial,
  type TuningResult,
  tuneRecommender,
} from './recommend/tune';
/** The graph's math in TypeScript. */
export {
  PRIOR_WEIGHT,
  recommendReference,
  referenceScores,
  SEEN_PENALTY,
  type TopK,
  topK,
  vectorTimes,
} from './reference-scorer';
/** report.json and its parts. */
export {
  buildReport,
  type EvaluationReport,
  type IntentMetrics,
  type IntentReport,
  type RecommendDetails,
  type RecommendReport,
  type ReportPart,
  recommendPart,
  type SegmentSection,
} from './report';
/** report.md. */
export { renderReportMarkdown } from './report-markdown';
/** Time and peak-memory measurement. */
export { ResourceMeter } from './resource-meter';
/** Seeded, reproducible randomness shared by every trainer (mulberry32 and samplers). */
export { bootstrapIndices, mulberry32, type Rng, randomInt, sampleWithoutReplacement } from './rng';
/** Loading shared by the commands, and metric rounding. */
export { loadRunData, type RunData, round6, roundAll } from './run-data';
/** The tasks the commands run. */
export {
  type IntentRun,
  type IntentTaskResult,
  intentParts,
  runIntentTask,
} from './tasks/intent-task';
export { type RecommendTaskResult, runRecommendTask } from './tasks/recommend-task';
export { runSegmentTask, type SegmentTaskResult, segmentPart } from './tasks/segment-task';
/** The leave-last-basket-out split. */
export { type HeldOutCase, type TemporalSplit, temporalSplit } from './temporal-split';
/** The train command. */
export { expandTask, runTrain, type TrainOutcome } from './train-cli';
