/**
 * Shared by the browser model tests (wasm and WebGPU): loads the three shipped models through the
 * worker's real loader (fetch + sha256), builds inputs with the shared feature module exactly as the
 * worker does, runs them through `worker/models/inference` and computes what the graphs must return with the
 * trainer's TypeScript references, read from the very bytes that were loaded.
 */
import {
  type Catalog,
  catalogIndex,
  type IntentEntry,
  type Interaction,
  intentFeatures,
  interactionVector,
  itemClusterMap,
  type Manifest,
  type RecommendEntry,
  type SegmentEntry,
  type SegmentItemsFile,
  type SegmentPurchase,
  segmentFeatures,
} from '../../models/features';
import { readIntentWeights } from '../../models/intent/onnx-intent';
import { argmax, denseProbabilities } from '../../models/intent/softmax-model';
import { readSegmentParams } from '../../models/segment/onnx-read';
import { segmentReference } from '../../models/segment/reference';
import { readRecommendWeights } from '../../models/src/onnx-weights';
import { recommendReference } from '../../models/src/reference-scorer';
import { mulberry32 } from '../../models/src/rng';
import {
  float32Tensor,
  type LoadedModel,
  loadManifest,
  loadModelFile,
  loadVerifiedJson,
  type ModelSession,
  sessionFor,
} from '../../worker/models';
import type { IntentSample } from './provide-fixtures';

const DAY_MS = 86_400_000;

/** The three verified model files plus the catalog and segment item map. */
export interface ShippedModels {
  readonly manifest: Manifest;
  readonly recommend: LoadedModel<RecommendEntry>;
  readonly segment: LoadedModel<SegmentEntry>;
  readonly intent: LoadedModel<IntentEntry>;
  readonly catalog: Catalog;
  readonly segmentItems: SegmentItemsFile;
}

/** Loads everything the manifest names for the three models from `server`. */
export async function loadShippedModels(server: string): Promise<ShippedModels> {
  const manifest = await loadManifest(server);
  const { recommend, segment, intent } = manifest.models;
  if (!segment || !intent) throw new Error('the manifest names no segment or intent model');
  const [r, s, i, catalog, segmentItems] = await Promise.all([
    loadModelFile(server, recommend),
    loadModelFile(server, segment),
    loadModelFile(server, intent),
    loadVerifiedJson<Catalog>(server, recommend.catalog, recommend.catalogSha256),
    loadVerifiedJson<SegmentItemsFile>(server, segment.items, segment.itemsSha256),
  ]);
  return { manifest, recommend: r, segment: s, intent: i, catalog, segmentItems };
}

/** One model's session and what it was given and must return. */
export interface Outputs {
  /** Recommend: top-K catalog indices per case, and their scores. */
  readonly recommend: { readonly indices: number[][]; readonly scores: number[][] };
  /** Segment: the segment id and the confidences per case. */
  readonly segment: { readonly ids: number[]; readonly confidence: number[][] };
  /** Intent: the probabilities per case. */
  readonly intent: { readonly probabilities: number[][] };
}

/** Inputs of every case, built once so wasm and WebGPU runs see the same ones. */
export interface Cases {
  readonly recommend: Float32Array[];
  readonly segment: Float32Array[];
  readonly intent: { readonly sample: IntentSample; readonly x: Float32Array }[];
}

