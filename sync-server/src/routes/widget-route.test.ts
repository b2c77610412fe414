import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteTestStore, type TestStore, tempDir } from '../../../test/support/server-stores';
import { createApp } from '../app';
import { ASSETS_CSP, frameCsp } from './widget-route';

describe('widget routes', () => {
  let t: TestStore;
  let cleanup: () => Promise<void>;
  let app: ReturnType<typeof createApp>;
  let missing: ReturnType<typeof createApp>;
  const wasm = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);

  beforeAll(async () => {
    t = await sqliteTestStore();
    await t.store.upsertSite('demo', ['http://127.0.0.1:8080', 'http://localhost:8080'], '2024-01-01');
    await t.store.upsertSite('lonely', [], '2024-01-01');
    const tmp = await tempDir();
    cleanup = tmp.cleanup;
    const widgetDir = join(tmp.dir, 'widget');
    await mkdir(join(widgetDir, 'assets', 'sub'), { recursive: true });
    await writeFile(join(widgetDir, 'confide.js'), 'console.log("loader")');
    await writeFile(join(widgetDir, 'frame.html'), '<!doctype html><title>frame</title>');
    await writeFile(join(widgetDir, 'sw.js'), 'self.addEventListener("fetch", () => {})');
    await writeFile(join(widgetDir, 'assets', 'ort-wasm-simd.Ab_9-x.wasm'), wasm);
    await writeFile(join(widgetDir, 'assets', 'worker-Dx9.js'), 'self.onmessage = () => {}');
    await writeFile(join(widgetDir, 'assets', 'frame-1.mjs'), 'export {}');
    await writeFile(join(widgetDir, 'assets', 'sub', 'x.css'), 'a{}');
    await writeFile(join(widgetDir, 'assets', '.env'), 'SECRET=1');
    await writeFile(join(tmp.dir, 'secret.txt'), 'outside');
    await symlink(join(tmp.dir, 'secret.txt'), join(widgetDir, 'assets', 'linked.js'));
    app = createApp({ store: t.store, widgetDir, modelsDir: tmp.dir, log: () => undefined });
    missing = createApp({ store: t.store, widgetDir: join(tmp.dir, 'not-built'), log: () => undefined });
  });
  afterAll(async () => {
    await t.dispose();
    await cleanup();
  });

  it('serves the loader for any host page, briefly cached', async () => {
    const res = await app.request('/confide.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe('console.log("loader")');
    const again = await app.request('/confide.js', {
      headers: { 'If-None-Match': res.headers.get('etag') ?? '' },
    });
    expect(again.status).toBe(304);
  });

  it('serves the service worker revalidated on every update check, under its own strict CSP', async () => {
    const res = await app.request('/sw.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('content-security-policy')).toBe(
      "default-src 'none'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(await res.text()).toContain('fetch');
    expect((await missing.request('/sw.js')).status).toBe(404);
  });

  it('serves the frame with frame-ancestors from the site’s allowlist', async () => {
    const res = await app.request('/frame.html?site=demo');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).toContain("worker-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toMatch(/frame-ancestors http:\/\/127\.0\.0\.1:8080 http:\/\/localhost:8080$/);
    // The frame reads the site's FAQ bundle from the site's own origins, and from nowhere else.
    expect(csp).toContain("connect-src 'self' http://127.0.0.1:8080 http://localhost:8080;");
  });

  it.each([
    '/frame.html',
    '/frame.html?site=nosuchsite',
    '/frame.html?site=lonely',
    '/frame.html?site=bad%20key;',
  ])('answers %s with frame-ancestors none', async (path) => {
    const res = await app.request(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'$/);
  });

  it('keeps injected directives out of frame-ancestors', () => {
    const csp = frameCsp(['https://a.example; script-src *', 'https://b.example']);
    expect(csp).toMatch(/frame-ancestors https:\/\/b\.example$/);
    expect(csp).toContain("connect-src 'self' https://b.example;");
  });

  it.each([
    ['/assets/ort-wasm-simd.Ab_9-x.wasm', 'application/wasm'],
    ['/assets/worker-Dx9.js', 'text/javascript'],
    ['/assets/frame-1.mjs', 'text/javascript'],
    ['/assets/sub/x.css', 'text/css'],
  ])('serves %s as immutable %s', async (path, type) => {
    const res = await app.request(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(new RegExp(`^${type}`));
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('gives every asset a script-only CSP and nosniff, the worker included, on 304s too', async () => {
    for (const path of ['/assets/worker-Dx9.js', '/assets/ort-wasm-simd.Ab_9-x.wasm', '/assets/sub/x.css']) {
      const res = await app.request(path);
      expect(res.headers.get('content-security-policy'), path).toBe(ASSETS_CSP);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      const again = await app.request(path, { headers: { 'If-None-Match': res.headers.get('etag') ?? '' } });
      expect(again.status).toBe(304);
      expect(again.headers.get('content-security-policy'), path).toBe(ASSETS_CSP);
    }
    const directives = ASSETS_CSP.split('; ');
    expect(directives).toContain("default-src 'none'");
    expect(directives).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(directives).toContain("connect-src 'self'");
    // No eval, no inline script, nothing from other origins.
    expect(ASSETS_CSP).not.toMatch(/'unsafe-eval'|'unsafe-inline'|\*|https?:/);
  });

  it('serves wasm bytes intact', async () => {
    const res = await app.request('/assets/ort-wasm-simd.Ab_9-x.wasm');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(wasm);
  });

  it.each([
    '/assets/',
    '/assets/sub',
    '/assets/.env',
    '/assets/..%2Fconfide.js',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/assets/sub/..%2F..%2F..%2Fsecret.txt',
    '/assets/..%5C..%5Csecret.txt',
    '/assets/x%00.js',
    '/assets/linked.js',
    '/secret.txt',
    '/',
  ])('404s %s as JSON without listing anything', async (path) => {
    const res = await app.request(path);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('404s every widget route before the widget is built', async () => {
    for (const path of ['/confide.js', '/frame.html?site=demo', '/assets/worker-Dx9.js']) {
      expect((await missing.request(path)).status).toBe(404);
    }
  });
});
