import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleBatch, sqliteTestStore, type TestStore } from '../../../test/support/server-stores';
import type { ServerError } from '../../protocol/index';
import type { Store } from '../store';
import { createApp } from './app';

describe('app', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await sqliteTestStore();
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('answers /healthz once the store is migrated', async () => {
    const res = await createApp({ store: t.store }).request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('answers /healthz with 503 while the store is not ready', async () => {
    const notReady = { ...t.store, healthy: async () => false } as Store;
    const res = await createApp({ store: notReady }).request('/healthz');
    expect(res.status).toBe(503);
  });

  it('answers unknown routes and methods with a JSON not_found', async () => {
    const app = createApp({ store: t.store });
    for (const [method, path] of [
      ['GET', '/nope'],
      ['GET', '/v1/reports'],
      ['DELETE', '/v1/manifest'],
    ] as const) {
      const res = await app.request(path, { method });
      expect(res.status).toBe(404);
      expect(((await res.json()) as ServerError).error.code).toBe('not_found');
    }
  });

  it('marks every answer nosniff: success, client error, not found', async () => {
    await t.store.upsertSite('demo', ['http://127.0.0.1:8080'], '2024-01-01');
    const app = createApp({ store: t.store });
    const post = (body: string) =>
      app.request('http://localhost/v1/reports', {
        method: 'POST',
        headers: { Origin: 'http://localhost', 'Content-Type': 'application/json' },
        body,
      });
    const answers = [
      await app.request('/healthz'),
      await app.request('/nope'),
      await post(JSON.stringify(sampleBatch())),
      await post('{"not": "a batch"}'),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 404, 201, 400]);
    for (const res of answers) expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers unexpected errors with a bare 500 internal and logs no request data', async () => {
    const logged: string[] = [];
    const broken = {
      ...t.store,
      getSite: async () => {
        throw new Error('database exploded');
      },
    } as Store;
    const app = createApp({ store: broken, log: (m) => logged.push(m) });
    const res = await app.request('http://localhost/v1/reports?who=visitor-42', {
      method: 'POST',
      headers: {
        Origin: 'http://localhost',
        'Content-Type': 'application/json',
        'User-Agent': 'UA-secret',
        'X-Forwarded-For': '203.0.113.9',
      },
      body: JSON.stringify(sampleBatch()),
    });
    expect(res.status).toBe(500);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: 'internal server error' } });
    expect(text).not.toContain('exploded');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('database exploded');
    for (const secret of ['visitor-42', 'UA-secret', '203.0.113.9']) expect(logged[0]).not.toContain(secret);
  });
});
