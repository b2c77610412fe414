import type { Context } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { countRows, sampleBatch, sqliteTestStore, type TestStore } from '../../../test/support/server-stores';
import { configFromEnv, createApp, parseRate } from '../app';
import { socketAddress, TokenBuckets } from './rate-limit';

describe('TokenBuckets', () => {
  it('admits a burst, then refuses with the time until the next token', () => {
    let now = 0;
    const buckets = new TokenBuckets({ perSecond: 0.5, burst: 3 }, 10, () => now);
    expect([1, 2, 3].map(() => buckets.take('a').ok)).toEqual([true, true, true]);
    expect(buckets.take('a')).toEqual({ ok: false, retryAfterSeconds: 2 });
    // Another key has its own bucket.
    expect(buckets.take('b').ok).toBe(true);
    now = 1000;
    expect(buckets.take('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
    now = 2000;
    expect(buckets.take('a').ok).toBe(true);
    expect(buckets.take('a').ok).toBe(false);
  });

  it('refills no further than the burst', () => {
    let now = 0;
    const buckets = new TokenBuckets({ perSecond: 10, burst: 2 }, 10, () => now);
    buckets.take('a');
    now = 60_000;
    expect([1, 2, 3].map(() => buckets.take('a').ok)).toEqual([true, true, false]);
  });

  it('keeps at most maxKeys buckets, dropping the least recently used', () => {
    const buckets = new TokenBuckets({ perSecond: 1, burst: 1 }, 2, () => 0);
    buckets.take('a');
    buckets.take('b');
    buckets.take('a');
    buckets.take('c');
    expect(buckets.size).toBe(2);
    // 'a' was used after 'b', so 'b' went and restarts full; 'a' is still empty.
    expect(buckets.take('a').ok).toBe(false);
    expect(buckets.take('b').ok).toBe(true);
    expect(buckets.size).toBe(2);
  });

  it('rejects limits that could never admit a request', () => {
    expect(() => new TokenBuckets({ perSecond: 0, burst: 5 })).toThrow(RangeError);
    expect(() => new TokenBuckets({ perSecond: 1, burst: 0.5 })).toThrow(RangeError);
  });
});

describe('socketAddress', () => {
  it('reads the Node socket peer and nothing else', () => {
    const ctx = (env: unknown) => ({ env }) as unknown as Context;
    expect(socketAddress(ctx({ incoming: { socket: { remoteAddress: '10.0.0.1' } } }))).toBe('10.0.0.1');
    expect(socketAddress(ctx(undefined))).toBeUndefined();
    expect(socketAddress(ctx({ incoming: {} }))).toBeUndefined();
  });
});

describe('rate limit settings', () => {
  it('parses perSecond/burst and names the variable on errors', () => {
    expect(parseRate('X', '2/30')).toEqual({ perSecond: 2, burst: 30 });
    expect(parseRate('X', ' 0.5 / 10 ')).toEqual({ perSecond: 0.5, burst: 10 });
    for (const bad of ['0/10', '2/0', '2', 'fast', '-1/3']) expect(() => parseRate('X', bad)).toThrow(/^X: /);
    const config = configFromEnv({ CONFIDE_SITE_RATE: '100/1000', CONFIDE_ADDRESS_RATE: '1/20' });
    expect(config.siteRate).toEqual({ perSecond: 100, burst: 1000 });
    expect(config.addressRate).toEqual({ perSecond: 1, burst: 20 });
    expect(() => configFromEnv({ CONFIDE_ADDRESS_RATE: 'lots' })).toThrow(/CONFIDE_ADDRESS_RATE/);
  });

  it('parses the k threshold', () => {
    expect(configFromEnv({ CONFIDE_MIN_REPORTS: '50' }).minReports).toBe(50);
    expect(configFromEnv({}).minReports).toBeUndefined();
    for (const bad of ['1', '2.5', 'x']) {
      expect(() => configFromEnv({ CONFIDE_MIN_REPORTS: bad })).toThrow(/CONFIDE_MIN_REPORTS/);
    }
  });
});

describe('POST /v1/reports rate limits', () => {
  const SELF = 'http://confide.test';
  let t: TestStore;
  beforeAll(async () => {
    t = await sqliteTestStore();
  });
  afterAll(async () => {
    await t.dispose();
  });
  beforeEach(async () => {
    await t.reset();
    await t.store.upsertSite('demo', ['https://shop.example'], '2024-01-01');
    await t.store.upsertSite('other', ['https://other.example'], '2024-01-01');
  });

  const post = (app: ReturnType<typeof createApp>, body: unknown, address = '192.0.2.1') =>
    app.request(`${SELF}/v1/reports`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json', Origin: SELF, 'X-Test-Address': address },
    });
  const fromHeader = (c: Context) => c.req.header('x-test-address');

  it('limits each address and answers 429 with Retry-After and a JSON error', async () => {
    const app = createApp({
      store: t.store,
      rateLimits: { address: { perSecond: 0.1, burst: 2 } },
      clientAddress: fromHeader,
      log: () => undefined,
    });
    expect((await post(app, sampleBatch())).status).toBe(201);
    expect((await post(app, sampleBatch())).status).toBe(201);
    const limited = await post(app, sampleBatch());
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('10');
    expect(limited.headers.get('cache-control')).toBe('no-store');
    expect((await limited.json()).error.code).toBe('rate_limited');
    expect((await countRows(t.store)).batches).toBe(2);
    // A different address is unaffected.
    expect((await post(app, sampleBatch(), '192.0.2.2')).status).toBe(201);
  });

  it('limits each site across addresses and stores nothing when refusing', async () => {
    const app = createApp({
      store: t.store,
      rateLimits: { site: { perSecond: 0.5, burst: 2 } },
      clientAddress: fromHeader,
      log: () => undefined,
    });
    expect((await post(app, sampleBatch(), '192.0.2.1')).status).toBe(201);
    expect((await post(app, sampleBatch(), '192.0.2.2')).status).toBe(201);
    const limited = await post(app, sampleBatch(), '192.0.2.3');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect((await limited.json()).error.code).toBe('rate_limited');
    expect((await countRows(t.store)).batches).toBe(2);
    expect((await post(app, sampleBatch({ site: 'other' }))).status).toBe(201);
  });

  it('enforces nothing when no limits are configured', async () => {
    const app = createApp({ store: t.store, clientAddress: fromHeader, log: () => undefined });
    for (let i = 0; i < 5; i++) expect((await post(app, sampleBatch())).status).toBe(201);
  });
});
