/**
 * Pruned word vectors in the form a site serves them with its FAQ: the words its questions use, their
 * nearest neighbours in GloVe (so a visitor's "tune up" finds "service"), the words of the background
 * set, and the most frequent English words (so their weight is known). Each row is int8-quantized
 * with one scale for the whole table and stored base64 in JSON, so the file is a plain static asset.
 * Browser-safe: both the builder (Node) and the worker read it with these functions.
 */
import { normalizeText, words } from './tokenizer';

/** The JSON form of a vector table (`confide-word-vectors/1`). */
export interface WordVectorsFile {
  readonly format: 'confide-word-vectors/1';
  /** Where the vectors come from, with their licence. */
  readonly source: string;
  readonly dims: number;
  /** Words with a vector, in row order. */
  readonly words: readonly string[];
  /** Rank of each word in the source's frequency order (0 = most frequent), for its SIF weight. */
  readonly ranks: readonly number[];
  /** The most frequent words in rank order from 0, for the weight of those without a vector here. */
  readonly common: readonly string[];
  /** Dequantized value = int8 × scale. */
  readonly scale: number;
  /** words.length × dims signed bytes, base64. */
  readonly data: string;
  /** Similarities below this were cut when the table was pruned; the matcher treats them as 0. */
  readonly minSimilarity: number;
}

/** A decoded table: unit-length float rows and a weight per known word. */
export interface WordVectors {
  readonly dims: number;
  readonly minSimilarity: number;
  /** The unit-length vector of a word, if the table has one. */
  vector(word: string): Float32Array | undefined;
  /** Smooth inverse frequency weight in (0, 1]: frequent words weigh little, unknown ones 1. */
  weight(word: string): number;
}

/**
 * SIF weight a / (a + p(w)) (Arora et al. 2017) with p(w) from Zipf's law over the word's frequency
 * rank; a = 1e-4 as in the paper. "the" weighs ~0.01, "service" ~0.6, a rare word ~1.
 */
export function sifWeight(rank: number): number {
  const a = 1e-4;
  // Zipf over a 400k vocabulary: p(r) = 1 / ((r + 1) * H), H ≈ ln(400k) + 0.577.
  const p = 1 / ((rank + 1) * 13.476);
  return a / (a + p);
}

/**
 * The words of a message as the vectors know them: the intent tokenizer's words, each cut at its
 * apostrophe ("what's" → "what", "don't" → "don"), since GloVe's tokens split there.
 */
export function vectorWords(text: string): string[] {
  return words(normalizeText(text)).map((w) => w.replace(/'.*$/, ''));
}

const b64 = (bytes: Uint8Array): string => {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
};

/** Quantizes unit-length rows to int8 with one scale (max |value| → 127). */
export function encodeWordVectors(
  rows: readonly { word: string; rank: number; vector: ArrayLike<number> }[],
  o: { dims: number; common: readonly string[]; source: string; minSimilarity: number },
): WordVectorsFile {
  let max = 0;
  for (const r of rows) for (let d = 0; d < o.dims; d++) max = Math.max(max, Math.abs(r.vector[d] as number));
  const scale = max / 127 || 1;
  const bytes = new Int8Array(rows.length * o.dims);
  rows.forEach((r, i) => {
    for (let d = 0; d < o.dims; d++) bytes[i * o.dims + d] = Math.round((r.vector[d] as number) / scale);
  });
  return {
    format: 'confide-word-vectors/1',
    source: o.source,
    dims: o.dims,
    words: rows.map((r) => r.word),
    ranks: rows.map((r) => r.rank),
    common: o.common,
    scale,
    data: b64(new Uint8Array(bytes.buffer)),
    minSimilarity: o.minSimilarity,
  };
}

/** Why a table cannot be used; the caller falls back to lexical matching. */
export class WordVectorsError extends Error {
  override readonly name = 'WordVectorsError';
  readonly code = 'invalid_vectors';
}

const isStrings = (x: unknown): x is string[] => Array.isArray(x) && x.every((w) => typeof w === 'string');

/** Checks and decodes a table; rows are renormalized after dequantization. */
export function decodeWordVectors(x: unknown): WordVectors {
  const f = x as Partial<WordVectorsFile> | null;
  const fail = (why: string): never => {
    throw new WordVectorsError(`word vectors: ${why}`);
  };
  if (typeof f !== 'object' || f === null || f.format !== 'confide-word-vectors/1') {
    return fail('format must be "confide-word-vectors/1"');
  }
  const { dims, scale, minSimilarity } = f;
  if (!Number.isInteger(dims) || (dims as number) < 1 || (dims as number) > 1024) fail('dims must be 1-1024');
  if (typeof scale !== 'number' || !(scale > 0)) fail('scale must be a positive number');
  if (typeof minSimilarity !== 'number' || !(minSimilarity >= 0 && minSimilarity < 1)) {
    fail('minSimilarity must be in [0, 1)');
  }
  if (!isStrings(f.words) || !isStrings(f.common)) fail('words and common must be arrays of strings');
  const ws = f.words as string[];
  const ranks = f.ranks;
  if (
    !Array.isArray(ranks) ||
    ranks.length !== ws.length ||
    !ranks.every((r) => Number.isInteger(r) && r >= 0)
  ) {
    fail('ranks must give one non-negative integer per word');
  }
  let raw: string;
  try {
    raw = atob(String(f.data));
  } catch {
    return fail('data is not base64');
  }
  const n = dims as number;
  if (raw.length !== ws.length * n) fail(`data holds ${raw.length} bytes, expected ${ws.length * n}`);
  const rows = new Map<string, Float32Array>();
  const weights = new Map<string, number>();
  ws.forEach((w, i) => {
    const v = new Float32Array(n);
    let norm = 0;
    for (let d = 0; d < n; d++) {
      const b = raw.charCodeAt(i * n + d);
      v[d] = b > 127 ? b - 256 : b;
      norm += (v[d] as number) ** 2;
    }
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < n; d++) v[d] = (v[d] as number) / norm;
    rows.set(w, v);
    weights.set(w, sifWeight((ranks as number[])[i] as number));
  });
  (f.common as string[]).forEach((w, r) => {
    if (!weights.has(w)) weights.set(w, sifWeight(r));
  });
  return {
    dims: n,
    minSimilarity: minSimilarity as number,
    vector: (w) => rows.get(w),
    // GloVe has no single letters, but "a", "i" and a stray "s" are the commonest words in a chat.
    weight: (w) => weights.get(w) ?? (w.length === 1 ? sifWeight(10) : 1),
  };
}
