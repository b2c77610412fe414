import { describe, expect, it } from 'vitest';
import type { SparseFeatures } from '../features/tokenizer';
import {
  acceptedShare,
  balancedAccuracy,
  fitTemperature,
  pickBalancedThreshold,
  pickThreshold,
  temperatureNll,
} from './calibrate';
import { accuracy, macroF1 } from './metrics';
import { dequantizeColumns, quantizeColumns } from './quantize-int8';
import {
  argmax,
  denseProbabilities,
  type SoftmaxModel,
  softmax,
  sparseLogits,
  sparseProbabilities,
  withTemperature,
} from './softmax-model';
import { mulberry32, stratifiedSplit } from './split';
import { evaluateSparse, OUTLIER, type SparseDataset, trainSoftmax } from './train-softmax';

const sparse = (pairs: [number, number][]): SparseFeatures => ({
  indices: Int32Array.from(pairs, (p) => p[0]),
  values: Float32Array.from(pairs, (p) => p[1]),
});

/** 3 classes over 13 features: class c owns features 4c..4c+3; feature 12 is in every row. */
function separable(n: number, seed: number): SparseDataset {
  const rand = mulberry32(seed);
  const x: SparseFeatures[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    const own = 4 * c + Math.floor(rand() * 4);
    x.push(
      sparse([
        [own, 0.6 + 0.4 * rand()],
        [12, 0.5],
      ]),
    );
    y.push(c);
  }
  return { x, y: Int32Array.from(y) };
}

const options = { epochs: 40, batchSize: 8, learningRate: 0.1, l2: 1e-4, patience: 40, seed: 3 };

describe('softmax model', () => {
  const model: SoftmaxModel = {
    inputs: 2,
    classes: 2,
    weights: Float32Array.from([1, -1, 0, 2]),
    bias: Float32Array.from([0.5, 0]),
  };

  it('computes softmax(x·W + b) on sparse and dense inputs alike', () => {
    const z = sparseLogits(
      model,
      sparse([
        [0, 1],
        [1, 0.5],
      ]),
    );
    expect(Array.from(z)).toEqual([1.5, 0]);
    const p = sparseProbabilities(
      model,
      sparse([
        [0, 1],
        [1, 0.5],
      ]),
    );
    expect(p[0]).toBeCloseTo(1 / (1 + Math.exp(-1.5)), 12);
    expect(Array.from(denseProbabilities(model, Float32Array.from([1, 0.5])))).toEqual(Array.from(p));
    expect(() => denseProbabilities(model, new Float32Array(3))).toThrow(RangeError);
  });

  it('keeps softmax finite for huge logits and breaks argmax ties low', () => {
    expect(Array.from(softmax([1000, 1000]))).toEqual([0.5, 0.5]);
    expect(argmax([0.2, 0.4, 0.4])).toBe(1);
  });

  it('folds a temperature into the weights', () => {
    const x = sparse([
      [0, 1],
      [1, 1],
    ]);
    const t = withTemperature(model, 2);
    const want = softmax(Array.from(sparseLogits(model, x), (v) => v / 2));
    Array.from(sparseProbabilities(t, x)).forEach((p, i) => {
      expect(p).toBeCloseTo(want[i] ?? 0, 6);
    });
  });
});

describe('trainSoftmax', () => {
  it('separates a tiny separable data set', () => {
    const train = separable(90, 1);
    const val = separable(30, 2);
    const { model, history } = trainSoftmax(train, val, 13, 3, options);
    expect(evaluateSparse(model, train).accuracy).toBe(1);
    expect(evaluateSparse(model, val).accuracy).toBe(1);
    expect(history[history.length - 1]?.trainLoss).toBeLessThan(history[0]?.trainLoss ?? 0);
    // The class-owned features carry the largest weight for their class.
    for (let c = 0; c < 3; c++) expect(argmax(model.weights.slice(4 * c * 3, 4 * c * 3 + 3))).toBe(c);
  });

  it('is deterministic for a seed and depends on it', () => {
    const train = separable(60, 4);
    const val = separable(15, 5);
    const a = trainSoftmax(train, val, 13, 3, { ...options, epochs: 5 });
    const b = trainSoftmax(train, val, 13, 3, { ...options, epochs: 5 });
    const c = trainSoftmax(train, val, 13, 3, { ...options, epochs: 5, seed: 4 });
    expect(Buffer.from(a.model.weights.buffer).equals(Buffer.from(b.model.weights.buffer))).toBe(true);
    expect(Buffer.from(a.model.weights.buffer).equals(Buffer.from(c.model.weights.buffer))).toBe(false);
  });

  it('trains outlier rows towards a flat distribution, and smoothing caps confidence', () => {
    const train = separable(90, 8);
    const val = separable(30, 9);
    // Feature 13 occurs only in outlier rows (together with the shared feature 12).
    const outliers = Array.from({ length: 30 }, () =>
      sparse([
        [12, 0.5],
        [13, 1],
      ]),
    );
    const exposed: SparseDataset = {
      x: [...train.x, ...outliers],
      y: Int32Array.from([...train.y, ...outliers.map(() => OUTLIER)]),
    };
    const probe = sparse([
      [12, 0.5],
      [13, 1],
    ]);
    const plain = trainSoftmax(train, val, 14, 3, options).model;
    const oe = trainSoftmax(exposed, val, 14, 3, options).model;
    const flat = Math.max(...sparseProbabilities(oe, probe));
    expect(flat).toBeLessThan(0.4);
    expect(Math.max(...sparseProbabilities(plain, probe))).toBeGreaterThan(flat);
    expect(evaluateSparse(oe, val).accuracy).toBe(1);

    const smoothed = trainSoftmax(train, val, 14, 3, { ...options, labelSmoothing: 0.3 }).model;
    const top = (m: SoftmaxModel): number =>
      Math.max(...sparseProbabilities(m, train.x[0] as SparseFeatures));
    expect(top(smoothed)).toBeLessThan(top(plain));
    expect(top(smoothed)).toBeLessThan(0.85);
  });

  it('stops early and returns the best epoch', () => {
    const r = trainSoftmax(separable(60, 6), separable(15, 7), 13, 3, { ...options, patience: 2 });
    expect(r.history.length).toBeLessThanOrEqual(r.bestEpoch + 2);
  });
});

