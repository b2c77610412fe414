import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProductList } from './catalog-file';
import { DataError } from './errors';

const dir = mkdtempSync(join(tmpdir(), 'confide-products-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe('loadProductList', () => {
  it('reads a JSON catalog and a CSV product list', async () => {
    const json = await loadProductList(
      file('p.json', JSON.stringify({ items: [{ id: 'A', title: 'Mug', price: 3 }, { id: 'B' }] })),
    );
    expect([...json]).toEqual([
      ['A', { title: 'Mug', price: 3 }],
      ['B', {}],
    ]);
    const csv = await loadProductList(file('p.csv', 'id;title;price\nA;"Mug; big";3.5\nB;;\n'));
    expect([...csv]).toEqual([
      ['A', { title: 'Mug; big', price: 3.5 }],
      ['B', {}],
    ]);
  });

  it('names the file and problem on bad input', async () => {
    await expect(loadProductList(file('bad.json', '{"items": []}'))).rejects.toThrow(/bad\.json: expected/);
    await expect(loadProductList(file('noid.csv', 'sku,title\nA,Mug\n'))).rejects.toThrow(DataError);
    await expect(loadProductList(file('noid.csv', 'sku,title\nA,Mug\n'))).rejects.toThrow(/column "id"/);
    await expect(loadProductList(join(dir, 'missing.json'))).rejects.toThrow(/file not found/);
  });

  it('reads renamed columns (CSV and JSON keys), matched ignoring case, with the category', async () => {
    const columns = { id: 'sku', title: 'name', price: 'cost', category: 'group' };
    const csv = await loadProductList(
      file('renamed.csv', 'SKU,Name,Group,Cost,description\nA-1,Mug,Kitchen,3.5,Blue\nB-2,Lamp,,,\n'),
      columns,
    );
    expect([...csv]).toEqual([
      ['A-1', { title: 'Mug', price: 3.5, category: 'Kitchen', description: 'Blue' }],
      ['B-2', { title: 'Lamp' }],
    ]);
    const json = await loadProductList(
      file(
        'renamed.json',
        JSON.stringify({ items: [{ sku: 'A-1', name: 'Mug', cost: 3, group: 'Kitchen' }] }),
      ),
      columns,
    );
    expect([...json]).toEqual([['A-1', { title: 'Mug', price: 3, category: 'Kitchen' }]]);
    // Unnamed columns keep their defaults, optional as before; the category is read only when named.
    const plain = await loadProductList(file('plain.csv', 'id,category\nA,Kitchen\n'));
    expect([...plain]).toEqual([['A', {}]]);
  });

  it('a named column that is missing names the column, its flag and the header', async () => {
    const csv = file('nocat.csv', 'sku,name\nA,Mug\n');
    const err = await loadProductList(csv, { id: 'sku', category: 'group' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataError);
    expect((err as DataError).code).toBe('missing_column');
    expect((err as DataError).message).toBe(
      `${csv}:1: column "group" (--catalog-category-col) not found; the header has: sku, name`,
    );
    await expect(loadProductList(csv, { title: 'title' })).rejects.toThrow(
      /column "id" not found; the header has: sku, name/,
    );
    const json = file('nokey.json', JSON.stringify({ items: [{ id: 'A', title: 'Mug' }] }));
    await expect(loadProductList(json, { price: 'cost' })).rejects.toThrow(
      /key "cost" \(--catalog-price-col\) not found; the items have: id, title/,
    );
  });
});
