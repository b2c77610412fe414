/**
 * The segmenter on the real artifacts, fetched from the real sync server app (in process, through
 * Hono's request API standing in for the network), sha256-checked and run in onnxruntime-web under
 * Node: the rule for browsing visitors, the model from the first purchase on, agreement with the
 * TypeScript reference of the graph, int8 against fp32, and damaged inputs.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clusterOfItem,
  itemClusterMap,
  type SegmentEntry,
  type SegmentItemsFile,
  segmentFeatures,
  segmentInputsFromEvents,
} from '../../models/features';
import { readSegmentParams } from '../../models/segment/onnx-read';
import { segmentReference } from '../../models/segment/reference';
import { mulberry32, type Rng, randomInt } from '../../models/src/rng';
import { createApp, openStore as openServerStore, type Store as ServerStore } from '../../sync-server';
import {
  type LoadedModel,
  loadManifest,
  loadModelFile,
  loadVerifiedFile,
  loadVerifiedJson,
} from '../models/model-loader';
import type { TrackEvent } from '../protocol';
import { ModelError, ValidationError } from '../protocol';
import { emptyProfileState, foldEvent, rebuildProfile } from './profile';
import { createSegmenter, type Segmenter } from './segmenter';

const SERVER = 'http://confide.test';
const realFetch = globalThis.fetch;
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 0, 20, 15);
let dir: string;
let serverStore: ServerStore;
let entry: SegmentEntry;
let items: SegmentItemsFile;
let int8: LoadedModel<SegmentEntry>;
let fp32: LoadedModel<SegmentEntry>;
let seg8: Segmenter;
let seg32: Segmenter;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'confide-segment-'));
  await cp('models/artifacts', dir, { recursive: true });
  serverStore = await openServerStore({ sqlitePath: ':memory:' });
  await serverStore.migrate();
  const app: Hono = createApp({
    store: serverStore,
    widgetDir: dir,
    modelsDir: dir,
    publicOrigins: [SERVER],
    log: () => {},
  });
  globalThis.fetch = async (input: string | URL | Request, init?: RequestInit) =>
    app.request(String(input), init);
  const manifest = await loadManifest(SERVER);
  if (!manifest.models.segment) throw new Error('the committed manifest has no segment model');
  entry = manifest.models.segment;
  items = await loadVerifiedJson<SegmentItemsFile>(SERVER, entry.items, entry.itemsSha256);
  int8 = await loadModelFile(SERVER, entry);
  const bytes = await loadVerifiedFile(SERVER, entry.file, entry.sha256);
  fp32 = { entry, file: entry.file, sha256: entry.sha256, bytes };
  [seg8, seg32] = await Promise.all([createSegmenter(int8, items), createSegmenter(fp32, items)]);
});

afterAll(async () => {
  globalThis.fetch = realFetch;
  await serverStore.close();
  await rm(dir, { recursive: true, force: true });
});

const ev = (type: TrackEvent['type'], props: TrackEvent['props'], ts: number, id: string): TrackEvent => ({
  type,
  props,
  ts,
  id,
});

/** A buyer: 1–30 purchase lines over up to a year, catalog items mostly, some unknown with titles. */
function buyer(rand: Rng, ids: readonly string[], h: number): TrackEvent[] {
  const lines = h === 0 ? 1 : 1 + randomInt(rand, 30);
  const span = (h % 4 === 0 ? 20 : 365) * DAY;
  return Array.from({ length: lines }, (_, i) => {
    const unknown = rand() < 0.15;
    const props: Record<string, string | number> = {
      item: unknown ? `NEW-${randomInt(rand, 50)}` : (ids[randomInt(rand, ids.length)] as string),
      price: Math.round((0.4 + rand() * (h % 5 === 0 ? 60 : 8)) * 100) / 100,
      quantity: 1 + randomInt(rand, h % 3 === 0 ? 48 : 6),
    };
    if (unknown && rand() < 0.6) props.title = 'WHITE HANGING HEART T-LIGHT HOLDER';
    return ev('purchase', props, NOW - Math.floor(rand() * span), `h${h}-${i}`);
  });
}

