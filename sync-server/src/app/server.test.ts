import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countRows, probePostgres, sampleBatch, tempDir } from '../../../test/support/server-stores';
import { hashAdminToken } from '../routes';
import { startServer } from './server';

/** A raw HTTP GET to an exact address, bypassing name resolution. */
function getFrom(host: string, port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port, path, headers: { Host: `localhost:${port}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const pg = await probePostgres();
if (pg.reason) console.warn(`[sync-server] PostgreSQL startServer test SKIPPED: ${pg.reason}`);

describe('startServer', () => {
  it('listens on an ephemeral port, creates the SQLite file and answers over real HTTP', async () => {
    const { dir, cleanup } = await tempDir();
    const sqlitePath = join(dir, 'data', 'confide.sqlite');
    const server = await startServer({
      port: 0,
      sqlitePath,
      widgetDir: join(dir, 'widget'),
      // The served models decide which report domains are valid (the metric table), as in production.
      modelsDir: 'models/artifacts',
      sites: [{ key: 'demo', origins: ['http://127.0.0.1:8080/'] }],
      log: () => undefined,
    });
    try {
      expect(server.url).toBe(`http://localhost:${server.port}`);
      expect(server.port).toBeGreaterThan(0);
      expect(existsSync(sqlitePath)).toBe(true);

      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ ok: true });
      // Both loopback addresses answer, whichever one a browser picks for "localhost".
      expect((await getFrom('127.0.0.1', server.port, '/healthz')).status).toBe(200);
      // Where the machine has no IPv6 loopback, there is nothing to bind and nothing to reach.
      const v6 = await getFrom('::1', server.port, '/healthz').then(
        (r) => r.status,
        (err: NodeJS.ErrnoException) => err.code,
      );
      expect([200, 'EADDRNOTAVAIL', 'EAFNOSUPPORT']).toContain(v6);

      expect(await server.store.getSite('demo')).toMatchObject({ origins: ['http://127.0.0.1:8080'] });
      const post = await fetch(`${server.url}/v1/reports`, {
        method: 'POST',
        headers: { Origin: 'http://127.0.0.1:8080', 'Content-Type': 'application/json' },
        body: JSON.stringify(sampleBatch()),
      });
      expect(post.status).toBe(201);
      expect(post.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8080');
      expect(await countRows(server.store)).toEqual({ batches: 1, reports: 2, sketches: 0 });
    } finally {
      await server.close();
      await cleanup();
    }
  });

  it('limits the report rate per client address by default, with 429 and Retry-After', async () => {
    const { dir, cleanup } = await tempDir();
    const server = await startServer({
      port: 0,
      sqlitePath: join(dir, 'db.sqlite'),
      sites: [{ key: 'demo', origins: ['http://127.0.0.1:8080'] }],
      addressRate: { perSecond: 0.01, burst: 2 },
      log: () => undefined,
    });
    try {
      const post = () =>
        fetch(`${server.url}/v1/reports`, {
          method: 'POST',
          headers: { Origin: 'http://127.0.0.1:8080', 'Content-Type': 'application/json' },
          body: JSON.stringify(sampleBatch()),
        });
      expect((await post()).status).toBe(201);
      expect((await post()).status).toBe(201);
      const limited = await post();
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await countRows(server.store)).toEqual({ batches: 2, reports: 4, sketches: 0 });
    } finally {
      await server.close();
      await cleanup();
    }
  });

  it('keys the address limit on X-Forwarded-For only through a configured proxy, over real sockets', async () => {
    const { dir, cleanup } = await tempDir();
    const start = (trustedProxies?: string[]) =>
      startServer({
        port: 0,
        sqlitePath: join(dir, `${trustedProxies ? 'proxied' : 'direct'}.sqlite`),
        sites: [{ key: 'demo', origins: ['http://127.0.0.1:8080'] }],
        addressRate: { perSecond: 0.001, burst: 1 },
        ...(trustedProxies ? { trustedProxies } : {}),
        log: () => undefined,
      });
    // The limit is checked before the body is read: anything but 429 was admitted.
    const limited = async (server: { url: string }, forwardedFor: string) =>
      (
        await fetch(`${server.url}/v1/reports`, {
          method: 'POST',
          headers: {
            Origin: 'http://127.0.0.1:8080',
            'Content-Type': 'application/json',
            'X-Forwarded-For': forwardedFor,
          },
          body: JSON.stringify(sampleBatch()),
        })
      ).status === 429;
    // This test's sockets come from loopback, which plays the load balancer.
    const proxied = await start(['127.0.0.1', '::1']);
    const direct = await start();
    try {
      expect(await limited(proxied, '198.51.100.1')).toBe(false);
      expect(await limited(proxied, '198.51.100.2')).toBe(false);
      expect(await limited(proxied, '198.51.100.1')).toBe(true);
      // Without a trusted proxy the header is the client's own claim: one bucket for the socket.
      expect(await limited(direct, '198.51.100.1')).toBe(false);
      expect(await limited(direct, '198.51.100.2')).toBe(true);
    } finally {
      await Promise.all([proxied.close(), direct.close()]);
      await cleanup();
    }
  });

  it('refuses to start with an invalid trusted proxy', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      await expect(
        startServer({ port: 0, sqlitePath: join(dir, 'db.sqlite'), trustedProxies: ['lb.internal'] }),
      ).rejects.toThrow(/lb\.internal/);
    } finally {
      await cleanup();
    }
  });

  it('accepts CONFIDE_ADMIN_TOKEN, stored hashed under "env", replaced on the next start', async () => {
    const { dir, cleanup } = await tempDir();
    const sqlitePath = join(dir, 'db.sqlite');
    const first = 'cfd_admin_first-token-0123456789abcdefghijklmnop';
    const second = 'cfd_admin_second-token-0123456789abcdefghijklmno';
    const logged: string[] = [];
    const sites = (server: { url: string }, token: string) =>
      fetch(`${server.url}/v1/admin/sites`, { headers: { Authorization: `Bearer ${token}` } });
    let server = await startServer({ port: 0, sqlitePath, adminToken: first, log: (m) => logged.push(m) });
    try {
      expect((await sites(server, first)).status).toBe(200);
      const rows = await server.store.db.selectFrom('admin_tokens').selectAll().execute();
      expect(rows.map((r) => [r.label, r.hash])).toEqual([['env', hashAdminToken(first)]]);
      await server.close();
      server = await startServer({ port: 0, sqlitePath, adminToken: second, log: (m) => logged.push(m) });
      expect((await sites(server, second)).status).toBe(200);
      expect((await sites(server, first)).status).toBe(401);
      expect(await server.store.listAdminTokens()).toHaveLength(1);
      expect(logged.join('\n')).not.toContain('token-0123');
    } finally {
      await server.close();
      await cleanup();
    }
  });

  it('binds an explicit host exactly', async () => {
    const { dir, cleanup } = await tempDir();
    const server = await startServer({ port: 0, host: '127.0.0.1', sqlitePath: join(dir, 'db.sqlite') });
    try {
      expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await server.close();
      await cleanup();
    }
  });

  it('fails to start, without leaking the store, when the port is taken', async () => {
    const { dir, cleanup } = await tempDir();
    const first = await startServer({ port: 0, host: '127.0.0.1', sqlitePath: join(dir, 'a.sqlite') });
    try {
      await expect(
        startServer({ port: first.port, host: '127.0.0.1', sqlitePath: join(dir, 'b.sqlite') }),
      ).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.close();
      await cleanup();
    }
  });

  it.skipIf(!pg.url)('runs on PostgreSQL when given a database URL', async () => {
    const schema = `confide_test_srv_${process.pid}`;
    const server = await startServer({
      port: 0,
      databaseUrl: pg.url,
      pgSchema: schema,
      log: () => undefined,
    });
    try {
      expect(server.store.dialect).toBe('postgres');
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await server.store.db.schema.dropSchema(schema).ifExists().cascade().execute();
      await server.close();
    }
  });
});
