/**
 * Prunes the source vectors to what one FAQ needs. A visitor's word only helps a match when it is
 * close to a word of some question, so the table keeps the questions' words, each one's nearest
 * neighbours above a similarity floor (the matcher ignores anything below it, so what is cut could
 * not have counted), the background set's words, and the frequent words' ranks for their weights.
 * On the bike-shop FAQ this keeps a few thousand of GloVe's 341k words.
 */
import { encodeWordVectors, vectorWords, type WordVectorsFile } from '../features';
import type { Embeddings } from './embeddings';

/** Settings of {@link pruneVectors}; the defaults were chosen on the demo shop's FAQ. */
export interface PruneOptions {
  /** Neighbours kept per question word. */
  readonly neighbours: number;
  /** Cosine below which two words count as unrelated. */
  readonly minSimilarity: number;
  /** Neighbours are searched among this many most frequent words (rarer ones are mostly noise). */
  readonly searchTop: number;
  /** This many most frequent words are listed for their weight. */
  readonly common: number;
}

/** Default {@link PruneOptions}. */
export const PRUNE_DEFAULTS: PruneOptions = {
  neighbours: 40,
  minSimilarity: 0.5,
  searchTop: 100_000,
  common: 5000,
};

/** The `k` nearest words to row `r` among the first `top` rows, with cosine ≥ `floor`. */
function nearest(e: Embeddings, r: number, k: number, top: number, floor: number): number[] {
  const { dims, matrix } = e;
  const best: { row: number; s: number }[] = [];
  const n = Math.min(top, e.words.length);
  for (let o = 0; o < n; o++) {
    if (o === r) continue;
    let s = 0;
    for (let d = 0; d < dims; d++) s += (matrix[r * dims + d] as number) * (matrix[o * dims + d] as number);
    if (s < floor || (best.length === k && s <= (best[k - 1] as { s: number }).s)) continue;
    best.push({ row: o, s });
    best.sort((a, b) => b.s - a.s);
    if (best.length > k) best.pop();
  }
  return best.map((b) => b.row);
}

/** The pruned table for `questions` (the FAQ's) and `background` (off-topic) texts. */
export function pruneVectors(
  e: Embeddings,
  questions: readonly string[],
  background: readonly string[],
  o: PruneOptions = PRUNE_DEFAULTS,
): WordVectorsFile {
  const rows = new Set<number>();
  const add = (texts: readonly string[], withNeighbours: boolean) => {
    for (const w of new Set(texts.flatMap(vectorWords))) {
      const r = e.index.get(w);
      if (r === undefined) continue;
      rows.add(r);
      if (withNeighbours)
        for (const n of nearest(e, r, o.neighbours, o.searchTop, o.minSimilarity)) rows.add(n);
    }
  };
  add(questions, true);
  add(background, false);
  const sorted = [...rows].sort((a, b) => a - b);
  return encodeWordVectors(
    sorted.map((r) => ({
      word: e.words[r] as string,
      rank: r,
      vector: e.matrix.subarray(r * e.dims, (r + 1) * e.dims),
    })),
    {
      dims: e.dims,
      common: e.words.slice(0, o.common),
      source: e.source,
      minSimilarity: o.minSimilarity,
    },
  );
}
