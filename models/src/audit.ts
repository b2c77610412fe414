/**
 * Per-group audit of a model's figure (issue: "model quality a site owner can trust"): the mean of a
 * per-case score in each group, its 95% bootstrap interval (percentile method, seeded), the gap to
 * the overall figure, and a flag when a group is more than a set margin below it. The interval says
 * whether a flagged gap could be noise: with six messages per intent it often could.
 */
import { bootstrapIndices, mulberry32 } from './rng';
import { round6 } from './run-data';

/** Bootstrap resamples per interval. */
export const BOOTSTRAP_RESAMPLES = 1000;

/** One group's audited figure. */
export interface GroupAudit {
  readonly group: string;
  readonly n: number;
  readonly mean: number;
  /** 95% bootstrap interval of the mean. */
  readonly low: number;
  readonly high: number;
  /** `mean − overall` (negative: below). */
  readonly gap: number;
  /** More than the margin below the overall figure. */
  readonly flagged: boolean;
  /** Flagged, and the interval lies wholly below the overall figure (unlikely to be noise). */
  readonly clear: boolean;
}

/** The audit of one figure over one grouping. */
export interface Audit {
  readonly metric: string;
  readonly by: string;
  readonly overall: number;
  /** A group is flagged when `mean < overall − margin`. */
  readonly margin: number;
  readonly groups: readonly GroupAudit[];
}

const mean = (xs: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i] as number;
  return xs.length ? s / xs.length : 0;
};

/** The mean of `values` and its 95% percentile-bootstrap interval. */
export function bootstrapMean(
  values: readonly number[],
  seed: number,
  resamples = BOOTSTRAP_RESAMPLES,
): { mean: number; low: number; high: number } {
  const m = mean(values);
  if (values.length < 2) return { mean: m, low: m, high: m };
  const rng = mulberry32(seed);
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    const idx = bootstrapIndices(values.length, rng);
    let s = 0;
    for (const i of idx) s += values[i] as number;
    means[r] = s / values.length;
  }
  means.sort();
  const at = (q: number) => means[Math.min(resamples - 1, Math.max(0, Math.floor(q * resamples)))] as number;
  return { mean: m, low: at(0.025), high: at(0.975) };
}

/**
 * Audits per-case `scores` grouped by `groupOf(i)`, against the overall mean of all cases. Groups are
 * listed by name; `minSize` leaves out groups too small to say anything (listed nowhere).
 */
export function auditGroups(
  scores: readonly number[],
  /** The group of case i; null leaves the case out of every group (it still counts overall). */
  groupOf: (i: number) => string | null,
  options: {
    metric: string;
    by: string;
    margin: number;
    seed: number;
    minSize?: number;
    order?: readonly string[];
  },
): Audit {
  const overall = mean(scores);
  const groups = new Map<string, number[]>();
  scores.forEach((s, i) => {
    const g = groupOf(i);
    if (g === null) return;
    const list = groups.get(g) ?? [];
    list.push(s);
    groups.set(g, list);
  });
  const order = options.order ?? [...groups.keys()].sort();
  const out: GroupAudit[] = [];
  order.forEach((group, k) => {
    const values = groups.get(group);
    if (!values || values.length < (options.minSize ?? 1)) return;
    const b = bootstrapMean(values, options.seed + k);
    const flagged = b.mean < overall - options.margin;
    out.push({
      group,
      n: values.length,
      mean: round6(b.mean),
      low: round6(b.low),
      high: round6(b.high),
      gap: round6(b.mean - overall),
      flagged,
      clear: flagged && b.high < overall,
    });
  });
  return {
    metric: options.metric,
    by: options.by,
    overall: round6(overall),
    margin: options.margin,
    groups: out,
  };
}
