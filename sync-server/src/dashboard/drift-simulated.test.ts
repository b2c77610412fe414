import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePrometheus } from '../../../test/support/prometheus';
import { sqliteTestStore, type TestStore, tempDir } from '../../../test/support/server-stores';
import {
  SIMULATED_DRIFT_DAYS,
  type SimulatedModel,
  seededUniform,
  simulatedModelOf,
  simulateSite,
} from '../aggregates';
import { createApp } from '../app';
import { createServerMetrics } from '../http';
import { hashAdminToken, newAdminToken } from '../routes';
import { DRIFT_WINDOW_DAYS } from './drift-types';
import { loadModelLabels } from './labels';

/**
 * The acceptance test of the drift section: `npm run simulate`'s own simulation (simulateSite) fills
 * a real SQLite store, once with the true shares at the manifest's references and once with
 * `drift`, and the dashboard page and `/metrics` must tell them apart. The manifest has 8 intents
 * rather than the shipped 27: at ε 0.75 over 29 cells the out-of-scope share of 2,000 devices a day
 * is too noisy for a test that must pass on every seed (see drift.ts on power).
 */
const VERSION = 'drift-v1';
const NOW = new Date('2024-06-30T12:00:00Z');
const SEGMENTS = [
  { name: 'active frequent high-value', share: 0.36 },
  { name: 'lapsed occasional low-spend', share: 0.4 },
  { name: 'new one-time low-spend', share: 0.24 },
];
const ACCEPTANCE = 0.78;
const INTENTS = [
  'track_order',
  'cancel_order',
  'refund',
  'returns',
  'shipping',
  'payment',
  'account',
  'contact',
];
const ITEMS = Array.from({ length: 40 }, (_, i) => `i-${i}`);
const PER_DAY = 2000;
const DAYS = 21;

async function writeModels(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const items = ITEMS.map((id, i) => ({ id, title: `Item ${i}`, price: 1 }));
  await writeFile(join(dir, 'catalog.json'), JSON.stringify({ currency: 'EUR', items }));
  const manifest = {
    version: VERSION,
    models: {
      segment: { segments: SEGMENTS, noPurchase: { name: 'browsing visitor' } },
      intent: { labels: INTENTS, acceptance: ACCEPTANCE },
      recommend: { catalog: 'catalog.json' },
    },
  };
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
}

/** The drift marker line of one test on a dashboard page. */
function marker(page: string, metric: string): { state: string; text: string } | undefined {
  const m = page.match(
    new RegExp(`<li class="\\w+" data-drift-metric="${metric}" data-drift-state="([a-z ]+)">(.*?)</li>`),
  );
  return m ? { state: m[1] ?? '', text: m[2] ?? '' } : undefined;
}

