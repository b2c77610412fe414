import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { storeBackends, type TestStore } from '../../../test/support/server-stores';
import {
  type ExperimentSpecs,
  parseExperimentList,
  parseExperimentsAnswer,
} from '../../protocol/experiments';
import { createApp } from '../app';
import { EXPERIMENTS_CACHE_CONTROL } from './experiments-route';

const backends = await storeBackends('experiments');

const SPECS: ExperimentSpecs = [
  {
    id: 'hero-copy',
    variants: [
      { name: 'control', weight: 1 },
      { name: 'warm', weight: 2 },
    ],
  },
];

for (const backend of backends) {
  describe.skipIf(backend.skip)(`GET /v1/experiments (${backend.name})`, () => {
    let t: TestStore;
    let app: ReturnType<typeof createApp>;
    beforeAll(async () => {
      t = await backend.open();
      app = createApp({ store: t.store, log: () => undefined });
    });
    afterAll(async () => {
      await t.dispose();
    });
    beforeEach(async () => {
      await t.reset();
      await t.store.upsertSite('shop', ['https://shop.example'], '2024-03-01');
    });

    it('answers an empty list for a site that runs none', async () => {
      const res = await app.request('/v1/experiments?site=shop');
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe(EXPERIMENTS_CACHE_CONTROL);
      expect(await res.json()).toEqual({ schema: 1, experiments: [] });
    });

    it('serves what the store holds, in the validated shape', async () => {
      expect(await t.store.setExperiments('shop', SPECS)).toBe(true);
      const body = parseExperimentsAnswer(await (await app.request('/v1/experiments?site=shop')).json());
      expect(body).toEqual({ schema: 1, experiments: SPECS });
      // Re-registering the site's origins must not wipe its experiments.
      await t.store.upsertSite('shop', ['https://shop.example', 'https://www.shop.example'], '2024-03-02');
      expect(await t.store.getExperiments('shop')).toEqual(SPECS);
      await t.store.setExperiments('shop', []);
      expect(await t.store.getExperiments('shop')).toEqual([]);
    });

    it('refuses to store an invalid list and reports unknown sites', async () => {
      const dup = [SPECS[0], SPECS[0]] as ExperimentSpecs;
      await expect(t.store.setExperiments('shop', dup)).rejects.toThrow(/invalid experiment list/);
      expect(await t.store.setExperiments('nope', SPECS)).toBe(false);
      expect(await t.store.getExperiments('nope')).toBeUndefined();
    });

    it('serves nothing from a damaged row', async () => {
      await sql`update sites set experiments = ${'[{"id":"x"}]'} where key = ${'shop'}`.execute(t.store.db);
      expect(await t.store.getExperiments('shop')).toEqual([]);
    });

    it('needs a known site and an allowed origin', async () => {
      expect((await app.request('/v1/experiments')).status).toBe(400);
      expect((await app.request('/v1/experiments?site=a')).status).toBe(400);
      const unknown = await app.request('/v1/experiments?site=nope');
      expect(unknown.status).toBe(404);
      expect((await unknown.json()).error.code).toBe('unknown_site');
      const stranger = await app.request('/v1/experiments?site=shop', {
        headers: { Origin: 'https://evil.example' },
      });
      expect(stranger.status).toBe(403);
      expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
      const host = await app.request('/v1/experiments?site=shop', {
        headers: { Origin: 'https://shop.example' },
      });
      expect(host.status).toBe(200);
      expect(host.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    });
  });
}

describe('experiment list schema', () => {
  it('mirrors the worker limits', () => {
    expect(parseExperimentList(SPECS)).toEqual(SPECS);
    expect(parseExperimentList([{ id: 'a', variants: [{ name: 'x', weight: 1 }] }])).toBeNull();
    expect(
      parseExperimentList([
        {
          id: 'a',
          variants: [
            { name: 'x', weight: 1 },
            { name: 'x', weight: 1 },
          ],
        },
      ]),
    ).toBeNull();
    expect(
      parseExperimentList([
        {
          id: 'bad id',
          variants: [
            { name: 'x', weight: 1 },
            { name: 'y', weight: 1 },
          ],
        },
      ]),
    ).toBeNull();
    expect(
      parseExperimentList([
        {
          id: 'a',
          variants: [
            { name: 'x', weight: 0 },
            { name: 'y', weight: 1 },
          ],
        },
      ]),
    ).toBeNull();
    expect(parseExperimentList([{ ...SPECS[0], extra: 1 }])).toBeNull();
  });
});
