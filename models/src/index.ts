/**
 * The offline model toolkit (Node only): read and clean interaction exports, fit the item-kNN
 * recommender, export it to ONNX, evaluate it, and write the artifact set the worker loads.
 */

/** Artifact writing: file names, manifest version rule, hashing. */
export {
  ARTIFACT_FILES,
  type ArtifactInputs,
  sha256Hex,
  stableJson,
  VERSION_PATTERN,
  writeArtifacts,
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
export { loadProductList, type ProductList } from './catalog-file';
/** Cleaning rules and their counts. */
export {
  type CleanCounts,
  type CleanOptions,
  type CleanResult,
  cleanInteractions,
  DEFAULT_ITEM_PATTERN,
} from './clean';
/** Command-line flags shared by train and evaluate. */
export { DEFAULT_OUT_DIR, parseRunArgs, type RunConfig, usage } from './cli-options';
/** Streaming CSV records (plain or gzip) with delimiter detection. */
export {
  type CsvRecord,
  type CsvRecordsOptions,
  type CsvSkip,
  csvRecords,
  detectDelimiter,
  isGzip,
} from './csv-records';
/** Data sources: the default UCI file, its columns, loading + cleaning + description. */
export {
  type DataSource,
  DEFAULT_INTERACTIONS,
  type LoadedData,
  loadData,
  REPO_ROOT,
  UCI_COLUMNS,
} from './data-source';
/** Typed errors for bad input and bad flags. */
export { DataError, type DataErrorCode, UsageError } from './errors';
/** Evaluation on the leave-last-basket-out split. */
export {
  type EvaluateOptions,
  type EvaluationResult,
  evaluateRecommender,
  type SplitStats,
} from './evaluate';
/** The evaluate command. */
export { runEvaluate } from './evaluate-cli';
/** Catalog + item-kNN fitting. */
export { type FitOptions, type FittedRecommender, fitRecommender } from './fit';
/** Item-kNN math. */
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
/** 8-bit row-wise quantization of the similarity matrix. */
export { dequantizeRows, type QuantizedRows, quantizeRows } from './quantize';
/** Reading interaction CSVs with a column mapping. */
export {
  type ColumnMap,
  type RawInteraction,
  type ReadOptions,
  type ReadResult,
  readInteractions,
} from './read-interactions';
/** The graph's math in TypeScript. */
export {
  PRIOR_WEIGHT,
  recommendReference,
  referenceScores,
  SEEN_PENALTY,
  type TopK,
  topK,
} from './reference-scorer';
/** report.json / report.md. */
export {
  buildReport,
  type EvaluationReport,
  type RecommendDetails,
  type RecommendReport,
  type ReportInputs,
  renderReportMarkdown,
} from './report';
/** Time and peak-memory measurement. */
export { ResourceMeter } from './resource-meter';
/** Loading shared by the commands, and metric rounding. */
export { loadRunData, type RunData, round6, roundAll } from './run-data';
/** The leave-last-basket-out split. */
export { type HeldOutCase, type TemporalSplit, temporalSplit } from './temporal-split';
/** The train command. */
export { runTrain, type TrainOutcome } from './train-cli';
