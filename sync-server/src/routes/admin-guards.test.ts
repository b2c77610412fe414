/**
 * Admin requests a page on another origin could forge: remembered Basic credentials, form and text
 * bodies, and requests the browser marks as started elsewhere (`Sec-Fetch-Site`). Each is refused on
 * every admin write, with nothing changed; the dashboard alone keeps its Basic login.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sqliteTestStore, type TestStore, tempDir } from '../../../test/support/server-stores';
import type { ServerError } from '../../protocol/index';
import { createApp } from '../app';
import { hashAdminToken, newAdminToken } from './admin-auth';

const SELF = 'http://127.0.0.1:8787';
const SHOP = 'https://shop.example';

/** Every admin write with a body that would be accepted. */
const WRITES: readonly (readonly [method: string, path: string, body: unknown])[] = [
  ['POST', '/v1/admin/sites', { key: 'new', origins: [SHOP] }],
  ['PUT', '/v1/admin/sites/demo/origins', { origins: ['https://evil.example'] }],
  ['POST', '/v1/admin/sites/demo/rotate', {}],
  ['PUT', '/v1/admin/sites/demo/experiments', []],
  ['POST', '/v1/admin/tokens', { label: 'evil' }],
  ['DELETE', '/v1/admin/tokens/other', {}],
];

describe('admin guards', () => {
  let t: TestStore;
  let empty: Awaited<ReturnType<typeof tempDir>>;
  let app: ReturnType<typeof createApp>;
  const token = newAdminToken();
  const basic = `Basic ${Buffer.from(`owner:${token}`).toString('base64')}`;

  beforeAll(async () => {
    t = await sqliteTestStore();
    empty = await tempDir();
  });
  afterAll(async () => {
    await t.dispose();
    await empty.cleanup();
  });
  beforeEach(async () => {
    await t.reset();
    await t.store.addAdminToken(hashAdminToken(token), 'root', '2026-01-01');
    await t.store.addAdminToken(hashAdminToken(newAdminToken()), 'other', '2026-01-01');
    await t.store.upsertSite('demo', [SHOP], '2026-01-01');
    // No model manifest: a dashboard request that passes the guards answers 404 `not_found` rather
    // than rendering, which keeps these tests about the guards alone.
    app = createApp({ store: t.store, modelsDir: empty.dir, log: () => undefined, rotationSweepMs: 50 });
  });

  /** What the store holds that any of the writes would change. */
  const state = async () => ({
    sites: await t.store.listSites(),
    experiments: await t.store.getExperiments('demo'),
    tokens: await t.store.listAdminTokens(),
  });
  const send = (method: string, path: string, headers: Record<string, string>, body?: string) =>
    app.request(`${SELF}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  const code = async (res: Response) => ((await res.json()) as ServerError).error.code;
  /** Whether a dashboard request got past authentication and the guards (see `app` above). */
  const admitted = async (res: Response) => res.status === 404 && (await code(res)) === 'not_found';

  it('refuses remembered Basic credentials on every admin route but the dashboard', async () => {
    const before = await state();
    for (const [method, path, body] of WRITES) {
      const res = await send(
        method,
        path,
        { Authorization: basic, 'Content-Type': 'application/json' },
        JSON.stringify(body),
      );
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    for (const path of ['/v1/admin/sites', '/v1/admin/tokens', '/metrics']) {
      expect((await send('GET', path, { Authorization: basic })).status, path).toBe(401);
    }
    expect(await state()).toEqual(before);
    expect(await admitted(await send('GET', '/dashboard', { Authorization: basic }))).toBe(true);
    expect((await send('GET', '/dashboard', { Authorization: `Basic ${btoa('x:nope')}` })).status).toBe(401);
  });

  it('refuses form, multipart and text bodies on every admin write with 415', async () => {
    const before = await state();
    const forms: readonly (readonly [string | undefined, string])[] = [
      ['application/x-www-form-urlencoded', 'origins=x'],
      [
        'multipart/form-data; boundary=b',
        '--b\r\nContent-Disposition: form-data; name="x"\r\n\r\n1\r\n--b--',
      ],
      ['text/plain', '{}'],
      [undefined, ''],
    ];
    for (const [method, path] of WRITES) {
      for (const [type, body] of forms) {
        const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
        if (type) headers['Content-Type'] = type;
        const res = await send(method, path, headers, body);
        expect(res.status, `${method} ${path} ${type}`).toBe(415);
        expect(await code(res)).toBe('unsupported_media_type');
      }
    }
    expect(await state()).toEqual(before);
  });

  it('refuses requests another origin started (Sec-Fetch-Site cross-site or same-site) with 403', async () => {
    const before = await state();
    for (const site of ['cross-site', 'same-site', 'Cross-Site']) {
      for (const [method, path, body] of WRITES) {
        const res = await send(
          method,
          path,
          { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Sec-Fetch-Site': site },
          JSON.stringify(body),
        );
        expect(res.status, `${site} ${method} ${path}`).toBe(403);
        expect(await code(res)).toBe('origin_not_allowed');
        expect(res.headers.get('cache-control')).toBe('no-store');
      }
      const read = { Authorization: `Bearer ${token}`, 'Sec-Fetch-Site': site, 'Sec-Fetch-Mode': 'cors' };
      expect((await send('GET', '/v1/admin/sites', read)).status).toBe(403);
      expect((await send('GET', '/metrics', read)).status).toBe(403);
      // Even a forged top-level navigation gets nothing from the API.
      const navigate = { ...read, 'Sec-Fetch-Mode': 'navigate' };
      expect((await send('GET', '/v1/admin/sites', navigate)).status).toBe(403);
    }
    expect(await state()).toEqual(before);
  });

  it('lets the dashboard open from a link on another site, and nothing else another site starts', async () => {
    const auth = { Authorization: basic };
    const link = { ...auth, 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'navigate' };
    expect(await admitted(await send('GET', '/dashboard', link))).toBe(true);
    const embedded = { ...auth, 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'no-cors' };
    expect((await send('GET', '/dashboard', embedded)).status).toBe(403);
    const own = { ...auth, 'Sec-Fetch-Site': 'same-origin' };
    expect(await admitted(await send('GET', '/dashboard', own))).toBe(true);
  });

  it('accepts bearer + JSON from the same origin, the user, or a client without fetch metadata', async () => {
    for (const site of ['same-origin', 'none', undefined]) {
      const headers: Record<string, string> = {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json; charset=utf-8',
      };
      if (site) headers['Sec-Fetch-Site'] = site;
      const sites = (await (await send('GET', '/v1/admin/sites', headers)).json()) as {
        sites: { key: string }[];
      };
      const key = sites.sites[0]?.key ?? '';
      // An empty body and `{}` both do for rotate; anything else is refused.
      const rotated = await send('POST', `/v1/admin/sites/${key}/rotate`, headers, site ? '{}' : '');
      expect(rotated.status, String(site)).toBe(200);
    }
    const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    const [site] = await t.store.listSites();
    const extra = await send('POST', `/v1/admin/sites/${site?.key}/rotate`, headers, '{"key":"mine"}');
    expect(extra.status).toBe(400);
    expect(await code(extra)).toBe('invalid_body');
    expect((await send('DELETE', '/v1/admin/tokens/other', headers)).status).toBe(200);
  });
});
