/**
 * `npm run simulate -- [--site simulated] [--days 14] [--devices 3000]`: fills the configured database
 * (DATABASE_URL, or the SQLite file CONFIDE_DB) with reports from simulated devices, so the dashboard
 * can be seen with realistic volumes before real visitors arrive. The devices behave like real ones: a
 * fixed population, each active on some days (about `--devices` a day), each active day sending the
 * whole daily set of the metric table through the worker's own encoders
 * (sync-server/protocol/report-encode.ts): "none" on a day without a view, a chat or a vote, and its
 * segment and experiment arm (with "converted since assignment") through the memoized responses it
 * keeps across days. What the dashboard shows is exactly what LDP lets it recover. The site is created
 * without origins, so nothing real can post for it, and it is kept apart from real sites.
 */

import {
  conversionDomain,
  conversionValue,
  FEEDBACK_DOMAIN,
  feedbackValue,
  intentDomain,
  NO_VOTE_VALUE,
  noIntentValue,
  type Report,
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

/** One active day's whole set, exactly as worker/sync/report-plan builds it. */
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
  // A quarter of chatters vote. Segment-tailored answers please more often than standard ones, and
  // both more than a handoff (the kinds' true 👍 rates: 0.72, 0.85, 0.45).
  let vote = NO_VOTE_VALUE;
  if (chatted !== undefined && uniform() < 0.25) {
    const kind = chatted === m.intents ? 2 : uniform() < 0.4 ? 1 : 0;
    vote = feedbackValue(kind, uniform() < ([0.72, 0.85, 0.45][kind] ?? 0));
  }
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
    encodeTableKrr('template_feedback', vote, FEEDBACK_DOMAIN, null, undefined, uniform),
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
