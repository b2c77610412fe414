/**
 * `npm run simulate -- [--site simulated] [--days 14] [--devices 3000]`: fills the configured database
 * (DATABASE_URL, or the SQLite file CONFIDE_DB) with reports from simulated devices, so the dashboard
 * can be seen with realistic volumes before real visitors arrive. Every device's true values are
 * drawn from a known distribution and then go through the worker's real encoders (k-RR and the
 * count-mean sketch, crypto randomness, the worker's per-metric epsilon), so what the dashboard shows
 * is exactly what LDP lets it recover. The site is created without origins, so nothing real can post
 * for it, and it is kept apart from real sites.
 */

import {
  conversionDomain,
  conversionValue,
  FEEDBACK_DOMAIN,
  feedbackValue,
  intentDomain,
  type Report,
} from '../protocol/index';
import { createCryptoUniform } from '../protocol/ldp/crypto-pool';
import { cmsReports, krrReports, storeReports } from '../src/aggregates';
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

    const segments = labels.segments.length;
    const intents = labels.intents.length - 1;
    const item = zipf(labels.itemIds.length, 1.05);
    const intent = zipf(intents + 1, 0.9);
    const arms = SIMULATED_EXPERIMENT.variants;
    let stored = 0;
    for (let d = days - 1; d >= 0; d--) {
      const day = utcDay(new Date(today.getTime() - d * 86_400_000));
      // The share of visitors who bought drifts over the window, so the segment chart has a trend.
      const buyers = 0.45 + (0.15 * (days - 1 - d)) / Math.max(1, days - 1);
      const segmentValues: number[] = [];
      const intentValues: number[] = [];
      const votes: number[] = [];
      const conversions: number[] = [];
      const viewed: string[] = [];
      for (let i = 0; i < perDay; i++) {
        segmentValues.push(uniform() < buyers ? Math.floor(uniform() * (segments - 1)) : segments - 1);
        viewed.push(labels.itemIds[item()] ?? '');
        if (uniform() < 0.3) {
          const asked = intent();
          intentValues.push(asked);
          // A quarter of chatters vote. Segment-tailored answers please more often than standard ones,
          // and both more than a handoff (the kinds' true 👍 rates: 0.72, 0.85, 0.45).
          if (uniform() < 0.25) {
            const kind = asked === intents ? 2 : uniform() < 0.4 ? 1 : 0;
            votes.push(feedbackValue(kind, uniform() < ([0.72, 0.85, 0.45][kind] ?? 0)));
          }
        }
        const arm = uniform() < 0.5 ? 0 : 1;
        conversions.push(conversionValue(arm, uniform() < (arms[arm]?.rate ?? 0)));
      }
      const reports: Report[] = [
        ...krrReports('segment_share', segments, segmentValues, 1),
        ...cmsReports(viewed),
        ...krrReports('intent_count', intentDomain(intents), intentValues, 1),
        ...krrReports('template_feedback', FEEDBACK_DOMAIN, votes, 0.5),
        ...krrReports(
          'experiment_conversion',
          conversionDomain(arms.length),
          conversions,
          0.5,
          experiment.id,
        ),
      ];
      await storeReports(store, reports, { site, model: labels.version, day });
      stored += reports.length;
      console.log(`${day}: ${perDay} devices, ${reports.length} reports`);
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
