/**
 * What one simulated device does on one active day, and the daily set it sends for it, exactly as
 * worker/sync/report-plan builds it through the worker's own encoders (../../protocol/report-encode.ts):
 * "none" on a day without a view, a chat, a vote, a shown recommendation or a rating; one metric of
 * the feedback group drawn uniformly; its segment and experiment arm (with "converted since
 * assignment") through the memoized responses it keeps across days. Used by ./simulated-site.ts.
 */

import {
  CTR_DOMAIN,
  conversionDomain,
  conversionValue,
  ctrValue,
  FEEDBACK_DOMAIN,
  FEEDBACK_GROUP,
  type FeedbackGroupMetric,
  feedbackValue,
  intentDomain,
  NO_IMPRESSION_VALUE,
  NO_RATING_VALUE,
  NO_VOTE_VALUE,
  noIntentValue,
  type Report,
  SATISFACTION_DOMAIN,
  segmentDomain,
} from '../../protocol/index';
import type { Uniform } from '../../protocol/krr';
import { encodeTableItem, encodeTableKrr, type MemoBook } from '../../protocol/report-encode';

/** The true arms of the simulated experiment: conversion rates the dashboard should tell apart. */
export const SIMULATED_EXPERIMENT = {
  id: 'cards-v2',
  variants: [
    { name: 'control', weight: 1, rate: 0.1 },
    { name: 'carousel', weight: 1, rate: 0.14 },
  ],
};

/**
 * True click-through per recommendation basis (personal, segment, priors, catalog, search): picks
 * from the visitor's own history are opened more than popular ones, and search results (asked for)
 * most of all.
 */
export const SIMULATED_CTR = [0.22, 0.15, 0.11, 0.06, 0.3];

/**
 * True ratings (unhappy, neutral, happy) of a rated conversation: out-of-scope chats, which end in a
 * handoff or a shrug, are rated worse.
 */
export const SIMULATED_RATINGS = { answered: [0.1, 0.25, 0.65], outOfScope: [0.45, 0.35, 0.2] };

/** Share of active devices that chat on a day. */
export const CHAT_SHARE = 0.3;

const GROUP_DOMAIN: { readonly [M in FeedbackGroupMetric]: number } = {
  template_feedback: FEEDBACK_DOMAIN,
  recommendation_ctr: CTR_DOMAIN,
  chat_satisfaction: SATISFACTION_DOMAIN,
};

/**
 * The index whose cumulative weight first exceeds `x` (weights summing to 1): with `x` uniform in
 * [0, 1), index i comes up with probability weights[i]. A fixed `x` keeps one device's draw stable
 * while the mix shifts under it.
 */
export function weightedIndex(weights: readonly number[], x: number): number {
  let left = x;
  for (const [i, w] of weights.entries()) {
    left -= w;
    if (left < 0) return i;
  }
  return weights.length - 1;
}

/** A sampler of index i with probability ∝ 1/(i+1)^s (Zipf), the usual shape of item popularity. */
export function zipf(u: Uniform, n: number, s: number): () => number {
  const cdf: number[] = [];
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += 1 / (i + 1) ** s;
    cdf.push(sum);
  }
  return () => {
    const x = u() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] ?? 0) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** One simulated device: what it is, and the permanent responses it keeps, as a real one does. */
export interface SimulatedDevice {
  /** Segment id; `clusters` (the rule segment) until the visitor buys. */
  segment: number;
  readonly arm: number;
  converted: boolean;
  readonly memo: MemoBook;
}

/** What a day's behaviour depends on besides the device. */
export interface DayWorld {
  readonly u: Uniform;
  readonly clusters: number;
  readonly intents: number;
  readonly itemIds: readonly string[];
  /** The index of the day's last viewed item. */
  readonly item: () => number;
  /** An in-scope intent index. */
  readonly intent: () => number;
  /** The day's share of chats that are out of scope. */
  readonly outOfScope: number;
  readonly experiment: string;
}

