/**
 * Out-of-scope data: topic sorting, the topic split between exposure and validation, and the
 * calibration that uses them (on a tiny synthetic model, so every figure can be checked by hand).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SparseFeatures } from '../features/tokenizer';
import { BANKING77_AMBIGUOUS_TOPICS, BANKING77_SHOP_TOPICS } from './banking77-scope';
import { BANKING77_OUT_OF_SCOPE, BITEXT_DEFAULTS } from './defaults';
import { fitCalibration } from './fit-calibration';
import { loadOutOfScope, type OutOfScopeSource } from './out-of-scope';
import { readLabelledTexts } from './read-texts';
import type { SoftmaxModel } from './softmax-model';

const dir = mkdtempSync(join(tmpdir(), 'confide-oos-'));
const write = (name: string, rows: [string, string][]): string => {
  const file = join(dir, name);
  writeFileSync(file, `text,category\n${rows.map(([t, c]) => `"${t}",${c}`).join('\n')}\n`);
  return file;
};
const topics = ['atm', 'pin', 'exchange', 'top_up', 'transfer', 'crypto'];
const rows = (tag: string): [string, string][] => [
  ...topics.flatMap((t) => [1, 2].map((i): [string, string] => [`${tag} ${t} message ${i}`, t])),
  [`${tag} where is my refund`, 'refund_missing'],
  [`${tag} unknown charge`, 'odd_charge'],
  [`${tag} close my account`, 'terminate'],
];

const source = (over: Partial<OutOfScopeSource> = {}): OutOfScopeSource => ({
  train: write('train.csv', rows('train')),
  test: write('test.csv', [...rows('test'), ['test a topic only in the test file', 'brand_new']]),
  textCol: 'text',
  labelCol: 'category',
  // `terminate` maps to an intent the model lacks, so it must end up ambiguous.
  inScope: { refund_missing: 'track_refund', terminate: 'delete_account' },
  ambiguous: ['odd_charge'],
  exposureShare: 0.5,
  citation: 'a test set',
  ...over,
});

describe('loadOutOfScope', () => {
  it('sorts topics, splits out-of-scope topics by seed and keeps test-only topics out of scope', async () => {
    const d = await loadOutOfScope(source(), ['track_refund', 'cancel_order'], 3);
    expect(d.exposureTopics).toHaveLength(3);
    expect(d.heldOutTopics).toHaveLength(3);
    expect([...d.exposureTopics, ...d.heldOutTopics].sort()).toEqual([...topics].sort());
    expect(d.exposure).toHaveLength(6);
    expect(d.validationOos).toHaveLength(6);
    for (const t of d.exposure) expect(d.exposureTopics.some((topic) => t.includes(topic))).toBe(true);
    expect(d.validationInScope).toEqual([expect.objectContaining({ label: 'track_refund' })]);
    expect(d.testInScope.map((r) => r.text)).toEqual(['test where is my refund']);
    expect(d.testAmbiguous.sort()).toEqual(['test close my account', 'test unknown charge']);
    expect(d.testOos).toHaveLength(13);
    expect(d.testOosUnseen).toHaveLength(7);
    expect(d.testOosUnseen).toContain('test a topic only in the test file');
    expect(d.description).toContain('a test set');
    expect(d.counts).toMatchObject({ inScopeTopics: 1, ambiguousTopics: 2, oosTopics: 6 });
    const again = await loadOutOfScope(source(), ['track_refund', 'cancel_order'], 3);
    expect(again.exposureTopics).toEqual(d.exposureTopics);
  });

  it('refuses a split that leaves one side without topics', async () => {
    await expect(loadOutOfScope(source({ exposureShare: 0.01 }), ['track_refund'], 1)).rejects.toMatchObject({
      code: 'no_rows',
    });
  });

  it('names only real BANKING77 topics and real Bitext intents', async () => {
    const categories = new Set(
      (await readLabelledTexts(BANKING77_OUT_OF_SCOPE.train, { text: 'text', label: 'category' })).rows.map(
        (r) => r.label,
      ),
    );
    const intents = new Set(
      (
        await readLabelledTexts(BITEXT_DEFAULTS.train, {
          text: BITEXT_DEFAULTS.textCol,
          label: BITEXT_DEFAULTS.labelCol,
        })
      ).rows.map((r) => r.label),
    );
    for (const [topic, intent] of Object.entries(BANKING77_SHOP_TOPICS)) {
      expect(categories.has(topic), topic).toBe(true);
      expect(intents.has(intent), intent).toBe(true);
    }
    for (const topic of BANKING77_AMBIGUOUS_TOPICS) expect(categories.has(topic), topic).toBe(true);
  });
});

describe('fitCalibration', () => {
  // Two intents over three features: feature 0 → intent 0, feature 1 → intent 1, feature 2 → neither.
  const model: SoftmaxModel = {
    inputs: 3,
    classes: 2,
    weights: Float32Array.from([4, -4, -4, 4, 0, 0]),
    bias: Float32Array.from([0, 0]),
  };
  const x = (pairs: [number, number][]): SparseFeatures => ({
    indices: Int32Array.from(pairs, (p) => p[0]),
    values: Float32Array.from(pairs, (p) => p[1]),
  });
  const val = { x: [x([[0, 1]]), x([[1, 1]]), x([[0, 1]]), x([[1, 1]])], y: Int32Array.from([0, 1, 0, 1]) };
  const real = {
    x: [
      x([
        [0, 0.3],
        [2, 0.9],
      ]),
      x([
        [1, 0.3],
        [2, 0.9],
      ]),
    ],
    y: Int32Array.from([0, 1]),
  };
  const oos = [x([[2, 1]]), x([[2, 1]])];

  it('uses the balanced rule with out-of-scope data, the 95% rule without', () => {
    const balanced = fitCalibration(model, { val, realInScope: real, outOfScope: oos });
    expect(balanced.rule).toBe('max-balanced-accuracy');
    // Out-of-scope rows sit at exactly 0.5 (flat); everything in scope is above it.
    expect(balanced.threshold).toBeGreaterThan(0.5);
    expect(balanced.acceptance).toBe(1);
    expect(balanced.validation).toMatchObject({ oosRejected: 1, realAccepted: 1, balancedAccuracy: 1 });

    const plain = fitCalibration(model, { val });
    expect(plain.rule).toBe('in-scope-acceptance-0.95');
    expect(plain.acceptance).toBeGreaterThanOrEqual(0.95);
    expect(plain.validation.outOfScope).toBeUndefined();
  });
});
