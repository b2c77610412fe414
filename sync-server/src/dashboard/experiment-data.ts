/**
 * The dashboard's experiments: per arm the devices and the conversion rate, and each arm against the
 * first by the LDP-aware two-proportion test (../../protocol/ldp/significance.ts), on a single day.
 */
import { analyzeConversion } from '../../protocol/ldp/significance';
import { isPublishable, thresholdZ } from '../../protocol/ldp/threshold';
import { conversionDomain } from '../../protocol/metrics';
import { countKrrReportsByDay } from '../aggregates';
import type { Store } from '../store';
import { clip01, type Share } from './shares';

/** One arm of an experiment; numbers are null when the arm's exposed count is below k. */
export interface VariantView {
  readonly name: string;
  readonly exposed: number | null;
  readonly rate: Share | null;
}

/**
 * One experiment's results and test against the first variant, on one day: the window's busiest. A
 * device reports its arm and whether it converted since assignment on every active day, through
 * memoized randomized response, so its days are correlated; one day holds each active device once,
 * which is what the test's variance assumes.
 */
export interface ExperimentView {
  readonly site: string;
  readonly id: string;
  /** The day analysed; null when the window holds no report of the experiment. */
  readonly day: string | null;
  readonly total: number;
  readonly variants: readonly VariantView[];
  /** Per variant after the first; null when either arm is below k. */
  readonly comparisons: readonly ({
    readonly name: string;
    readonly difference: Share;
    readonly z: number;
    readonly p: number;
  } | null)[];
}

/** Every experiment of the given sites, each on its busiest day of the window, with the LDP-aware tests. */
export async function experimentViews(
  store: Store,
  sites: readonly string[],
  range: { from: string; to: string },
  k: number,
): Promise<ExperimentView[]> {
  const out: ExperimentView[] = [];
  for (const site of sites) {
    for (const spec of (await store.getExperiments(site)) ?? []) {
      const days = await countKrrReportsByDay(store, {
        metric: 'experiment_conversion',
        domain: conversionDomain(spec.variants.length),
        sites: [site],
        experiment: spec.id,
        ...range,
      });
      const reports = (g: { groups: readonly { total: number }[] }) =>
        g.groups.reduce((n, x) => n + x.total, 0);
      // The busiest day (the latest among equals): the most devices, each counted once.
      const busiest = days.reduce<(typeof days)[number] | undefined>(
        (best, g) => (!best || reports(g) >= reports(best) ? g : best),
        undefined,
      );
      const a = analyzeConversion(busiest?.groups ?? []);
      const z = thresholdZ(spec.variants.length);
      const shown = a.variants.map((v) => isPublishable(v.exposed, a.total, z, k));
      const variants = spec.variants.map((variant, i) => {
        const v = a.variants[i];
        return v && shown[i]
          ? { name: variant.name, exposed: Math.max(0, v.exposed.estimate), rate: clip01(v.rate) }
          : { name: variant.name, exposed: null, rate: null };
      });
      const comparisons = a.comparisons.map((c) =>
        shown[0] && shown[c.variant]
          ? { name: spec.variants[c.variant]?.name ?? '', difference: c.difference, z: c.z, p: c.p }
          : null,
      );
      out.push({ site, id: spec.id, day: busiest?.day ?? null, total: a.total, variants, comparisons });
    }
  }
  return out;
}
