/**
 * What a device reports, once per UTC day, with `share` granted: the whole daily set of the shared
 * metric table (sync-server/protocol/metric-table.ts), which also fixes every encoding and epsilon;
 * nothing here restates one. Each value is noised on the device once, when it enters the outbox, and
 * the epsilon ledger is charged at that moment, whether or not delivery succeeds.
 *
 * The set does not depend on what the visitor did: `segment_share`, `item_popularity`, `intent_count`,
 * one metric of the feedback group (`template_feedback`, `recommendation_ctr` or `chat_satisfaction`,
 * drawn uniformly each day, see the table) and one `experiment_conversion` per experiment the device
 * is assigned to (the site's first {@link MAX_DAILY_EXPERIMENTS}, in its order), every day the device
 * is active. A day without an item view, a chat, a vote, a recommendation or a rating reports that
 * metric's "none" value. The segment and each
 * experiment's (arm, converted since assignment) persist, so they go through memoized randomized
 * response: the permanent draws live in the device's `memo` state and are written in the same
 * transaction as the ledger. The table fits the whole set in the daily budget; a metric that would not
 * fit (only possible after a change of table mid-day) waits for the next day.
 */
import {
  CTR_DOMAIN,
  conversionDomain,
  conversionValue,
  ctrValue,
  FEEDBACK_DOMAIN,
  FEEDBACK_GROUP,
  feedbackValue,
  intentDomain,
  intentValue,
  MAX_DAILY_EXPERIMENTS,
  NO_IMPRESSION_VALUE,
  NO_RATING_VALUE,
  NO_VOTE_VALUE,
  noIntentValue,
  RECOMMENDATION_BASES,
  type Report,
  reportEpsilon,
  SATISFACTION_DOMAIN,
  SATISFACTION_RATINGS,
  segmentDomain,
} from '../../sync-server/protocol';
import { cryptoUniform, type Uniform } from '../../sync-server/protocol/krr';
import {
  encodeTableItem,
  encodeTableKrr,
  type KrrTableMetric,
  type MemoBook,
} from '../../sync-server/protocol/report-encode';
import { type MemoState, memoBook, memoState } from './memo-state';
import type { EnqueueInput, ReportedState } from './outbox-types';
import { canSpend, currentLedger, type PrivacyLedger, spend, utcDay } from './privacy-ledger';

/** What the device knows for today's reports, gathered by the reporter since the previous report. */
export interface DayFacts {
  /** The current segment id and the model's segment count; absent when the model has no segments. */
  readonly segment?: { readonly id: number; readonly segments: number };
  /** The catalog id of the last viewed item, or null for none. */
  readonly item: string | null;
  /** The model's intent labels and the last chat's intent: a label, null out of scope, undefined no chat. */
  readonly intent?: { readonly labels: readonly string[]; readonly last?: string | null };
  /** The last vote on an answer: the answer's kind (see `templateKind`) and the vote; null for none. */
  readonly vote: { readonly kind: number; readonly up: boolean } | null;
  /** One recommendation impression of the day: its basis's index and whether it was opened; null for none. */
  readonly impression: { readonly basis: number; readonly opened: boolean } | null;
  /** The day's last rating of a conversation, as an index of `SATISFACTION_RATINGS`; null for none. */
  readonly rating: number | null;
  /** Every experiment the device is assigned to, in the site's order: arm, arm count, converted since. */
  readonly experiments: readonly {
    readonly id: string;
    readonly variant: number;
    readonly variants: number;
    readonly converted: boolean;
  }[];
}

/** One report the device sends today, encoded only if chosen. */
export interface Candidate {
  /** At most one report per key and day. */
  readonly key: string;
  readonly epsilon: number;
  /** Encodes the report, taking (and for a new value adding) its permanent draw from `memo`. */
  readonly encode: (memo: MemoBook) => Report;
}

function krrCandidate(
  key: string,
  metric: KrrTableMetric,
  value: number,
  domain: number,
  experiment?: string,
): Candidate {
  return {
    key,
    epsilon: reportEpsilon(metric, domain),
    encode: (memo) => encodeTableKrr(metric, value, domain, memo, experiment),
  };
}

/**
 * The feedback group's report for today: the metric drawn by `uniform`, under the group's one key, so
 * a second sync the same day sends none of the three.
 */
