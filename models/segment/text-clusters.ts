/**
 * Product "categories" for data that has none (UCI): spherical k-means over TF-IDF word vectors of
 * item titles, shipped as a small keyword table (cluster → keyword weights) that the device uses to
 * place any title, known or new, with `clusterOfTitle` from models/features.
 */
import { clusterOfTitle, type TextClusterTable, titleTokens } from '../features/segment-features';
import type { Rng } from '../src/rng';
import { type SparseRow, sphericalKmeans } from './spherical-kmeans';

/** Options of {@link buildTextClusters}. */
export interface TextClusterOptions {
  /** Number of clusters. Default 8. */
  readonly clusters?: number;
  /** A word must occur in at least this many titles to be a keyword. Default 3. */
  readonly minDf?: number;
  /** Keywords kept per cluster (the strongest). Default 40. */
  readonly keywordsPerCluster?: number;
}

/** The keyword table and the clusters of the training items under it. */
export interface TextClusters {
  readonly table: TextClusterTable;
  /** Item id → cluster, for every item whose title has a keyword. */
  readonly items: Map<string, number>;
  /** Items per cluster (same order as the table). */
  readonly sizes: number[];
  /** Items whose title has no keyword (no cluster; treated as missing). */
  readonly unassigned: number;
}

/** One title per item: the most frequent one (UCI renames some items over time), ties → smallest. */
export function itemTitles(
  rows: Iterable<{ readonly item: string; readonly title: string }>,
): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const r of rows) {
    if (r.title === '') continue;
    let m = counts.get(r.item);
    if (m === undefined) {
      m = new Map();
      counts.set(r.item, m);
    }
    m.set(r.title, (m.get(r.title) ?? 0) + 1);
  }
  const out = new Map<string, string>();
  for (const id of [...counts.keys()].sort()) {
    const m = counts.get(id) as Map<string, number>;
    const best = [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    if (best) out.set(id, best[0]);
  }
  return out;
}

/** Clusters item titles; deterministic for the same titles and RNG seed. */
export function buildTextClusters(
  titles: ReadonlyMap<string, string>,
  rng: Rng,
  options: TextClusterOptions = {},
): TextClusters {
  const wanted = options.clusters ?? 8;
  const minDf = options.minDf ?? 3;
  const perCluster = options.keywordsPerCluster ?? 40;
  const ids = [...titles.keys()].sort();
  const docs = ids.map((id) => titleTokens(titles.get(id) ?? ''));
  const df = new Map<string, number>();
  for (const d of docs) for (const w of d) df.set(w, (df.get(w) ?? 0) + 1);
  const vocab = [...df].filter(([, n]) => n >= minDf).map(([w]) => w);
  vocab.sort();
  const col = new Map(vocab.map((w, i) => [w, i]));
  const idf = vocab.map((w) => Math.log(docs.length / (df.get(w) ?? 1)) + 1);

  // Titles without a vocabulary word are left out of the fit (they get no cluster).
  const rowsOf: number[][] = [];
  for (const d of docs) {
    const cols = d.map((w) => col.get(w)).filter((c): c is number => c !== undefined);
    if (cols.length > 0) rowsOf.push(cols);
  }
  // Identical word sets cannot seed separate clusters; cap k at the number of distinct ones.
  const distinct = new Set(rowsOf.map((cols) => [...cols].sort((a, b) => a - b).join(','))).size;
  const k = Math.min(wanted, distinct);
  if (k < 1 || vocab.length === 0) {
    return { table: { labels: [], keywords: [] }, items: new Map(), sizes: [], unassigned: ids.length };
  }
  const rows: SparseRow[] = rowsOf.map((cols) => {
    const norm = Math.sqrt(cols.reduce((acc, c) => acc + (idf[c] as number) ** 2, 0));
    return { cols, values: cols.map((c) => (idf[c] as number) / norm) };
  });
  const fit = sphericalKmeans(rows, vocab.length, k, rng);

  // Score of a title for a cluster = Σ over its words of centroid weight × idf: the cosine up to the
  // title's own norm, which does not change the argmax. Rounded so the JSON is short and exact.
  const keywords: Record<string, number>[] = [];
  for (let c = 0; c < k; c++) {
    const scored = vocab
      .map((w, i) => [w, (fit.centroids[c * vocab.length + i] as number) * (idf[i] as number)] as const)
      .filter(([, s]) => s > 0)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, perCluster);
    keywords.push(Object.fromEntries(scored.map(([w, s]) => [w, Math.round(s * 1e4) / 1e4])));
  }
  // A cluster emptied during the fit has no keywords and could never be assigned; drop it.
  const order = canonicalOrder(keywords).filter((c) => Object.keys(keywords[c] ?? {}).length > 0);
  const sortedKeywords = order.map((c) => keywords[c] as Record<string, number>);
  const labels = sortedKeywords.map((kw) => Object.keys(kw).slice(0, 3).join(' · '));
  const table: TextClusterTable = { labels, keywords: sortedKeywords };

  // Items are placed with the shipped table, not the fit's labels, so the device agrees by construction.
  const items = new Map<string, number>();
  const sizes = new Array<number>(labels.length).fill(0);
  let unassigned = 0;
  for (const id of ids) {
    const c = clusterOfTitle(titles.get(id) ?? '', table);
    if (c < 0) {
      unassigned++;
      continue;
    }
    items.set(id, c);
    sizes[c] = (sizes[c] as number) + 1;
  }
  return { table, items, sizes, unassigned };
}

// Clusters ordered by their top keyword so the table does not depend on k-means' arbitrary numbering.
function canonicalOrder(keywords: readonly Record<string, number>[]): number[] {
  const head = keywords.map((kw) => Object.keys(kw).join(' '));
  return head
    .map((_, i) => i)
    .sort((a, b) => {
      const x = head[a] as string;
      const y = head[b] as string;
      return x < y ? -1 : x > y ? 1 : a - b;
    });
}

/** The items file: one space-separated, sorted id list per cluster. */
export function itemGroups(items: ReadonlyMap<string, number>, clusters: number): string[] {
  const groups: string[][] = Array.from({ length: clusters }, () => []);
  for (const [id, c] of items) groups[c]?.push(id);
  return groups.map((g) => g.sort().join(' '));
}
