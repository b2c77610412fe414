import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  countRows,
  SERVED_MODEL,
  sampleBatch,
  storeBackends,
  type TestStore,
} from '../../../test/support/server-stores';
import { MAX_BODY_BYTES, MAX_REPORTS_PER_BATCH, type ServerError } from '../../protocol/index';
import { createApp } from '../app';

const SELF = 'http://localhost:8787';
const HOST_PAGE = 'http://127.0.0.1:8080';
const FOREIGN = 'https://evil.example';
const DAY = new Date('2024-05-06T23:59:59Z');

const backends = await storeBackends('route');

for (const backend of backends) {
  describe.skipIf(backend.skip)(`POST /v1/reports (${backend.name})`, () => {
    let t: TestStore;
    let app: ReturnType<typeof createApp>;

    beforeAll(async () => {
      t = await backend.open();
    });
    afterAll(async () => {
      await t.dispose();
    });
    beforeEach(async () => {
      await t.reset();
      await t.store.upsertSite('demo', [HOST_PAGE, 'http://localhost:8080'], '2024-01-01');
      await t.store.upsertSite('other', ['https://shop.example'], '2024-01-01');
      app = createApp({ store: t.store, now: () => DAY, log: () => undefined });
    });

    const post = (body: unknown, origin: string | null = SELF, raw = false) =>
      app.request(`${SELF}/v1/reports`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(origin ? { Origin: origin } : {}) },
        body: raw ? (body as string) : JSON.stringify(body),
      });

    async function expectError(res: Response, status: number, code: string): Promise<ServerError> {
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const body = (await res.json()) as ServerError;
      expect(body.error.code).toBe(code);
      expect(typeof body.error.message).toBe('string');
      return body;
    }

    it('stores a valid batch from the server’s own origin and reads it back', async () => {
      const batch = sampleBatch();
      const res = await post(batch);
      expect(res.status).toBe(201);
      expect(await res.json()).toEqual({ ok: true, stored: 2, duplicate: false });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      const rows = await t.store.db.selectFrom('reports').selectAll().orderBy('id').execute();
      expect(
        rows.map((r) => [r.batch, r.site, r.day, r.model, r.metric, r.domain, r.value, Number(r.epsilon)]),
      ).toEqual(
        batch.reports.map((r) => [
          batch.batch,
          'demo',
          '2024-05-06',
          SERVED_MODEL.version,
          r.metric,
          r.encoding === 'krr' ? r.domain : 0,
          r.encoding === 'krr' ? r.value : 0,
          r.epsilon,
        ]),
      );
    });

    it('answers a repeated batch with 200 duplicate and stores it once', async () => {
      const batch = sampleBatch();
      expect((await post(batch)).status).toBe(201);
      const again = await post(batch);
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual({ ok: true, stored: 0, duplicate: true });
      expect(await countRows(t.store)).toEqual({ batches: 1, reports: 2, sketches: 0 });
    });

    it('stores two concurrent posts of the same batch once', async () => {
      const batch = sampleBatch();
      const [a, b] = await Promise.all([post(batch), post(batch)]);
      expect([a?.status, b?.status].sort()).toEqual([200, 201]);
      expect(await countRows(t.store)).toEqual({ batches: 1, reports: 2, sketches: 0 });
    });

    const report = sampleBatch().reports[0];
    const invalid: [string, unknown][] = [
      ['an unknown top-level field', { ...sampleBatch(), userId: 'u-1' }],
      ['an unknown report field', sampleBatch({ reports: [{ ...report, note: 'hi' } as never] })],
      [
        'free text as a metric',
        sampleBatch({ reports: [{ ...report, metric: 'I searched for shoes' } as never] }),
      ],
      ['a string value', sampleBatch({ reports: [{ ...report, value: '3' } as never] })],
      ['a fractional value', sampleBatch({ reports: [{ ...report, value: 1.5 }] as never })],
      ['value >= domain', sampleBatch({ reports: [{ ...report, domain: 5, value: 5 }] as never })],
      ['a zero epsilon', sampleBatch({ reports: [{ ...report, epsilon: 0 }] as never })],
      ['empty reports', sampleBatch({ reports: [] })],
      ['too many reports', sampleBatch({ reports: Array(MAX_REPORTS_PER_BATCH + 1).fill(report) })],
      ['a non-uuid batch id', sampleBatch({ batch: 'batch-1' })],
      ['a wrong schema version', { ...sampleBatch(), schema: 2 }],
      ['an array body', [sampleBatch()]],
      ['a null body', null],
    ];
    it.each(invalid)('rejects %s with 400 invalid_body and stores nothing', async (_name, body) => {
      const err = await expectError(await post(body), 400, 'invalid_body');
      expect(err.error.issues?.length).toBeGreaterThan(0);
      expect(await countRows(t.store)).toEqual({ batches: 0, reports: 0, sketches: 0 });
    });

    it('rejects malformed JSON with 400 invalid_json', async () => {
      await expectError(await post('{"site": "demo",', SELF, true), 400, 'invalid_json');
      await expectError(await post('', SELF, true), 400, 'invalid_json');
      expect(await countRows(t.store)).toEqual({ batches: 0, reports: 0, sketches: 0 });
    });

    it('rejects an oversized body with 413 body_too_large, with or without Content-Length', async () => {
      const big = JSON.stringify({ ...sampleBatch(), pad: 'x'.repeat(MAX_BODY_BYTES) });
      await expectError(await post(big, SELF, true), 413, 'body_too_large');
      // Streamed (no Content-Length): the limit must hold while reading, not only from the header.
      const bytes = new TextEncoder().encode(big);
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < bytes.length; i += 1024) controller.enqueue(bytes.slice(i, i + 1024));
          controller.close();
        },
      });
      const res = await app.request(`${SELF}/v1/reports`, {
        method: 'POST',
        headers: { Origin: SELF, 'Content-Type': 'application/json' },
        body: stream,
        duplex: 'half',
      } as RequestInit);
      await expectError(res, 413, 'body_too_large');
      expect(await countRows(t.store)).toEqual({ batches: 0, reports: 0, sketches: 0 });
    });

    it('rejects any Content-Type but application/json with 415, before reading the body', async () => {
      const send = (contentType: string | null, body: BodyInit) =>
        app.request(`${SELF}/v1/reports`, {
          method: 'POST',
          headers: { Origin: SELF, ...(contentType === null ? {} : { 'Content-Type': contentType }) },
          body,
        });
      const json = JSON.stringify(sampleBatch());
      for (const type of [
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
      ]) {
        const res = await send(type, json);
        await expectError(res, 415, 'unsupported_media_type');
      }
      // A string body gets text/plain by default; bytes get no Content-Type at all.
      await expectError(await send(null, new TextEncoder().encode(json)), 415, 'unsupported_media_type');
      await expectError(
        await send('text/plain', 'x'.repeat(MAX_BODY_BYTES * 2)),
        415,
        'unsupported_media_type',
      );
      expect(await countRows(t.store)).toEqual({ batches: 0, reports: 0, sketches: 0 });
      for (const type of ['Application/JSON', 'application/json; charset=utf-8']) {
        expect((await send(type, JSON.stringify(sampleBatch()))).status).toBe(201);
      }
    });

    it('rejects an unknown site', async () => {
      await expectError(await post(sampleBatch({ site: 'nosuchsite' })), 404, 'unknown_site');
      expect(await countRows(t.store)).toEqual({ batches: 0, reports: 0, sketches: 0 });
    });

    it('accepts an allowlisted host page with CORS headers for that origin only', async () => {
      const res = await post(sampleBatch(), HOST_PAGE);
      expect(res.status).toBe(201);
      expect(res.headers.get('access-control-allow-origin')).toBe(HOST_PAGE);
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
      expect(res.headers.get('vary')).toMatch(/Origin/);
    });

    it('rejects foreign, other-site, null and missing origins without CORS headers', async () => {
      for (const origin of [FOREIGN, 'https://shop.example', 'null', null]) {
        const res = await post(sampleBatch(), origin);
        await expectError(res, 403, 'origin_not_allowed');
        expect(res.headers.get('access-control-allow-origin')).toBeNull();
      }
      expect(await countRows(t.store)).toEqual({ batches: 0, reports: 0, sketches: 0 });
    });

    it('lets an allowed host page read its validation errors, but not a foreign one', async () => {
      const bad = { ...sampleBatch(), extra: 1 };
      const allowed = await post(bad, HOST_PAGE);
      expect(allowed.status).toBe(400);
      expect(allowed.headers.get('access-control-allow-origin')).toBe(HOST_PAGE);
      const foreign = await post(bad, FOREIGN);
      expect(foreign.status).toBe(400);
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('answers preflights only for registered origins', async () => {
      const preflight = (origin: string) =>
        app.request(`${SELF}/v1/reports`, {
          method: 'OPTIONS',
          headers: {
            Origin: origin,
            'Access-Control-Request-Method': 'POST',
            'Access-Control-Request-Headers': 'content-type',
          },
        });
      const ok = await preflight(HOST_PAGE);
      expect(ok.status).toBe(204);
      expect(ok.headers.get('access-control-allow-origin')).toBe(HOST_PAGE);
      expect(ok.headers.get('access-control-allow-methods')).toBe('POST');
      expect(ok.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
      expect(ok.headers.get('access-control-max-age')).toBe('600');
      for (const origin of [FOREIGN, 'http://127.0.0.1:808', `${HOST_PAGE}0`, '"', 'x'.repeat(600)]) {
        const bad = await preflight(origin);
        await expectError(bad, 403, 'origin_not_allowed');
        expect(bad.headers.get('access-control-allow-origin')).toBeNull();
      }
    });

    it('preflights without loading every site', async () => {
      let listed = 0;
      // The real store with listSites counted: a Proxy keeps the class's methods bound.
      const counting = new Proxy(t.store, {
        get(target, prop, receiver) {
          if (prop === 'listSites') listed++;
          const value = Reflect.get(target, prop, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const counted = createApp({ store: counting, now: () => DAY, log: () => undefined });
      const res = await counted.request(`${SELF}/v1/reports`, {
        method: 'OPTIONS',
        headers: { Origin: HOST_PAGE },
      });
      expect(res.status).toBe(204);
      expect(listed).toBe(0);
    });

    it('treats only configured public origins as the server itself when given', async () => {
      const pinned = createApp({
        store: t.store,
        publicOrigins: ['https://widget.example'],
        log: () => undefined,
      });
      const send = (origin: string) =>
        pinned.request(`${SELF}/v1/reports`, {
          method: 'POST',
          headers: { Origin: origin, 'Content-Type': 'application/json' },
          body: JSON.stringify(sampleBatch()),
        });
      expect((await send('https://widget.example')).status).toBe(201);
      // The Host-derived origin no longer counts, which is what defeats DNS rebinding.
      await expectError(await send(SELF), 403, 'origin_not_allowed');
    });
  });
}
