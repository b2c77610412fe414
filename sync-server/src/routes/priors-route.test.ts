import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../models/src/rng';
import { sqliteTestStore, storeBackends, type TestStore, tempDir } from '../../../test/support/server-stores';
import { parsePriors, type Report } from '../../protocol/index';
import { krrEncode } from '../../protocol/krr';
import { cmsReports, storeReports } from '../aggregates';
import { createApp } from '../app';
import { PRIORS_CACHE_CONTROL, PRIORS_REUSE_MS, PRIORS_WINDOW_DAYS } from './priors-route';

const backends = await storeBackends('priors');

const VERSION = '2024.1';
const ITEMS = Array.from({ length: 20 }, (_, i) => `item-${i}`);
const POPULAR = 7;
const DAY = '2024-03-01';

/**
 * Stores `values` as noised item_popularity reports, packed 50 to a batch to keep the test quick. The
 * noise is seeded: at 2,000 reports the popular item's lead over the 19 others is only about 3.7 sd, so
 * crypto noise lost the ranking in roughly one CI run in fifty; a fixed stream keeps the check about the
 * route rather than about luck.
 */
async function storeViews(
  t: TestStore,
  values: readonly number[],
  opts: { site?: string; model?: string; epsilon?: number; seed?: number } = {},
): Promise<void> {
  const epsilon = opts.epsilon ?? 1;
  const uniform = mulberry32(opts.seed ?? 2024);
  const reports: Report[] = values.map((v) => ({
    metric: 'item_popularity',
    encoding: 'krr',
    domain: ITEMS.length,
    value: krrEncode(v, ITEMS.length, epsilon, uniform),
    epsilon,
  }));
  for (let i = 0; i < reports.length; i += 50) {
    await t.store.storeBatch(
      {
        site: opts.site ?? 'shop',
        batch: randomUUID(),
        schema: 1,
        model: opts.model ?? VERSION,
        reports: reports.slice(i, i + 50),
      },
      DAY,
    );
  }
}

/** 2,000 devices: 40 % viewed the popular item last, the rest spread evenly over the others. */
function skewedViews(n = 2000): number[] {
  return Array.from({ length: n }, (_, i) => {
    if (i % 5 < 2) return POPULAR;
    const other = i % (ITEMS.length - 1);
    return other >= POPULAR ? other + 1 : other;
  });
}

