/**
 * `npm run simulate -- [--site simulated] [--days 14] [--devices 3000] [--drift]`: fills the configured
 * database (DATABASE_URL, or the SQLite file CONFIDE_DB) with reports from simulated devices, so the
 * dashboard can be seen with realistic volumes before real visitors arrive. The devices behave like
 * real ones (sync-server/src/aggregates/simulated-site.ts, the code the dashboard's drift test runs): a
 * fixed population, each active on some days (about `--devices` a day), each active day sending the
 * daily set of the metric table through the worker's own encoders, its segment and experiment arm
 * through the memoized responses it keeps across days. Their true segment mix and out-of-scope share
 * are the served manifest's training and calibration shares; `--drift` shifts both over the last 14
 * days, which the dashboard's drift section and `/metrics` should flag. What the dashboard shows is
 * exactly what LDP lets it recover: at ε 0.5 with a third of the devices each, the click-through and
 * rating charts need tens of thousands of devices a day over the window before most of them publish.
 * The site is created without origins, so nothing real can post for it, and it is kept apart from
 * real sites.
 */

import { createCryptoUniform } from '../protocol/ldp/crypto-pool';
import { simulatedModelOf, simulateSite } from '../src/aggregates';
import { configFromEnv } from '../src/app';
import { loadModelLabels } from '../src/dashboard';
import { openStore } from '../src/store';

const USAGE = 'usage: npm run simulate -- [--site KEY] [--days N] [--devices PER_DAY] [--drift]';

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
  const drift = args.includes('--drift');
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
    const model = simulatedModelOf(labels);
    const stored = await simulateSite(store, model, {
      site,
      days,
      perDay,
      drift,
      today: new Date(),
      uniform: createCryptoUniform(),
      log: (line) => console.log(line),
    });
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
