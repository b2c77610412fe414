/**
 * The CLI on a site's own files: a product list whose columns are named differently from the
 * defaults (`--catalog-*-col`), and item ids the built-in UCI product-code rule would drop, which a
 * site's own interactions keep unless `--item-pattern` says otherwise.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../features/manifest';
import { DEFAULT_ITEM_PATTERN } from './clean';
import { parseRunArgs, type RunConfig } from './cli-options';
import { DataError, UsageError } from './errors';
import { loadRunData } from './run-data';
import { runTrain } from './train-cli';

const dir = mkdtempSync(join(tmpdir(), 'confide-own-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const quiet = (): void => {};

function config(argv: readonly string[]): RunConfig {
  const parsed = parseRunArgs(argv);
  if (parsed === 'help') throw new Error('unexpected --help');
  return parsed;
}

// Half the ids look like UCI product codes, half ("ABC-3") do not.
const ITEMS = Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? `${10001 + i}` : `ABC-${i}`));
const T0 = Date.UTC(2024, 0, 1);
const lines = ['customer,product,at,qty,unit'];
for (let u = 0; u < 12; u++) {
  for (let d = 0; d < 3; d++) {
    for (let j = 0; j < 3; j++) {
      const at = new Date(T0 + (d * 7 + u) * 86_400_000).toISOString();
      lines.push(`u${u},${ITEMS[(u + d * 3 + j) % 12]},${at},1,9.99`);
    }
  }
}
const interactions = join(dir, 'orders.csv');
writeFileSync(interactions, `${lines.join('\n')}\n`);

// Product list in the site's own layout; prices differ from the order lines so their origin shows.
const products = [
  'sku,name,group,cost',
  ...ITEMS.map((id, i) => `${id},Product ${id},Group ${i % 3},${i + 1}.5`),
];
products.push('NEW-1,Never Sold,Group 0,2.25');
const catalog = join(dir, 'products.csv');
writeFileSync(catalog, `${products.join('\n')}\n`);

const interactionFlags = [
  ...['--interactions', interactions, '--user-col', 'customer', '--item-col', 'product'],
  ...['--time-col', 'at', '--qty-col', 'qty', '--price-col', 'unit'],
];
const catalogFlags = [
  ...['--catalog', catalog, '--catalog-item-col', 'sku', '--catalog-title-col', 'name'],
  ...['--catalog-price-col', 'cost', '--catalog-category-col', 'group'],
];
const fast = [
  ...['--items', '10', '--lambda', '50', '--text-weight', '0.5', '--half-life', '14', '--rank', '0'],
  ...['--neighbours', '3', '--skip-int8'],
];

describe('train CLI on a site’s own product list and item ids', () => {
  it('recommend: catalog.json ids, titles, prices and categories come from the renamed columns', async () => {
    const out = join(dir, 'rec');
    await runTrain(
      ['--task', 'recommend', ...interactionFlags, ...catalogFlags, ...fast, '--out', out],
      quiet,
    );
    const written = JSON.parse(readFileSync(join(out, 'catalog.json'), 'utf8')) as Catalog;
    const listed = new Map<string, { title: string; price: number; category?: string }>(
      ITEMS.map((id, i) => [id, { title: `Product ${id}`, price: i + 1.5, category: `Group ${i % 3}` }]),
    );
    listed.set('NEW-1', { title: 'Never Sold', price: 2.25, category: 'Group 0' });
    expect(written.items).toHaveLength(10);
    for (const { id, ...rest } of written.items) expect(rest).toEqual(listed.get(id));
    expect(written.items.some((i) => i.id.startsWith('ABC-'))).toBe(true);
  });

  it('keeps ids the UCI rule would drop unless --item-pattern is given', async () => {
    const kept = await loadRunData(config(['--task', 'recommend', ...interactionFlags]));
    expect(kept.data.items).toBe(12);
    expect(kept.data.clean.nonProductCode).toBe(0);
    expect(kept.data.description).toContain('(no item-id filter: every item id kept)');

    const pattern = ['--item-pattern', DEFAULT_ITEM_PATTERN.source];
    const dropped = await loadRunData(config(['--task', 'recommend', ...interactionFlags, ...pattern]));
    expect(dropped.data.items).toBe(6);
    expect(dropped.data.clean.nonProductCode).toBe(lines.filter((l) => l.includes(',ABC-')).length);
    expect(dropped.data.rows.every((r) => !r.item.startsWith('ABC-'))).toBe(true);
    expect(dropped.data.description).toContain('non-product codes (item id not matching ^\\d{5}');
  });

  it('a missing named catalog column is a DataError naming it and the header', async () => {
    const wrong = ['--catalog', catalog, '--catalog-item-col', 'sku', '--catalog-title-col', 'title'];
    const err = await runTrain(['--task', 'recommend', ...interactionFlags, ...wrong, ...fast], quiet).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DataError);
    expect((err as DataError).message).toBe(
      `${catalog}:1: column "title" (--catalog-title-col) not found; the header has: sku, name, group, cost`,
    );
    await expect(runTrain(['--catalog-item-col', 'sku'], quiet)).rejects.toThrow(UsageError);
    await expect(runTrain(['--catalog-item-col', 'sku'], quiet)).rejects.toThrow(/needs --catalog FILE/);
  });
});