for (const backend of backends) {
  describe.skipIf(backend.skip)(`GET /v1/priors (${backend.name})`, () => {
    let t: TestStore;
    let cleanup: () => Promise<void>;
    let modelsDir: string;
    let app: ReturnType<typeof createApp>;

    beforeAll(async () => {
      t = await backend.open();
      const tmp = await tempDir();
      cleanup = tmp.cleanup;
      modelsDir = join(tmp.dir, 'artifacts');
      await mkdir(modelsDir);
      const catalog = { currency: 'EUR', items: ITEMS.map((id) => ({ id, title: id, price: 1 })) };
      await writeFile(join(modelsDir, 'catalog.json'), JSON.stringify(catalog));
      await writeFile(
        join(modelsDir, 'manifest.json'),
        JSON.stringify({
          version: VERSION,
          models: { recommend: { kind: 'recommend', catalog: 'catalog.json' } },
        }),
      );
      // Reports are filed on DAY, so the clock says DAY; answers are not reused, since tests change the
      // reports between requests (reuse has a test of its own).
      app = createApp({
        store: t.store,
        modelsDir,
        widgetDir: join(tmp.dir, 'none'),
        now: () => new Date(`${DAY}T12:00:00Z`),
        priorsReuseMs: 0,
        log: () => undefined,
      });
    });
    afterAll(async () => {
      await t.dispose();
      await cleanup();
    });
    beforeEach(async () => {
      await t.reset();
      await t.store.upsertSite('shop', ['https://shop.example'], DAY);
      await t.store.upsertSite('other', ['https://other.example'], DAY);
    });

    it('puts the truly popular item first, as a valid priors answer with short caching', async () => {
      await storeViews(t, skewedViews());
      const res = await app.request('/v1/priors');
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe(PRIORS_CACHE_CONTROL);
      const priors = parsePriors(await res.json());
      expect(priors).not.toBeNull();
      expect(priors?.model).toBe(VERSION);
      expect(priors?.segment).toBeNull();
      expect(priors?.minReports).toBe(20);
      expect(priors?.items[0]?.id).toBe(`item-${POPULAR}`);
      // The true share is 0.4; with 2,000 reports at epsilon 1 the estimate's sd is about 0.08.
      expect(priors?.items[0]?.score).toBeGreaterThan(0.15);
      expect(priors?.items[0]?.score).toBeLessThan(0.65);
      const scores = priors?.items.map((i) => i.score) ?? [];
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    });

    it('ranks items from count-mean-sketch reports, alone and added to k-RR ones', async () => {
      const where = { site: 'shop', model: VERSION, day: DAY };
      await storeReports(t.store, cmsReports(skewedViews().map((i) => ITEMS[i] ?? '')), where);
      const sketchOnly = parsePriors(await (await app.request('/v1/priors')).json());
      expect(sketchOnly?.items[0]?.id).toBe(`item-${POPULAR}`);
      // True share 0.4; the sketch's sd at 2,000 reports and eps 1 is about 0.045.
      expect(sketchOnly?.items[0]?.score).toBeGreaterThan(0.2);
      expect(sketchOnly?.items[0]?.score).toBeLessThan(0.6);
      // A sketch for another model version, or another site, does not count.
      const elsewhere = parsePriors(await (await app.request('/v1/priors?site=other')).json());
      expect(elsewhere?.items).toEqual([]);

      await storeViews(t, skewedViews());
      const both = parsePriors(await (await app.request('/v1/priors')).json());
      expect(both?.items[0]?.id).toBe(`item-${POPULAR}`);
      // Combined sd about 0.046: the bounds sit more than four of them from the true 0.4.
      expect(both?.items[0]?.score).toBeGreaterThan(0.2);
      expect(both?.items[0]?.score).toBeLessThan(0.6);
    });

    it('publishes nothing below the k threshold', async () => {
      await storeViews(
        t,
        Array.from({ length: 15 }, () => POPULAR),
      );
      const priors = parsePriors(await (await app.request('/v1/priors')).json());
      expect(priors).toEqual({ schema: 1, model: VERSION, segment: null, minReports: 20, items: [] });
    });

    it('honours a configured k', async () => {
      await storeViews(t, skewedViews());
      const strict = createApp({
        store: t.store,
        modelsDir,
        minReports: 5000,
        now: () => new Date(`${DAY}T12:00:00Z`),
        log: () => undefined,
      });
      const priors = parsePriors(await (await strict.request('/v1/priors')).json());
      expect(priors?.minReports).toBe(5000);
      expect(priors?.items).toEqual([]);
    });

    it('reuses an answer for a minute, then sees new reports; and covers only the last 30 days', async () => {
      let clock = Date.parse(`${DAY}T12:00:00Z`);
      const reusing = createApp({
        store: t.store,
        modelsDir,
        now: () => new Date(clock),
        log: () => undefined,
      });
      const ask = async () => parsePriors(await (await reusing.request('/v1/priors')).json());
      expect((await ask())?.items).toEqual([]);
      await storeViews(t, skewedViews());
      clock += PRIORS_REUSE_MS - 1000;
      expect((await ask())?.items).toEqual([]);
      clock += 2000;
      expect((await ask())?.items[0]?.id).toBe(`item-${POPULAR}`);
      // 30 days after DAY the reports have left the window.
      clock = Date.parse(`${DAY}T12:00:00Z`) + PRIORS_WINDOW_DAYS * 86_400_000;
      expect((await ask())?.items).toEqual([]);
    });

    it('counts only the current model version', async () => {
      await storeViews(t, skewedViews(), { model: '2023.9' });
      const priors = parsePriors(await (await app.request('/v1/priors')).json());
      expect(priors?.items).toEqual([]);
    });

    it('refuses any segment in the URL: the request must not say anything about the visitor', async () => {
      await storeViews(t, skewedViews());
      for (const bad of ['3', '0', '-1', 'x']) {
        const res = await app.request(`/v1/priors?segment=${bad}`);
        expect(res.status).toBe(400);
        expect((await res.json()).error.code).toBe('invalid_body');
      }
    });

    it('scopes a host page to its own sites and gives it CORS', async () => {
      await storeViews(t, skewedViews(), { site: 'shop' });
      const mine = await app.request('/v1/priors', { headers: { Origin: 'https://shop.example' } });
      expect(mine.headers.get('access-control-allow-origin')).toBe('https://shop.example');
      expect(parsePriors(await mine.json())?.items[0]?.id).toBe(`item-${POPULAR}`);

      const theirs = await app.request('/v1/priors', { headers: { Origin: 'https://other.example' } });
      expect(parsePriors(await theirs.json())?.items).toEqual([]);

      const stranger = await app.request('/v1/priors', { headers: { Origin: 'https://evil.example' } });
      expect(stranger.status).toBe(403);
      expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('narrows to one site with ?site= and refuses unknown or foreign ones', async () => {
      await storeViews(t, skewedViews(), { site: 'shop' });
      const shop = parsePriors(await (await app.request('/v1/priors?site=shop')).json());
      expect(shop?.items[0]?.id).toBe(`item-${POPULAR}`);
      const other = parsePriors(await (await app.request('/v1/priors?site=other')).json());
      expect(other?.items).toEqual([]);
      expect((await app.request('/v1/priors?site=nope')).status).toBe(404);
      const foreign = await app.request('/v1/priors?site=shop', {
        headers: { Origin: 'https://other.example' },
      });
      expect(foreign.status).toBe(403);
    });
  });
}

describe('GET /v1/priors without a catalog', () => {
  it('answers 404 with a JSON error', async () => {
    const t = await sqliteTestStore();
    const tmp = await tempDir();
    try {
      const app = createApp({ store: t.store, modelsDir: join(tmp.dir, 'missing'), log: () => undefined });
      const res = await app.request('/v1/priors');
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe('not_found');
    } finally {
      await t.dispose();
      await tmp.cleanup();
    }
  });
});