/**
 * The day's recommendation impressions (bases), one of which the click report describes. A list of
 * four is shown on an item view and sometimes in the chat panel: to a visitor who has bought (a
 * cluster) mostly personal picks, to one who has not segment or popular ones, or the catalog's order
 * when nothing else is there; a chat that searched adds three results.
 */
function impressions(device: SimulatedDevice, w: DayWorld, viewed: boolean, chatted: boolean): number[] {
  const { u } = w;
  const shown: number[] = [];
  const lists = (viewed ? 1 : 0) + (u() < 0.3 ? 1 : 0);
  for (let l = 0; l < lists; l++) {
    const basis =
      device.segment < w.clusters ? (u() < 0.8 ? 0 : 1) : weightedIndex([0, 0.35, 0.5, 0.15, 0], u());
    for (let i = 0; i < 4; i++) shown.push(basis);
  }
  if (chatted && u() < 0.4) for (let i = 0; i < 3; i++) shown.push(4);
  return shown;
}

/** The day's feedback-group report: one of the three metrics, drawn uniformly, of the day's truth. */
function feedbackGroupReport(
  device: SimulatedDevice,
  w: DayWorld,
  day: { viewed: boolean; chatted: number | undefined },
): Report {
  const { u } = w;
  const metric =
    FEEDBACK_GROUP[Math.min(FEEDBACK_GROUP.length - 1, Math.floor(u() * FEEDBACK_GROUP.length))] ??
    'template_feedback';
  const chatted = day.chatted;
  let value: number;
  if (metric === 'template_feedback') {
    // A quarter of chatters vote. Segment-tailored answers please more often than standard ones, and
    // both more than a handoff (the kinds' true 👍 rates: 0.72, 0.85, 0.45).
    value = NO_VOTE_VALUE;
    if (chatted !== undefined && u() < 0.25) {
      const kind = chatted === w.intents ? 2 : u() < 0.4 ? 1 : 0;
      value = feedbackValue(kind, u() < ([0.72, 0.85, 0.45][kind] ?? 0));
    }
  } else if (metric === 'recommendation_ctr') {
    const shown = impressions(device, w, day.viewed, chatted !== undefined);
    const basis = shown[Math.floor(u() * shown.length)];
    value = basis === undefined ? NO_IMPRESSION_VALUE : ctrValue(basis, u() < (SIMULATED_CTR[basis] ?? 0));
  } else {
    // Three chats in five run to two turns or more, and a third of those are rated.
    value = NO_RATING_VALUE;
    if (chatted !== undefined && u() < 0.6 * 0.35) {
      const truth = chatted === w.intents ? SIMULATED_RATINGS.outOfScope : SIMULATED_RATINGS.answered;
      value = weightedIndex(truth, u());
    }
  }
  return encodeTableKrr(metric, value, GROUP_DOMAIN[metric], null, undefined, u);
}

/** One active day's set, exactly as worker/sync/report-plan builds it. */
export function dailySet(device: SimulatedDevice, w: DayWorld): Report[] {
  const { u } = w;
  const viewed = u() < 0.8 ? (w.itemIds[w.item()] ?? null) : null;
  // A chat's intent: out of scope (the slot after the labels) at the day's share, else a label.
  const chatted = u() < CHAT_SHARE ? (u() < w.outOfScope ? w.intents : w.intent()) : undefined;
  const arms = SIMULATED_EXPERIMENT.variants.length;
  return [
    encodeTableKrr('segment_share', device.segment, segmentDomain(w.clusters), device.memo, undefined, u),
    encodeTableItem(viewed, u),
    encodeTableKrr(
      'intent_count',
      chatted ?? noIntentValue(w.intents),
      intentDomain(w.intents),
      null,
      undefined,
      u,
    ),
    feedbackGroupReport(device, w, { viewed: viewed !== null, chatted }),
    encodeTableKrr(
      'experiment_conversion',
      conversionValue(device.arm, device.converted),
      conversionDomain(arms),
      device.memo,
      w.experiment,
      u,
    ),
  ];
}
