/**
 * `trainIntent` end to end on a small slice of the Bitext data (every 12th row, all 27 intents), in a
 * different column layout than the original, with a small hash space so the suite stays fast.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TOKENIZER } from '../features/tokenizer';
import { sha256Hex } from '../src/artifacts';
import type { IntentAnswers } from './answers';
import { BANKING77_OUT_OF_SCOPE, BITEXT_DEFAULTS } from './defaults';
import { readLabelledTexts } from './read-texts';
import { type IntentTrainOptions, trainIntent } from './train-intent';

const dir = mkdtempSync(join(tmpdir(), 'confide-intent-train-'));
const quote = (s: string): string => `"${s.replaceAll('"', '""')}"`;
let trainFile = '';
let testFile = '';
let oosTrain = '';
let oosTest = '';

beforeAll(async () => {
  const all = await readLabelledTexts(BITEXT_DEFAULTS.train, {
    text: BITEXT_DEFAULTS.textCol,
    label: BITEXT_DEFAULTS.labelCol,
    answer: 'response',
  });
  const slice = all.rows.filter((_, i) => i % 12 === 0);
  const held = all.rows.filter((_, i) => i % 12 === 6);
  // Semicolon-delimited, columns reordered and renamed: the reader must map them by name.
  const rows = (r: typeof slice): string =>
    r.map((x) => [x.label, quote(x.text), quote(x.answer)].join(';')).join('\n');
  trainFile = join(dir, 'train.csv');
  testFile = join(dir, 'test.csv');
  writeFileSync(trainFile, `intent_name;utterance;reply\n${rows(slice)}\n`);
  writeFileSync(testFile, `intent_name;utterance;reply\n${rows(held)}\n`);
  // Every 8th BANKING77 message: all 77 topics, a fraction of the rows.
  const banking = async (file: string, name: string): Promise<string> => {
    const read = await readLabelledTexts(file, { text: 'text', label: 'category' });
    const out = join(dir, name);
    const body = read.rows.filter((_, i) => i % 8 === 0).map((r) => `${quote(r.text)},${r.label}`);
    writeFileSync(out, `text,category\n${body.join('\n')}\n`);
    return out;
  };
  oosTrain = await banking(BANKING77_OUT_OF_SCOPE.train, 'oos-train.csv');
  oosTest = await banking(BANKING77_OUT_OF_SCOPE.test, 'oos-test.csv');
});

const base = (outDir?: string): IntentTrainOptions => ({
  train: trainFile,
  test: testFile,
  textCol: 'utterance',
  labelCol: 'intent_name',
  answerCol: 'reply',
  seed: 7,
  int8: true,
  log: () => {},
  tokenizer: { ...DEFAULT_TOKENIZER, buckets: 2048 },
  ...(outDir ? { outDir } : {}),
});

describe('trainIntent', () => {
  it('writes artifacts whose entry binds them, with metrics, threshold and licensed answers', async () => {
    const out = join(dir, 'a');
    const r = await trainIntent(base(out));
    const e = r.entry;
    if (!e) throw new Error('no entry');
    expect(e.labels).toHaveLength(27);
    expect([e.kind, e.opset, e.file, e.int8?.file]).toEqual([
      'intent',
      13,
      'intent.onnx',
      'intent-int8.onnx',
    ]);
    expect(e.inputs).toEqual([{ name: 'features', type: 'float32', shape: [1, 2048] }]);
    expect(e.outputs).toEqual([{ name: 'probabilities', type: 'float32', shape: [1, 27] }]);
    expect(sha256Hex(readFileSync(join(out, e.file)))).toBe(e.sha256);
    expect(sha256Hex(readFileSync(join(out, 'intent-int8.onnx')))).toBe(e.int8?.sha256);
    expect(r.files.map((f) => f.name)).toEqual(['intent.onnx', 'intent-int8.onnx', 'intent-answers.json']);
    expect(e.threshold).toBeGreaterThan(0);
    expect(e.threshold).toBeLessThan(1);
    expect(e.metrics.accuracy).toBe(r.report.fp32.accuracy);

    expect(r.report.fp32.accuracy).toBeGreaterThan(0.8);
    expect(r.report.fp32.macroF1).toBeGreaterThan(0.75);
    expect(r.report.fp32.oosRecall).toBeUndefined();
    expect(Math.abs((r.report.int8?.accuracy ?? 0) - r.report.fp32.accuracy)).toBeLessThanOrEqual(0.02);
    expect(r.report.details.counts).toMatchObject({ train: 377, test: 376, intents: 27 });

    const answersText = readFileSync(join(out, 'intent-answers.json'), 'utf8');
    expect(sha256Hex(answersText)).toBe(e.answers?.sha256);
    const answers = JSON.parse(answersText) as IntentAnswers;
    expect(Object.keys(answers.intents)).toEqual(e.labels);
    for (const a of Object.values(answers.intents)) {
      expect(a.answers.length).toBeGreaterThanOrEqual(1);
      expect(a.answers.length).toBeLessThanOrEqual(3);
    }
    // Renamed slice, so not recognised as Bitext: the notice points at the source file's own license.
    expect(answers.license.notice).toContain('train.csv');
  });

  it('is deterministic: the same seed gives byte-identical files', async () => {
    const a = await trainIntent(base(join(dir, 'b1')));
    const b = await trainIntent(base(join(dir, 'b2')));
    expect(a.entry?.sha256).toBe(b.entry?.sha256);
    expect(a.entry?.int8?.sha256).toBe(b.entry?.int8?.sha256);
    expect(a.entry?.answers?.sha256).toBe(b.entry?.answers?.sha256);
  });

  it('with out-of-scope data: outlier exposure, the balanced rule and measured OOS recall', async () => {
    const plain = await trainIntent({ ...base(), int8: false });
    const r = await trainIntent({
      ...base(join(dir, 'oos')),
      outOfScope: { ...BANKING77_OUT_OF_SCOPE, train: oosTrain, test: oosTest },
    });
    const e = r.entry;
    if (!e) throw new Error('no entry');
    expect(e.params?.thresholdRule).toBe('max-balanced-accuracy');
    expect(e.params?.outlierWeight).toBe(1);
    expect(r.report.fp32.oosRecall).toBeGreaterThan(0.5);
    expect(e.metrics.oosRecall).toBe(r.report.fp32.oosRecall);
    for (const key of [
      'oosRecallUnseen',
      'realInScopeAccepted',
      'shopperAcceptedCorrect',
      'inScopeAccepted',
    ]) {
      expect(e.metrics[key], key).toBeGreaterThan(0);
      expect(e.int8?.metrics[key], key).toBeGreaterThan(0);
    }
    expect(e.acceptance).toBeGreaterThan(0.5);
    expect(e.acceptance).toBeLessThanOrEqual(1);
    expect(e.data).toContain('BANKING77');
    expect(r.report.details).toMatchObject({ thresholdRule: 'max-balanced-accuracy' });
    // Balanced rule, not 95% of near-copies: the threshold is far lower than the plain rule's.
    expect(e.threshold).toBeLessThan(Number(plain.report.details.threshold));
    expect(Math.abs((r.report.int8?.oosRecall ?? 0) - (r.report.fp32.oosRecall ?? 0))).toBeLessThanOrEqual(
      0.02,
    );
    expect(plain.report.details).toMatchObject({ thresholdRule: 'in-scope-acceptance-0.95' });
    expect(plain.report.fp32.oosRecall).toBeUndefined();
  });

  it('splits by seed when there is no test file, and skips int8 when asked', async () => {
    const r = await trainIntent({
      ...base(),
      test: undefined,
      split: 0.25,
      int8: false,
    } as IntentTrainOptions);
    expect(r.entry).toBeUndefined();
    expect(r.files).toEqual([]);
    expect(r.report.int8).toBeUndefined();
    expect(r.report.details.counts).toMatchObject({ test: 93, intents: 27 });
  });
});
