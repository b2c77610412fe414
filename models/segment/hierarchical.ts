/**
 * Exact Ward agglomerative clustering by the nearest-neighbour chain with Lance–Williams updates:
 * O(n²) time and one n × n matrix of squared distances (3000 rows → 72 MB), so it runs on a seeded
 * sample and the remaining rows join the nearest cluster centroid. One dendrogram serves every k: it
 * is cut, not refitted.
 */

import { type Rng, sampleWithoutReplacement } from '../src/rng';
import { SegmentError } from './errors';
import { assignNearest, type Matrix, selectRows, sqDist } from './kmeans';

/**
 * A dendrogram in SciPy's convention: leaves are 0..n−1, merge t creates cluster n + t from
 * `left[t]` and `right[t]`; `heights` (non-decreasing) are √(2·ΔSSE), i.e. the Euclidean distance for
 * two single rows; `sizes[t]` is the merged cluster's row count.
 */
export interface Dendrogram {
  readonly leaves: number;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly heights: Float64Array;
  readonly sizes: Int32Array;
}

/** Ward linkage of every row of `x` (keep it to a few thousand rows: memory is 8·n² bytes). */
export function wardLinkage(x: Matrix): Dendrogram {
  const n = x.rows;
  if (n < 1) throw new SegmentError('too_few_users', 'Ward linkage needs at least one row');
  const dist = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = sqDist(x.data, i, x.data, j, x.cols);
      dist[i * n + j] = v;
      dist[j * n + i] = v;
    }
  }
  const active = new Uint8Array(n).fill(1);
  const size = new Float64Array(n).fill(1);
  const chain = new Int32Array(n);
  const slotA = new Int32Array(n - 1);
  const slotB = new Int32Array(n - 1);
  const merged = new Float64Array(n - 1);
  const lastHeight = new Float64Array(n);
  let length = 0;
  let firstActive = 0;
  for (let step = 0; step < n - 1; step++) {
    if (length === 0) {
      while (active[firstActive] === 0) firstActive++;
      chain[length++] = firstActive;
    }
    let a: number;
    let b: number;
    let best: number;
    while (true) {
      a = chain[length - 1] as number;
      // Starting from the previous chain element makes ties keep the chain, which guarantees it ends.
      b = length > 1 ? (chain[length - 2] as number) : -1;
      best = b >= 0 ? (dist[a * n + b] as number) : Number.POSITIVE_INFINITY;
      for (let i = 0; i < n; i++) {
        if (active[i] === 0 || i === a) continue;
        const v = dist[a * n + i] as number;
        if (v < best) {
          best = v;
          b = i;
        }
      }
      if (length > 1 && b === chain[length - 2]) break;
      chain[length++] = b;
    }
    length -= 2;
    const keep = Math.min(a, b);
    const drop = Math.max(a, b);
    slotA[step] = keep;
    slotB[step] = drop;
    // Ward never decreases mathematically; the max stops rounding from ordering a parent before its child.
    merged[step] = Math.max(best, lastHeight[keep] as number, lastHeight[drop] as number);
    lastHeight[keep] = merged[step] as number;
    const sk = size[keep] as number;
    const sd = size[drop] as number;
    for (let i = 0; i < n; i++) {
      if (active[i] === 0 || i === keep || i === drop) continue;
      const si = size[i] as number;
      // Lance–Williams for Ward on squared distances: exactly 2·ΔSSE of merging i with keep ∪ drop.
      const v =
        ((sk + si) * (dist[keep * n + i] as number) +
          (sd + si) * (dist[drop * n + i] as number) -
          si * best) /
        (sk + sd + si);
      dist[keep * n + i] = v;
      dist[i * n + keep] = v;
    }
    active[drop] = 0;
    size[keep] = sk + sd;
  }
  return toDendrogram(n, slotA, slotB, merged);
}

