/**
 * Train/serve parity: the committed artifact, run in onnxruntime-web exactly as the worker runs it,
 * must agree with the TypeScript reference on inputs built by the shared `interactionVector`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  catalogIndex,
  type Interaction,
  type InteractionType,
  interactionVector,
} from '../features/interactions';
import type { Catalog, Manifest } from '../features/manifest';
import { ARTIFACT_FILES, sha256Hex } from './artifacts';
import { REPO_ROOT } from './data-source';
import { trainItemKnn } from './item-knn';
import { exportRecommendOnnx } from './onnx-export';
import { readRecommendWeights } from './onnx-weights';
import { createRecommendSession } from './ort-node';
import { PRIOR_WEIGHT, recommendReference, topK } from './reference-scorer';

const ART = join(REPO_ROOT, 'models/artifacts');
const manifest = JSON.parse(readFileSync(join(ART, ARTIFACT_FILES.manifest), 'utf8')) as Manifest;
const rec = manifest.models.recommend;
const catalogText = readFileSync(join(ART, rec.catalog), 'utf8');
const catalog = JSON.parse(catalogText) as Catalog;
const ids = catalog.items.map((i) => i.id);
const index = catalogIndex(ids);
const N = ids.length;
const DAY = 86_400_000;
const NOW = Date.UTC(2011, 11, 10);
const TYPES: InteractionType[] = ['item_view', 'add_to_cart', 'purchase'];

/** Small deterministic PRNG (mulberry32) so the sample is the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 50 visitor histories of 1–8 events (some for items the model does not know), as vectors. */
function sampleInputs(count = 50): Float32Array[] {
  const rand = rng(20111209);
  return Array.from({ length: count }, () => {
    const events: Interaction[] = Array.from({ length: 1 + Math.floor(rand() * 8) }, () => ({
      type: TYPES[Math.floor(rand() * 3)] as InteractionType,
      item: rand() < 0.1 ? 'UNKNOWN' : (ids[Math.floor(rand() * N)] as string),
      ts: NOW - Math.floor(rand() * 120 * DAY),
    }));
    return interactionVector(events, index, N, NOW, rec.features);
  });
}

describe('committed recommend artifacts', () => {
  it('match the manifest (sha256, sizes, shapes)', () => {
    const onnx = readFileSync(join(ART, rec.file));
    expect(sha256Hex(onnx)).toBe(rec.sha256);
    expect(onnx.byteLength).toBe(rec.bytes);
    expect(sha256Hex(catalogText)).toBe(rec.catalogSha256);
    expect(rec.inputs[0]?.shape).toEqual([1, N]);
    expect(manifest.version).toMatch(/^[A-Za-z0-9.+_-]{1,40}$/);
    if (rec.int8) expect(sha256Hex(readFileSync(join(ART, rec.int8.file)))).toBe(rec.int8.sha256);
  });

  it('were written by the current exporter (re-export of their weights is byte-identical)', () => {
    const onnx = readFileSync(join(ART, rec.file));
    const w = readRecommendWeights(onnx);
    expect(w.beta).toBeCloseTo(PRIOR_WEIGHT, 9);
    expect(Buffer.from(exportRecommendOnnx(w.model, { k: w.k })).equals(onnx)).toBe(true);
  });

  const variants = [rec.file, ...(rec.int8 ? [rec.int8.file] : [])];
  for (const file of variants) {
    it(`${file}: ONNX top-K equals the TS reference on 50 interactionVector inputs`, async () => {
      const bytes = readFileSync(join(ART, file));
      const w = readRecommendWeights(bytes);
      expect([w.opset, w.irVersion, w.k, w.model.size]).toEqual([13, 8, rec.k, N]);
      const session = await createRecommendSession(bytes);
      try {
        for (const x of sampleInputs()) {
          const got = await session.run(x);
          const want = recommendReference(x, w.model, w.k, w.beta);
          expect(got.indices).toEqual(want.indices);
          got.scores.forEach((s, i) => {
            expect(Math.abs(s - (want.scores[i] ?? Number.NaN))).toBeLessThan(1e-4);
          });
          // Seen items are masked: with at most 8 seen of 200, none may come back.
          for (const i of got.indices) expect(x[i]).toBe(0);
        }
        // No history: pure popularity order, ties to the lower index.
        const cold = await session.run(new Float32Array(N));
        expect(cold.indices).toEqual(topK(w.model.popularity, w.k).indices);
        const pops = cold.indices.map((i) => w.model.popularity[i] ?? 0);
        expect(pops).toEqual([...pops].sort((a, b) => b - a));
      } finally {
        await session.release();
      }
    });
  }
});

describe('exporter on an arbitrary model', () => {
  it('agrees with the reference for another catalog size and k', async () => {
    const rand = rng(7);
    const n = 37;
    const sets = Array.from({ length: 60 }, () =>
      [...new Set(Array.from({ length: 1 + Math.floor(rand() * 6) }, () => Math.floor(rand() * n)))].sort(
        (a, b) => a - b,
      ),
    );
    const model = trainItemKnn(sets, n, { neighbours: 5 });
    for (const weights of ['fp32', 'int8'] as const) {
      const bytes = exportRecommendOnnx(model, { k: 5, weights });
      const w = readRecommendWeights(bytes);
      const session = await createRecommendSession(bytes);
      try {
        for (let t = 0; t < 20; t++) {
          const x = new Float32Array(n).map(() => (rand() < 0.1 ? rand() * 10 : 0));
          const got = await session.run(x);
          const want = recommendReference(x, w.model, 5, w.beta);
          expect(got.indices).toEqual(want.indices);
          got.scores.forEach((s, i) => {
            expect(Math.abs(s - (want.scores[i] ?? Number.NaN))).toBeLessThan(1e-4);
          });
        }
      } finally {
        await session.release();
      }
    }
  });

  it('rejects k outside 1..N', () => {
    const model = trainItemKnn([[0, 1]], 2, { neighbours: 1 });
    expect(() => exportRecommendOnnx(model, { k: 3 })).toThrow(RangeError);
  });
});
