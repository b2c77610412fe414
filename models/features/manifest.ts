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
  /** Training hyper-parameters (e.g. items, neighbours, beta, seed), for reproducing the file. */
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
}

/** The catalog file. */
export interface Catalog {
  readonly currency: string;
  readonly items: readonly CatalogItem[];
}

// ---- segment (owned by the segment trainer: models/segment) ----

/** The segmenter: behavioural feature vector in, segment id and per-segment confidence out. */
export interface SegmentEntry extends ModelEntryBase {
  readonly kind: 'segment';
  readonly int8?: ModelVariant;
  readonly params?: Readonly<Record<string, number | string>>;
  /** Names, order and meaning of the input features; the worker builds them with models/features. */
  readonly features: Readonly<Record<string, unknown>>;
  /** One entry per segment id, in id order. */
  readonly segments: readonly { readonly id: number; readonly name: string; readonly description: string }[];
}

// ---- intent (owned by the intent trainer: models/intent) ----

/** The intent classifier: hashed n-grams of a chat message in, intent probabilities out. */
export interface IntentEntry extends ModelEntryBase {
  readonly kind: 'intent';
  readonly int8?: ModelVariant;
  readonly params?: Readonly<Record<string, number | string>>;
  /** Tokenizer settings (n-gram ranges, hash buckets); the worker tokenizes with models/features. */
  readonly tokenizer: Readonly<Record<string, unknown>>;
  /** Intent names in output order. */
  readonly labels: readonly string[];
  /** Below this top probability a message is out of scope. */
  readonly threshold: number;
}

/** The whole manifest. */
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
