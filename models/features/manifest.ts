/**
 * The model manifest (`models/artifacts/manifest.json`): written by the trainer, served by the sync
 * server, read by the worker. The worker trusts a model file only if its sha256 matches this manifest.
 */
import type { InteractionSpec } from './interactions';

/** Shape of one named tensor: dimension sizes, `-1` for a dynamic axis. */
export interface TensorSpec {
  readonly name: string;
  readonly type: 'float32' | 'int64' | 'int32' | 'string';
  readonly shape: readonly number[];
}

/** What every model entry carries. */
export interface ModelEntryBase {
  /** File name under the artifacts folder (served at `/v1/models/:file`). */
  readonly file: string;
  /** Lower-case hex sha256 of the file. */
  readonly sha256: string;
  readonly bytes: number;
  readonly opset: number;
  readonly inputs: readonly TensorSpec[];
  readonly outputs: readonly TensorSpec[];
  /** Where the training data came from and how it was cleaned, in one paragraph. */
  readonly data: string;
  /** Measured figures (e.g. recall10, ndcg10) from the evaluation run that produced the file. */
  readonly metrics: Readonly<Record<string, number>>;
}

/** The recommender: recency-weighted interactions in, top-K catalog indices and scores out. */
export interface RecommendEntry extends ModelEntryBase {
  readonly kind: 'recommend';
  /** How many results the graph returns. */
  readonly k: number;
  /** File name of the catalog (JSON `Catalog`) whose order defines the model's item indices. */
  readonly catalog: string;
  readonly catalogSha256: string;
  /** The feature spec the worker must use to build the input, identical to training. */
  readonly features: InteractionSpec;
  /** The same model with 8-bit weights: same inputs, outputs and catalog; smaller download. */
  readonly int8?: ModelVariant;
  /**
   * Training hyper-parameters (algorithm, items, lambda, textWeight, rank, halfLifeDays, beta, k,
   * seed), for reproducing the file.
   */
  readonly params?: Readonly<Record<string, number | string>>;
}

/** Another encoding of a model entry (e.g. 8-bit weights), measured on the same evaluation. */
export interface ModelVariant {
  readonly file: string;
  /** Lower-case hex sha256 of the file. */
  readonly sha256: string;
  readonly bytes: number;
  /** Measured figures from the same evaluation run as the entry's own metrics. */
  readonly metrics: Readonly<Record<string, number>>;
}

/** One catalog item, at the index the model uses for it. */
export interface CatalogItem {
  readonly id: string;
  readonly title: string;
  /** Typical unit price in the catalog's currency. */
  readonly price: number;
  /** The site's category, when its product list names one (`--catalog-category-col`). */
  readonly category?: string;
}

/** The catalog file. */
export interface Catalog {
  readonly currency: string;
  readonly items: readonly CatalogItem[];
}

// ---- segment (owned by the segment trainer: models/segment) ----

/** What kind of visitor a segment holds, stable across retraining (models/segment/naming.ts). */
export type SegmentKey = 'browsing' | 'new' | 'regular' | 'frequent' | 'lapsed';

/**
 * The segmenter: RAW behavioural feature vector in (the graph does log-scaling, clipping and scaling),
 * `segment` (int64 [1]) and `confidence` (float32 [1, k]) out.
 */
