/**
 * The one table of what a report of each metric must be: its encoding, its epsilon and how its
 * domain follows from what both ends know (the model manifest of the batch's version, the site's
 * experiments). The worker's report plan encodes with it and the server refuses any report that
 * differs from it, so no client can send a report that is less noised than everyone else's.
 *
 * | metric                  | encoding      | domain                       | ε permanent | ε instant | ε per report |
 * |-------------------------|---------------|------------------------------|-------------|-----------|--------------|
 * | `segment_share`         | krr, memoized | segments + 1                 | 2           | 1.4       | ≤ 0.995      |
 * | `item_popularity`       | cms 64 × 1024 | catalog ids + "no item"      | –           | 0.75      | 0.75         |
 * | `intent_count`          | krr           | intents + 2                  | –           | 0.75      | 0.75         |
 * | `template_feedback`  ¹  | krr           | 7                            | –           | 0.5       | 0.5          |
 * | `recommendation_ctr` ¹  | krr           | 11                           | –           | 0.5       | 0.5          |
 * | `chat_satisfaction`  ¹  | krr           | 4                            | –           | 0.5       | 0.5          |
 * | `experiment_conversion` | krr, memoized | 2 × the experiment's arms    | 1           | 0.75      | ≤ 0.248 each |
 *
 * ¹ The feedback group ({@link FEEDBACK_GROUP}): a device reports one of these three a day, drawn
 * uniformly by the device's cryptographic RNG, never chosen by what the visitor did.
 *
 * Why these numbers. Every device that shares sends this whole set on every day it is active (none of
 * it depends on what the visitor did), so the set must fit the daily budget of 4 on every day: with up
 * to {@link MAX_DAILY_EXPERIMENTS} experiments it costs at most 0.995 + 0.75 + 0.75 + 0.5 + 4 × 0.248
 * = 3.99 (see {@link DAILY_SET_EPSILON}). The three feedback metrics share one 0.5: sending all three
 * would cost 1.5 and push the set over the budget, and cutting each to 0.17 would leave them noise.
 * Drawing one of them a day (sampling, as telemetry systems sample one attribute per user) keeps each
 * report at 0.5 and spends 0.5 in all; the price is that each metric hears from a third of the
 * devices, so its interval is √3 wider than if it alone were sent. The draw is independent of the
 * data, so which metric arrives says nothing. A memoized report's epsilon depends on its domain and is
 * largest on the smallest domain (2 values for segments, 4 for an experiment), which is the bound
 * above; a device is charged the epsilon of its actual domain (0.897 for the shipped 4-cell segments).
 *
 * Values that persist across days (the segment, an experiment's arm and whether the device converted
 * since it was assigned) use memoized randomized response (Erlingsson et al., RAPPOR, 2014): the device
 * draws one permanent k-RR response per (metric, experiment, domain, true value) at "ε permanent" and
 * keeps it; each day it sends that response randomized again at "ε instant". One day's report is k-RR
 * at the composed "ε per report" (../krr.ts `krrMemoEpsilon`), which is what the ledger is charged and
 * what the server debiases with. However many days it is repeated, what the reports reveal about one
 * value stays within "ε permanent": a visitor who keeps a segment for a year is covered by ε 2, not by
 * 365 daily epsilons. The other metrics describe one day's activity and are drawn fresh each day.
 */
import { krrMemoEpsilon } from './krr';
import {
  CTR_DOMAIN,
  conversionDomain,
  FEEDBACK_DOMAIN,
  intentDomain,
  SATISFACTION_DOMAIN,
  segmentDomain,
} from './metrics';

/** Where a k-RR metric's domain comes from. */
export type DomainSource = 'segments' | 'intents' | 'feedback' | 'clicks' | 'ratings' | 'variants';

/** k-RR drawn fresh every day. */
export interface KrrSpec {
  readonly encoding: 'krr';
  readonly memo: false;
  readonly domain: DomainSource;
  readonly epsilon: number;
}

/** Memoized k-RR: a permanent response per value, randomized again every day. */
export interface MemoKrrSpec {
  readonly encoding: 'krr';
  readonly memo: true;
  readonly domain: DomainSource;
  readonly permanentEpsilon: number;
  readonly instantEpsilon: number;
}

/** The count-mean sketch with a fixed shape. */
export interface CmsSpec {
  readonly encoding: 'cms';
  readonly hashes: number;
  readonly buckets: number;
  readonly epsilon: number;
}

/** One row of the table. */
export type MetricSpec = KrrSpec | MemoKrrSpec | CmsSpec;

/** The metrics a device reports, in the order it reports them. */
export const DAILY_METRICS = [
  'segment_share',
  'item_popularity',
  'intent_count',
  'template_feedback',
  'recommendation_ctr',
  'chat_satisfaction',
  'experiment_conversion',
] as const;

/** A metric of the table. */
export type TableMetric = (typeof DAILY_METRICS)[number];

