/**
 * How close a visitor's words are to a question's, with word vectors: each word is aligned with its
 * most similar word on the other side, weighted by how informative it is (SIF), in both directions.
 * Greedy alignment rather than averaged vectors, because an average of "how long does delivery take"
 * is mostly "how", "does" and "take"; alignment lets "tune up" meet "service" and leaves the rest.
 */
import { stem, vectorWords, type WordVectors } from '../../models/features';

/** A text's words with their vectors and weights, computed once per question. */
export interface AlignedText {
  readonly words: readonly string[];
  /** Each word's {@link stem}: inflections of one word align fully even where the table lacks one. */
  readonly stems: readonly string[];
  readonly vectors: readonly (Float32Array | undefined)[];
  readonly weights: readonly number[];
  readonly total: number;
}

/**
 * A word the table lacks, split where both halves are words it has ("cyclescheme" → "cycle scheme",
 * "ebike" → "bike"): shoppers run together compounds that GloVe only knows apart.
 */
function split(w: string, wv: WordVectors): string[] {
  if (wv.vector(w) || w.length < 5) return [w];
  for (let k = 1; k <= w.length - 3; k++) {
    const right = w.slice(k);
    if (!wv.vector(right)) continue;
    if (k === 1) return [right];
    const left = w.slice(0, k);
    if (wv.vector(left)) return [left, right];
  }
  return [w];
}

/**
 * Prepares a text for {@link alignment}, each distinct word once, weighted by its SIF weight times
 * `idf` (how distinctive it is among the texts it will be compared with).
 */
export function alignedText(
  text: string,
  wv: WordVectors,
  idf: (w: string) => number = () => 1,
): AlignedText {
  const ws = [...new Set(vectorWords(text).flatMap((w) => split(w, wv)))];
  const weights = ws.map((w) => wv.weight(w) * idf(w));
  return {
    words: ws,
    stems: ws.map(stem),
    vectors: ws.map((w) => wv.vector(w)),
    weights,
    total: weights.reduce((s, w) => s + w, 0),
  };
}

function similarity(a: AlignedText, i: number, b: AlignedText, j: number, floor: number): number {
  if (a.words[i] === b.words[j] || a.stems[i] === b.stems[j]) return 1;
  const x = a.vectors[i];
  const y = b.vectors[j];
  if (!x || !y) return 0;
  let s = 0;
  for (let d = 0; d < x.length; d++) s += (x[d] as number) * (y[d] as number);
  // Below the pruning floor the table may lack one of the words, so count no similarity at all.
  return s >= floor ? s : 0;
}

function directed(a: AlignedText, b: AlignedText, floor: number): number {
  if (a.total === 0) return 0;
  let s = 0;
  for (let i = 0; i < a.words.length; i++) {
    let best = 0;
    for (let j = 0; j < b.words.length; j++) best = Math.max(best, similarity(a, i, b, j, floor));
    s += (a.weights[i] as number) * best;
  }
  return s / a.total;
}

/** Symmetric weighted alignment of two texts, 0..1 (1 = the same informative words). */
export function alignment(a: AlignedText, b: AlignedText, wv: WordVectors): number {
  return (directed(a, b, wv.minSimilarity) + directed(b, a, wv.minSimilarity)) / 2;
}
