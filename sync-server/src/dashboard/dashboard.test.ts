import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32, randomInt } from '../../../models/src/rng';
import { storeBackends, type TestStore, tempDir } from '../../../test/support/server-stores';
import type { Report } from '../../protocol/index';
import { FEEDBACK_GROUP, type FeedbackGroupMetric } from '../../protocol/metric-table';
import {
  CTR_DOMAIN,
  conversionValue,
  ctrValue,
  FEEDBACK_DOMAIN,
  feedbackValue,
  NO_IMPRESSION_VALUE,
  NO_RATING_VALUE,
  NO_VOTE_VALUE,
  RECOMMENDATION_BASES,
  SATISFACTION_DOMAIN,
  TEMPLATE_KINDS,
} from '../../protocol/metrics';
import { encodeTableKrr } from '../../protocol/report-encode';
import {
  cmsReports,
  krrReports,
  population,
  storeReports,
  useSeededNoise,
  weightedIndex,
} from '../aggregates';
import { createApp } from '../app';
import { hashAdminToken, newAdminToken } from '../routes';
import { type DashboardData, dashboardData, type Share } from './data';
import { BASIS_LABELS, loadModelLabels, RATING_LABELS } from './labels';
import { BELOW_K } from './page';

const backends = await storeBackends('dashboard');

const VERSION = 'v1';
const DAY1 = '2024-03-01';
const DAY2 = '2024-03-02';
const ITEMS = Array.from({ length: 30 }, (_, i) => `i-${i}`);
const EVIL_TITLE = '<img src=x onerror=alert(1)>';
const EVIL_SEGMENT = 'c<script>alert(1)</script>';
const VARIANT = 'big <button>';

/** True when `truth` lies within 4.5 standard errors of a published share (seed-independent). */
function near(s: Share | null | undefined, truth: number): boolean {
  if (!s) return false;
  const sd = (s.upper - s.lower) / (2 * 1.959964);
  return Math.abs(s.estimate - truth) <= 4.5 * sd + 1e-9;
}

/**
 * The feedback-group site's truth. Click-through by basis (personal, segment, priors, catalog,
 * search); no segment or catalog item is ever shown there, so those must stay unpublished.
 */
const TRUE_CTR = [0.3, 0, 0.1, 0, 0.15];
const BASIS_MIX = [0.5, 0, 0.45, 0, 0.05];
/** Shares of unhappy, neutral, happy among rated conversations; half the reporting devices rated one. */
const TRUE_RATINGS = [0.1, 0.25, 0.65];
/**
 * Sharing devices on the feedback-group site. At ε 0.5 over 11 cells, with a third of them reporting
 * clicks, personal vs priors (0.3 vs 0.1) sits about 4.5 standard errors apart: the ordering holds for
 * every seed in practice, and every interval is checked at 4.5.
 */
const GROUP_DEVICES = 300_000;
const GROUP_DOMAIN: { readonly [M in FeedbackGroupMetric]: number } = {
  template_feedback: FEEDBACK_DOMAIN,
  recommendation_ctr: CTR_DOMAIN,
  chat_satisfaction: SATISFACTION_DOMAIN,
};

/**
 * One day of `devices` sharing devices' feedback-group reports, as the worker sends them: each draws
 * one of the three metrics uniformly, and a click report describes one of its day's impressions,
 * drawn uniformly. Behaviour and noise come from one seeded stream.
 */
function groupReports(devices: number, seed: number): Report[] {
  const u = mulberry32(seed);
  return Array.from({ length: devices }, () => {
    const metric = FEEDBACK_GROUP[randomInt(u, FEEDBACK_GROUP.length)] ?? 'template_feedback';
    let value: number;
    if (metric === 'template_feedback')
      value = u() < 0.1 ? feedbackValue(randomInt(u, TEMPLATE_KINDS.length), u() < 0.7) : NO_VOTE_VALUE;
    else if (metric === 'chat_satisfaction')
      value = u() < 0.5 ? weightedIndex(TRUE_RATINGS, u()) : NO_RATING_VALUE;
    else {
      const shown = u() < 0.05 ? 0 : 1 + randomInt(u, 6);
      const impressions = Array.from({ length: shown }, () => {
        const basis = weightedIndex(BASIS_MIX, u());
        return ctrValue(basis, u() < (TRUE_CTR[basis] ?? 0));
      });
      value = impressions[randomInt(u, Math.max(1, shown))] ?? NO_IMPRESSION_VALUE;
    }
    return encodeTableKrr(metric, value, GROUP_DOMAIN[metric], null, undefined, u);
  });
}

