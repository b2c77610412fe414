/**
 * Train/serve parity: an exported intent graph run in onnxruntime-web, as the worker runs it, must
 * agree with the TypeScript reference on inputs built by the shared `intentFeatures`: same class and
 * probabilities within 1e-4, for fp32 and for int8 (against its own dequantized weights).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../features/manifest';
import { DEFAULT_TOKENIZER, intentFeatures, type TokenizerSpec } from '../features/tokenizer';
import { sha256Hex } from '../src/artifacts';
import { REPO_ROOT } from '../src/data-source';
import { INTENT_FILES } from './artifacts';
import { exportIntentOnnx, readIntentWeights } from './onnx-intent';
import { createIntentSession } from './ort-intent';
import { argmax, denseProbabilities, type SoftmaxModel } from './softmax-model';
import { mulberry32 } from './split';

const MESSAGES = [
  'where is my order?',
  'I want a refund for order 12345',
  'Can I talk to a human please',
  'how do i change my shipping address',
  'cancel my purchase',
  'my payment didn’t go through!!',
  'Do you ship to Canada?',
  'what is the weather today',
  'hello',
  '',
  'Je voudrais annuler ma commande',
  'ＲＥＦＵＮＤ asap',
  'newsletter unsubscribe',
  'i forgot my password and can not log in',
  'invoice for last month',
];

async function expectParity(bytes: Uint8Array, texts: readonly string[]): Promise<void> {
  const w = readIntentWeights(bytes);
  expect([w.opset, w.irVersion]).toEqual([13, 8]);
  const session = await createIntentSession(bytes);
  try {
    for (const text of texts) {
      const x = intentFeatures(text, w.tokenizer);
      const got = await session.run(x);
      const want = denseProbabilities(w.model, x);
      expect(got.length).toBe(w.labels.length);
      expect(argmax(got)).toBe(argmax(want));
      got.forEach((p, i) => {
        expect(Math.abs(p - (want[i] ?? Number.NaN))).toBeLessThan(1e-4);
      });
    }
  } finally {
    await session.release();
  }
}

/** A random model whose weights span several orders of magnitude, as trained ones do. */
function randomModel(d: number, c: number, seed: number): SoftmaxModel {
  const rand = mulberry32(seed);
  return {
    inputs: d,
    classes: c,
    weights: Float32Array.from({ length: d * c }, () => (rand() - 0.5) * 10 ** (rand() * 2 - 1)),
    bias: Float32Array.from({ length: c }, () => rand() - 0.5),
  };
}

describe('exporter on an arbitrary model', () => {
  const tokenizer: TokenizerSpec = { ...DEFAULT_TOKENIZER, buckets: 1024 };
  const labels = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
  const model = randomModel(1024, labels.length, 5);

  for (const weights of ['fp32', 'int8', 'int4'] as const) {
    it(`${weights}: ONNX equals the TS reference on intentFeatures inputs`, async () => {
      const bytes = exportIntentOnnx(model, { labels, tokenizer, weights });
      const w = readIntentWeights(bytes);
      expect(w.labels).toEqual(labels);
      expect(w.tokenizer).toEqual(tokenizer);
      expect(w.weights).toBe(weights);
      if (weights === 'fp32') expect(w.model.weights).toEqual(model.weights);
      await expectParity(bytes, MESSAGES);
    });
  }

  it('writes the same bytes for the same model, and int8 is about 4× smaller', () => {
    const a = exportIntentOnnx(model, { labels, tokenizer, weights: 'int8' });
    const b = exportIntentOnnx(model, { labels, tokenizer, weights: 'int8' });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const fp32 = exportIntentOnnx(model, { labels, tokenizer, weights: 'fp32' });
    expect(a.byteLength).toBeLessThan(fp32.byteLength / 3);
  });

  it('int4 is about half the size of int8 and rounds each weight to within half a step', () => {
    const int8 = exportIntentOnnx(model, { labels, tokenizer, weights: 'int8' });
    const int4 = exportIntentOnnx(model, { labels, tokenizer, weights: 'int4' });
    // Half a byte per weight saved, less the unpacking nodes (about 600 bytes).
    expect(int8.byteLength - int4.byteLength).toBeGreaterThan(((1024 * labels.length) / 2) * 0.75);
    const back = readIntentWeights(int4).model.weights;
    for (let j = 0; j < labels.length; j++) {
      let max = 0;
      for (let i = 0; i < 1024; i++) max = Math.max(max, Math.abs(model.weights[i * labels.length + j] ?? 0));
      for (let i = 0; i < 1024; i++) {
        const k = i * labels.length + j;
        expect(Math.abs((back[k] ?? 0) - (model.weights[k] ?? 0))).toBeLessThanOrEqual((max / 7) * 0.5001);
      }
    }
    expect(() => exportIntentOnnx(randomModel(1023, 7, 1), { labels, tokenizer, weights: 'int4' })).toThrow(
      /even/,
    );
  });

  it('rejects a label list that does not match the classes', () => {
    expect(() => exportIntentOnnx(model, { labels: ['x'], tokenizer, weights: 'fp32' })).toThrow(RangeError);
  });
});

const ART = join(REPO_ROOT, 'models/artifacts');
const shipped = [INTENT_FILES.model, INTENT_FILES.modelInt8].filter((f) => existsSync(join(ART, f)));

describe.skipIf(shipped.length === 0)('committed intent artifacts', () => {
  for (const file of shipped) {
    it(`${file}: ONNX equals the TS reference, with the default tokenizer`, async () => {
      const bytes = readFileSync(join(ART, file));
      expect(readIntentWeights(bytes).tokenizer).toEqual(DEFAULT_TOKENIZER);
      await expectParity(bytes, MESSAGES);
    });
  }

  const manifestPath = join(ART, 'manifest.json');
  const manifest = existsSync(manifestPath)
    ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as Partial<Manifest>)
    : undefined;
  const entry = manifest?.models?.intent;
  it.skipIf(!entry)('match the manifest entry (sha256, sizes, labels)', () => {
    if (!entry) return;
    const bytes = readFileSync(join(ART, entry.file));
    expect(sha256Hex(bytes)).toBe(entry.sha256);
    expect(bytes.byteLength).toBe(entry.bytes);
    expect(readIntentWeights(bytes).labels).toEqual(entry.labels);
    if (entry.int8) expect(sha256Hex(readFileSync(join(ART, entry.int8.file)))).toBe(entry.int8.sha256);
    if (entry.answers)
      expect(sha256Hex(readFileSync(join(ART, entry.answers.file)))).toBe(entry.answers.sha256);
  });
});
