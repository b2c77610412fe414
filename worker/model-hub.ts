/**
 * Loads the three models and their files from one manifest, lazily and once each, and keeps each
 * one's state for the status. A model that fails (404, hash mismatch, runtime error) is reported
 * with its reason and retried on the next request; the others keep working.
 */
import type { Catalog, Manifest, SegmentItemsFile } from '../models/features';
import { ModelError } from './errors';
import type { IntentClassifier } from './intent';
import { loadManifest, loadModelFile, loadVerifiedJson } from './model-loader';
import type { Recommender } from './recommender';
import type { Segmenter } from './segmenter';

/** The models the hub manages. */
export type ModelKind = 'recommend' | 'segment' | 'intent';

/** Load state of one model. */
export type ModelState = 'idle' | 'loading' | 'ready' | 'unavailable';

/** The hub. */
export interface ModelHub {
  manifest(): Promise<Manifest>;
  catalog(): Promise<Catalog>;
  segmentItems(): Promise<SegmentItemsFile>;
  recommender(): Promise<Recommender>;
  segmenter(): Promise<Segmenter>;
  intent(): Promise<IntentClassifier>;
  /** Starts loading every model in the background (right after consent, so the first answer is warm). */
  warm(): void;
  state(kind: ModelKind): ModelState;
  reason(kind: ModelKind): string | undefined;
  /** Forgets everything loaded (revocation). */
  reset(): void;
}

/** Creates a hub for one sync server. */
export function createModelHub(serverUrl: string): ModelHub {
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

  // Each model module is imported lazily so onnxruntime-web is fetched only once a model is needed.
  const recommender = () =>
    track('recommend', async () => {
      const m = await manifest();
      const [loaded, cat, mod] = await Promise.all([
        loadModelFile(serverUrl, m.models.recommend),
        catalog(),
        import('./recommender'),
      ]);
      return mod.createRecommender(loaded, cat, m.version);
    });

  const segmenter = () =>
    track('segment', async () => {
      const entry = (await manifest()).models.segment;
      if (!entry) throw new ModelError('model_unavailable', 'the manifest names no segment model');
      const [loaded, items, mod] = await Promise.all([
        loadModelFile(serverUrl, entry),
        segmentItems(),
        import('./segmenter'),
      ]);
      return mod.createSegmenter(loaded, items);
    });

  const intent = () =>
    track('intent', async () => {
      const entry = (await manifest()).models.intent;
      if (!entry) throw new ModelError('model_unavailable', 'the manifest names no intent model');
      const [loaded, mod] = await Promise.all([loadModelFile(serverUrl, entry), import('./intent')]);
      return mod.createIntentClassifier(loaded);
    });

  return {
    manifest,
    catalog,
    segmentItems,
    recommender,
    segmenter,
    intent,
    warm() {
      for (const load of [recommender, segmenter, intent]) load().catch(() => undefined);
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
