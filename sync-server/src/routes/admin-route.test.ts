import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  countRows,
  sampleBatch,
  sampleSketchReport,
  storeBackends,
  type TestStore,
} from '../../../test/support/server-stores';
import type { ServerError } from '../../protocol/index';
import { createApp } from '../app';
import { hashAdminToken, newAdminToken } from './admin-auth';

const SELF = 'http://localhost:8787';
const SHOP = 'https://shop.example';
const DAY = new Date('2026-11-22T10:00:00Z');
const backends = await storeBackends('admin route');

for (const backend of backends) {
  describe.skipIf(backend.skip)(`/v1/admin (${backend.name})`, () => {
    let t: TestStore;
    let app: ReturnType<typeof createApp>;
    let token: string;
    const logged: string[] = [];

    beforeAll(async () => {
      t = await backend.open();
    });
    afterAll(async () => {
      await t.dispose();
    });
    beforeEach(async () => {
      await t.reset();
      token = newAdminToken();
      await t.store.addAdminToken(hashAdminToken(token), 'root', '2026-01-01');
      logged.length = 0;
      app = createApp({ store: t.store, now: () => DAY, log: (m) => logged.push(m), rotationSweepMs: 50 });
    });

    // Every write declares JSON, also those without a body (rotate, delete): see admin-guards.ts.
    const admin = (method: string, path: string, body?: unknown, auth: string | null = token) =>
      app.request(`${SELF}${path}`, {
        method,
        headers: {
          ...(auth ? { Authorization: `Bearer ${auth}` } : {}),
          ...(method === 'GET' ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const report = (site: string, origin = SELF, batch = sampleBatch({ site })) =>
      app.request(`${SELF}/v1/reports`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: origin },
        body: JSON.stringify(batch),
      });
    async function expectError(res: Response, status: number, code: string): Promise<ServerError> {
      expect(res.status).toBe(status);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const body = (await res.json()) as ServerError;
      expect(body.error.code).toBe(code);
      return body;
    }

    it('refuses requests without a stored bearer token, on every admin route', async () => {
      for (const [method, path] of [
        ['GET', '/v1/admin/sites'],
        ['POST', '/v1/admin/sites'],
        ['POST', '/v1/admin/sites/demo/rotate'],
        ['DELETE', '/v1/admin/tokens/root'],
      ] as const) {
        for (const auth of [null, newAdminToken(), 'x'.repeat(300)]) {
          const res = await admin(method, path, method === 'POST' ? { origins: [] } : undefined, auth);
          await expectError(res, 401, 'unauthorized');
          expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
        }
      }
      expect(await t.store.listSites()).toEqual([]);
    });

    it('creates sites with normalized origins, a generated key when none is given, 409 on a taken key', async () => {
      const res = await admin('POST', '/v1/admin/sites', {
        key: 'shop',
        origins: ['HTTPS://Shop.Example/', SHOP],
      });
      expect(res.status).toBe(201);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(await res.json()).toEqual({ key: 'shop', origins: [SHOP], createdDay: '2026-11-22' });
      await expectError(
        await admin('POST', '/v1/admin/sites', { key: 'shop', origins: [] }),
        409,
        'conflict',
      );

      const generated = (await (await admin('POST', '/v1/admin/sites', { origins: [] })).json()) as {
        key: string;
      };
      expect(generated.key).toMatch(/^site_[A-Za-z0-9_-]{22}$/);
      const list = (await (await admin('GET', '/v1/admin/sites')).json()) as { sites: { key: string }[] };
      expect(list.sites.map((s) => s.key).sort()).toEqual([generated.key, 'shop'].sort());
      expect(await (await admin('GET', '/v1/admin/sites/shop')).json()).toEqual({
        key: 'shop',
        origins: [SHOP],
        createdDay: '2026-11-22',
      });
      await expectError(await admin('GET', '/v1/admin/sites/nosuch'), 404, 'unknown_site');
    });

    it('rejects bad bodies with the problem named', async () => {
      const bad = await expectError(
        await admin('POST', '/v1/admin/sites', { origins: [SHOP, 'https://x.example/path'] }),
        400,
        'invalid_body',
      );
      expect(bad.error.issues).toEqual([{ path: 'origins.1', message: expect.stringMatching(/origin/) }]);
      const unknown = await expectError(
        await admin('POST', '/v1/admin/sites', { origins: [], owner: 'me' }),
        400,
        'invalid_body',
      );
      expect(unknown.error.issues?.[0]?.path).toBe('owner');
      await expectError(
        await admin('POST', '/v1/admin/sites', { key: 'a b', origins: [] }),
        400,
        'invalid_body',
      );
      const text = await app.request(`${SELF}/v1/admin/sites`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'text/plain' },
        body: JSON.stringify({ origins: [] }),
      });
      await expectError(text, 415, 'unsupported_media_type');
      const junk = await app.request(`${SELF}/v1/admin/sites`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: '{"origins": [',
      });
      await expectError(junk, 400, 'invalid_json');
      expect(await t.store.listSites()).toEqual([]);
    });

    it('replaces origins, and CORS (preflight and POST) follows at once', async () => {
      await admin('POST', '/v1/admin/sites', { key: 'shop', origins: [SHOP] });
      const preflight = (origin: string) =>
        app.request(`${SELF}/v1/reports`, { method: 'OPTIONS', headers: { Origin: origin } });
      expect((await preflight(SHOP)).status).toBe(204);
      const put = await admin('PUT', '/v1/admin/sites/shop/origins', { origins: ['https://new.example'] });
      expect(await put.json()).toMatchObject({ key: 'shop', origins: ['https://new.example'] });
      expect((await preflight(SHOP)).status).toBe(403);
      const ok = await preflight('https://new.example');
      expect(ok.status).toBe(204);
      expect(ok.headers.get('access-control-max-age')).toBe('600');
      expect((await report('shop', SHOP)).status).toBe(403);
      expect((await report('shop', 'https://new.example')).status).toBe(201);
      await expectError(
        await admin('PUT', '/v1/admin/sites/nosuch/origins', { origins: [] }),
        404,
        'unknown_site',
      );
    });

    it('rotates a key: the old one stops at once, history and experiments move along', async () => {
      await admin('POST', '/v1/admin/sites', { key: 'shop', origins: [SHOP] });
      const experiments = [
        {
          id: 'tone',
          variants: [
            { name: 'a', weight: 1 },
            { name: 'b', weight: 1 },
          ],
        },
      ];
      expect((await admin('PUT', '/v1/admin/sites/shop/experiments', experiments)).status).toBe(200);
      expect((await report('shop')).status).toBe(201);
      const sketch = sampleBatch({ site: 'shop', reports: [sampleSketchReport()] });
      expect((await report('shop', SELF, sketch)).status).toBe(201);
      expect(await countRows(t.store)).toEqual({ batches: 2, reports: 2, sketches: 1 });

      const res = await admin('POST', '/v1/admin/sites/shop/rotate');
      expect(res.status).toBe(200);
      const rotated = (await res.json()) as { key: string; previousKey: string; origins: string[] };
      expect(rotated).toMatchObject({ previousKey: 'shop', origins: [SHOP], createdDay: '2026-11-22' });
      expect(rotated.key).not.toBe('shop');

      await expectError(await report('shop'), 404, 'unknown_site');
      await expectError(await app.request(`${SELF}/v1/experiments?site=shop`), 404, 'unknown_site');
      await expectError(await app.request(`${SELF}/v1/priors?site=shop`), 404, 'unknown_site');
      await expectError(await admin('POST', '/v1/admin/sites/shop/rotate'), 404, 'unknown_site');
      expect((await report(rotated.key)).status).toBe(201);
      const served = await app.request(`${SELF}/v1/experiments?site=${rotated.key}`);
      expect(await served.json()).toEqual({ schema: 1, experiments });

      for (const table of ['batches', 'reports', 'sketch_reports'] as const) {
        const sites = await t.store.db.selectFrom(table).select('site').execute();
        expect(new Set(sites.map((r) => r.site)), table).toEqual(new Set([rotated.key]));
      }
      expect(await countRows(t.store)).toEqual({ batches: 3, reports: 4, sketches: 1 });
    });

    it('sweeps rows another instance stored under the old key inside the cache window', async () => {
      // A key of its own: the earlier test's sweep of "shop" may still be pending.
      await admin('POST', '/v1/admin/sites', { key: 'swept', origins: [SHOP] });
      const rotated = (await (await admin('POST', '/v1/admin/sites/swept/rotate')).json()) as { key: string };
      // What an instance whose cache still held "swept" would have written.
      await t.store.storeBatch(sampleBatch({ site: 'swept' }), '2026-11-22');
      await expect
        .poll(async () =>
          (await t.store.db.selectFrom('batches').select('site').execute()).map((r) => r.site),
        )
        .toEqual([rotated.key]);
    });

    it('sets experiments, rejecting an invalid list and unknown sites', async () => {
      await admin('POST', '/v1/admin/sites', { key: 'shop', origins: [SHOP] });
      const dup = [
        {
          id: 'x',
          variants: [
            { name: 'a', weight: 1 },
            { name: 'b', weight: 1 },
          ],
        },
        {
          id: 'x',
          variants: [
            { name: 'a', weight: 1 },
            { name: 'b', weight: 1 },
          ],
        },
      ];
      await expectError(await admin('PUT', '/v1/admin/sites/shop/experiments', dup), 400, 'invalid_body');
      await expectError(await admin('PUT', '/v1/admin/sites/nosuch/experiments', []), 404, 'unknown_site');
      const one = dup.slice(0, 1);
      expect(await (await admin('PUT', '/v1/admin/sites/shop/experiments', one)).json()).toEqual({
        schema: 1,
        experiments: one,
      });
      expect(await t.store.getExperiments('shop')).toEqual(one);
    });

    it('creates, lists and deletes tokens, never the last one', async () => {
      const created = await admin('POST', '/v1/admin/tokens', { label: 'ci' });
      expect(created.status).toBe(201);
      const { token: ci } = (await created.json()) as { token: string };
      expect(ci).toMatch(/^cfd_admin_/);
      expect((await admin('GET', '/v1/admin/sites', undefined, ci)).status).toBe(200);
      await expectError(await admin('POST', '/v1/admin/tokens', { label: 'ci' }), 409, 'conflict');

      const listed = await (await admin('GET', '/v1/admin/tokens')).text();
      expect(JSON.parse(listed)).toEqual({
        tokens: [
          { label: 'root', createdDay: '2026-01-01' },
          { label: 'ci', createdDay: '2026-11-22' },
        ],
      });
      expect(listed).not.toContain(ci);
      expect(listed).not.toContain(hashAdminToken(ci));
      const rows = await t.store.db.selectFrom('admin_tokens').selectAll().execute();
      expect(JSON.stringify(rows)).not.toContain(ci);

      expect(await (await admin('DELETE', '/v1/admin/tokens/root', undefined, ci)).json()).toEqual({
        label: 'root',
        deleted: 1,
      });
      await expectError(await admin('GET', '/v1/admin/sites'), 401, 'unauthorized');
      await expectError(await admin('DELETE', '/v1/admin/tokens/ci', undefined, ci), 409, 'conflict');
      await expectError(await admin('DELETE', '/v1/admin/tokens/nobody', undefined, ci), 404, 'not_found');
      expect((await admin('GET', '/v1/admin/sites', undefined, ci)).status).toBe(200);
      expect(logged).toEqual([]);
    });
  });
}
