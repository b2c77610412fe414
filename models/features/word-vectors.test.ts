import { describe, expect, it } from 'vitest';
import {
  decodeWordVectors,
  encodeWordVectors,
  sifWeight,
  vectorWords,
  WordVectorsError,
} from './word-vectors';

const unit = (v: number[]) => {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
};
const rows = [
  { word: 'service', rank: 900, vector: unit([1, 2, 3, 4]) },
  { word: 'repair', rank: 3000, vector: unit([1, 2, 3.5, 3]) },
  { word: 'weather', rank: 1500, vector: unit([-4, 1, 0, -1]) },
];
const file = encodeWordVectors(rows, {
  dims: 4,
  common: ['the', 'of', 'service'],
  source: 'test',
  minSimilarity: 0.5,
});

describe('word vectors', () => {
  it('survive int8 quantization: cosines within 0.01 of the float ones', () => {
    const wv = decodeWordVectors(JSON.parse(JSON.stringify(file)));
    const cos = (a: string, b: string) => {
      const x = wv.vector(a) as Float32Array;
      const y = wv.vector(b) as Float32Array;
      return x.reduce((s, v, i) => s + v * (y[i] as number), 0);
    };
    const exact = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * (b[i] as number), 0);
    expect(cos('service', 'repair')).toBeCloseTo(exact(rows[0]!.vector, rows[1]!.vector), 2);
    expect(cos('service', 'weather')).toBeCloseTo(exact(rows[0]!.vector, rows[2]!.vector), 2);
    expect(wv.vector('bicycle')).toBeUndefined();
  });

  it('weigh frequent words little, known ranks by rank, unknown words fully', () => {
    const wv = decodeWordVectors(file);
    expect(wv.weight('the')).toBeLessThan(0.01);
    expect(wv.weight('service')).toBeCloseTo(sifWeight(900), 6);
    expect(wv.weight('a')).toBeLessThan(0.05);
    expect(wv.weight('cyclescheme')).toBe(1);
    expect(sifWeight(100)).toBeLessThan(sifWeight(10_000));
  });

  it('cut words at the apostrophe, as GloVe does', () => {
    expect(vectorWords("What's the price? I don't know")).toEqual([
      'what',
      'the',
      'price',
      'i',
      'don',
      'know',
    ]);
  });

  it('refuse a damaged table with the reason', () => {
    expect(() => decodeWordVectors({ ...file, format: 'x' })).toThrow(WordVectorsError);
    expect(() => decodeWordVectors({ ...file, data: file.data.slice(0, 8) })).toThrow(/expected 12/);
    expect(() => decodeWordVectors({ ...file, ranks: [1] })).toThrow(/ranks/);
    expect(() => decodeWordVectors({ ...file, minSimilarity: 2 })).toThrow(/minSimilarity/);
    expect(() => decodeWordVectors(null)).toThrow(/format/);
  });
});
