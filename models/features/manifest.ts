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

/** The whole manifest. */
export interface Manifest {
  /** Version tag of this artifact set; reports carry it so aggregates can be split by model. */
  readonly version: string;
  readonly createdAt: string;
  readonly models: {
    readonly recommend: RecommendEntry;
  };
}