/** Stores reports over parallel lanes, so the store's group commit takes them in few transactions. */
async function storeInLanes(t: TestStore, reports: readonly Report[], site: string, day: string) {
  const lanes = 16;
  const per = Math.ceil(reports.length / lanes);
  await Promise.all(
    Array.from({ length: lanes }, (_, i) =>
      storeReports(t.store, reports.slice(i * per, (i + 1) * per), { site, model: VERSION, day }),
    ),
  );
}

async function writeModels(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const catalog = {
    currency: 'EUR',
    items: ITEMS.map((id, i) => ({ id, title: i === 3 ? EVIL_TITLE : `Item ${i}`, price: 1 })),
  };
  await writeFile(join(dir, 'catalog.json'), JSON.stringify(catalog));
  const manifest = {
    version: VERSION,
    models: {
      segment: {
        segments: [{ name: 'a' }, { name: 'b' }, { name: EVIL_SEGMENT }],
        noPurchase: { name: 'rule' },
      },
      intent: { labels: ['track_order', 'refund & returns'] },
      recommend: { catalog: 'catalog.json' },
    },
  };
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
}

async function seed(t: TestStore): Promise<void> {
  await t.reset();
  await t.store.upsertSite('shop', ['https://shop.example'], DAY1);
  await t.store.upsertSite('other', ['https://other.example'], DAY1);
  await t.store.upsertSite('panel', ['https://panel.example'], DAY1);
  await t.store.setExperiments('shop', [
    {
      id: 'cta',
      variants: [
        { name: 'control', weight: 1 },
        { name: VARIANT, weight: 1 },
      ],
    },
  ]);
  const at = (day: string) => ({ site: 'shop', model: VERSION, day });
  await storeReports(t.store, krrReports('segment_share', 4, population([1500, 900, 600, 0])), at(DAY1));
  await storeReports(t.store, krrReports('segment_share', 4, population([5, 3, 2, 0])), at(DAY2));
  // 2,000 chats and 2,000 active devices that did not chat: the shares are among the chats.
  await storeReports(t.store, krrReports('intent_count', 4, population([1200, 600, 200, 2000])), at(DAY1));
  const votes = [
    ...new Array<number>(800).fill(feedbackValue(0, true)),
    ...new Array<number>(200).fill(feedbackValue(0, false)),
    ...new Array<number>(5).fill(feedbackValue(1, true)),
    ...new Array<number>(2000).fill(NO_VOTE_VALUE),
  ];
  await storeReports(t.store, krrReports('template_feedback', FEEDBACK_DOMAIN, votes), at(DAY1));
  const views = population(ITEMS.map((_, i) => (i === 3 ? 800 : 40))).map((i) => ITEMS[i] ?? '');
  await storeReports(t.store, cmsReports(views), at(DAY1));
  // 3,000 devices per arm at eps 2: the 0.3 difference sits about 11 standard errors from zero, so the
  // test's assertions hold for every seed in practice.
  const conversions = Array.from({ length: 6000 }, (_, i) =>
    i < 3000 ? conversionValue(0, i < 600) : conversionValue(1, i < 4500),
  );
  await storeReports(t.store, krrReports('experiment_conversion', 4, conversions, 2, 'cta'), at(DAY1));
  // The same devices' memoized reports on a quieter day: analysed on its own it would say little, and
  // pooled with DAY1 it would count devices twice, so the dashboard uses the busiest day alone.
  const fewer = conversions.filter((_, i) => i % 60 === 0);
  await storeReports(t.store, krrReports('experiment_conversion', 4, fewer, 2, 'cta'), at(DAY2));
  // Another model version's reports: counted as hidden, never shown.
  await storeReports(t.store, krrReports('segment_share', 4, population([50, 0, 0, 0])), {
    ...at(DAY1),
    model: 'v0',
  });
  await storeInLanes(t, groupReports(GROUP_DEVICES, 7), 'panel', DAY1);
  // The same behaviour from 150 devices: about 50 reports per metric, past rule 1 but far below k.
  await storeInLanes(t, groupReports(150, 8), 'other', DAY1);
}

