import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleBatch, sqliteTestStore, type TestStore } from '../../../test/support/server-stores';
import { createApp } from '../app';
import { forwardedClient, normalizeAddress, parseTrustedProxies } from './client-address';

describe('normalizeAddress', () => {
  it('strips ports, brackets and the IPv4-mapped prefix, and refuses what is no address', () => {
    expect(normalizeAddress(' 203.0.113.9 ')).toBe('203.0.113.9');
    expect(normalizeAddress('203.0.113.9:5123')).toBe('203.0.113.9');
    expect(normalizeAddress('[2001:DB8::1]:443')).toBe('2001:db8::1');
    expect(normalizeAddress('::ffff:10.0.0.1')).toBe('10.0.0.1');
    for (const bad of ['', 'unknown', 'evil.example', '1.2.3', '1.2.3.4.5', '[::1']) {
      expect(normalizeAddress(bad), bad).toBeUndefined();
    }
  });
});

describe('parseTrustedProxies', () => {
  it('matches exact addresses and CIDR networks of both families', () => {
    const trusted = parseTrustedProxies(['10.0.0.0/8', '192.168.1.7', 'fd00::/8', '::1']);
    for (const yes of ['10.1.2.3', '192.168.1.7', 'fd12::5', '::1']) expect(trusted.has(yes), yes).toBe(true);
    for (const no of ['11.0.0.1', '192.168.1.8', 'fe80::1', '203.0.113.9'])
      expect(trusted.has(no), no).toBe(false);
    expect(trusted.size).toBe(4);
    expect(parseTrustedProxies([]).has('127.0.0.1')).toBe(false);
  });

  it.each(['10.0.0.0/33', 'fd00::/129', '10.0.0.0/', '10.0.0.0/8/1', 'proxy.internal', '10.0.0.0/x'])(
    'refuses %s, naming it',
    (entry) => {
      expect(() => parseTrustedProxies([entry])).toThrow(entry);
    },
  );
});

describe('forwardedClient', () => {
  const trusted = parseTrustedProxies(['10.0.0.0/8']);

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', () => {
    expect(forwardedClient('203.0.113.9', '198.51.100.1', trusted)).toBe('203.0.113.9');
    expect(forwardedClient('::ffff:203.0.113.9', undefined, trusted)).toBe('203.0.113.9');
  });

  it('takes the right-most address that is not a trusted proxy', () => {
    // The client claims 1.1.1.1; the balancer (10.0.0.2) appended what it saw, then 10.0.0.3 did.
    expect(forwardedClient('10.0.0.3', '1.1.1.1, 198.51.100.7, 10.0.0.2', trusted)).toBe('198.51.100.7');
    expect(forwardedClient('10.0.0.3', '198.51.100.7:4711', trusted)).toBe('198.51.100.7');
    expect(forwardedClient('10.0.0.3', undefined, trusted)).toBe('10.0.0.3');
    // Only proxies: the left-most is the nearest thing to a client.
    expect(forwardedClient('10.0.0.3', '10.0.0.9, 10.0.0.2', trusted)).toBe('10.0.0.9');
  });

  it('stops at a malformed entry on the last trusted hop, so junk cannot pick a fresh bucket', () => {
    expect(forwardedClient('10.0.0.3', '198.51.100.7, junk', trusted)).toBe('10.0.0.3');
    expect(forwardedClient('10.0.0.3', 'junk, 10.0.0.2', trusted)).toBe('10.0.0.2');
  });
});

describe('the per-address report limit behind a proxy', () => {
  const SELF = 'http://confide.test';
  let t: TestStore;
  beforeAll(async () => {
    t = await sqliteTestStore();
    await t.store.upsertSite('demo', ['https://shop.example'], '2024-01-01');
  });
  afterAll(() => t.dispose());

  /**
   * A report as the Node adapter hands it to the app (the socket peer in `env.incoming`), answered
   * by its status: the address limit runs before the body is read, so anything but 429 was admitted.
   */
  const post = async (app: ReturnType<typeof createApp>, peer: string, forwardedFor?: string) => {
    const res = await app.request(
      `${SELF}/v1/reports`,
      {
        method: 'POST',
        body: JSON.stringify(sampleBatch()),
        headers: {
          'Content-Type': 'application/json',
          Origin: SELF,
          ...(forwardedFor ? { 'X-Forwarded-For': forwardedFor } : {}),
        },
      },
      { incoming: { socket: { remoteAddress: peer } } },
    );
    return res.status === 429 ? 'limited' : 'admitted';
  };
  const limits = { address: { perSecond: 0.001, burst: 1 } };

  it('gives each forwarded client its own bucket when the balancer is trusted', async () => {
    const app = createApp({ store: t.store, rateLimits: limits, trustedProxies: ['10.0.0.0/8'] });
    expect(await post(app, '10.0.0.2', '198.51.100.1')).toBe('admitted');
    expect(await post(app, '10.0.0.2', '198.51.100.2')).toBe('admitted');
    expect(await post(app, '10.0.0.2', '198.51.100.1')).toBe('limited');
    // A client writing its own header gains nothing: the balancer appended the real address.
    expect(await post(app, '10.0.0.2', '203.0.113.77, 198.51.100.1')).toBe('limited');
  });

  it('trusts no header by default, and none from an untrusted peer', async () => {
    const plain = createApp({ store: t.store, rateLimits: limits });
    expect(await post(plain, '10.0.0.2', '198.51.100.1')).toBe('admitted');
    expect(await post(plain, '10.0.0.2', '198.51.100.2')).toBe('limited');
    const app = createApp({ store: t.store, rateLimits: limits, trustedProxies: ['10.0.0.0/8'] });
    expect(await post(app, '203.0.113.9', '198.51.100.3')).toBe('admitted');
    expect(await post(app, '203.0.113.9', '198.51.100.4')).toBe('limited');
  });

  it('refuses an invalid proxy list when the app is built', () => {
    expect(() => createApp({ store: t.store, trustedProxies: ['10.0.0.0/40'] })).toThrow(/10\.0\.0\.0\/40/);
  });
});