/** Sorts the chain's merges by height and renames slots to SciPy cluster ids via union–find. */
function toDendrogram(n: number, slotA: Int32Array, slotB: Int32Array, merged: Float64Array): Dendrogram {
  const order = Array.from({ length: n - 1 }, (_, t) => t).sort(
    (s, t) => (merged[s] as number) - (merged[t] as number) || s - t,
  );
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const clusterOf = Int32Array.from({ length: n }, (_, i) => i);
  const members = new Int32Array(n).fill(1);
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] as number;
    while (parent[i] !== r) {
      const next = parent[i] as number;
      parent[i] = r;
      i = next;
    }
    return r;
  };
  const left = new Int32Array(n - 1);
  const right = new Int32Array(n - 1);
  const heights = new Float64Array(n - 1);
  const sizes = new Int32Array(n - 1);
  order.forEach((s, t) => {
    const ra = find(slotA[s] as number);
    const rb = find(slotB[s] as number);
    const ca = clusterOf[ra] as number;
    const cb = clusterOf[rb] as number;
    left[t] = Math.min(ca, cb);
    right[t] = Math.max(ca, cb);
    // Rounding in the Lance–Williams updates can leave a squared distance a hair below zero.
    heights[t] = Math.sqrt(Math.max(0, merged[s] as number));
    const count = (members[ra] as number) + (members[rb] as number);
    sizes[t] = count;
    parent[rb] = ra;
    members[ra] = count;
    clusterOf[ra] = n + t;
  });
  return { leaves: n, left, right, heights, sizes };
}

/**
 * Leaf labels after undoing all but the first n − k merges (k clusters). Clusters are numbered in
 * the order of their first row, so the labels do not depend on how the merges were stored.
 */
export function cutDendrogram(tree: Dendrogram, k: number): Int32Array {
  const n = tree.leaves;
  if (!(Number.isInteger(k) && k >= 1 && k <= n)) {
    throw new SegmentError('too_few_users', `cannot cut ${n} rows into ${k} clusters`);
  }
  // owner[c] = a leaf of cluster c; union–find over leaves replays the first n − k merges.
  const owner = new Int32Array(2 * n - 1);
  for (let i = 0; i < n; i++) owner[i] = i;
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number;
      i = parent[i] as number;
    }
    return i;
  };
  for (let t = 0; t < n - k; t++) {
    const a = find(owner[tree.left[t] as number] as number);
    const b = find(owner[tree.right[t] as number] as number);
    parent[b] = a;
    owner[n + t] = a;
  }
  const labels = new Int32Array(n);
  const ids = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const root = find(i);
    let id = ids.get(root);
    if (id === undefined) {
      id = ids.size;
      ids.set(root, id);
    }
    labels[i] = id;
  }
  return labels;
}

/** Mean of each cluster's rows, k × cols (an empty cluster keeps a zero row). */
export function clusterMeans(x: Matrix, labels: ArrayLike<number>, k: number): Float64Array {
  const d = x.cols;
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  for (let i = 0; i < x.rows; i++) {
    const c = labels[i] as number;
    counts[c] = (counts[c] as number) + 1;
    for (let f = 0; f < d; f++) sums[c * d + f] = (sums[c * d + f] as number) + (x.data[i * d + f] as number);
  }
  for (let c = 0; c < k; c++) {
    const m = counts[c] as number;
    if (m > 0) for (let f = 0; f < d; f++) sums[c * d + f] = (sums[c * d + f] as number) / m;
  }
  return sums;
}

/** A Ward fit on a sample, ready to be cut at any k. */
export interface WardModel {
  /** Rows of the fitted matrix that the dendrogram was built on (sorted). */
  readonly sample: Int32Array;
  readonly tree: Dendrogram;
  /** Every row's label at k clusters and the clusters' centroids (means of the sampled members). */
  readonly cut: (k: number) => { readonly labels: Int32Array; readonly centroids: Float64Array };
}

/**
 * Ward on at most `maxRows` seeded rows of `x`. At each cut the sampled rows keep their dendrogram
 * label and the others take the nearest centroid of the sampled clusters, so every row gets a label.
 */
export function fitWard(x: Matrix, rng: Rng, maxRows = 3000): WardModel {
  const sample = sampleWithoutReplacement(x.rows, maxRows, rng);
  const sub = selectRows(x, sample);
  const tree = wardLinkage(sub);
  const inSample = new Int32Array(x.rows).fill(-1);
  sample.forEach((row, s) => {
    inSample[row] = s;
  });
  const cut = (k: number) => {
    const sampled = cutDendrogram(tree, k);
    const centroids = clusterMeans(sub, sampled, k);
    const labels = assignNearest(x, centroids, k).labels;
    for (let i = 0; i < x.rows; i++) {
      const s = inSample[i] as number;
      if (s >= 0) labels[i] = sampled[s] as number;
    }
    return { labels, centroids };
  };
  return { sample, tree, cut };
}
