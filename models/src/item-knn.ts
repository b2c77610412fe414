/**
 * Item-based k-nearest-neighbour recommender (Sarwar et al. 2001; Deshpande & Karypis 2004):
 * cosine similarity between items over the binary user×item matrix, each item keeping only its M
 * most similar neighbours. Pruning removes the long tail of weak, noisy co-occurrences and is what
 * makes item-kNN accurate, not only cheap.
 */
import { compareIds } from './catalog';

/** Trained weights, all over the catalog's index order. */
export interface ItemKnnModel {
  /** Number of catalog items N. */
  readonly size: number;
  /** Row-major N×N: row i holds item i's neighbours; score_j = Σ_i x_i · S[i][j]. */
  readonly similarity: Float32Array;
  /** Distinct users per item, scaled so the most popular item is 1. */
  readonly popularity: Float32Array;
}

/** A user's or basket's set of interacted catalog indices. */
export type IndexSet = readonly number[];

/** Groups (user, item) pairs into each user's distinct catalog indices; unknown items are ignored. */
export function userItemSets(
  rows: Iterable<{ readonly user: string; readonly item: string }>,
  index: ReadonlyMap<string, number>,
): IndexSet[] {
  const byUser = new Map<string, Set<number>>();
  for (const r of rows) {
    const i = index.get(r.item);
    if (i === undefined) continue;
    let s = byUser.get(r.user);
    if (!s) {
      s = new Set();
      byUser.set(r.user, s);
    }
    s.add(i);
  }
  // Sorted by user id and index so float sums run in the same order on every run.
  return [...byUser.entries()]
    .sort((a, b) => compareIds(a[0], b[0]))
    .map(([, s]) => [...s].sort((a, b) => a - b));
}

/**
 * Cosine similarity of item columns of the binary user×item matrix:
 * cos(i, j) = |U_i ∩ U_j| / √(|U_i|·|U_j|), with the diagonal set to 0 (an item is not its own
 * recommendation). Returns a dense row-major N×N matrix in float64.
 */
export function cosineSimilarity(sets: readonly IndexSet[], n: number): Float64Array {
  const co = new Float64Array(n * n);
  const count = new Float64Array(n);
  for (const s of sets) {
    for (let a = 0; a < s.length; a++) {
      const i = s[a] as number;
      count[i] = (count[i] ?? 0) + 1;
      for (let b = a + 1; b < s.length; b++) {
        const j = s[b] as number;
        co[i * n + j] = (co[i * n + j] ?? 0) + 1;
      }
    }
  }
  const sim = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const c = co[i * n + j] ?? 0;
      if (c === 0) continue;
      const v = c / Math.sqrt((count[i] ?? 0) * (count[j] ?? 0));
      sim[i * n + j] = v;
      sim[j * n + i] = v;
    }
  }
  return sim;
}

/**
 * Keeps, in each row, the `m` largest positive entries (ties to the lower column index) and zeroes
 * the rest. The result is no longer symmetric: j may be among i's neighbours but not vice versa.
 */
export function keepTopNeighbours(sim: Float64Array, n: number, m: number): Float32Array {
  const out = new Float32Array(n * n);
  const cols = Array.from({ length: n }, (_, j) => j);
  for (let i = 0; i < n; i++) {
    const row = i * n;
    const top = cols
      .filter((j) => (sim[row + j] ?? 0) > 0)
      .sort((a, b) => (sim[row + b] ?? 0) - (sim[row + a] ?? 0) || a - b)
      .slice(0, Math.max(0, m));
    for (const j of top) out[row + j] = sim[row + j] ?? 0;
  }
  return out;
}

/** Distinct users per item scaled to a maximum of 1 (all zeros if there are no users). */
export function popularityPrior(sets: readonly IndexSet[], n: number): Float32Array {
  const counts = new Float64Array(n);
  for (const s of sets) for (const i of s) counts[i] = (counts[i] ?? 0) + 1;
  let max = 0;
  for (const c of counts) max = Math.max(max, c);
  const out = new Float32Array(n);
  if (max > 0) for (let i = 0; i < n; i++) out[i] = (counts[i] ?? 0) / max;
  return out;
}

/** Options of {@link trainItemKnn}. */
export interface ItemKnnOptions {
  /** Neighbours kept per item (M). */
  readonly neighbours: number;
}

/** Fits the model on the users' interaction sets over an N-item catalog. */
export function trainItemKnn(sets: readonly IndexSet[], n: number, options: ItemKnnOptions): ItemKnnModel {
  return {
    size: n,
    similarity: keepTopNeighbours(cosineSimilarity(sets, n), n, options.neighbours),
    popularity: popularityPrior(sets, n),
  };
}