function feedbackCandidate(facts: DayFacts, uniform: Uniform): Candidate {
  const metric =
    FEEDBACK_GROUP[Math.min(FEEDBACK_GROUP.length - 1, Math.floor(uniform() * FEEDBACK_GROUP.length))];
  const { vote, impression, rating } = facts;
  const inRange = (x: number, n: number) => Number.isInteger(x) && x >= 0 && x < n;
  if (metric === 'recommendation_ctr') {
    const value =
      impression && inRange(impression.basis, RECOMMENDATION_BASES.length)
        ? ctrValue(impression.basis, impression.opened)
        : NO_IMPRESSION_VALUE;
    return krrCandidate('feedback_group', metric, value, CTR_DOMAIN);
  }
  if (metric === 'chat_satisfaction') {
    const value = rating !== null && inRange(rating, SATISFACTION_RATINGS.length) ? rating : NO_RATING_VALUE;
    return krrCandidate('feedback_group', metric, value, SATISFACTION_DOMAIN);
  }
  const known = vote && inRange(vote.kind, NO_VOTE_VALUE / 2);
  const voted = known ? feedbackValue(vote.kind, vote.up) : NO_VOTE_VALUE;
  return krrCandidate('feedback_group', 'template_feedback', voted, FEEDBACK_DOMAIN);
}

/**
 * Today's candidates in the table's order; a fact outside its domain is reported as none. `uniform`
 * draws the feedback group's metric (the device's cryptographic RNG unless a test seeds one).
 */
export function candidates(facts: DayFacts, uniform: Uniform = cryptoUniform): Candidate[] {
  const out: Candidate[] = [];
  const { segment, item, intent } = facts;
  if (
    segment &&
    Number.isInteger(segment.id) &&
    segment.id >= 0 &&
    segment.id < segmentDomain(segment.segments)
  )
    out.push(krrCandidate('segment_share', 'segment_share', segment.id, segmentDomain(segment.segments)));
  out.push({
    key: 'item_popularity',
    epsilon: reportEpsilon('item_popularity', 0),
    encode: () => encodeTableItem(item),
  });
  if (intent && intent.labels.length > 0) {
    const n = intent.labels.length;
    const index = intent.last === undefined || intent.last === null ? -1 : intent.labels.indexOf(intent.last);
    const value = intent.last === undefined ? noIntentValue(n) : intentValue(index < 0 ? null : index, n);
    out.push(krrCandidate('intent_count', 'intent_count', value, intentDomain(n)));
  }
  out.push(feedbackCandidate(facts, uniform));
  for (const x of facts.experiments.slice(0, MAX_DAILY_EXPERIMENTS)) {
    if (!(Number.isInteger(x.variant) && x.variant >= 0 && x.variant < x.variants)) continue;
    const domain = conversionDomain(x.variants);
    const value = conversionValue(x.variant, x.converted);
    out.push(krrCandidate(`experiment_conversion:${x.id}`, 'experiment_conversion', value, domain, x.id));
  }
  return out;
}

/** What today's selection chose and the records to write with it. */
export interface Selection {
  readonly reports: Report[];
  readonly ledger: PrivacyLedger;
  readonly reported: ReportedState;
  /** The permanent draws, with any new ones. */
  readonly memo: MemoState;
  /** Candidates left out because today's budget could not pay for them. */
  readonly overBudget: number;
}

/**
 * Picks the candidates not yet reported today whose epsilon still fits, encodes them and charges the
 * ledger. Runs inside the enqueue transaction, on the state it read.
 */
export function selectReports(list: readonly Candidate[], input: EnqueueInput, nowMs: number): Selection {
  const day = utcDay(nowMs);
  let ledger = currentLedger(input.ledger, nowMs);
  const sameDay = input.reported?.version === 1 && input.reported.day === day;
  const done = new Set(sameDay ? input.reported?.keys : []);
  const memo = memoBook(input.memo);
  const reports: Report[] = [];
  let overBudget = 0;
  for (const c of list) {
    if (done.has(c.key)) continue;
    if (!canSpend(ledger, c.epsilon)) {
      overBudget += 1;
      continue;
    }
    reports.push(c.encode(memo));
    ledger = spend(ledger, [c.epsilon]);
    done.add(c.key);
  }
  const at = reports.length > 0 ? nowMs : input.reported?.at;
  return {
    reports,
    ledger,
    reported: { version: 1, day, keys: [...done], ...(at === undefined ? {} : { at }) },
    memo: memoState(memo),
    overBudget,
  };
}