describe('metrics', () => {
  it('computes accuracy and macro-F1 by hand', () => {
    const truth = [0, 0, 1, 1, 2];
    const pred = [0, 1, 1, 1, 0];
    expect(accuracy(truth, pred)).toBeCloseTo(3 / 5, 12);
    // F1: class 0 = 2·1/(2+1+1) = 0.5, class 1 = 2·2/(4+1+0) = 0.8, class 2 = 0.
    expect(macroF1(truth, pred)).toBeCloseTo((0.5 + 0.8 + 0) / 3, 12);
    expect(macroF1([], [])).toBe(0);
  });
});

describe('calibration', () => {
  it('recovers the temperature that generated the labels', () => {
    const rand = mulberry32(9);
    const logits: Float64Array[] = [];
    const y: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const z = Float64Array.from({ length: 4 }, () => rand() * 8);
      const p = softmax(Array.from(z, (v) => v / 2.5));
      let u = rand();
      let k = 0;
      while (k < 3 && u > (p[k] ?? 0)) u -= p[k++] ?? 0;
      logits.push(z);
      y.push(k);
    }
    const t = fitTemperature(logits, y);
    expect(t).toBeGreaterThan(2.2);
    expect(t).toBeLessThan(2.8);
    expect(temperatureNll(logits, y, t)).toBeLessThanOrEqual(temperatureNll(logits, y, 1));
  });

  it('picks the threshold that accepts at least 95% of in-scope messages', () => {
    const top = Array.from({ length: 100 }, (_, i) => (i + 1) / 100);
    const thr = pickThreshold(top, 0.95);
    expect(thr).toBe(0.06);
    expect(acceptedShare(top, thr)).toBe(0.95);
    expect(pickThreshold([], 0.95)).toBe(0);
  });
});

describe('balanced threshold', () => {
  it('picks the lowest threshold with the best mean of acceptance and rejection', () => {
    const inScope = [0.3, 0.5, 0.7, 0.9];
    const oos = [0.1, 0.2, 0.4, 0.6];
    // At 0.2001..0.3: all in scope accepted, 2 of 4 OOS rejected → 0.75; at 0.4001..0.5: 3/4 and 3/4 → 0.75;
    // at 0.6001..0.7: 2/4 and 4/4 → 0.75. Lowest wins.
    const t = pickBalancedThreshold(inScope, oos);
    expect(t).toBe(0.2001);
    expect(balancedAccuracy(inScope, oos, t)).toBe(0.75);
    expect(balancedAccuracy(inScope, oos, 0.05)).toBe(0.5);
    // Separable sides: everything right.
    expect(balancedAccuracy([0.8, 0.9], [0.1, 0.2], pickBalancedThreshold([0.8, 0.9], [0.1, 0.2]))).toBe(1);
    expect(pickBalancedThreshold([], [0.1])).toBe(0);
    expect(pickBalancedThreshold([0.5], [])).toBe(0);
  });

  it('does not depend on how many messages each side has', () => {
    const inScope = [0.6, 0.7, 0.8];
    const oos = [0.1, 0.2, 0.65];
    const t = pickBalancedThreshold(inScope, oos);
    expect(pickBalancedThreshold(inScope, [...oos, ...oos, ...oos])).toBe(t);
  });
});

describe('int8 columns', () => {
  it('quantizes symmetrically per column within half a step', () => {
    const m = Float32Array.from([1, -0.01, -2, 0.02, 0.5, 0]);
    const q = quantizeColumns(m, 3, 2);
    const back = dequantizeColumns(q, 3, 2);
    m.forEach((v, i) => {
      expect(Math.abs((back[i] ?? 0) - v)).toBeLessThanOrEqual((q.scale[i % 2] ?? 0) / 2 + 1e-9);
    });
    expect(q.q[2]).toBe(-127);
  });
});

describe('stratifiedSplit', () => {
  it('holds out each label proportionally and deterministically', () => {
    const labels = [...Array(10).fill('a'), ...Array(5).fill('b'), 'c'];
    const s = stratifiedSplit(labels, 0.2, 1);
    expect(s.held.filter((i) => labels[i] === 'a')).toHaveLength(2);
    expect(s.held.filter((i) => labels[i] === 'b')).toHaveLength(1);
    expect(s.held.filter((i) => labels[i] === 'c')).toHaveLength(0);
    expect([...s.kept, ...s.held].sort((p, q) => p - q)).toEqual(labels.map((_, i) => i));
    expect(stratifiedSplit(labels, 0.2, 1)).toEqual(s);
  });
});