describe('segmenter on the shipped artifacts', () => {
  it('loads the int8 model and builds vectors as long as the manifest input', () => {
    expect(seg8.file).toBe(entry.int8?.file ?? entry.file);
    const state = rebuildProfile([ev('purchase', { item: 'X', price: 3 }, NOW, 'p')], seg8.clusterOf);
    expect(seg8.features(state, NOW)).toHaveLength(entry.inputs[0]?.shape[1] ?? -1);
    expect(entry.features.names).toHaveLength(entry.inputs[0]?.shape[1] ?? -1);
  });

  it('gives a browsing visitor the rule segment', async () => {
    const ids = items.clusters[3]?.split(' ') ?? [];
    const state = rebuildProfile(
      [ev('page_view', { path: '/' }, NOW - 60_000, 'a'), ev('item_view', { item: ids[0] ?? '' }, NOW, 'b')],
      seg8.clusterOf,
    );
    const s = await seg8.segment(state, NOW);
    expect(s).toMatchObject({ id: entry.k, name: 'browsing visitor', source: 'rule', confidence: 1 });
    expect(s.name).toBe(entry.noPurchase.name);
    expect(s.reason).toBe(
      `No purchase on this device yet; 1 product viewed, mostly ${entry.features.clusters.labels[3]}`,
    );
    expect((await seg8.segment(emptyProfileState(), NOW)).reason).toBe('No purchase on this device yet');
  });

  it('moves the visitor to a model segment with the first purchase event', async () => {
    const id = items.clusters[3]?.split(' ')[0] ?? '';
    let state = rebuildProfile([ev('item_view', { item: id }, NOW - 60_000, 'a')], seg8.clusterOf);
    expect((await seg8.segment(state, NOW)).source).toBe('rule');
    state = foldEvent(
      state,
      ev('purchase', { item: id, price: 2.95, quantity: 2 }, NOW, 'b'),
      seg8.clusterOf,
    );
    const s = await seg8.segment(state, NOW);
    expect(s.source).toBe('model');
    expect(s.id).toBeGreaterThanOrEqual(0);
    expect(s.id).toBeLessThan(entry.k);
    expect(s.name).toBe(entry.segments[s.id]?.name);
    expect(s.description).toBe(entry.segments[s.id]?.description);
    expect(s.confidence).toBeGreaterThan(1 / entry.k);
    expect(s.confidence).toBeLessThanOrEqual(1);
    expect(s.reason).toBe(`1 order today, mostly ${entry.features.clusters.labels[3]}`);
  });

  it('says how many orders, how recent and what kind, from the visitor figures', async () => {
    const [a, b] = [items.clusters[4]?.split(' ')[0] ?? '', items.clusters[7]?.split(' ')[0] ?? ''];
    const state = rebuildProfile([
      ev('purchase', { item: a, price: 2 }, NOW - 10 * DAY, 'a'),
      ev('purchase', { item: b, price: 2 }, NOW - 3 * DAY, 'b'),
    ]);
    const labels = entry.features.clusters.labels;
    expect((await seg8.segment(state, NOW)).reason).toBe(
      `2 orders, the last one 3 days ago, mostly ${labels[4]} and ${labels[7]}`,
    );
    const more = foldEvent(state, ev('purchase', { item: b, price: 2 }, NOW - 3 * DAY - 60_000, 'c'));
    expect((await seg8.segment(more, NOW)).reason).toBe(
      `2 orders, the last one 3 days ago, mostly ${labels[7]}`,
    );
    const mixed = rebuildProfile(
      [1, 4, 7, 9].map((c, i) =>
        ev('purchase', { item: items.clusters[c]?.split(' ')[0] ?? '' }, NOW - (i + 1) * 2 * DAY, `m${i}`),
      ),
    );
    expect((await seg8.segment(mixed, NOW)).reason).toBe(
      `4 orders, the last one 2 days ago, a mix, most often ${labels[1]}`,
    );
  });

  for (const kind of ['int8', 'fp32'] as const) {
    it(`${kind}: the ONNX segment equals the TypeScript reference on generated visitors`, async () => {
      const s = kind === 'int8' ? seg8 : seg32;
      const params = readSegmentParams((kind === 'int8' ? int8 : fp32).bytes).params;
      const ids = [...itemClusterMap(items.clusters).keys()];
      const rand = mulberry32(kind === 'int8' ? 8 : 32);
      const reached = new Set<number>();
      for (let h = 0; h < 60; h++) {
        const state = rebuildProfile(buyer(rand, ids, h), s.clusterOf);
        const x = s.features(state, NOW, 0) as Float32Array;
        const ref = segmentReference(x, params);
        const got = await s.segment(state, NOW, 0);
        expect(got.source).toBe('model');
        expect(got.id).toBe(ref.segment);
        expect(Math.abs(got.confidence - (ref.confidence[ref.segment] ?? Number.NaN))).toBeLessThan(1e-4);
        reached.add(got.id);
      }
      expect(reached.size).toBeGreaterThan(1);
    });
  }

  it('int8 agrees with fp32 except on borderline visitors, and both see the trainer features', async () => {
    const ids = [...itemClusterMap(items.clusters).keys()];
    const map = itemClusterMap(items.clusters);
    const params32 = readSegmentParams(fp32.bytes).params;
    const rand = mulberry32(77);
    let same = 0;
    const n = 200;
    for (let h = 0; h < n; h++) {
      const events = buyer(rand, ids, h);
      const state = rebuildProfile(events, seg8.clusterOf);
      const offset = [0, 60, -300][h % 3] as number;
      const trainer = segmentFeatures(segmentInputsFromEvents(events).purchases, NOW, entry.features, {
        items: map,
        utcOffsetMinutes: offset,
      });
      const served = seg8.features(state, NOW, offset) ?? [];
      expect(served).toHaveLength(trainer?.length ?? -1);
      // Spend is summed in another order, so allow float32 rounding; the rest is exact.
      trainer?.forEach((v, i) => {
        expect(Math.abs((served[i] ?? Number.NaN) - v)).toBeLessThanOrEqual(Math.abs(v) * 1e-6);
      });
      const [a, b] = await Promise.all([seg8.segment(state, NOW, offset), seg32.segment(state, NOW, offset)]);
      if (a.id === b.id) {
        same++;
        continue;
      }
      // A disagreement is only allowed where fp32 itself hesitates between the two segments.
      const conf = segmentReference(Float32Array.from(served), params32).confidence;
      expect(Math.abs((conf[a.id] ?? 0) - (conf[b.id] ?? 1))).toBeLessThan(0.05);
    }
    expect(same / n).toBeGreaterThanOrEqual(0.97);
  });

  it('finds clusters with the shared rule: items file first, then the title', () => {
    const map = itemClusterMap(items.clusters);
    const table = entry.features.clusters;
    for (const id of [...map.keys()].slice(0, 500)) {
      expect(seg8.clusterOf(id)).toBe(map.get(id));
      expect(seg8.clusterOf(id, 'CHRISTMAS TREE')).toBe(map.get(id));
    }
    for (const title of ['HEART CANDLE HOLDER', 'GLASS NECKLACE', 'xyz', '']) {
      const c = clusterOfItem('NOT-IN-FILE', title, table);
      expect(seg8.clusterOf('NOT-IN-FILE', title)).toBe(c >= 0 ? c : undefined);
    }
  });

  it('measures the segment run in Node (reported, not asserted)', async () => {
    const state = rebuildProfile(buyer(mulberry32(5), [...itemClusterMap(items.clusters).keys()], 1));
    const times: number[] = [];
    for (let i = 0; i < 300; i++) {
      const t = performance.now();
      await seg8.segment(state, NOW);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const q = (p: number) => (times[Math.floor(p * (times.length - 1))] ?? 0).toFixed(3);
    console.log(`segment (features + int8 ONNX run + reason) in Node: p50 ${q(0.5)} ms, p95 ${q(0.95)} ms`);
    expect(times).toHaveLength(300);
  });
});

describe('damaged inputs', () => {
  it('refuses an items file without a cluster list', async () => {
    for (const bad of [null, {}, { version: 1, clusters: 'a b' }]) {
      await expect(createSegmenter(int8, bad as unknown as SegmentItemsFile)).rejects.toBeInstanceOf(
        ModelError,
      );
    }
  });

  it('skips non-string entries and groups beyond the clusters; unlisted items fall back to titles', async () => {
    const labels = entry.features.clusters.labels;
    const damaged = { version: 1, clusters: [42, ...items.clusters.slice(1), 'EXTRA-1 EXTRA-2'] };
    const s = await createSegmenter(int8, damaged as unknown as SegmentItemsFile);
    const lost = items.clusters[0]?.split(' ')[0] ?? '';
    expect(s.clusterOf(lost)).toBeUndefined();
    expect(s.clusterOf('EXTRA-1')).toBeUndefined();
    expect(s.clusterOf(items.clusters[5]?.split(' ')[0] ?? '')).toBe(5);
    const c = clusterOfItem(lost, 'HEART CANDLE HOLDER', entry.features.clusters);
    expect(s.clusterOf(lost, 'HEART CANDLE HOLDER')).toBe(c);
    // Unknown items without titles: the affinity prior stands in, and the model still runs.
    const state = rebuildProfile(
      [ev('purchase', { item: 'EXTRA-1', price: 5 }, NOW - DAY, 'p')],
      s.clusterOf,
    );
    const x = s.features(state, NOW) as Float32Array;
    expect(Array.from(x.slice(x.length - labels.length))).toEqual(
      Array.from(Float32Array.from(entry.features.affinityPrior)),
    );
    expect((await s.segment(state, NOW)).source).toBe('model');
  });

  it('refuses a manifest whose input width does not match its feature spec', async () => {
    const wrong = { ...entry, inputs: [{ name: 'features', type: 'float32' as const, shape: [1, 18] }] };
    await expect(createSegmenter({ ...int8, entry: wrong }, items)).rejects.toMatchObject({
      name: 'ModelError',
      code: 'model_unavailable',
    });
  });

  it('refuses a profile built with another order gap', async () => {
    const state = rebuildProfile([ev('purchase', { item: 'A', price: 1 }, NOW, 'p')], undefined, 30);
    await expect(seg8.segment(state, NOW)).rejects.toBeInstanceOf(ValidationError);
    expect(seg8.orderGapMinutes).toBe(entry.features.orderGapMinutes);
  });
});
