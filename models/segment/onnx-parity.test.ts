/**
 * Train/serve parity: vectors built by the shared `segmentFeatures`, run through the exported graph in
 * onnxruntime-web (as the worker runs it), give the TypeScript reference's segment and confidences.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../features/manifest';
import {
  itemClusterMap,
  type SegmentItemsFile,
  type SegmentPurchase,
  segmentFeatures,
} from '../features/segment-features';
import { sha256Hex } from '../src/artifacts';
import { REPO_ROOT } from '../src/data-source';
import { IR_VERSION, OPSET } from '../src/onnx-export';
import { mulberry32, randomInt } from '../src/rng';
import { fitSegments } from './fit-segments';
import { exportSegmentOnnx } from './onnx-graph';
import { readSegmentParams } from './onnx-read';
import { createSegmentSession } from './ort-session';
import { segmentReference } from './reference';
import { SYNTHETIC_NOW, SYNTHETIC_TITLES, syntheticRows } from './test-data';

const fit = fitSegments(syntheticRows(150), { seed: 11, kMin: 2, kMax: 4 });
const items = itemClusterMap(fit.itemGroups);
const DAY = 86_400_000;

/** 80 visitor histories (some with unknown items, odd prices, extreme spend, a first purchase now). */
function sampleInputs(): Float32Array[] {
  const rand = mulberry32(2024);
  const histories: SegmentPurchase[][] = [[{ item: '10000', ts: SYNTHETIC_NOW, quantity: 1, price: 5 }]];
  histories.push([
    { item: 'NEW', ts: SYNTHETIC_NOW - DAY, quantity: 5000, price: 200, title: 'Giant candle' },
  ]);
  for (let h = 0; h < 78; h++) {
    histories.push(
      Array.from({ length: 1 + randomInt(rand, 12) }, () => {
        const t = randomInt(rand, SYNTHETIC_TITLES.length);
        return {
          item: rand() < 0.1 ? 'UNKNOWN' : String(10000 + t),
          ts: SYNTHETIC_NOW - Math.floor(rand() * 400 * DAY),
          quantity: 1 + randomInt(rand, 30),
          price: rand() < 0.1 ? null : 0.5 + rand() * 20,
        };
      }),
    );
  }
  return histories.map((p) =>
    Float32Array.from(segmentFeatures(p, SYNTHETIC_NOW, fit.spec, { items }) ?? new Float64Array()),
  );
}

describe('segment ONNX', () => {
  const inputs = sampleInputs();

  for (const weights of ['fp32', 'int8'] as const) {
    it(`${weights}: onnxruntime-web equals the TS reference (segment, confidences within 1e-4)`, async () => {
      const bytes = exportSegmentOnnx(fit.params, weights);
      const shipped = readSegmentParams(bytes);
      expect(shipped.weights).toBe(weights);
      expect([shipped.opset, shipped.irVersion]).toEqual([OPSET, IR_VERSION]);
      const session = await createSegmentSession(bytes);
      try {
        for (const x of inputs) {
          const out = await session.run(x);
          const ref = segmentReference(x, shipped.params);
          expect(out.segment).toBe(ref.segment);
          expect(out.confidence.length).toBe(fit.params.k);
          ref.confidence.forEach((c, s) => {
            expect(Math.abs(c - (out.confidence[s] ?? Number.NaN))).toBeLessThan(1e-4);
          });
        }
      } finally {
        await session.release();
      }
    });
  }

  it('the sample reaches more than one segment', () => {
    expect(new Set(inputs.map((x) => segmentReference(x, fit.params).segment)).size).toBeGreaterThan(1);
  });

  it('int8 keeps ≥ 99% of assignments', () => {
    const q = readSegmentParams(exportSegmentOnnx(fit.params, 'int8')).params;
    let same = 0;
    for (const x of inputs)
      if (segmentReference(x, q).segment === segmentReference(x, fit.params).segment) same++;
    expect(same / inputs.length).toBeGreaterThanOrEqual(0.99);
  });

  it('re-exporting the weights read back from a file gives the same bytes', () => {
    const bytes = exportSegmentOnnx(fit.params);
    expect(Buffer.from(exportSegmentOnnx(readSegmentParams(bytes).params)).equals(Buffer.from(bytes))).toBe(
      true,
    );
  });

  it('a first purchase lands in a buyer segment', () => {
    const first = inputs[0] as Float32Array;
    const seg = segmentReference(first, fit.params).segment;
    expect(seg).toBeGreaterThanOrEqual(0);
    expect(seg).toBeLessThan(fit.params.k);
  });
});

// CONFIDE_ARTIFACTS points the check at another artifact folder (e.g. a fresh `npm run train -- --out`).
const ART = process.env.CONFIDE_ARTIFACTS ?? join(REPO_ROOT, 'models/artifacts');
const manifestFile = join(ART, 'manifest.json');
const shipped = existsSync(manifestFile)
  ? (JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest).models.segment
  : undefined;

describe.skipIf(shipped === undefined)('committed segment artifacts', () => {
  const entry = shipped as NonNullable<typeof shipped>;

  it('match the manifest (sha256, shapes)', () => {
    expect(sha256Hex(readFileSync(join(ART, entry.file)))).toBe(entry.sha256);
    expect(sha256Hex(readFileSync(join(ART, entry.items)))).toBe(entry.itemsSha256);
    if (entry.int8) expect(sha256Hex(readFileSync(join(ART, entry.int8.file)))).toBe(entry.int8.sha256);
    expect(entry.inputs[0]?.shape).toEqual([1, entry.features.names.length]);
  });

  it('run in onnxruntime-web like the TS reference on vectors from the shipped spec', async () => {
    const itemsFile = JSON.parse(readFileSync(join(ART, entry.items), 'utf8')) as SegmentItemsFile;
    const shippedItems = itemClusterMap(itemsFile.clusters);
    const ids = [...shippedItems.keys()];
    const rand = mulberry32(7);
    const now = Date.UTC(2011, 11, 10);
    const vectors = Array.from({ length: 40 }, (_, h) =>
      Float32Array.from(
        segmentFeatures(
          Array.from({ length: h === 0 ? 1 : 1 + randomInt(rand, 20) }, () => ({
            item: ids[randomInt(rand, ids.length)] as string,
            ts: h === 0 ? now : now - Math.floor(rand() * 365 * DAY),
            quantity: 1 + randomInt(rand, 24),
            price: 0.5 + rand() * 10,
          })),
          now,
          entry.features,
          { items: shippedItems },
        ) ?? [],
      ),
    );
    for (const file of [entry.file, ...(entry.int8 ? [entry.int8.file] : [])]) {
      const bytes = readFileSync(join(ART, file));
      const params = readSegmentParams(bytes).params;
      const session = await createSegmentSession(bytes);
      try {
        for (const x of vectors) {
          const out = await session.run(x);
          const ref = segmentReference(x, params);
          expect(out.segment).toBe(ref.segment);
          ref.confidence.forEach((c, s) => {
            expect(Math.abs(c - (out.confidence[s] ?? Number.NaN))).toBeLessThan(1e-4);
          });
        }
      } finally {
        await session.release();
      }
    }
    // vectors[0] is a single purchase made "now": a buyer segment, not the no-purchase id k.
    expect(
      segmentReference(
        vectors[0] as Float32Array,
        readSegmentParams(readFileSync(join(ART, entry.file))).params,
      ).segment,
    ).toBeLessThan(entry.k);
  });
});
