/**
 * What a device reports, once per UTC day, with `share` granted. Every value is encoded under the
 * shared metric definitions (sync-server/protocol/metrics.ts) and noised on the device once, when it
 * enters the outbox; the epsilon ledger is charged at that moment, whether or not delivery succeeds.
 *
 * Per-report epsilon and priority (the daily budget is 4; a metric whose epsilon no longer fits is
 * not reported that day, the ones after it still may be):
 *
 * | priority | key                          | encoding     | epsilon |
 * |----------|------------------------------|--------------|---------|
 * | 1        | `segment_share`              | krr          | 1       |
 * | 2        | `item_popularity`            | cms 64×1024  | 1       |
 * | 3        | `intent_count`               | krr          | 1       |
 * | 4        | `template_feedback`          | krr          | 0.5     |
 * | 5…       | `experiment_conversion:<id>` | krr          | 0.5     |
 *
 * Intents get a whole unit because their domain is large (every intent + out of scope): at 0.5 the
 * per-cell noise swamps a day's chats. A day with a chat and a vote (1 + 1 + 1 + 0.5) leaves room for
 * one experiment, a day without (most days) for four; the others wait for the next day. An experiment is reported only
 * as `experiment_conversion` (variant · 2 + converted): it carries the arm, so exposure counts follow
 * from it, and a separate `experiment_exposure` report would spend budget on what it already says.
 */
import {
  conversionDomain,
  conversionValue,
  FEEDBACK_DOMAIN,
  feedbackValue,
  intentDomain,
  intentValue,
  type Report,
  segmentDomain,
} from '../../sync-server/protocol';
import { krrEncode } from '../../sync-server/protocol/krr';
import {
  cmsBitsToHex,
  cmsEncode,
  DEFAULT_CMS_BUCKETS,
  DEFAULT_CMS_HASHES,
} from '../../sync-server/protocol/ldp/cms';
import type { EnqueueInput, ReportedState } from './outbox-types';
import { canSpend, currentLedger, type PrivacyLedger, spend, utcDay } from './privacy-ledger';

/** Epsilon of each metric's daily report. */
export const METRIC_EPSILON = {
  segment_share: 1,
  item_popularity: 1,
  intent_count: 1,
  template_feedback: 0.5,
  experiment_conversion: 0.5,
} as const;

/** What the device knows today, gathered by the reporter from its stores. */
export interface DayFacts {
  /** The current segment id and the model's segment count (the rule segment has id = count). */
  readonly segment?: { readonly id: number; readonly segments: number };
  /** The catalog id of the last viewed item. */
  readonly item?: string;
  /** The intent labels of the model, and today's last classified intent (null: out of scope). */
  readonly intent?: { readonly labels: readonly string[]; readonly last: string | null };
  /** Today's last vote on an answer: the answer's kind (see `templateKind`) and the vote. */
  readonly vote?: { readonly kind: number; readonly up: boolean };
  /** Experiments seen or converted today: arm, arm count, converted today. */
  readonly experiments?: readonly {
    readonly id: string;
    readonly variant: number;
    readonly variants: number;
    readonly converted: boolean;
  }[];
}

/** One report the device may send today, encoded only if chosen. */
export interface Candidate {
  /** At most one report per key and day. */
  readonly key: string;
  readonly epsilon: number;
  readonly encode: () => Report;
}

function krr(
  metric: Report['metric'],
  value: number,
  domain: number,
  epsilon: number,
  experiment?: string,
): Report {
  return {
    metric,
    encoding: 'krr',
    domain,
    value: krrEncode(value, domain, epsilon),
    epsilon,
    ...(experiment === undefined ? {} : { experiment }),
  };
}

/** Today's candidates, in priority order. */
export function candidates(facts: DayFacts): Candidate[] {
  const out: Candidate[] = [];
  const { segment, item, intent, vote } = facts;
  if (segment && segment.id >= 0 && segment.id < segmentDomain(segment.segments)) {
    const eps = METRIC_EPSILON.segment_share;
    out.push({
      key: 'segment_share',
      epsilon: eps,
      encode: () => krr('segment_share', segment.id, segmentDomain(segment.segments), eps),
    });
  }
  if (item) {
    const eps = METRIC_EPSILON.item_popularity;
    const params = { hashes: DEFAULT_CMS_HASHES, buckets: DEFAULT_CMS_BUCKETS, epsilon: eps };
    out.push({
      key: 'item_popularity',
      epsilon: eps,
      encode: () => {
        const { row, bits } = cmsEncode(item, params);
        return { metric: 'item_popularity', encoding: 'cms', ...params, row, bits: cmsBitsToHex(bits) };
      },
    });
  }
  if (intent && intent.labels.length > 0) {
    const eps = METRIC_EPSILON.intent_count;
    const index = intent.last === null ? -1 : intent.labels.indexOf(intent.last);
    const n = intent.labels.length;
    out.push({
      key: 'intent_count',
      epsilon: eps,
      encode: () => krr('intent_count', intentValue(index < 0 ? null : index, n), intentDomain(n), eps),
    });
  }
  if (vote && Number.isInteger(vote.kind) && vote.kind >= 0 && 2 * vote.kind < FEEDBACK_DOMAIN) {
    const eps = METRIC_EPSILON.template_feedback;
    out.push({
      key: 'template_feedback',
      epsilon: eps,
      encode: () => krr('template_feedback', feedbackValue(vote.kind, vote.up), FEEDBACK_DOMAIN, eps),
    });
  }
  for (const x of facts.experiments ?? []) {
    if (x.variant < 0 || x.variant >= x.variants) continue;
    const eps = METRIC_EPSILON.experiment_conversion;
    out.push({
      key: `experiment_conversion:${x.id}`,
      epsilon: eps,
      encode: () =>
        krr(
          'experiment_conversion',
          conversionValue(x.variant, x.converted),
          conversionDomain(x.variants),
          eps,
          x.id,
        ),
    });
  }
  return out;
}

/** What today's selection chose and the records to write with it. */
export interface Selection {
  readonly reports: Report[];
  readonly ledger: PrivacyLedger;
  readonly reported: ReportedState;
  /** Candidates left out because today's budget could not pay for them. */
  readonly overBudget: number;
}

/**
 * Picks, in priority order, the candidates not yet reported today whose epsilon still fits, encodes
 * them and charges the ledger. Runs inside the enqueue transaction, on the state it read.
 */
export function selectReports(list: readonly Candidate[], input: EnqueueInput, nowMs: number): Selection {
  const day = utcDay(nowMs);
  let ledger = currentLedger(input.ledger, nowMs);
  const done = new Set(
    input.reported?.version === 1 && input.reported.day === day ? input.reported.keys : [],
  );
  const reports: Report[] = [];
  let overBudget = 0;
  for (const c of list) {
    if (done.has(c.key)) continue;
    if (!canSpend(ledger, c.epsilon)) {
      overBudget += 1;
      continue;
    }
    reports.push(c.encode());
    ledger = spend(ledger, [c.epsilon]);
    done.add(c.key);
  }
  return { reports, ledger, reported: { version: 1, day, keys: [...done] }, overBudget };
}
