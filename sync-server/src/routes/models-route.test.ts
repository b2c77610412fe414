import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteTestStore, type TestStore, tempDir } from '../../../test/support/server-stores';
import { createApp } from '../app';
import { servableFiles } from './models-route';

const sha = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

describe('model routes', () => {
  let t: TestStore;
  let cleanup: () => Promise<void>;
  let app: ReturnType<typeof createApp>;
  const onnx = new Uint8Array([8, 7, 0, 1, 2, 3]);
  const catalog = JSON.stringify({ currency: 'EUR', items: [{ id: 'a', title: 'A', price: 1 }] });
  let manifestText = '';

  beforeAll(async () => {
    t = await sqliteTestStore();
    const tmp = await tempDir();
    cleanup = tmp.cleanup;
    const modelsDir = join(tmp.dir, 'artifacts');
    await mkdir(modelsDir);
    await writeFile(join(modelsDir, 'recommend.int8.onnx'), onnx);
    await writeFile(join(modelsDir, 'catalog.json'), catalog);
    await writeFile(join(modelsDir, 'secret.onnx'), 'not in the manifest');
    await writeFile(join(tmp.dir, 'outside.onnx'), 'outside the folder');
    manifestText = JSON.stringify({
      version: '2024.1',
      createdAt: '2024-01-01T00:00:00Z',
      models: {
        recommend: {
          kind: 'recommend',
          file: 'recommend.int8.onnx',
          sha256: sha(onnx),
          catalog: 'catalog.json',
          catalogSha256: sha(catalog),
        },
      },
    });
    await writeFile(join(modelsDir, 'manifest.json'), manifestText);
    app = createApp({
      store: t.store,
      modelsDir,
      widgetDir: join(tmp.dir, 'no-widget'),
      log: () => undefined,
    });
  });
  afterAll(async () => {
    await t.dispose();
    await cleanup();
  });

  it('serves the manifest with no-cache, an ETag and 304 on a match', async () => {
    const res = await app.request('/v1/manifest');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toBe(manifestText);
    const etag = res.headers.get('etag');
    expect(etag).toBe(`"${sha(manifestText)}"`);
    const again = await app.request('/v1/manifest', { headers: { 'If-None-Match': etag ?? '' } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const stale = await app.request('/v1/manifest', { headers: { 'If-None-Match': '"other"' } });
    expect(stale.status).toBe(200);
  });

  it('serves a model file as immutable octet-stream with the sha256 ETag', async () => {
    const res = await app.request('/v1/models/recommend.int8.onnx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('etag')).toBe(`"${sha(onnx)}"`);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(onnx);
    const cached = await app.request('/v1/models/recommend.int8.onnx', {
      headers: { 'If-None-Match': `W/"x", "${sha(onnx)}"` },
    });
    expect(cached.status).toBe(304);
    expect(cached.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('serves the catalog named by the manifest as JSON', async () => {
    const res = await app.request('/v1/models/catalog.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('etag')).toBe(`"${sha(catalog)}"`);
    expect(await res.text()).toBe(catalog);
  });

  it('answers HEAD with headers only', async () => {
    const res = await app.request('/v1/models/recommend.int8.onnx', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(onnx.length));
    expect(await res.text()).toBe('');
  });

  it.each([
    '/v1/models/secret.onnx',
    '/v1/models/manifest.json',
    '/v1/models/..%2Foutside.onnx',
    '/v1/models/%2E%2E%2Foutside.onnx',
    '/v1/models/..%5Coutside.onnx',
    '/v1/models/../outside.onnx',
    '/v1/models/nested/recommend.int8.onnx',
    '/v1/models/',
  ])('404s %s as JSON', async (path) => {
    const res = await app.request(path);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('404s the manifest when the models folder has none', async () => {
    const tmp = await tempDir();
    const empty = createApp({ store: t.store, modelsDir: tmp.dir, log: () => undefined });
    const res = await empty.request('/v1/manifest');
    expect(res.status).toBe(404);
    expect((await empty.request('/v1/models/recommend.int8.onnx')).status).toBe(404);
    await tmp.cleanup();
  });

  it('only lists safe file names with well-formed hashes', () => {
    const good = 'a'.repeat(64);
    const files = servableFiles({
      models: {
        a: { file: 'a.onnx', sha256: good },
        b: { file: '../b.onnx', sha256: good },
        c: { file: 'c.onnx', sha256: 'nothex' },
        d: { file: '.hidden', sha256: good, catalog: 'cat.json', catalogSha256: good },
      },
    });
    expect([...files.keys()]).toEqual(['a.onnx', 'cat.json']);
    expect(servableFiles(null).size).toBe(0);
  });

  it('serves int8 variants and side files named by any entry, and nothing unnamed', () => {
    const h = (c: string) => c.repeat(64);
    const files = servableFiles({
      models: {
        recommend: {
          file: 'r.onnx',
          sha256: h('1'),
          catalog: 'catalog.json',
          catalogSha256: h('2'),
          int8: { file: 'r-int8.onnx', sha256: h('3'), bytes: 10 },
          data: 'a description, not a file',
        },
        segment: { file: 's.onnx', sha256: h('4'), items: 'items.json', itemsSha256: h('5') },
        intent: { file: 'i.onnx', sha256: h('6'), answers: { file: 'answers.json', sha256: h('7') } },
      },
    });
    expect(Object.fromEntries(files)).toEqual({
      'r.onnx': h('1'),
      'catalog.json': h('2'),
      'r-int8.onnx': h('3'),
      's.onnx': h('4'),
      'items.json': h('5'),
      'i.onnx': h('6'),
      'answers.json': h('7'),
    });
  });
});
