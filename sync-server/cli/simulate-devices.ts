/**
 * `npm run simulate -- [--site simulated] [--days 14] [--devices 3000]`: fills the configured database
 * (DATABASE_URL, or the SQLite file CONFIDE_DB) with reports from simulated devices, so the dashboard
 * can be seen with realistic volumes before real visitors arrive. The devices behave like real ones: a
 * fixed population, each active on some days (about `--devices` a day), each active day sending the
 * daily set of the metric table through the worker's own encoders
 * (sync-server/protocol/report-encode.ts): "none" on a day without a view, a chat, a vote, a shown
 * recommendation or a rating; one metric of the feedback group (vote, click-through, rating) drawn
 * uniformly, as the worker draws it; and its segment and experiment arm (with "converted since
 * assignment") through the memoized responses it keeps across days. What the dashboard shows is
 * exactly what LDP lets it recover: at ε 0.5 with a third of the devices each, the click-through and
 * rating charts need tens of thousands of devices a day over the window before most of them publish.
 * The site is created without origins, so nothing real can post for it, and it is kept apart from
 * real sites.
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
} from '../protocol/index';
import { createCryptoUniform } from '../protocol/ldp/crypto-pool';
import { encodeTableItem, encodeTableKrr, type MemoBook } from '../protocol/report-encode';
import { storeReports } from '../src/aggregates';
import { configFromEnv } from '../src/app';
import { loadModelLabels } from '../src/dashboard';
import { utcDay } from '../src/routes';
import { openStore } from '../src/store';

const USAGE = 'usage: npm run simulate -- [--site KEY] [--days N] [--devices PER_DAY]';
const uniform = createCryptoUniform();

/** The true arms of the simulated experiment: conversion rates the dashboard should tell apart. */
export const SIMULATED_EXPERIMENT = {
  id: 'cards-v2',
  variants: [
    { name: 'control', weight: 1, rate: 0.1 },
    { name: 'carousel', weight: 1, rate: 0.14 },
  ],
};

/** A sampler of index i with probability ∝ 1/(i+1)^s (Zipf), the usual shape of item popularity. */
function zipf(n: number, s: number): () => number {
  const cdf: number[] = [];
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += 1 / (i + 1) ** s;
    cdf.push(sum);
  }
  return () => {
    const u = uniform() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] ?? 0) < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** Share of the population active on a given day. */
const ACTIVE_SHARE = 0.6;

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

const GROUP_DOMAIN: { readonly [M in FeedbackGroupMetric]: number } = {
  template_feedback: FEEDBACK_DOMAIN,
  recommendation_ctr: CTR_DOMAIN,
  chat_satisfaction: SATISFACTION_DOMAIN,
};

/** Index i with probability weights[i] (the weights sum to 1). */
function pick(weights: readonly number[]): number {
  let left = uniform();
  for (const [i, w] of weights.entries()) {
    left -= w;
    if (left < 0) return i;
  }
  return weights.length - 1;
}

/** One simulated device: what it is, and the permanent responses it keeps, as a real one does. */
interface Device {
  segment: number;
  readonly arm: number;
  converted: boolean;
  readonly memo: MemoBook;
}

function newDevice(clusters: number, arms: readonly { readonly weight: number }[]): Device {
  // Half the visitors have bought (a cluster), the others sit in the rule segment (id = clusters).
  const segment = uniform() < 0.45 ? Math.floor(uniform() * clusters) : clusters;
  return { segment, arm: uniform() < 0.5 || arms.length < 2 ? 0 : 1, converted: false, memo: new Map() };
}

/**
 * The day's recommendation impressions (bases), one of which the click report describes. A list of
 * four is shown on an item view and sometimes in the chat panel: to a visitor who has bought (a
 * cluster) mostly personal picks, to one who has not segment or popular ones, or the catalog's order
 * when nothing else is there; a chat that searched adds three results.
 */
function impressions(device: Device, clusters: number, viewed: boolean, chatted: boolean): number[] {
  const shown: number[] = [];
  const lists = (viewed ? 1 : 0) + (uniform() < 0.3 ? 1 : 0);
  for (let l = 0; l < lists; l++) {
    const basis = device.segment < clusters ? (uniform() < 0.8 ? 0 : 1) : pick([0, 0.35, 0.5, 0.15, 0]);
    for (let i = 0; i < 4; i++) shown.push(basis);
  }
  if (chatted && uniform() < 0.4) for (let i = 0; i < 3; i++) shown.push(4);
  return shown;
}