/** The table. */
export const METRIC_TABLE: { readonly [M in TableMetric]: MetricSpec } = {
  segment_share: {
    encoding: 'krr',
    memo: true,
    domain: 'segments',
    permanentEpsilon: 2,
    instantEpsilon: 1.4,
  },
  item_popularity: { encoding: 'cms', hashes: 64, buckets: 1024, epsilon: 0.75 },
  intent_count: { encoding: 'krr', memo: false, domain: 'intents', epsilon: 0.75 },
  template_feedback: { encoding: 'krr', memo: false, domain: 'feedback', epsilon: 0.5 },
  recommendation_ctr: { encoding: 'krr', memo: false, domain: 'clicks', epsilon: 0.5 },
  chat_satisfaction: { encoding: 'krr', memo: false, domain: 'ratings', epsilon: 0.5 },
  experiment_conversion: {
    encoding: 'krr',
    memo: true,
    domain: 'variants',
    permanentEpsilon: 1,
    instantEpsilon: 0.75,
  },
};

/**
 * The feedback group: a device reports one of these a day, drawn uniformly (see the table's note), so
 * the group costs one report's epsilon, not three.
 */
export const FEEDBACK_GROUP = ['template_feedback', 'recommendation_ctr', 'chat_satisfaction'] as const;

/** A metric of the {@link FEEDBACK_GROUP}. */
export type FeedbackGroupMetric = (typeof FEEDBACK_GROUP)[number];

/** True for a metric of the {@link FEEDBACK_GROUP}. */
export function inFeedbackGroup(metric: string): metric is FeedbackGroupMetric {
  return (FEEDBACK_GROUP as readonly string[]).includes(metric);
}

/** Most experiments a device reports a day: the site's first ones in its published order. */
export const MAX_DAILY_EXPERIMENTS = 4;

/** True for a metric of the table. */
export function isTableMetric(metric: string): metric is TableMetric {
  return (DAILY_METRICS as readonly string[]).includes(metric);
}

/** What a domain is derived from; a missing count means the domain cannot be known. */
export interface DomainFacts {
  /** Segment clusters of the model (the rule segment comes on top). */
  readonly segments?: number;
  /** Intent labels of the model. */
  readonly intents?: number;
  /** Arms of the experiment the report is about. */
  readonly variants?: number;
}

const SMALLEST: { readonly [S in DomainSource]: number } = {
  segments: segmentDomain(1),
  intents: intentDomain(1),
  feedback: FEEDBACK_DOMAIN,
  clicks: CTR_DOMAIN,
  ratings: SATISFACTION_DOMAIN,
  variants: conversionDomain(2),
};

/** The domain a k-RR metric must declare, or undefined when the facts it needs are missing. */
export function domainOf(source: DomainSource, facts: DomainFacts): number | undefined {
  const count = (n: number | undefined) => (n !== undefined && Number.isInteger(n) && n >= 1 ? n : undefined);
  if (source === 'feedback') return FEEDBACK_DOMAIN;
  if (source === 'clicks') return CTR_DOMAIN;
  if (source === 'ratings') return SATISFACTION_DOMAIN;
  if (source === 'segments') {
    const n = count(facts.segments);
    return n === undefined ? undefined : segmentDomain(n);
  }
  if (source === 'intents') {
    const n = count(facts.intents);
    return n === undefined ? undefined : intentDomain(n);
  }
  const n = count(facts.variants);
  return n === undefined || n < 2 ? undefined : conversionDomain(n);
}

/** The epsilon one report of `metric` over `domain` values costs and must declare. */
export function reportEpsilon(metric: TableMetric, domain: number): number {
  const spec = METRIC_TABLE[metric];
  if (spec.encoding === 'cms' || !spec.memo) return spec.epsilon;
  return krrMemoEpsilon(domain, spec.permanentEpsilon, spec.instantEpsilon);
}

/** The largest epsilon a report of `metric` can cost: on its smallest domain, for memoized metrics. */
export function worstReportEpsilon(metric: TableMetric): number {
  const spec = METRIC_TABLE[metric];
  return spec.encoding === 'cms' ? spec.epsilon : reportEpsilon(metric, SMALLEST[spec.domain]);
}

/**
 * The most a device's daily set can cost: every metric outside the feedback group once, the group's
 * dearest member once, experiments {@link MAX_DAILY_EXPERIMENTS} times.
 */
export const DAILY_SET_EPSILON =
  DAILY_METRICS.filter((m) => !inFeedbackGroup(m)).reduce(
    (sum, m) => sum + worstReportEpsilon(m) * (m === 'experiment_conversion' ? MAX_DAILY_EXPERIMENTS : 1),
    0,
  ) + Math.max(...FEEDBACK_GROUP.map(worstReportEpsilon));

/** Whether a declared epsilon is the table's: equal up to the rounding two platforms' `Math.exp` may differ by. */
export function sameEpsilon(declared: number, expected: number): boolean {
  return Math.abs(declared - expected) <= 1e-9 * Math.max(1, expected);
}
