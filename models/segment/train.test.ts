import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../src/artifacts';
import { SEGMENT_FILES } from './entry';
import { SegmentError } from './errors';
import { fitSegments } from './fit-segments';
import { syntheticRows } from './test-data';
import { trainSegment } from './train';

const rows = syntheticRows(150);
const quiet = (): void => {};
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function trainInTemp(seed: number) {
  const dir = await mkdtemp(join(tmpdir(), 'confide-segment-'));
  dirs.push(dir);
  const result = await trainSegment({
    rows,
    description: 'synthetic',
    seed,
    kMin: 2,
    kMax: 4,
    outDir: dir,
    int8: true,
    log: quiet,
  });
  return { dir, result };
}

describe('trainSegment', () => {
  it('writes the files, the entry and the report', async () => {
    const { dir, result } = await trainInTemp(3);
    const { entry, report } = result;
    expect(result.files.map((f) => f.name)).toEqual([
      SEGMENT_FILES.model,
      SEGMENT_FILES.modelInt8,
      SEGMENT_FILES.items,
    ]);
    expect(entry?.kind).toBe('segment');
    expect(entry?.opset).toBe(13);
    expect(sha256Hex(await readFile(join(dir, SEGMENT_FILES.model)))).toBe(entry?.sha256);
    expect(sha256Hex(await readFile(join(dir, SEGMENT_FILES.items)))).toBe(entry?.itemsSha256);
    expect(entry?.inputs[0]?.shape).toEqual([1, entry?.features.names.length]);
    expect(entry?.outputs.map((o) => [o.name, o.type, o.shape])).toEqual([
      ['segment', 'int64', [1]],
      ['confidence', 'float32', [1, report.k]],
    ]);
    expect(entry?.segments.map((s) => s.id)).toEqual(Array.from({ length: report.k }, (_, i) => i));
    expect(entry?.noPurchase.id).toBe(report.k);
    expect(entry?.int8?.metrics.agreementWithFp32).toBeGreaterThanOrEqual(0.99);
    // Three planted customer kinds: the fit should find them cleanly.
    expect(report.k).toBe(3);
    expect(report.silhouette).toBeGreaterThan(0.3);
    expect(report.stabilityARI).toBeGreaterThan(0.9);
    expect(report.daviesBouldin).toBeGreaterThan(0);
    expect(report.details.onnxReferenceAgreement).toBe(1);
  });

  it('is deterministic: the same seed gives identical ONNX bytes', async () => {
    const a = await trainInTemp(5);
    const b = await trainInTemp(5);
    for (const name of Object.values(SEGMENT_FILES)) {
      const x = await readFile(join(a.dir, name));
      const y = await readFile(join(b.dir, name));
      expect(x.equals(y), name).toBe(true);
    }
  });

  it('returns no entry and writes nothing without outDir', async () => {
    const r = await trainSegment({
      rows,
      description: 'x',
      seed: 1,
      kMin: 2,
      kMax: 3,
      int8: false,
      log: quiet,
    });
    expect(r.entry).toBeUndefined();
    expect(r.files).toEqual([]);
    expect(r.report.details.int8Agreement).toBeUndefined();
  });
});

describe('bad input', () => {
  it('too few users for the k range → typed error', () => {
    const err = (() => {
      try {
        fitSegments(syntheticRows(10), { seed: 1, kMin: 3, kMax: 8 });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(SegmentError);
    expect((err as SegmentError).code).toBe('too_few_users');
  });

  it('a bad k range → typed error', async () => {
    await expect(
      trainSegment({ rows, description: 'x', seed: 1, kMin: 1, int8: false, log: quiet }),
    ).rejects.toMatchObject({
      code: 'bad_options',
    });
    expect(() => fitSegments(rows, { seed: 1, kMin: 5, kMax: 4 })).toThrow(SegmentError);
  });

  it('identical customers cannot be split → typed error', () => {
    const same = Array.from({ length: 20 }, (_, u) => ({
      user: `U${u}`,
      item: '10000',
      ts: Date.UTC(2011, 0, 1),
      quantity: 1,
      price: 1,
      title: 'RED LUNCH BAG',
      invoice: `I${u}`,
      line: u + 2,
    }));
    expect(() => fitSegments(same, { seed: 1, kMin: 2, kMax: 3 })).toThrow(/distinct feature vectors/);
  });
});
