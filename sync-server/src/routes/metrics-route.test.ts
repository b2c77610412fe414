import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parsePrometheus } from '../../../test/support/prometheus';
import { sampleBatch, storeBackends, type TestStore } from '../../../test/support/server-stores';
import { createApp } from '../app';
import { hashAdminToken, newAdminToken } from './admin-auth';

const backends = await storeBackends('metrics');

const ORIGIN = 'https://shop.example';

for (const backend of backends) {
  describe.skipIf(backend.skip)(`GET /metrics (${backend.name})`, () => {
    let t: TestStore;
    const token = newAdminToken();
    const bearer = { Authorization: `Bearer ${token}` };

    beforeAll(async () => {
      t = await backend.open();
    });
    afterAll(async () => {
      await t.dispose();
    });
    beforeEach(async () => {
      await t.reset();
      await t.store.addAdminToken(hashAdminToken(token), 'prometheus', '2024-03-01');
      await t.store.upsertSite('demo', [ORIGIN], '2024-03-01');
    });

    const post = (app: ReturnType<typeof createApp>, body: unknown) =>
      app.request('/v1/reports', {
        method: 'POST',
        headers: { 'content-type': 'application/json', Origin: ORIGIN },
        body: JSON.stringify(body),
      });

    it('needs the admin token', async () => {
      const app = createApp({ store: t.store, log: () => undefined });
      const res = await app.request('/metrics');
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
    });

    it('counts requests by route pattern and report outcomes, with no site or URL in labels', async () => {
      const app = createApp({
        store: t.store,
        log: () => undefined,
        rateLimits: { site: { burst: 2, perSecond: 0.001 } },
      });
      const batch = sampleBatch();
      expect((await post(app, batch)).status).toBe(201);
      expect((await post(app, batch)).status).toBe(200);
      expect((await post(app, { ...sampleBatch(), site: 'nosuchsite' })).status).toBe(404);
      expect((await post(app, { nonsense: true })).status).toBe(400);
      expect((await post(app, sampleBatch())).status).toBe(429);
      await app.request('/v1/priors?site=demo');
      await app.request(`/no/such/${randomUUID()}`);

      const res = await app.request('/metrics', { headers: bearer });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await res.text();
      const m = parsePrometheus(text);
      expect(m.get('confide_reports_stored_total')).toBe(2);
      expect(m.get('confide_duplicate_batches_total')).toBe(1);
      expect(m.get('confide_rejected_batches_total{code="unknown_site"}')).toBe(1);
      expect(m.get('confide_rejected_batches_total{code="invalid_body"}')).toBe(1);
      expect(m.get('confide_rate_limited_total')).toBe(1);
      expect(m.get('confide_http_requests_total{route="/v1/reports",method="POST",status="201"}')).toBe(1);
      expect(m.get('confide_http_requests_total{route="/v1/reports",method="POST",status="429"}')).toBe(1);
      expect(m.get('confide_http_request_duration_seconds_count{route="/v1/reports",method="POST"}')).toBe(5);
      // Present, not necessarily > 0: prom-client counts CPU time from its own registration on.
      expect(m.get('confide_process_cpu_user_seconds_total')).toBeGreaterThanOrEqual(0);
      expect(m.get('confide_nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
      expect(text).not.toContain('demo');
      expect(text).not.toContain('nosuchsite');
      expect(text).not.toContain('/no/such');
    });

    it('keeps each app in its own registry', async () => {
      const a = createApp({ store: t.store, log: () => undefined });
      const b = createApp({ store: t.store, log: () => undefined });
      expect((await post(a, sampleBatch())).status).toBe(201);
      const fromB = parsePrometheus(await (await b.request('/metrics', { headers: bearer })).text());
      expect(fromB.get('confide_reports_stored_total')).toBe(0);
      const fromA = parsePrometheus(await (await a.request('/metrics', { headers: bearer })).text());
      expect(fromA.get('confide_reports_stored_total')).toBe(2);
    });
  });
}
