/**
 * The dashboard's feedback group: answer votes (`template_feedback`), click-through of recommended
 * items (`recommendation_ctr`) and conversation ratings (`chat_satisfaction`). A sharing device sends
 * one of the three a day, drawn uniformly and independently of what the visitor did
 * (../../protocol/metric-table.ts), so each hears from about a third of the device-days: the shares
 * and rates below are unbiased all the same, but a metric's report count is a third of the activity,
 * and none of it is ever read as a count of visitors. None of the three indexes the model, so reports
 * made against every model version count.
 */
import { debiasWithCovariance } from '../../protocol/ldp/significance';
import { thresholdZ } from '../../protocol/ldp/threshold';
import {
  CTR_DOMAIN,
  FEEDBACK_DOMAIN,
  RECOMMENDATION_BASES,
  SATISFACTION_DOMAIN,
  SATISFACTION_RATINGS,
  TEMPLATE_KINDS,
} from '../../protocol/metrics';
import { countKrrReports, countKrrReportsByDay, type KrrQuery } from '../aggregates';
import type { Store } from '../store';
import { BASIS_LABELS, RATING_LABELS } from './labels';
import { inPeriods } from './periods';
import { activeShares, pairRate, pairRates } from './ratios';
import type { LabelledShare, Share, TimeTable, WindowShares } from './shares';

/** What the dashboard shows of the feedback group. */
export interface FeedbackGroupData {
  /** The 👍 share of all votes, per week. */
  readonly feedbackDaily: TimeTable;
  readonly feedbackByKind: readonly { readonly label: string; readonly rate: Share | null }[];
  /** Per recommendation basis: the share of reported impressions whose item was opened. */
  readonly clicksByBasis: WindowShares;
  /** Per rating: its share among the rated conversations. */
  readonly satisfaction: WindowShares;
}

/** Where and when to count: the dashboard's query without a model (the group indexes none). */
type GroupScope = Omit<KrrQuery, 'model' | 'metric' | 'domain'>;

async function windowCounts(store: Store, scope: GroupScope, metric: string, domain: number) {
  return debiasWithCovariance(await countKrrReports(store, { ...scope, metric, domain }));
}

/** Overall 👍 share per week (resting on all the week's votes) and per answer kind over the window. */
async function votes(store: Store, scope: GroupScope, k: number) {
  const query = { ...scope, metric: 'template_feedback', domain: FEEDBACK_DOMAIN };
  const kinds = TEMPLATE_KINDS.map((_, i) => i);
  const weeks = inPeriods(await countKrrReportsByDay(store, query), scope.to ?? '');
  const points = weeks.map(({ groups }) => pairRate(debiasWithCovariance(groups), kinds, thresholdZ(1), k));
  const feedbackDaily: TimeTable = {
    days: weeks.map((w) => w.day),
    totals: weeks.map((w) => w.groups.reduce((sum, g) => sum + g.total, 0)),
    series: weeks.length > 0 ? [{ label: '👍 share of all votes', points }] : [],
  };
  const rates = pairRates(await windowCounts(store, scope, query.metric, FEEDBACK_DOMAIN), kinds.length, k);
  const feedbackByKind = TEMPLATE_KINDS.map((label, i) => ({ label, rate: rates[i] ?? null }));
  return { feedbackDaily, feedbackByKind };
}

function labelled(labels: readonly string[], shares: readonly (Share | null)[]): LabelledShare[] {
  return labels.map((label, i) => ({ label, share: shares[i] ?? null }));
}

/**
 * Click-through per basis over the window. A device reports one impression drawn uniformly from its
 * day's, so a rate weighs every reporting device-day equally, however many items it was shown.
 */
async function clicks(store: Store, scope: GroupScope, k: number): Promise<WindowShares> {
  const d = await windowCounts(store, scope, 'recommendation_ctr', CTR_DOMAIN);
  const rates = pairRates(d, RECOMMENDATION_BASES.length, k);
  return { reports: d.total, rows: labelled(BASIS_LABELS, rates) };
}

/** Each rating's share among the rated conversations over the window ("no rating" left out). */
async function ratings(store: Store, scope: GroupScope, k: number): Promise<WindowShares> {
  const d = await windowCounts(store, scope, 'chat_satisfaction', SATISFACTION_DOMAIN);
  const shares = activeShares(d, SATISFACTION_RATINGS.length, k);
  return { reports: d.total, rows: labelled(RATING_LABELS, shares) };
}

/** Everything the dashboard shows of the feedback group, for the scope's sites and days. */
export async function feedbackGroupData(
  store: Store,
  scope: GroupScope,
  k: number,
): Promise<FeedbackGroupData> {
  return {
    ...(await votes(store, scope, k)),
    clicksByBasis: await clicks(store, scope, k),
    satisfaction: await ratings(store, scope, k),
  };
}
