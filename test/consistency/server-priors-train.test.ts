/**
 * Retraining with the server's priors, end to end: devices' noised `item_popularity` reports go into a
 * real sync server (SQLite), its `GET /v1/priors` debiases and k-thresholds them, and
 * `npm run train -- --priors URL` fetches that answer and lets the item visitors look at most, though
 * it is the least bought, into the catalog. Across packages, so it lives here: the trainer itself
 * never imports the server.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../models/features/manifest';
import { mulberry32 } from '../../models/src/rng';
import { runTrain } from '../../models/src/train-cli';
import type { Report } from '../../sync-server/protocol/index';
import { krrEncode } from '../../sync-server/protocol/krr';
import { type RunningServer, startServer } from '../../sync-server/src/app';
import { LEAST_BOUGHT, writeTinyOrders } from '../support/tiny-orders';

const ITEMS = Array.from({ length: 14 }, (_, i) => `${1001 + i}`);
const VERSION = 'priors-e2e';

describe('npm run train --priors URL against a running sync server', () => {
  let dir: string;
  let server: RunningServer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'confide-priors-e2e-'));
    const modelsDir = join(dir, 'served');
    await mkdir(modelsDir);
    const catalog = { currency: 'EUR', items: ITEMS.map((id) => ({ id, title: `Item ${id}`, price: 1 })) };
    await writeFile(join(modelsDir, 'catalog.json'), JSON.stringify(catalog));
    await writeFile(
      join(modelsDir, 'manifest.json'),
      JSON.stringify({ version: VERSION, models: { recommend: { catalog: 'catalog.json' } } }),
    );
    server = await startServer({
      port: 0,
      sqlitePath: join(dir, 'db.sqlite'),
      widgetDir: join(dir, 'widget'),
      modelsDir,
      sites: [{ key: 'shop', origins: ['https://shop.example'] }],
      log: () => undefined,
    });
    // 3,000 devices' last viewed item: 40% the least-bought one, the rest spread over the others. The
    // noise is seeded so the check is about the path, not about one draw.
    const uniform = mulberry32(14);
    const least = ITEMS.indexOf(LEAST_BOUGHT);
    const reports: Report[] = Array.from({ length: 3000 }, (_, i) => {
      const value = i % 5 < 2 ? least : i % least;
      return {
        metric: 'item_popularity',
        encoding: 'krr',
        domain: ITEMS.length,
        value: krrEncode(value, ITEMS.length, 1, uniform),
        epsilon: 1,
      };
    });
    const day = new Date().toISOString().slice(0, 10);
    for (let i = 0; i < reports.length; i += 50) {
      const batch = {
        site: 'shop',
        batch: randomUUID(),
        schema: 1 as const,
        model: VERSION,
        reports: reports.slice(i, i + 50),
      };
      await server.store.storeBatch(batch, day);
    }
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('fetches the priors and moves the least-bought, most-viewed item into the catalog', async () => {
    const { flags } = writeTinyOrders(dir);
    const url = `http://127.0.0.1:${server.port}/v1/priors?site=shop`;
    const out = join(dir, 'trained');
    await runTrain([...flags, '--priors', url, '--priors-weight', '0.6', '--out', out], () => {});
    const catalog = JSON.parse(await readFile(join(out, 'catalog.json'), 'utf8')) as Catalog;
    expect(catalog.items[0]?.id).toBe(LEAST_BOUGHT);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as {
      models: { recommend: { params: Record<string, unknown> } };
    };
    expect(manifest.models.recommend.params).toMatchObject({ priorsModel: VERSION, priorsWeight: 0.6 });
    // An unknown site is the server's 404, and the trainer says so, naming the URL.
    await expect(
      runTrain([...flags, '--priors', `${url}x`, '--out', join(dir, 'refused')], () => {}),
    ).rejects.toThrow(/answered 404/);
  });
});
