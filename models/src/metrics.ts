/**
 * Top-K ranking metrics. Definitions (K = 10), averaged over evaluated users:
 * recall = hits / |relevant|; precision = hits / K; AP = Σ_{hit at rank r} precision@r / min(|relevant|, K);
 * NDCG = Σ_{hit at r} 1/log2(r+1) ÷ the ideal DCG of min(|relevant|, K) hits;
 * coverage = distinct items recommended to anyone / catalog size.
 */

/** The metric record of docs/architecture.md's report (`M`). */
export interface RankingMetrics {
  readonly recall10: number;
  readonly ndcg10: number;
  readonly map10: number;
  readonly precision10: number;
  readonly coverage: number;
}

/** Per-user scores of one ranked list against the relevant set. */
export interface UserScores {
  readonly recall: number;
  readonly ndcg: number;
  readonly ap: number;
  readonly precision: number;
}

/** Scores one user's ranked list (first `k` entries) against a non-empty relevant set. */
export function scoreRanking(
  ranked: readonly number[],
  relevant: ReadonlySet<number>,
  k: number,
): UserScores {
  if (relevant.size === 0) throw new RangeError('relevant set is empty');
  let hits = 0;
  let dcg = 0;
  let apSum = 0;
  const top = ranked.slice(0, k);
  top.forEach((item, r) => {
    if (!relevant.has(item)) return;
    hits++;
    dcg += 1 / Math.log2(r + 2);
    apSum += hits / (r + 1);
  });
  const ideal = Math.min(relevant.size, k);
  let idcg = 0;
  for (let r = 0; r < ideal; r++) idcg += 1 / Math.log2(r + 2);
  return { recall: hits / relevant.size, ndcg: dcg / idcg, ap: apSum / ideal, precision: hits / k };
}

/** Accumulates users' rankings into {@link RankingMetrics}. */
export class MetricsAccumulator {
  private users = 0;
  private recall = 0;
  private ndcg = 0;
  private ap = 0;
  private precision = 0;
  private readonly recommended = new Set<number>();

  /** @param k cut-off; @param catalogSize denominator of coverage. */
  constructor(
    private readonly k: number,
    private readonly catalogSize: number,
  ) {}

  /** Adds one user's ranked list and relevant items. */
  add(ranked: readonly number[], relevant: ReadonlySet<number>): void {
    const s = scoreRanking(ranked, relevant, this.k);
    this.users++;
    this.recall += s.recall;
    this.ndcg += s.ndcg;
    this.ap += s.ap;
    this.precision += s.precision;
    for (const i of ranked.slice(0, this.k)) this.recommended.add(i);
  }

  /** Users added so far. */
  get count(): number {
    return this.users;
  }

  /** Means over the users added (all 0 if none). */
  result(): RankingMetrics {
    const d = Math.max(1, this.users);
    return {
      recall10: this.recall / d,
      ndcg10: this.ndcg / d,
      map10: this.ap / d,
      precision10: this.precision / d,
      coverage: this.catalogSize > 0 ? this.recommended.size / this.catalogSize : 0,
    };
  }
}