export interface SegmentEntry extends ModelEntryBase {
  readonly kind: 'segment';
  /** Segments the graph assigns (ids 0..k-1); id k is the no-purchase rule, see `noPurchase`. */
  readonly k: number;
  readonly int8?: ModelVariant;
  readonly params?: Readonly<Record<string, number | string>>;
  /**
   * Names, order and meaning of the input features and the title keyword clusters; the worker builds
   * the vector with `segmentFeatures` from models/features/segment-features.
   */
  readonly features: import('./segment-features').SegmentFeatureSpec;
  /** File (JSON `SegmentItemsFile`) mapping catalog item ids to text clusters. */
  readonly items: string;
  /** Lower-case hex sha256 of the items file. */
  readonly itemsSha256: string;
  /** Softmax temperature T: confidence = softmax(−squared distance / T). */
  readonly temperature: number;
  /**
   * One entry per segment id, in id order; `share` is the fraction of training customers; `key` a
   * word from a fixed set that survives retraining (answer variants are keyed by it).
   */
  readonly segments: readonly {
    readonly id: number;
    readonly key?: SegmentKey;
    readonly name: string;
    readonly description: string;
    readonly share: number;
  }[];
  /** Visitors without purchases never reach the model; they get this segment (id = k). */
  readonly noPurchase: {
    readonly id: number;
    readonly key?: SegmentKey;
    readonly name: string;
    readonly description: string;
  };
}

// ---- intent (owned by the intent trainer: models/intent) ----

/**
 * The intent classifier: `features` float32 [1, D] = `intentFeatures(text, tokenizer)` in, `probabilities`
 * float32 [1, C] (calibrated, in `labels` order) out. Metrics: accuracy and macroF1 on the held-out test
 * rows of the shipped model's own data, measured on this file through onnxruntime-web.
 */
export interface IntentEntry extends ModelEntryBase {
  readonly kind: 'intent';
  /** The same graph with int8 weights (one scale per intent, dequantized once when the session is created); same inputs, outputs and threshold. */
  readonly int8?: ModelVariant;
  /** Training hyper-parameters (buckets, epochs, learning rate, L2, seed, ...), for reproducing the file. */
  readonly params?: Readonly<Record<string, number | string>>;
  /** Tokenizer settings; the worker must build the input with exactly these (models/features/tokenizer). */
  readonly tokenizer: import('./tokenizer').TokenizerSpec;
  /** Intent names in output order. */
  readonly labels: readonly string[];
  /**
   * A message whose top probability is below this is out of scope. Rule (`params.thresholdRule`):
   * max-balanced-accuracy (in-scope acceptance vs out-of-scope rejection on validation data) or,
   * without out-of-scope data, in-scope-acceptance-0.95.
   */
  readonly threshold: number;
  /** Measured share of in-scope validation messages at or above `threshold`. */
  readonly acceptance: number;
  /** Calibration temperature T, already folded into the weights (informational; do not apply again). */
  readonly temperature: number;
  /** Per-intent reference answers (JSON {@link IntentAnswers}), with their license notice. */
  readonly answers?: {
    readonly file: string;
    /** Lower-case hex sha256 of the answers file. */
    readonly sha256: string;
    readonly bytes: number;
    /** SPDX-style name of the license the answers carry (e.g. CDLA-Sharing-1.0). */
    readonly license: string;
  };
}

/**
 * The whole manifest. The trainer merges each task's entry into it and recomputes `version` from
 * every entry's hashes; the committed one always has all three entries.
 */
export interface Manifest {
  /** Version tag of this artifact set; reports carry it so aggregates can be split by model. */
  readonly version: string;
  readonly createdAt: string;
  readonly models: {
    readonly recommend: RecommendEntry;
    readonly segment?: SegmentEntry;
    readonly intent?: IntentEntry;
  };
}

/** The license block carried by the answers file. */
export interface AnswersLicense {
  readonly name: string;
  readonly url?: string;
  readonly attribution?: string;
  readonly source?: string;
  readonly notice: string;
}

/** Contents of `intent-answers.json`, written by the intent trainer and read by the worker's templates. */
export interface IntentAnswers {
  readonly format: 'confide-intent-answers/2';
  readonly license: AnswersLicense;
  /** How the answers were chosen. */
  readonly selection: string;
  /** Per intent: the answers and the `{{slots}}` they use, which the site fills in. */
  readonly intents: Readonly<
    Record<string, { readonly answers: readonly string[]; readonly slots: readonly string[] }>
  >;
}
