/**
 * Train/serve parity: the committed artifact, run in onnxruntime-web exactly as the worker runs it,
 * must agree with the TypeScript reference on inputs built by the shared `interactionVector`; and
 * the exporter must agree with the reference on freshly fitted models of every shape it writes.
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
import { easeWeights, gramMatrix } from './recommend/ease';
import { type FactorModel, fromItemKnn, lowRankModel } from './recommend/factor-model';
import { truncatedSvd } from './recommend/svd';
import { recommendReference, topK } from './reference-scorer';
import { mulberry32 } from './rng';

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

const rng = mulberry32;

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

/** Runs `bytes` on the inputs and checks top-K equality and scores within 1e-4 of the reference. */
async function expectParity(bytes: Uint8Array, inputs: Float32Array[]): Promise<void> {
  const w = readRecommendWeights(bytes);
  const session = await createRecommendSession(bytes);
  try {
    for (const x of inputs) {
      const got = await session.run(x);
      const want = recommendReference(x, w.model, w.k, w.beta);
      expect(got.indices).toEqual(want.indices);
      got.scores.forEach((s, i) => {
        expect(Math.abs(s - (want.scores[i] ?? Number.NaN))).toBeLessThan(1e-4);
      });
      const unseen = x.reduce((c, v) => c + (v > 0 ? 0 : 1), 0);
      // Seen items are masked: while enough unseen items exist, none comes back.
      if (unseen >= w.k) for (const i of got.indices) expect(x[i]).toBe(0);
    }
    // No history: pure popularity order, ties to the lower index.
    const cold = await session.run(new Float32Array(w.model.size));
    expect(cold.indices).toEqual(topK(w.model.popularity, w.k).indices);
  } finally {
    await session.release();
  }
}

describe('committed recommend artifacts', () => {
  it('match the manifest (sha256, sizes, shapes)', () => {
    const onnx = readFileSync(join(ART, rec.file));
    expect(sha256Hex(onnx)).toBe(rec.sha256);
    expect(onnx.byteLength).toBe(rec.bytes);
    expect(sha256Hex(catalogText)).toBe(rec.catalogSha256);
    expect(rec.inputs[0]?.shape).toEqual([1, N]);
    expect(rec.outputs.map((o) => [o.name, o.type])).toEqual([
      ['scores', 'float32'],
      ['indices', 'int64'],
    ]);
    expect(manifest.version).toMatch(/^[A-Za-z0-9.+_-]{1,40}$/);
    if (rec.int8) expect(sha256Hex(readFileSync(join(ART, rec.int8.file)))).toBe(rec.int8.sha256);
  });

  it('were written by the current exporter (re-export of their weights is byte-identical)', () => {
    const onnx = readFileSync(join(ART, rec.file));
    const w = readRecommendWeights(onnx);
    const again = exportRecommendOnnx(w.model, { k: w.k, beta: w.beta, algorithm: w.algorithm });
    expect(Buffer.from(again).equals(onnx)).toBe(true);
  });

  it('int8 variant is within 1% (relative) of fp32 on NDCG@10, as measured by the same run', () => {
    if (!rec.int8) return;
    const fp32 = rec.metrics.ndcg10 ?? 0;
    expect(Math.abs((rec.int8.metrics.ndcg10 ?? 0) - fp32)).toBeLessThanOrEqual(0.01 * fp32);
  });

  const variants = [rec.file, ...(rec.int8 ? [rec.int8.file] : [])];
  for (const file of variants) {
    it(`${file}: ONNX top-K equals the TS reference on 50 interactionVector inputs`, async () => {
      const bytes = readFileSync(join(ART, file));
      const w = readRecommendWeights(bytes);
      expect([w.opset, w.irVersion, w.k, w.model.size]).toEqual([13, 8, rec.k, N]);
      await expectParity(bytes, sampleInputs());
    });
  }
});

/** Random baskets over n items, each user inside one of 4 item groups (some co-purchase structure). */
function randomSets(n: number, users: number, rand: () => number): number[][] {
  return Array.from({ length: users }, () => {
    const group = Math.floor(rand() * 4);
    const items = Array.from(
      { length: 2 + Math.floor(rand() * 6) },
      () => (group + 4 * Math.floor(rand() * (n / 4))) % n,
    );
    return [...new Set(items)].sort((a, b) => a - b);
  });
}

describe('exporter on freshly fitted models', () => {
  const rand = rng(7);
  const n = 48;
  const sets = randomSets(n, 120, rand);
  const knn = fromItemKnn(trainItemKnn(sets, n, { neighbours: 5 }));
  const pop = knn.popularity;
  const b = easeWeights(gramMatrix(sets, n), n, { lambda: 5, textWeight: 0 });
  const lowRank = lowRankModel(truncatedSvd({ rows: n, cols: n, data: b }, { rank: 8, seed: 1 }), pop);
  const inputs = Array.from({ length: 20 }, () =>
    new Float32Array(n).map(() => (rand() < 0.1 ? rand() * 10 : 0)),
  );
  const models: [string, FactorModel][] = [
    ['item-kNN (one dense factor)', knn],
    ['EASE low rank (two factors)', lowRank],
  ];
  for (const [name, model] of models) {
    for (const weights of ['fp32', 'int8'] as const) {
      it(`${name}, ${weights}: same top-K as the reference, scores within 1e-4, identical bytes on re-export`, async () => {
        const bytes = exportRecommendOnnx(model, { k: 5, weights });
        expect(Buffer.from(exportRecommendOnnx(model, { k: 5, weights })).equals(Buffer.from(bytes))).toBe(
          true,
        );
        await expectParity(bytes, inputs);
      });
    }
  }

  it('rejects k outside 1..N and factors that do not chain', () => {
    expect(() => exportRecommendOnnx(knn, { k: n + 1 })).toThrow(RangeError);
    const broken: FactorModel = {
      ...lowRank,
      factors: [lowRank.factors[0] as FactorModel['factors'][number]],
    };
    expect(() => exportRecommendOnnx(broken, { k: 5 })).toThrow(RangeError);
  });
});
