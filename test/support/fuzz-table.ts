/**
 * The fuzz test's PRNG and its generator of reports exactly as the metric table says for the served
 * model and the fuzzed site's experiments, which the server stores (see fuzz-bodies.ts for the rest).
 */
import {
  CTR_DOMAIN,
  conversionDomain,
  FEEDBACK_DOMAIN,
  intentDomain,
  METRIC_TABLE,
  reportEpsilon,
  SATISFACTION_DOMAIN,
  segmentDomain,
} from '../../sync-server/protocol/index';
import type { KrrTableMetric } from '../../sync-server/protocol/report-encode';
import { seededUniform } from '../../sync-server/src/aggregates';
import { SERVED_MODEL } from './server-stores';

/** A deterministic PRNG (mulberry32): good enough spread for fuzzing, and reproducible. */
export class Rng {
  readonly #next: () => number;

  constructor(seed: number) {
    this.#next = seededUniform(seed);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.#next();
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  /** A version-4-shaped UUID from this stream (not crypto: ids only need to be distinct). */
  uuid(): string {
    const hex = Array.from({ length: 32 }, () => this.int(16).toString(16));
    hex[12] = '4';
    hex[16] = (8 + this.int(4)).toString(16);
    const h = hex.join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
}

/** A JSON-compatible value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The fuzzed site's experiments (id, arms): the experiment reports generated are about these. */
export const FUZZ_EXPERIMENTS: readonly { readonly id: string; readonly variants: number }[] = [
  { id: 'greeting', variants: 2 },
  { id: 'cards-v2', variants: 3 },
];

/** `chars` random lowercase hex characters. */
export const hex = (rng: Rng, chars: number): string =>
  Array.from({ length: chars }, () => rng.int(16).toString(16)).join('');

/** A report exactly as the metric table says for the served model (the server stores these). */
export function tableReport(
  rng: Rng,
  metric: string,
  experiment = rng.pick(FUZZ_EXPERIMENTS),
): { [key: string]: Json } {
  if (metric === 'item_popularity') {
    const spec = METRIC_TABLE.item_popularity;
    const [hashes, buckets] = spec.encoding === 'cms' ? [spec.hashes, spec.buckets] : [64, 1024];
    const epsilon = reportEpsilon('item_popularity', 0);
    return {
      metric,
      encoding: 'cms',
      hashes,
      buckets,
      row: rng.int(hashes),
      bits: hex(rng, buckets / 4),
      epsilon,
    };
  }
  const m = metric as KrrTableMetric;
  const domains: { readonly [M in KrrTableMetric]: number } = {
    segment_share: segmentDomain(SERVED_MODEL.segments),
    intent_count: intentDomain(SERVED_MODEL.intents),
    template_feedback: FEEDBACK_DOMAIN,
    recommendation_ctr: CTR_DOMAIN,
    chat_satisfaction: SATISFACTION_DOMAIN,
    experiment_conversion: conversionDomain(experiment.variants),
  };
  const domain = domains[m];
  const report: { [key: string]: Json } = {
    metric: m,
    encoding: 'krr',
    domain,
    value: rng.int(domain),
    epsilon: reportEpsilon(m, domain),
  };
  if (m === 'experiment_conversion') report.experiment = experiment.id;
  return report;
}
