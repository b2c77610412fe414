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
});
