/**
 * Loads the three models and their files from one manifest, lazily and once each, and keeps each
 * one's state for the status. A model that fails (404, hash mismatch, runtime error) is reported
 * with its reason and retried on the next request; the others keep working.
 *
 * The hub knows files, not what a model is for: turning a verified file into a recommender, a
 * segmenter or an intent classifier belongs to personalization and chat, and is handed in as
 * {@link ModelBuilders} by the engine, so this layer never imports the layers above it.
 */
import type {
  Catalog,
  Manifest,
  ModelEntryBase,
  ModelVariant,
  SegmentItemsFile,
} from '../../models/features';
import { ModelError } from '../protocol';
import { type LoadedModel, loadManifest, loadModelFile, loadVerifiedJson } from './model-loader';

/** The models the hub manages. */
export type ModelKind = 'recommend' | 'segment' | 'intent';

/** Load state of one model. */
export type ModelState = 'idle' | 'loading' | 'ready' | 'unavailable';

/** What each model kind becomes once built. */
export type ModelSet = { readonly [K in ModelKind]: unknown };

/** The manifest and the verified files a builder reads. */
export interface ModelFiles {
  manifest(): Promise<Manifest>;
  catalog(): Promise<Catalog>;
  segmentItems(): Promise<SegmentItemsFile>;
  /** The model file a manifest entry names (int8 when there is one), sha256-verified. */
  load<E extends ModelEntryBase & { readonly int8?: ModelVariant }>(entry: E): Promise<LoadedModel<E>>;
}

/** How each model kind is built from its files (typically a dynamic import and a factory call). */
export type ModelBuilders<M extends ModelSet> = {
  readonly [K in ModelKind]: (files: ModelFiles) => Promise<M[K]>;
};

/** The hub. */
export interface ModelHub<M extends ModelSet = ModelSet> {
  manifest(): Promise<Manifest>;
  catalog(): Promise<Catalog>;
  segmentItems(): Promise<SegmentItemsFile>;
  recommender(): Promise<M['recommend']>;
  segmenter(): Promise<M['segment']>;
  intent(): Promise<M['intent']>;
  /**
   * Starts loading every model in the background (right after consent, so the first answer is warm):
   * the recommender and the segmenter first, then the intent model.
   */
  warm(): void;
  state(kind: ModelKind): ModelState;
  reason(kind: ModelKind): string | undefined;
  /** Forgets everything loaded (revocation). */
  reset(): void;
}

/** Creates a hub for one sync server. */
export function createModelHub<M extends ModelSet>(
  serverUrl: string,
  builders: ModelBuilders<M>,
): ModelHub<M> {
  let manifestP: Promise<Manifest> | null = null;
  let catalogP: Promise<Catalog> | null = null;
  let itemsP: Promise<SegmentItemsFile> | null = null;
  const loading = new Map<ModelKind, Promise<unknown>>();
  const states = new Map<ModelKind, ModelState>();
  const reasons = new Map<ModelKind, string>();

  const manifest = (): Promise<Manifest> => {
    manifestP ??= loadManifest(serverUrl).catch((e: unknown) => {
      manifestP = null;
      throw e;
    });
    return manifestP;
  };

  const retryable = <T>(make: () => Promise<T>, clear: () => void): Promise<T> =>
    make().catch((e: unknown) => {
      clear();
      throw e;
    });

  const catalog = (): Promise<Catalog> => {
    catalogP ??= retryable(
      async () => {
        const entry = (await manifest()).models.recommend;
        return loadVerifiedJson<Catalog>(serverUrl, entry.catalog, entry.catalogSha256);
      },
      () => {
        catalogP = null;
      },
    );
    return catalogP;
  };

  const segmentItems = (): Promise<SegmentItemsFile> => {
    itemsP ??= retryable(
      async () => {
        const entry = (await manifest()).models.segment;
        if (!entry) throw new ModelError('model_unavailable', 'the manifest names no segment model');
        return loadVerifiedJson<SegmentItemsFile>(serverUrl, entry.items, entry.itemsSha256);
      },
      () => {
        itemsP = null;
      },
    );
    return itemsP;
  };

  function track<T>(kind: ModelKind, make: () => Promise<T>): Promise<T> {
    const existing = loading.get(kind) as Promise<T> | undefined;
    if (existing) return existing;
    states.set(kind, 'loading');
    const p = make().then(
      (v) => {
        states.set(kind, 'ready');
        reasons.delete(kind);
        return v;
      },
      (e: unknown) => {
        states.set(kind, 'unavailable');
        reasons.set(kind, e instanceof Error ? e.message : String(e));
        loading.delete(kind);
        throw e;
      },
    );
    loading.set(kind, p);
    return p;
  }

  const files: ModelFiles = {
    manifest,
    catalog,
    segmentItems,
    load: (entry) => loadModelFile(serverUrl, entry),
  };
  const recommender = () => track('recommend', () => builders.recommend(files));
  const segmenter = () => track('segment', () => builders.segment(files));
  const intent = () => track('intent', () => builders.intent(files));

  return {
    manifest,
    catalog,
    segmentItems,
    recommender,
    segmenter,
    intent,
    warm() {
      // What the page shows first (recommendations, the segment) first: the intent session is
      // created after them, so it never delays them; a message sent earlier loads it at once anyway.
      void Promise.allSettled([recommender(), segmenter()]).then(() => intent().catch(() => undefined));
    },
    state: (kind) => states.get(kind) ?? 'idle',
    reason: (kind) => reasons.get(kind),
    reset() {
      manifestP = null;
      catalogP = null;
      itemsP = null;
      loading.clear();
      states.clear();
      reasons.clear();
    },
  };
}