describe('drift on the dashboard and /metrics, from simulated devices', () => {
  let t: TestStore;
  let cleanup: () => Promise<void>;
  let modelsDir: string;
  const token = newAdminToken();
  const basic = { Authorization: `Basic ${Buffer.from(`admin:${token}`).toString('base64')}` };
  const bearer = { Authorization: `Bearer ${token}` };
  let model: SimulatedModel;

  const simulate = (site: string, drift: boolean, seed: number) =>
    simulateSite(t.store, model, {
      site,
      days: DAYS,
      perDay: PER_DAY,
      drift,
      today: NOW,
      uniform: seededUniform(seed),
    });
  // A fresh app per look: each has its own registry and drift cache.
  const app = () => createApp({ store: t.store, modelsDir, now: () => NOW, log: () => undefined });
  const page = async (site: string) => {
    const res = await app().request(`/dashboard?site=${site}`, { headers: basic });
    expect(res.status).toBe(200);
    return res.text();
  };
  // Kept across the tests: its census is cached, so it goes on reporting the first scrape's count.
  let early: ReturnType<typeof app>;
  const metrics = async (from = app()) => {
    const res = await from.request('/metrics', { headers: bearer });
    expect(res.status).toBe(200);
    return res.text();
  };

  beforeAll(async () => {
    t = await sqliteTestStore();
    const tmp = await tempDir();
    cleanup = tmp.cleanup;
    modelsDir = join(tmp.dir, 'artifacts');
    await writeModels(modelsDir);
    await t.store.addAdminToken(hashAdminToken(token), 'test', '2024-06-01');
    const labels = await loadModelLabels(modelsDir);
    if (!labels) throw new Error('labels did not load');
    model = simulatedModelOf(labels);
  }, 60_000);
  afterAll(async () => {
    await t.dispose();
    await cleanup();
  });

  it('drifts over the same window the dashboard tests', () => {
    expect(SIMULATED_DRIFT_DAYS).toBe(DRIFT_WINDOW_DAYS);
  });

  it('flags nothing while the true shares are the references', async () => {
    await simulate('steady-shop', false, 20_240_630);
    const html = await page('steady-shop');
    expect(marker(html, 'segment_share')?.state).toBe('stable');
    expect(marker(html, 'out_of_scope')?.state).toBe('stable');
    expect(html).not.toContain('⚠ Drifting');
    expect(marker(html, 'segment_share')?.text).toContain('No segment is 5 points or more off');
    early = app();
    const m = parsePrometheus(await metrics(early));
    expect(m.get('confide_drift_sites{metric="segment_share"}')).toBe(0);
    expect(m.get('confide_drift_sites{metric="out_of_scope"}')).toBe(0);
    expect(m.get('confide_drift_checked_sites{metric="segment_share"}')).toBe(1);
    expect(m.get('confide_drift_checked_sites{metric="out_of_scope"}')).toBe(1);
  }, 120_000);

  it('flags both shifts with concrete reasons, and counts the site on /metrics', async () => {
    await simulate('moving-shop', true, 20_240_631);
    const html = await page('moving-shop');
    const segments = marker(html, 'segment_share');
    expect(segments?.state).toBe('drifting');
    // The simulation moves 40 % of the purchasers' mix onto the smallest segment: 24 % → 54 %.
    expect(segments?.text).toMatch(
      /^<strong>⚠ Drifting<\/strong> Segments of visitors with purchases: segment “new one-time low-spend” (5\d|6\d|4[6-9])% of visitors with purchases over the last 14 days vs 24% in training \(±\d+(\.\d)? pts\)/,
    );
    const oos = marker(html, 'out_of_scope');
    expect(oos?.state).toBe('drifting');
    // 22 % at calibration, 62 % over the window.
    expect(oos?.text).toMatch(
      /Chats out of scope: \d+% of chat messages out of scope over the last 14 days vs 22% at calibration \(±\d+(\.\d)? pts\)\.$/,
    );
    // The steady site keeps its verdict next to the drifting one.
    expect(marker(await page('steady-shop'), 'segment_share')?.state).toBe('stable');
    const text = await metrics();
    const m = parsePrometheus(text);
    expect(m.get('confide_drift_sites{metric="segment_share"}')).toBe(1);
    expect(m.get('confide_drift_sites{metric="out_of_scope"}')).toBe(1);
    expect(m.get('confide_drift_checked_sites{metric="segment_share"}')).toBe(2);
    expect(m.get('confide_drift_checked_sites{metric="out_of_scope"}')).toBe(2);
    expect(text).not.toContain('moving-shop');
    expect(text).not.toContain('steady-shop');
    const cached = parsePrometheus(await metrics(early));
    expect(cached.get('confide_drift_checked_sites{metric="segment_share"}')).toBe(1);
  }, 120_000);
});

describe('the drift gauges', () => {
  it('have no samples, and do not fail the scrape, when the census fails', async () => {
    const metrics = createServerMetrics();
    expect(await metrics.registry.metrics()).not.toMatch(/^confide_drift_sites\{/m);
    metrics.setDriftSource(async () => ({ segment_share: { flagged: 2, checked: 5 } }));
    const text = await metrics.registry.metrics();
    expect(parsePrometheus(text).get('confide_drift_sites{metric="segment_share"}')).toBe(2);
    expect(parsePrometheus(text).get('confide_drift_checked_sites{metric="segment_share"}')).toBe(5);
    metrics.setDriftSource(() => Promise.reject(new Error('database unavailable')));
    const failed = await metrics.registry.metrics();
    expect(failed).toContain('# TYPE confide_drift_sites gauge');
    expect(failed).not.toMatch(/^confide_drift_(checked_)?sites\{/m);
  });
});