for (const backend of backends) {
  describe.skipIf(backend.skip)(`GET /dashboard (${backend.name})`, () => {
    let t: TestStore;
    let cleanup: () => Promise<void>;
    let modelsDir: string;
    let app: ReturnType<typeof createApp>;
    let data: DashboardData;
    let panel: DashboardData;
    let quiet: DashboardData;
    const token = newAdminToken();
    const auth = { Authorization: `Basic ${Buffer.from(`admin:${token}`).toString('base64')}` };

    beforeAll(async () => {
      t = await backend.open();
      const tmp = await tempDir();
      cleanup = tmp.cleanup;
      modelsDir = join(tmp.dir, 'artifacts');
      await writeModels(modelsDir);
      // One fixed draw of the noise: "below k" for a 5-vote cell is a statement about a draw, which
      // crypto noise made false about one run in twenty (a CI failure that was no bug).
      useSeededNoise(20_241_203);
      await seed(t);
      await t.store.addAdminToken(hashAdminToken(token), 'test', DAY1);
      const now = () => new Date(`${DAY2}T12:00:00Z`);
      app = createApp({ store: t.store, modelsDir, now, log: () => undefined });
      const labels = await loadModelLabels(modelsDir);
      if (!labels) throw new Error('labels did not load');
      const window = (site: string) => ({ site, sites: [site], from: DAY1, to: DAY2 });
      data = await dashboardData(t.store, labels, window('shop'));
      panel = await dashboardData(t.store, labels, window('panel'));
      quiet = await dashboardData(t.store, labels, window('other'));
    }, 120_000);
    afterAll(async () => {
      await t.dispose();
      await cleanup();
    });

    it('publishes shares that contain the truth, and nothing below k', () => {
      expect(data.segments.days).toEqual([DAY1, DAY2]);
      expect(data.segments.totals).toEqual([3000, 10]);
      const seg = data.segments.series;
      expect(seg.map((s) => s.label)).toEqual(['a', 'b', EVIL_SEGMENT, 'rule']);
      expect(near(seg[0]?.points[0], 0.5)).toBe(true);
      expect(near(seg[1]?.points[0], 0.3)).toBe(true);
      expect(near(seg[2]?.points[0], 0.2)).toBe(true);
      expect(seg[3]?.points[0]).toBeNull();
      // Ten reports on day 2: below k everywhere.
      expect(seg.every((s) => s.points[1] === null)).toBe(true);
      const intents = data.intents.series;
      expect(intents.map((s) => s.label)).toEqual(['track_order', 'refund & returns', 'out of scope']);
      expect(near(intents[0]?.points[0], 0.6)).toBe(true);
      expect(near(intents[1]?.points[0], 0.3)).toBe(true);
      expect(data.feedbackByKind.map((f) => f.label)).toEqual([...TEMPLATE_KINDS]);
      expect(near(data.feedbackByKind[0]?.rate, 0.8)).toBe(true);
      expect(data.feedbackByKind[1]?.rate).toBeNull();
      expect(data.feedbackByKind[2]?.rate).toBeNull();
      expect(near(data.feedbackDaily.series[0]?.points[0], 805 / 1005)).toBe(true);
      // "No chat" and "no vote" reports count in the totals but never as a share.
      expect(intents).toHaveLength(3);
      expect(data.intents.totals).toEqual([4000]);
      expect(data.otherModelReports).toBe(50);
    });

    it('estimates click-through per recommendation basis from one drawn report a device', () => {
      const ctr = panel.clicksByBasis;
      expect(ctr.rows.map((r) => r.label)).toEqual(BASIS_LABELS);
      expect(ctr.rows).toHaveLength(RECOMMENDATION_BASES.length);
      // About a third of the devices drew this metric.
      expect(Math.abs(ctr.reports - GROUP_DEVICES / 3)).toBeLessThan(0.01 * GROUP_DEVICES);
      const [personal, segment, priors, catalog, search] = ctr.rows.map((r) => r.share);
      expect(near(personal, 0.3)).toBe(true);
      expect(near(priors, 0.1)).toBe(true);
      expect(personal?.estimate).toBeGreaterThan(priors?.estimate ?? 1);
      // Never shown on this site: the threshold lets an empty basis through about one seed in a hundred.
      expect(segment).toBeNull();
      expect(catalog).toBeNull();
      if (search) expect(near(search, 0.15)).toBe(true);
    });

    it('estimates the share of each rating among rated conversations', () => {
      const sat = panel.satisfaction;
      expect(sat.rows.map((r) => r.label)).toEqual(RATING_LABELS);
      const [unhappy, neutral, happy] = sat.rows.map((r) => r.share);
      expect(near(unhappy, 0.1)).toBe(true);
      expect(near(neutral, 0.25)).toBe(true);
      expect(near(happy, 0.65)).toBe(true);
      expect(happy?.estimate).toBeGreaterThan(neutral?.estimate ?? 1);
      expect(neutral?.estimate).toBeGreaterThan(unhappy?.estimate ?? 1);
    });

    it('publishes no click-through or rating below k', () => {
      for (const few of [quiet, data]) {
        expect(few.clicksByBasis.rows.every((r) => r.share === null)).toBe(true);
        expect(few.satisfaction.rows.every((r) => r.share === null)).toBe(true);
      }
      expect(quiet.clicksByBasis.reports).toBeGreaterThanOrEqual(20);
      expect(data.clicksByBasis.reports).toBe(0);
    });

    it('ranks the sketch-reported items with intervals holding the truth', () => {
      const top = data.topItems.items[0];
      expect(top?.id).toBe('i-3');
      const sd = ((top?.upper ?? 0) - (top?.lower ?? 0)) / (2 * 1.959964);
      expect(Math.abs((top?.estimate ?? 0) - 800)).toBeLessThan(4.5 * sd);
      expect(data.topItems.total).toBe(800 + 29 * 40);
    });

    it('finds the experiment difference with the LDP-aware test', () => {
      const e = data.experiments[0];
      expect(e?.id).toBe('cta');
      expect(e).toMatchObject({ day: DAY1, total: 6000 });
      expect(near(e?.variants[0]?.rate, 0.2)).toBe(true);
      expect(near(e?.variants[1]?.rate, 0.5)).toBe(true);
      expect(e?.comparisons[0]?.p).toBeLessThan(0.001);
      expect(e?.comparisons[0]?.z).toBeGreaterThan(3);
    });

    it('asks for the admin token with a browser login prompt', async () => {
      const res = await app.request('/dashboard');
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Basic /);
      const wrong = { Authorization: `Basic ${Buffer.from('admin:nope').toString('base64')}` };
      expect((await app.request('/dashboard', { headers: wrong })).status).toBe(401);
    });

    it('renders escaped, script-free HTML with "below k" for suppressed cells', async () => {
      const res = await app.request('/dashboard?site=shop', { headers: auth });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      const page = await res.text();
      expect(page).not.toContain('<script');
      expect(page).not.toContain('<img');
      expect(page).not.toContain('<button>');
      expect(page).toContain('c&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(page).toContain('refund &amp; returns');
      expect(page).toContain('<option value="shop" selected>shop</option>');
      // Day 2's row: its report count, then only "below k".
      expect(page).toContain(
        `<tr><th scope="row">${DAY2}</th><td>10</td>${`<td>${BELOW_K}</td>`.repeat(4)}</tr>`,
      );
      // Five votes on segment-tailored answers: far below k, so that kind's rate is not a number.
      expect(page).toContain(`<tr><th scope="row">segment-tailored answer</th><td>${BELOW_K}</td></tr>`);
      expect(page).toContain('“big &lt;button&gt;” converts better than “control”');
      expect(page).toMatch(/<svg role="img"[^>]*>\s*<title id="seg-t">/);
      expect(page).toContain('50 reports made against other model versions are not shown');
      // No click or rating report for this site: the charts say so in words.
      expect(page.match(/Not enough reports yet: no value passes the k threshold/g)).toHaveLength(2);
      expect(page).toContain(`<tr><th scope="row">personal picks</th><td>${BELOW_K}</td></tr>`);
    });

    it('renders the click-through and satisfaction charts with their tables', async () => {
      const page = await (await app.request('/dashboard?site=panel', { headers: auth })).text();
      expect(page).toMatch(/<svg role="img"[^>]*>\s*<title id="ctr-t">Click-through by recommendation basis/);
      expect(page).toMatch(/<svg role="img"[^>]*>\s*<title id="sat-t">Conversation satisfaction/);
      expect(page).toMatch(
        /<tr><th scope="row">personal picks<\/th><td>\d+\.\d% \(\d+\.\d%–\d+\.\d%\)<\/td>/,
      );
      expect(page).toContain(`<tr><th scope="row">catalog order</th><td>${BELOW_K}</td></tr>`);
      expect(page).toMatch(/<tr><th scope="row">happy<\/th><td>\d+\.\d% /);
      expect(page).toContain('about a third of the device-days');
    });

    it('shows no numbers at all when k is out of reach', async () => {
      const strict = createApp({ store: t.store, modelsDir, minReports: 1_000_000, log: () => undefined });
      const page = await (await strict.request('/dashboard', { headers: auth })).text();
      expect(page).not.toMatch(/\d+\.\d%/);
      expect(page).toContain('No item passes the k threshold yet.');
      expect(page).toContain('Not enough reports yet to compare');
    });

    it('renders an empty page for a server without sites', async () => {
      const labels = await loadModelLabels(modelsDir);
      if (!labels) throw new Error('labels did not load');
      const empty = await dashboardData(t.store, labels, { site: null, sites: [], from: DAY1, to: DAY2 });
      expect(empty.segments.days).toEqual([]);
      expect(empty.otherModelReports).toBe(0);
      expect(empty.topItems.items).toEqual([]);
      expect(empty.clicksByBasis).toEqual({
        reports: 0,
        rows: BASIS_LABELS.map((label) => ({ label, share: null })),
      });
      expect(empty.satisfaction.reports).toBe(0);
    });

    it('refuses an unknown site', async () => {
      expect((await app.request('/dashboard?site=nope', { headers: auth })).status).toBe(404);
      expect((await app.request('/dashboard?site=other', { headers: auth })).status).toBe(200);
    });
  });
}