/** The day's feedback-group report: one of the three metrics, drawn uniformly, of the day's truth. */
function feedbackGroupReport(
  device: Device,
  m: { clusters: number; intents: number },
  day: { viewed: boolean; chatted: number | undefined },
): Report {
  const metric =
    FEEDBACK_GROUP[Math.min(FEEDBACK_GROUP.length - 1, Math.floor(uniform() * FEEDBACK_GROUP.length))] ??
    'template_feedback';
  const chatted = day.chatted;
  let value: number;
  if (metric === 'template_feedback') {
    // A quarter of chatters vote. Segment-tailored answers please more often than standard ones, and
    // both more than a handoff (the kinds' true 👍 rates: 0.72, 0.85, 0.45).
    value = NO_VOTE_VALUE;
    if (chatted !== undefined && uniform() < 0.25) {
      const kind = chatted === m.intents ? 2 : uniform() < 0.4 ? 1 : 0;
      value = feedbackValue(kind, uniform() < ([0.72, 0.85, 0.45][kind] ?? 0));
    }
  } else if (metric === 'recommendation_ctr') {
    const shown = impressions(device, m.clusters, day.viewed, chatted !== undefined);
    const basis = shown[Math.floor(uniform() * shown.length)];
    value =
      basis === undefined ? NO_IMPRESSION_VALUE : ctrValue(basis, uniform() < (SIMULATED_CTR[basis] ?? 0));
  } else {
    // Three chats in five run to two turns or more, and a third of those are rated.
    value = NO_RATING_VALUE;
    if (chatted !== undefined && uniform() < 0.6 * 0.35) {
      const truth = chatted === m.intents ? SIMULATED_RATINGS.outOfScope : SIMULATED_RATINGS.answered;
      value = pick(truth);
    }
  }
  return encodeTableKrr(metric, value, GROUP_DOMAIN[metric], null, undefined, uniform);
}

/** One active day's set, exactly as worker/sync/report-plan builds it. */
function dailySet(
  device: Device,
  m: {
    clusters: number;
    intents: number;
    itemIds: readonly string[];
    item: () => number;
    intent: () => number;
    experiment: string;
  },
): Report[] {
  const viewed = uniform() < 0.8 ? (m.itemIds[m.item()] ?? null) : null;
  const chatted = uniform() < 0.3 ? m.intent() : undefined;
  const arms = SIMULATED_EXPERIMENT.variants.length;
  return [
    encodeTableKrr(
      'segment_share',
      device.segment,
      segmentDomain(m.clusters),
      device.memo,
      undefined,
      uniform,
    ),
    encodeTableItem(viewed, uniform),
    encodeTableKrr(
      'intent_count',
      chatted ?? noIntentValue(m.intents),
      intentDomain(m.intents),
      null,
      undefined,
      uniform,
    ),
    feedbackGroupReport(device, m, { viewed: viewed !== null, chatted }),
    encodeTableKrr(
      'experiment_conversion',
      conversionValue(device.arm, device.converted),
      conversionDomain(arms),
      device.memo,
      m.experiment,
      uniform,
    ),
  ];
}

function option(args: readonly string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(args[i + 1]);
  if (!Number.isInteger(value) || value < 1 || value > 1_000_000)
    throw new Error(`--${name} must be 1-1000000`);
  return value;
}

async function main(args: readonly string[]): Promise<number> {
  const siteAt = args.indexOf('--site');
  const site = siteAt >= 0 ? (args[siteAt + 1] ?? '') : 'simulated';
  if (!/^[A-Za-z0-9_-]{3,64}$/.test(site)) {
    console.error(USAGE);
    return 2;
  }
  const days = option(args, 'days', 14);
  const perDay = option(args, 'devices', 3000);
  const config = configFromEnv(process.env);
  const labels = await loadModelLabels(config.modelsDir);
  if (!labels || labels.segments.length === 0 || labels.intents.length === 0) {
    console.error(`no model manifest with segments and intents in ${config.modelsDir}`);
    return 1;
  }
  const store = await openStore({
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { sqlitePath: config.sqlitePath }),
  });
  try {
    await store.migrate();
    if (await store.getSite(site)) {
      console.error(`site "${site}" exists already; simulate into a new site key`);
      return 1;
    }
    const today = new Date();
    await store.upsertSite(site, [], utcDay(today));
    const experiment = {
      id: SIMULATED_EXPERIMENT.id,
      variants: SIMULATED_EXPERIMENT.variants.map(({ name, weight }) => ({ name, weight })),
    };
    await store.setExperiments(site, [experiment]);

    // The rule segment is the last label; the model's clusters come before it.
    const clusters = labels.segments.length - 1;
    const intents = labels.intents.length - 1;
    const item = zipf(labels.itemIds.length, 1.05);
    const intent = zipf(intents + 1, 0.9);
    const arms = SIMULATED_EXPERIMENT.variants;
    const devices = Array.from({ length: Math.ceil(perDay / ACTIVE_SHARE) }, () => newDevice(clusters, arms));
    let stored = 0;
    for (let d = days - 1; d >= 0; d--) {
      const day = utcDay(new Date(today.getTime() - d * 86_400_000));
      const reports: Report[] = [];
      let active = 0;
      for (const device of devices) {
        // Some visitors buy over the window, so the segment chart has a trend.
        if (device.segment === clusters && uniform() < 0.02)
          device.segment = Math.floor(uniform() * clusters);
        if (uniform() >= ACTIVE_SHARE) continue;
        active += 1;
        if (!device.converted && uniform() < (arms[device.arm]?.rate ?? 0) / days) device.converted = true;
        reports.push(
          ...dailySet(device, {
            clusters,
            intents,
            itemIds: labels.itemIds,
            item,
            intent,
            experiment: experiment.id,
          }),
        );
      }
      await storeReports(store, reports, { site, model: labels.version, day });
      stored += reports.length;
      console.log(`${day}: ${active} active devices, ${reports.length} reports`);
    }
    console.log(`\n${stored} reports for site "${site}". Open /dashboard?site=${site} with an admin token.`);
    return 0;
  } finally {
    await store.close();
  }
}

process.exitCode = await main(process.argv.slice(2)).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  return 1;
});
