/**
 * The CLI on small files in layouts unlike the defaults: recommend and segment from a ';'-separated
 * interaction export with epoch-second times, intent from a tiny labelled CSV. Checks cleaning,
 * determinism, manifest merging across tasks, the report's shape and the errors for bad input.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Catalog, Manifest } from '../features/manifest';
import { sha256Hex } from './artifacts';
import { loadData } from './data-source';
import { DataError, UsageError } from './errors';
import { runEvaluate } from './evaluate-cli';
import { readRecommendWeights } from './onnx-weights';
import { createRecommendSession } from './ort-node';
import { runTrain } from './train-cli';

const dir = mkdtempSync(join(tmpdir(), 'confide-train-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const quiet = (): void => {};

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
// Regular purchases: 12 customers × 3 days over 12 products, so each has a held-out invoice and
// the validation split (second-to-last invoice) has one too.
const regular: string[] = [];
for (let u = 0; u < 12; u++) {
  for (let d = 0; d < 3; d++) {
    for (let j = 0; j < 3; j++) {
      const item = 10001 + ((u + d * 3 + j) % 12);
      regular.push(
        `u${u};${item};${T0 + d * 7 * DAY + u * 60};${1 + (u % 3)};B${u}${d};${(1 + (item % 5)).toFixed(2)}`,
      );
    }
  }
}
const interactions = join(dir, 'tiny.csv');
writeFileSync(interactions, `${['customer;sku;when;qty;order;price', ...special, ...regular].join('\n')}\n`);

// A tiny intents file: three intents, another layout (tab-separated, own column names).
const intents = ['message\tlabel'];
const phrasing: Record<string, string[]> = {
  track_order: [
    'where is my order',
    'track my parcel',
    'has my package shipped',
    'when will my order arrive',
  ],
  refund: ['i want my money back', 'refund please', 'how do i get a refund', 'return this for a refund'],
  greeting: ['hello there', 'hi', 'good morning', 'hey how are you'],
};
for (let r = 0; r < 5; r++) {
  for (const [label, texts] of Object.entries(phrasing)) {
    for (const t of texts)
      intents.push(`${t}${r ? ` ${['now', 'today', 'thanks', 'ok'][r - 1]}` : ''}\t${label}`);
  }
}
const intentsFile = join(dir, 'intents.tsv');
writeFileSync(intentsFile, `${intents.join('\n')}\n`);

const interactionFlags = [
  '--interactions',
  interactions,
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
];
// Every recommender parameter fixed, except λ: a two-value search keeps the test fast and still tunes.
const recommendFlags = [
  ...interactionFlags,
  ...['--items', '10', '--lambda', '5,50', '--text-weight', '0', '--half-life', '14', '--rank', '0'],
  ...['--neighbours', '3'],
];
const segmentFlags = [...interactionFlags, '--k-min', '2', '--k-max', '3'];
const intentFlags = ['--train', intentsFile, '--text-col', 'message', '--label-col', 'label'];

function readManifest(out: string): Manifest {
  return JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
}

describe('train CLI on small files in other layouts', () => {
  it('applies every cleaning rule once and counts the garbage rows', async () => {
    const d = await loadData({
      file: interactions,
      columns: {
        user: 'customer',
        item: 'sku',
        time: 'when',
        quantity: 'qty',
        invoice: 'order',
        price: 'price',
      },
      itemPattern: /^\d{5}$/,
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

  it('recommend: writes a valid ONNX model, catalog and manifest, byte-identical across runs', async () => {
    const out1 = join(dir, 'rec1');
    const out2 = join(dir, 'rec2');
    const logs: string[] = [];
    const r1 = await runTrain(['--task', 'recommend', ...recommendFlags, '--out', out1], (l) => logs.push(l));
    await runTrain(['--task', 'recommend', ...recommendFlags, '--out', out2], quiet);
    expect(r1?.recommend?.evaluation.tuning.trials.some((t) => t.stage === 'lambda')).toBe(true);
    expect(logs.join('\n')).toContain('rows kept');

    const manifest = readManifest(out1);
    const rec = manifest.models.recommend;
    const onnx = readFileSync(join(out1, 'recommend.onnx'));
    const catalogText = readFileSync(join(out1, 'catalog.json'), 'utf8');
    expect(Object.keys(manifest.models)).toEqual(['recommend']);
    expect(manifest.version).toMatch(/^confide-\d{8}-[0-9a-f]{8}$/);
    expect(rec.sha256).toBe(sha256Hex(onnx));
    expect(rec.bytes).toBe(onnx.byteLength);
    expect(rec.catalogSha256).toBe(sha256Hex(catalogText));
    expect((JSON.parse(catalogText) as Catalog).items).toHaveLength(10);
    expect(rec.inputs).toEqual([{ name: 'interactions', type: 'float32', shape: [1, 10] }]);
    expect(rec.k).toBe(10);
    expect(rec.metrics.evaluatedUsers).toBeGreaterThan(0);
    expect(rec.data).toContain('tiny.csv');
    expect(rec.params?.algorithm).toBe('ease-text-dense');
    for (const f of ['manifest.json', 'recommend.onnx', 'recommend-int8.onnx', 'catalog.json']) {
      expect(readFileSync(join(out2, f)).equals(readFileSync(join(out1, f))), f).toBe(true);
    }

    const w = readRecommendWeights(onnx);
    expect([w.opset, w.irVersion, w.k, w.model.size]).toEqual([13, 8, 10, 10]);
    const session = await createRecommendSession(onnx);
    const cold = await session.run(new Float32Array(10));
    await session.release();
    expect([...cold.indices].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('segment and intent merge into the manifest; the version follows every entry', async () => {
    const out = join(dir, 'merged');
    await runTrain(['--task', 'recommend', ...recommendFlags, '--out', out], quiet);
    const v1 = readManifest(out).version;
    const seg = await runTrain(['--task', 'segment', ...segmentFlags, '--out', out], quiet);
    const afterSegment = readManifest(out);
    expect(Object.keys(afterSegment.models)).toEqual(['recommend', 'segment']);
    expect(afterSegment.models.segment?.sha256).toBe(sha256Hex(readFileSync(join(out, 'segment.onnx'))));
    expect(seg?.segment?.report.k).toBeGreaterThanOrEqual(2);
    expect(afterSegment.version).not.toBe(v1);

    await runTrain(['--task', 'intent', ...intentFlags, '--out', out], quiet);
    const afterIntent = readManifest(out);
    expect(Object.keys(afterIntent.models)).toEqual(['recommend', 'segment', 'intent']);
    expect(afterIntent.models.recommend).toEqual(afterSegment.models.recommend);
    expect(afterIntent.models.segment).toEqual(afterSegment.models.segment);
    expect(afterIntent.models.intent?.labels).toEqual(['greeting', 'refund', 'track_order']);
    expect(afterIntent.createdAt).toBe(afterSegment.createdAt);
    expect(afterIntent.version).not.toBe(afterSegment.version);
  });

  it('evaluate writes report.json in the docs/architecture.md shape for every task', async () => {
    const out = join(dir, 'report');
    const report = await runEvaluate(
      ['--task', 'all', ...recommendFlags, '--k-min', '2', '--k-max', '3', ...intentFlags, '--out', out],
      quiet,
    );
    const json = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Record<string, unknown>;
    expect(json).toEqual(JSON.parse(JSON.stringify(report)));
    const metricKeys = ['coverage', 'map10', 'ndcg10', 'precision10', 'recall10'];
    const rec = json.recommend as Record<string, Record<string, unknown>>;
    expect(Object.keys(rec.fp32 ?? {}).sort()).toEqual(metricKeys);
    expect(Object.keys(rec.int8 ?? {}).sort()).toEqual(metricKeys);
    expect(Object.keys(rec.baselines ?? {}).sort()).toEqual(['itemknn', 'popularity']);
    // The segment task ran first, so the recommender's audit also groups its customers by segment.
    const audits = rec.audit as unknown as {
      metric: string;
      by: string;
      groups: { group: string; n: number }[];
    }[];
    expect(audits.map((a) => `${a.metric} by ${a.by}`)).toEqual([
      'NDCG@10 by history size',
      'Recall@10 by history size',
      'NDCG@10 by segment',
      'Recall@10 by segment',
    ]);
    const bySegment = audits[2]?.groups ?? [];
    expect(bySegment.length).toBeGreaterThan(0);
    expect(bySegment.reduce((s, g) => s + g.n, 0)).toBe(audits[0]?.groups.reduce((s, g) => s + g.n, 0));
    expect(Object.keys(json.segment as object).sort()).toEqual([
      'daviesBouldin',
      'k',
      'methods',
      'silhouette',
      'stabilityARI',
    ]);
    const methods = (json.segment as { methods: { methods: { method: string }[]; choice: object } }).methods;
    expect(methods.methods.map((m) => m.method)).toEqual(['kmeans++', 'gmm-diag', 'ward']);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('### Segment method comparison');
    const shipped = json.intentShipped as Record<string, Record<string, number>>;
    expect(Object.keys(shipped).sort()).toEqual(['fp32', 'int8']);
    expect(shipped.fp32?.accuracy).toBeGreaterThan(0);
    expect(json.intent).toBeUndefined(); // no benchmark for a site's own intent data
    expect(typeof json.protocol).toBe('string');
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('| baseline: item-kNN (cosine) |');
  });

  it('fails with typed errors that name the file and line', async () => {
    await expect(runTrain(['--items', 'many'], quiet)).rejects.toThrow(UsageError);
    await expect(runTrain(['--bogus'], quiet)).rejects.toThrow(UsageError);
    await expect(runTrain(['--task', 'nope'], quiet)).rejects.toThrow(/unknown --task/);
    await expect(runTrain(['--interactions', interactions, '--user-col', 'customer'], quiet)).rejects.toThrow(
      /--item-col/,
    );
    await expect(runTrain(['--task', 'intent', '--train', intentsFile], quiet)).rejects.toThrow(/--text-col/);
    const wrong = [
      '--interactions',
      interactions,
      '--user-col',
      'who',
      '--item-col',
      'sku',
      '--time-col',
      'when',
    ];
    for (const task of ['recommend', 'segment']) {
      const err = await runTrain(['--task', task, ...wrong], quiet).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DataError);
      expect((err as DataError).message).toMatch(/tiny\.csv:1: column "who" \(--user-col\) not found/);
    }
    const badIntent = [
      '--task',
      'intent',
      '--train',
      intentsFile,
      '--text-col',
      'message',
      '--label-col',
      'intent',
    ];
    const err = await runTrain([...badIntent, '--out', join(dir, 'bad')], quiet).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataError);
    expect((err as DataError).message).toMatch(/intents\.tsv:1: .*intent/);
    const absent = [
      '--task',
      'intent',
      '--train',
      join(dir, 'nope.csv'),
      '--text-col',
      'a',
      '--label-col',
      'b',
    ];
    const missing = await runTrain(absent, quiet).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(DataError);
    expect((missing as DataError).message).toContain('nope.csv');
  });
});
