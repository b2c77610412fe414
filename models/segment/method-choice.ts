/**
 * The decision rules of the segment method comparison, apart from the fitting so they can be tested
 * on constructed numbers: the elbow of an inertia curve (reported only) and the winner rule —
 * ship the method that is best on BOTH stability and silhouette, else keep the shipped one.
 */

/** The methods compared. */
export type SegmentMethod = 'kmeans++' | 'gmm-diag' | 'ward';

/** The method shipped before the comparison; it stays unless another method wins outright. */
export const SHIPPED_SEGMENT_METHOD: SegmentMethod = 'kmeans++';

/** One method's result at its chosen k, as the winner rule sees it. */
export interface MethodScore {
  readonly method: SegmentMethod;
  readonly silhouette: number;
  /** Mean bootstrap ARI. */
  readonly stability: number;
}

/** The outcome of the winner rule. */
export interface MethodChoice {
  /** The method best on both criteria, or null when the criteria disagree. */
  readonly winner: SegmentMethod | null;
  /** What to ship: the winner, or the shipped method when there is none. */
  readonly ship: SegmentMethod;
  /** Methods tied for the highest mean stability ARI (at 6 decimals). */
  readonly bestStability: readonly SegmentMethod[];
  /** Methods tied for the highest silhouette (at 6 decimals). */
  readonly bestSilhouette: readonly SegmentMethod[];
  readonly reason: string;
}

const r6 = (v: number): number => Math.round(v * 1e6) / 1e6;

function leaders(scores: readonly MethodScore[], key: 'silhouette' | 'stability'): SegmentMethod[] {
  const top = Math.max(...scores.map((s) => r6(s[key])));
  return scores.filter((s) => r6(s[key]) === top).map((s) => s.method);
}

/**
 * The rule: the winner is a method that is best (ties at 6 decimals allowed) on both mean
 * stability ARI and silhouette. Several such methods (exact ties) → the shipped one if among them,
 * else the first listed. None → no winner, the shipped method stays, and the reason names the split.
 */
export function chooseSegmentMethod(
  scores: readonly MethodScore[],
  shipped: SegmentMethod = SHIPPED_SEGMENT_METHOD,
): MethodChoice {
  if (scores.length === 0) throw new RangeError('no methods to choose from');
  const bestStability = leaders(scores, 'stability');
  const bestSilhouette = leaders(scores, 'silhouette');
  const both = bestStability.filter((m) => bestSilhouette.includes(m));
  const score = (m: SegmentMethod) => scores.find((s) => s.method === m) as MethodScore;
  const f3 = (v: number) => v.toFixed(3);
  const fmt = (m: SegmentMethod, key: 'silhouette' | 'stability') => `${m} (${f3(score(m)[key])})`;
  const others = (m: SegmentMethod, key: 'silhouette' | 'stability') =>
    scores
      .filter((s) => s.method !== m)
      .map((s) => `${s.method} ${f3(s[key])}`)
      .join(', ');
  if (both.length > 0) {
    const winner = both.includes(shipped) ? shipped : (both[0] as SegmentMethod);
    const verdict = winner === shipped ? `${shipped} stays` : `ship ${winner} instead of ${shipped}`;
    const w = score(winner);
    return {
      winner,
      ship: winner,
      bestStability,
      bestSilhouette,
      reason:
        `${winner} is best on both stability (mean ARI ${f3(w.stability)}; ${others(winner, 'stability')}) ` +
        `and silhouette (${f3(w.silhouette)}; ${others(winner, 'silhouette')}) at its chosen k: ${verdict}.`,
    };
  }
  return {
    winner: null,
    ship: shipped,
    bestStability,
    bestSilhouette,
    reason:
      `No method is best on both: stability is led by ${bestStability.map((m) => fmt(m, 'stability')).join(', ')}, ` +
      `silhouette by ${bestSilhouette.map((m) => fmt(m, 'silhouette')).join(', ')}; ${shipped} stays.`,
  };
}

/**
 * The elbow ("kneedle") of a decreasing inertia curve: scale k and inertia to [0, 1] and take the k
 * farthest below the chord from the first to the last point (ties → fewer). The ends of the range
 * lie on the chord, so the answer is interior unless the curve never bends below it (then the
 * first k).
 */
export function elbowK(ks: readonly number[], inertia: readonly number[]): number {
  if (ks.length !== inertia.length || ks.length === 0) {
    throw new RangeError(`need one inertia per k, got ${ks.length} k and ${inertia.length} values`);
  }
  const k0 = ks[0] as number;
  const k1 = ks[ks.length - 1] as number;
  const hi = Math.max(...inertia);
  const lo = Math.min(...inertia);
  if (k1 === k0 || hi === lo) return k0;
  const y = (i: number) => ((inertia[i] as number) - lo) / (hi - lo);
  const y0 = y(0);
  const y1 = y(ks.length - 1);
  let best = k0;
  let bestGap = 0;
  ks.forEach((k, i) => {
    const x = (k - k0) / (k1 - k0);
    // Vertical gap below the chord; for a fixed chord it ranks points like the perpendicular distance.
    const gap = y0 + (y1 - y0) * x - y(i);
    if (gap > bestGap + 1e-12) {
      bestGap = gap;
      best = k;
    }
  });
  return best;
}
