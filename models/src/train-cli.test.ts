import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Catalog, Manifest } from '../features/manifest';
import { sha256Hex } from './artifacts';
import { loadData } from './data-source';
import { DataError, UsageError } from './errors';
import { readRecommendWeights } from './onnx-weights';
import { createRecommendSession } from './ort-node';
import { runTrain } from './train-cli';

const dir = mkdtempSync(join(tmpdir(), 'confide-train-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DAY = 86_400;
const T0 = 1_700_000_000; // epoch seconds

// A layout unlike UCI: ';'-separated, epoch seconds, different names and column order.
const special = [
  `c1;10001;${T0};2;A1;1.50`,
  `c1;10001;${T0};2;A1;1.50`, // exact duplicate
  `;10002;${T0};1;A2;2.00`, // no customer
  `c2;10003;${T0};1;C9;3.00`, // cancellation
  `c2;10004;${T0};0;A3;3.00`, // quantity 0
  `c2;10005;${T0};-4;A3;3.00`, // negative quantity
  `c3;POST;${T0};1;A4;18.00`, // postage, not a product
  `c3;10006;${T0};1;A4;0`, // free line
  `c3;10007;yesterday;1;A4;1.00`, // garbage time
  `c3;10008;${T0};lots;A4;1.00`, // garbage quantity
];
// Regular purchases: 8 customers × 2 days over 12 products, so each has a held-out invoice.
const regular: string[] = [];
for (let u = 0; u < 8; u++) {
  for (let d = 0; d < 2; d++) {
    for (let j = 0; j < 3; j++) {
      const item = 10001 + ((u + d * 3 + j) % 12);
      regular.push(`u${u};${item};${T0 + d * 7 * DAY + u * 60};1;B${u}${d};${(1 + (item % 5)).toFixed(2)}`);
    }
  }
}
const csv = ['customer;sku;when;qty;order;price', ...special, ...regular].join('\n');
const data = join(dir, 'tiny.csv');
writeFileSync(data, `${csv}\n`);

const flags = [
  '--task',
  'recommend',
  '--interactions',
  data,
  '--user-col',
  'customer',
  '--item-col',
  'sku',
  '--time-col',
  'when',
  '--qty-col',
  'qty',
  '--invoice-col',
  'order',
  '--price-col',
  'price',
  '--items',
  '10',
  '--neighbours',
  '3',
];

describe('train CLI on a tiny CSV in another layout', () => {
  it('applies every cleaning rule once and counts the garbage rows', async () => {
    const d = await loadData({
      file: data,
      columns: {
        user: 'customer',
        item: 'sku',
        time: 'when',
        quantity: 'qty',
        invoice: 'order',
        price: 'price',
      },
    });
    expect(d.skipped).toBe(2);
    expect(d.clean).toEqual({
      input: special.length - 2 + regular.length,
      missingUser: 1,
      cancelled: 1,
      nonPositiveQuantity: 2,
      nonProductCode: 1,
      nonPositivePrice: 1,
      duplicate: 1,
      kept: 1 + regular.length,
    });
  });

  it('writes a valid ONNX model, catalog and manifest, byte-identical across runs', async () => {
    const out1 = join(dir, 'out1');
    const out2 = join(dir, 'out2');
    const logs: string[] = [];
    const r1 = await runTrain([...flags, '--out', out1], (l) => logs.push(l));
    await runTrain([...flags, '--out', out2], () => {});
    expect(r1).not.toBeNull();
    expect(logs.join('\n')).toContain('rows kept');

    const manifest = JSON.parse(readFileSync(join(out1, 'manifest.json'), 'utf8')) as Manifest;
    const rec = manifest.models.recommend;
    const onnx = readFileSync(join(out1, 'recommend.onnx'));
    const catalogText = readFileSync(join(out1, 'catalog.json'), 'utf8');
    const catalog = JSON.parse(catalogText) as Catalog;
    expect(manifest.version).toMatch(/^[A-Za-z0-9.+_-]{1,40}$/);
    expect(rec.sha256).toBe(sha256Hex(onnx));
    expect(rec.bytes).toBe(onnx.byteLength);
    expect(rec.catalogSha256).toBe(sha256Hex(catalogText));
    expect(catalog.items).toHaveLength(10);
    expect(rec.inputs).toEqual([{ name: 'interactions', type: 'float32', shape: [1, 10] }]);
    expect(rec.k).toBe(10);
    expect(rec.metrics.evaluatedUsers).toBeGreaterThan(0);
    expect(rec.data).toContain('tiny.csv');
    for (const f of ['manifest.json', 'recommend.onnx', 'recommend-int8.onnx', 'catalog.json']) {
      expect(readFileSync(join(out2, f)).equals(readFileSync(join(out1, f))), f).toBe(true);
    }

    const w = readRecommendWeights(onnx);
    expect([w.opset, w.irVersion, w.k, w.model.size]).toEqual([13, 8, 10, 10]);
    const session = await createRecommendSession(onnx);
    const got = await session.run(new Float32Array(10));
    await session.release();
    expect(got.indices).toHaveLength(10);
    expect([...got.indices].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('fails with typed errors on bad flags and bad input', async () => {
    const quiet = (): void => {};
    await expect(runTrain(['--items', 'many'], quiet)).rejects.toThrow(UsageError);
    await expect(runTrain(['--bogus'], quiet)).rejects.toThrow(UsageError);
    await expect(runTrain(['--task', 'segment'], quiet)).rejects.toThrow(/not implemented/);
    await expect(runTrain(['--interactions', data, '--user-col', 'customer'], quiet)).rejects.toThrow(
      /--item-col/,
    );
    const wrong = ['--interactions', data, '--user-col', 'who', '--item-col', 'sku', '--time-col', 'when'];
    const err = await runTrain(wrong, quiet).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataError);
    expect((err as DataError).code).toBe('missing_column');
    expect((err as DataError).message).toMatch(/tiny\.csv:1: column "who" \(--user-col\) not found/);
  });
});
