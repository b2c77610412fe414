import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteTestStore, type TestStore } from '../../../test/support/server-stores';
import { hashAdminToken, newAdminToken, requireAdmin } from './admin-auth';

describe('requireAdmin', () => {
  let t: TestStore;
  const token = newAdminToken();
  let app: Hono;
  beforeAll(async () => {
    t = await sqliteTestStore();
    await t.store.addAdminToken(hashAdminToken(token), 'test', '2026-11-22');
    app = new Hono();
    app.use('/api/*', requireAdmin(t.store));
    app.use('/page', requireAdmin(t.store, 'basic'));
    app.get('/api/x', (c) => c.text('ok'));
    app.get('/page', (c) => c.text('ok'));
  });
  afterAll(() => t.dispose());

  it('stores only the hash, never the token', async () => {
    const rows = await t.store.db.selectFrom('admin_tokens').selectAll().execute();
    expect(rows).toEqual([{ hash: hashAdminToken(token), label: 'test', created_day: '2026-11-22' }]);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(hashAdminToken(token)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('admits a stored bearer token everywhere, and the same token as a Basic password on basic routes only', async () => {
    expect((await app.request('/api/x', { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await app.request('/page', { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
    const basic = Buffer.from(`admin:${token}`).toString('base64');
    expect((await app.request('/page', { headers: { Authorization: `Basic ${basic}` } })).status).toBe(200);
    // Browsers attach remembered Basic credentials to forged requests too: bearer routes ignore them.
    const forged = await app.request('/api/x', { headers: { Authorization: `Basic ${basic}` } });
    expect(forged.status).toBe(401);
    expect(forged.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('refuses a missing, unknown or malformed token with 401 and a challenge', async () => {
    for (const auth of [
      undefined,
      'Bearer nope',
      `Bearer ${newAdminToken()}`,
      'Basic !!!',
      'Token x',
      'Bearer',
    ]) {
      const res = await app.request('/api/x', auth ? { headers: { Authorization: auth } } : {});
      expect(res.status, String(auth)).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    }
    expect((await app.request('/page')).headers.get('www-authenticate')).toMatch(/^Basic realm=/);
  });
});
