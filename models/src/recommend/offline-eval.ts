/**
 * Fast scoring of many held-out cases in TypeScript (float64, sparse inputs), used where thousands
 * of scorings are needed: hyper-parameter tuning on the validation split and the baselines. The
 * shipped graphs themselves are always scored in onnxruntime-web (evaluate.ts).
 */
import { type InteractionSpec, interactionVector } from '../../features/interactions';
import { MetricsAccumulator, type RankingMetrics, scoreRanking } from '../metrics';
import type { HeldOutCase } from '../temporal-split';
import type { FactorModel } from './factor-model';

/** One held-out case over a catalog. */
export interface EvalCase {
  /** The customer, and the held-out time: what a per-segment audit groups by. */
  readonly user: string;
  readonly nowMs: number;
  /** The model input: `interactionVector` of the history at the held-out time. */
  readonly x: Float32Array;
  /** Catalog indices with x > 0 (the graph masks them). */
  readonly seen: readonly number[];
  /** Held-out items in the catalog and not seen: what the reported metrics count. */
  readonly relevant: ReadonlySet<number>;
  /**
   * Every held-out item not in the history, out-of-catalog ones as ids ≥ N (never hit): a
   * catalog-independent target, so catalogs of different sizes can be compared.
   */
  readonly basket: ReadonlySet<number>;
}

/** Sums over the cases, for the report. */
export interface CaseStats {
  /** Σ distinct held-out items. */
  readonly heldOutItems: number;
  /** … of which in the catalog. */
  readonly heldOutInCatalog: number;
  /** … of which also not seen before. */
  readonly relevantItems: number;
}

/** Builds the cases (dropping those whose whole basket was bought before) and their sums. */
export function buildCases(
  cases: readonly HeldOutCase[],
  index: ReadonlyMap<string, number>,
  n: number,
  spec: InteractionSpec,
): { cases: EvalCase[]; stats: CaseStats } {
  const out: EvalCase[] = [];
  let heldOutItems = 0;
  let heldOutInCatalog = 0;
  let relevantItems = 0;
  for (const c of cases) {
    const x = interactionVector(c.history, index, n, c.nowMs, spec);
    const seen: number[] = [];
    for (let i = 0; i < n; i++) if ((x[i] as number) > 0) seen.push(i);
    const history = new Set(c.history.map((h) => h.item));
    const relevant = new Set<number>();
    const basket = new Set<number>();
    let outside = n;
    heldOutItems += c.heldOut.length;
    for (const item of c.heldOut) {
      const i = index.get(item);
      if (i !== undefined) heldOutInCatalog++;
      if (i !== undefined && !((x[i] as number) > 0)) relevant.add(i);
      if (!history.has(item)) basket.add(i ?? outside++);
    }
    relevantItems += relevant.size;
    if (basket.size > 0 || relevant.size > 0)
      out.push({ user: c.user, nowMs: c.nowMs, x, seen, relevant, basket });
  }
  return { cases: out, stats: { heldOutItems, heldOutInCatalog, relevantItems } };
}

/** Scores of every catalog item for one case, before masking. */
export type Scorer = (c: EvalCase) => ArrayLike<number>;

/** The graph's scores (x·F₁(·F₂) + β·pop) computed sparsely in float64. */
export function factorScorer(model: FactorModel, beta: number): Scorer {
  const n = model.size;
  const [first, second] = model.factors;
  if (!first) throw new RangeError('model has no factors');
  return (c) => {
    const h = new Float64Array(first.cols);
    const w = first.cols;
    for (const i of c.seen) {
      const xi = c.x[i] as number;
      const row = i * w;
      for (let j = 0; j < w; j++) h[j] = (h[j] as number) + xi * (first.data[row + j] as number);
    }
    if (!second) {
      for (let j = 0; j < n; j++) h[j] = (h[j] as number) + beta * (model.popularity[j] as number);
      return h;
    }
    const s = new Float64Array(n);
    for (let j = 0; j < n; j++) s[j] = beta * (model.popularity[j] as number);
    for (let q = 0; q < w; q++) {
      const hq = h[q] as number;
      if (hq === 0) continue;
      const row = q * n;
      for (let j = 0; j < n; j++) s[j] = (s[j] as number) + hq * (second.data[row + j] as number);
    }
    return s;
  };
}

/** Popularity alone (what the graph returns for a visitor with no history). */
export function popularityScorer(popularity: Float32Array): Scorer {
  return () => popularity;
}

/** The k best unseen indices, ties to the lower index (as ONNX TopK on the masked scores). */
export function topUnseen(scores: ArrayLike<number>, seen: readonly number[], k: number): number[] {
  const masked = new Set(seen);
  const best: number[] = [];
  const better = (a: number, b: number): boolean =>
    (scores[a] as number) > (scores[b] as number) ||
    ((scores[a] as number) === (scores[b] as number) && a < b);
  for (let j = 0; j < scores.length; j++) {
    if (masked.has(j)) continue;
    if (best.length === k && !better(j, best[k - 1] as number)) continue;
    let pos = best.length === k ? k - 1 : best.length;
    while (pos > 0 && better(j, best[pos - 1] as number)) pos--;
    best.splice(pos, 0, j);
    if (best.length > k) best.pop();
  }
  return best;
}

/** What {@link evaluateScorer} measures. */
export interface OfflineResult {
  /** Over cases with a relevant item: the reported protocol. */
  readonly metrics: RankingMetrics;
  readonly users: number;
  /** Mean NDCG@k against the whole held-out basket (catalog-independent). */
  readonly basketNdcg: number;
}

/** Ranks every case with `scorer` and averages the metrics. */
export function evaluateScorer(
  cases: readonly EvalCase[],
  n: number,
  k: number,
  scorer: Scorer,
): OfflineResult {
  const acc = new MetricsAccumulator(k, n);
  let basket = 0;
  let basketUsers = 0;
  for (const c of cases) {
    const ranked = topUnseen(scorer(c), c.seen, k);
    if (c.relevant.size > 0) acc.add(ranked, c.relevant);
    if (c.basket.size > 0) {
      basket += scoreRanking(ranked, c.basket, k).ndcg;
      basketUsers++;
    }
  }
  return { metrics: acc.result(), users: acc.count, basketNdcg: basketUsers > 0 ? basket / basketUsers : 0 };
}
