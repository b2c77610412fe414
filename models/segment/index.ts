/**
 * The segment model (Node only): k-means++ over raw behavioural features built by the shared
 * models/features/segment-features, k chosen by silhouette, named segments, exported to ONNX
 * (opset 13, fp32 and int8) with all preprocessing inside the graph.
 */

/** Seeded randomness. */
export { bootstrapIndices, mulberry32, type Rng, randomInt, sampleWithoutReplacement } from '../src/rng';
/** Silhouette, Davies–Bouldin, adjusted Rand index. */
export {
  adjustedRandIndex,
  daviesBouldin,
  pairwiseDistances,
  silhouette,
  silhouetteFromDistances,
} from './cluster-metrics';
/** Customers → raw feature matrix, median price, cluster line shares. */
export { clusterLineShares, customerMatrix, medianUnitPrice, purchasesByUser } from './customers';
/** The manifest entry and the file names. */
export { buildSegmentEntry, type HashedFile, SEGMENT_FILES, type SegmentEntryInputs } from './entry';
/** Typed errors (too few users, bad k range). */
export { SegmentError, type SegmentErrorCode } from './errors';
/** ONNX fp32 vs TS reference and int8 vs fp32, in onnxruntime-web. */
export { evaluateSegmentOnnx, type OnnxEvaluation } from './evaluate-onnx';
/** The I/O-free fit. */
export { autoTemperature, fitSegments, type SegmentFit, type SegmentFitOptions } from './fit-segments';
/** Diagonal Gaussian mixture by EM: membership shares, BIC. */
export {
  fitGmm,
  type GmmOptions,
  type GmmParams,
  type GmmResult,
  gmmAssign,
  gmmPosterior,
} from './gmm';
/** Ward agglomerative clustering (nearest-neighbour chain) and cutting its dendrogram. */
export {
  clusterMeans,
  cutDendrogram,
  type Dendrogram,
  fitWard,
  type WardModel,
  wardLinkage,
} from './hierarchical';
/** k-means++ / Lloyd. */
export {
  assignNearest,
  type KMeansOptions,
  type KMeansResult,
  kmeans,
  kmeansPlusPlus,
  type Matrix,
  selectRows,
  sqDist,
} from './kmeans';
/** The winner rule and the elbow of the segment method comparison. */
export {
  chooseSegmentMethod,
  elbowK,
  type MethodChoice,
  type MethodScore,
  type SegmentMethod,
  SHIPPED_SEGMENT_METHOD,
} from './method-choice';
/** k-means++ vs Gaussian mixture vs Ward on the same features (issue 16). */
export {
  compareSegmentMethods,
  type MethodAtK,
  type MethodComparison,
  type MethodComparisonOptions,
  type MethodSummary,
} from './method-comparison';
/** The method comparison as report.md lines. */
export { methodComparisonLines } from './method-comparison-markdown';
/** Segment names and descriptions. */
export {
  describeSegment,
  profileSegments,
  type RfmColumns,
  rfmTertiles,
  type SegmentProfile,
  segmentName,
  segmentNames,
  type Tertiles,
} from './naming';
/** In-graph preprocessing: log1p, outlier fences, weighted z-scaling. */
export {
  featureWeights,
  fitNormalizer,
  IQR_FENCE,
  logStep,
  type Normalizer,
  standardize,
  standardizeRow,
  Z_FENCE,
} from './normalize';
/** ONNX export and tensor contract. */
export { exportSegmentOnnx, SEGMENT_IO, segmentTensorSpecs } from './onnx-graph';
/** Reading parameters back from an exported file. */
export { readSegmentParams, type SegmentWeights } from './onnx-read';
/** onnxruntime-web sessions in Node. */
export { createSegmentSession, type SegmentRun, type SegmentSession } from './ort-session';
/** int8 centroid quantization. */
export { dequantizeColumns, type QuantizedColumns, quantizeColumnsInt8 } from './quantize-int8';
/** The graph's math in TypeScript. */
export { type SegmentModelParams, type SegmentOutput, segmentReference } from './reference';
/** A fit as a function of a purchase history: the segment a device would assign. */
export { type Segmenter, segmenterOf } from './segmenter';
/** Choosing k by silhouette. */
export { type KCandidate, type KSelection, selectK } from './select-k';
/** Spherical k-means for sparse title vectors. */
export { type SparseRow, type SphericalResult, sphericalKmeans } from './spherical-kmeans';
/** Bootstrap stability. */
export { bootstrapStability, type Stability } from './stability';
/** Item title clusters. */
export {
  buildTextClusters,
  itemGroups,
  itemTitles,
  type TextClusterOptions,
  type TextClusters,
} from './text-clusters';
/** The training entry point used by the CLI. */
export { type SegmentReport, type SegmentTrainOptions, type SegmentTrainResult, trainSegment } from './train';