/** Recommend and segment inputs from seeded synthetic visitors over the real catalog; intent from `samples`. */
export function buildCases(models: ShippedModels, samples: readonly IntentSample[], nowMs: number): Cases {
  const rand = mulberry32(7);
  const items = models.catalog.items;
  const pick = () => items[Math.floor(rand() * items.length)];
  const index = catalogIndex(items.map((i) => i.id));
  const recommend = Array.from({ length: 20 }, () => {
    const interactions: Interaction[] = Array.from({ length: 1 + Math.floor(rand() * 8) }, () => ({
      type: rand() < 0.7 ? 'item_view' : rand() < 0.5 ? 'add_to_cart' : 'purchase',
      item: pick()?.id ?? '',
      ts: nowMs - Math.floor(rand() * 60 * DAY_MS),
    }));
    return interactionVector(interactions, index, items.length, nowMs, models.recommend.entry.features);
  });
  // The cold visitor: popularity alone decides.
  recommend.push(new Float32Array(items.length));

  const clusters = itemClusterMap(models.segmentItems.clusters);
  const segment: Float32Array[] = [];
  for (let v = 0; v < 40; v++) {
    const purchases: SegmentPurchase[] = Array.from({ length: 1 + Math.floor(rand() * 12) }, () => {
      const item = pick();
      return {
        item: item?.id ?? '',
        ts: nowMs - Math.floor(rand() * (v % 4 === 0 ? 20 : 400) * DAY_MS),
        quantity: 1 + Math.floor(rand() * (v % 5 === 0 ? 200 : 6)),
        price: v % 7 === 0 ? null : (item?.price ?? 2),
      };
    });
    const x = segmentFeatures(purchases, nowMs, models.segment.entry.features, { items: clusters });
    if (x) segment.push(Float32Array.from(x));
  }
  const intent = samples.map((sample) => ({
    sample,
    x: intentFeatures(sample.text, models.intent.entry.tokenizer),
  }));
  return { recommend, segment, intent };
}

/** The three sessions, created through `worker/models/inference` (so on whatever backend it chose). */
export interface Sessions {
  readonly recommend: ModelSession;
  readonly segment: ModelSession;
  readonly intent: ModelSession;
}

/** Creates (or reuses) the sessions for the loaded files. */
export async function createSessions(models: ShippedModels): Promise<Sessions> {
  const [recommend, segment, intent] = await Promise.all(
    [models.recommend, models.segment, models.intent].map((m) => sessionFor(m.sha256, m.bytes)),
  );
  if (!recommend || !segment || !intent) throw new Error('a session is missing');
  return { recommend, segment, intent };
}

async function run(session: ModelSession, x: Float32Array): Promise<Record<string, ArrayLike<unknown>>> {
  const out = await session.run({
    [session.inputNames[0] ?? 'input']: await float32Tensor(x, [1, x.length]),
  });
  return Object.fromEntries(Object.entries(out).map(([name, t]) => [name, t.data as ArrayLike<unknown>]));
}

const numbers = (a: ArrayLike<unknown> | undefined): number[] => Array.from(a ?? [], (v) => Number(v));

/** Runs every case through the sessions. */
export async function runCases(sessions: Sessions, cases: Cases): Promise<Outputs> {
  const out: Outputs = {
    recommend: { indices: [], scores: [] },
    segment: { ids: [], confidence: [] },
    intent: { probabilities: [] },
  };
  for (const x of cases.recommend) {
    const r = await run(sessions.recommend, x);
    out.recommend.indices.push(numbers(r.indices));
    out.recommend.scores.push(numbers(r.scores));
  }
  for (const x of cases.segment) {
    const r = await run(sessions.segment, x);
    out.segment.ids.push(numbers(r.segment)[0] ?? -1);
    out.segment.confidence.push(numbers(r.confidence));
  }
  for (const { x } of cases.intent) {
    out.intent.probabilities.push(numbers((await run(sessions.intent, x)).probabilities));
  }
  return out;
}

/** What the graphs must return, from the TypeScript references on the loaded bytes. */
export function referenceOutputs(models: ShippedModels, cases: Cases): Outputs {
  const rw = readRecommendWeights(models.recommend.bytes);
  const sp = readSegmentParams(models.segment.bytes).params;
  const iw = readIntentWeights(models.intent.bytes);
  const rec = cases.recommend.map((x) => recommendReference(x, rw.model, rw.k, rw.beta));
  const seg = cases.segment.map((x) => segmentReference(x, sp));
  return {
    recommend: { indices: rec.map((r) => [...r.indices]), scores: rec.map((r) => [...r.scores]) },
    segment: { ids: seg.map((s) => s.segment), confidence: seg.map((s) => [...s.confidence]) },
    intent: { probabilities: cases.intent.map(({ x }) => [...denseProbabilities(iw.model, x)]) },
  };
}

/** Label of the most probable intent. */
export function topLabel(models: ShippedModels, probabilities: readonly number[]): string | undefined {
  return models.intent.entry.labels[argmax(probabilities)];
}

/** Largest absolute difference between two equally long number lists (Infinity when lengths differ). */
export function maxAbsDiff(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - (b[i] ?? Number.NaN))), 0);
}
