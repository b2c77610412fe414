/**
 * Cold items: a product in the site's list that nobody ever bought has no column in XᵀX, so only
 * its text can connect it to anything. After a visitor views a text-similar product, the shipped
 * graph must be able to recommend it; without the text rows it cannot.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { catalogIndex, interactionVector } from '../../features/interactions';
import type { Catalog, Manifest } from '../../features/manifest';
import { createRecommendSession } from '../ort-node';
import { runTrain } from '../train-cli';

const dir = mkdtempSync(join(tmpdir(), 'confide-cold-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const THEMES = [
  ['RED SPOTTY MUG', 'BLUE SPOTTY MUG', 'GREEN SPOTTY MUG'],
  ['JUMBO BAG STRIPED', 'JUMBO BAG ORANGE', 'JUMBO BAG VINTAGE'],
  ['HEART CANDLE HOLDER', 'ZINC CANDLE HOLDER', 'GLASS CANDLE HOLDER'],
];
const COLD = {
  id: 'P900',
  title: 'Pink Spotty Mug',
  description: 'A spotty mug in pink, the same shape as the red one.',
};
const id = (theme: number, j: number): string => `P${theme}${j}`;

// 30 customers, each buying within one theme on two days: co-purchases never cross themes.
const rows = ['user,product,time,name'];
for (let u = 0; u < 30; u++) {
  const t = u % 3;
  for (let d = 0; d < 2; d++) {
    for (const j of [u % 3, (u + 1 + d) % 3]) {
      rows.push(`u${u},${id(t, j)},2024-0${d + 1}-1${u % 9}T10:00:00Z,${THEMES[t]?.[j]}`);
    }
  }
}
const data = join(dir, 'shop.csv');
writeFileSync(data, `${rows.join('\n')}\n`);
const products = join(dir, 'products.csv');
const listed = THEMES.flatMap((names, t) => names.map((name, j) => `${id(t, j)},${name},`));
writeFileSync(
  products,
  `id,title,description\n${listed.join('\n')}\n${COLD.id},${COLD.title},${COLD.description}\n`,
);

async function train(
  textWeight: string,
): Promise<{ manifest: Manifest; catalog: Catalog; onnx: Uint8Array }> {
  const out = join(dir, `out-${textWeight}`);
  await runTrain(
    [
      ...['--task', 'recommend', '--interactions', data, '--user-col', 'user', '--item-col', 'product'],
      ...['--time-col', 'time', '--title-col', 'name', '--item-pattern', '^P\\d+$', '--catalog', products],
      ...['--items', '20', '--lambda', '1', '--text-weight', textWeight, '--half-life', '14', '--rank', '0'],
      ...['--neighbours', '3', '--k', '5', '--skip-int8', '--out', out],
    ],
    () => {},
  );
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
  const catalog = JSON.parse(readFileSync(join(out, 'catalog.json'), 'utf8')) as Catalog;
  return { manifest, catalog, onnx: readFileSync(join(out, 'recommend.onnx')) };
}

async function afterViewing(
  textWeight: string,
  viewed: string,
): Promise<{ ids: string[]; catalog: Catalog }> {
  const { manifest, catalog, onnx } = await train(textWeight);
  const ids = catalog.items.map((i) => i.id);
  const now = Date.UTC(2024, 2, 1);
  const x = interactionVector(
    [{ type: 'item_view', item: viewed, ts: now }],
    catalogIndex(ids),
    ids.length,
    now,
    manifest.models.recommend.features,
  );
  const session = await createRecommendSession(onnx);
  try {
    const got = await session.run(x);
    return { ids: got.indices.map((i) => ids[i] as string), catalog };
  } finally {
    await session.release();
  }
}

describe('cold items', () => {
  it('a never-sold product is in the catalog and is recommended after a text-similar view', async () => {
    const { ids, catalog } = await afterViewing('10', id(0, 0)); // viewed: Red Spotty Mug
    expect(catalog.items.at(-1)).toEqual({ id: COLD.id, title: COLD.title, price: 0 });
    expect(ids).toContain(COLD.id);
    // It outranks every product of the unrelated themes.
    const coldRank = ids.indexOf(COLD.id);
    for (const other of ids.slice(0, coldRank)) expect(other.startsWith('P0')).toBe(true);
  });

  it('without the text rows the same product is never recommended', async () => {
    const { ids } = await afterViewing('0', id(0, 0));
    expect(ids).not.toContain(COLD.id);
  });
});
