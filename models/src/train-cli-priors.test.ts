/**
 * `npm run train -- --priors FILE`: the sync server's k-thresholded priors (a saved GET /v1/priors
 * answer) as an extra popularity signal. An item visitors look at now but few customers bought moves
 * into the catalog and up its order; a file that is not a priors answer is refused with the file's
 * name before anything is written, so the artifacts already in the folder stay as they were.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LEAST_BOUGHT, writeTinyOrders } from '../../test/support/tiny-orders';
import type { Catalog, Manifest } from '../features/manifest';
import { buildCatalog } from './catalog';
import { DataError, UsageError } from './errors';
import type { RawInteraction } from './read-interactions';
import { blendPopularity, readServerPriors } from './recommend/server-priors';
import { runTrain } from './train-cli';

const dir = mkdtempSync(join(tmpdir(), 'confide-priors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const quiet = (): void => {};

const { flags } = writeTinyOrders(dir);

function priorsFile(name: string, body: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof body === 'string' ? body : JSON.stringify(body));
  return file;
}
// What the server answers: item 1014 (least bought) is what visitors view most now.
const answer = {
  schema: 1,
  model: 'confide-test',
  segment: null,
  minReports: 50,
  items: [
    { id: '1014', score: 0.2 },
    { id: '1001', score: 0.05 },
    { id: 'GONE', score: 0.1 },
  ],
};

const row = (user: string, item: string): RawInteraction => ({
  user,
  item,
  ts: 0,
  quantity: 1,
  price: 1,
  title: '',
  invoice: null,
  line: 0,
});

describe('server priors as a training signal', () => {
  it('blends scaled purchase popularity with the scaled priors by their weight', async () => {
    const priors = await readServerPriors(priorsFile('p.json', answer), 0.5);
    expect(priors.scores.get('1014')).toBe(1);
    expect(priors.scores.get('1001')).toBe(0.25);
    expect([...blendPopularity(['1001', '1014', 'X'], [10, 1, 5], priors)]).toEqual([
      0.5 * 1 + 0.5 * 0.25,
      0.5 * 0.1 + 0.5 * 1,
      0.5 * 0.5,
    ]);
    // Weight 0 (or no priors) is the purchase popularity alone.
    expect([...blendPopularity(['1001', '1014'], [10, 1], undefined)]).toEqual([1, 0.1]);
  });

  it('lets an item visitors view now into the catalog, ahead of its purchase rank', () => {
    const rows = ['a', 'b', 'c'].flatMap((u) => [row(u, 'A'), row(u, 'B')]).concat([row('a', 'C')]);
    const scores = new Map([['C', 1]]);
    expect(buildCatalog(rows, { size: 2 }).catalog.items.map((i) => i.id)).toEqual(['A', 'B']);
    const withPriors = buildCatalog(rows, {
      size: 2,
      priors: { scores, weight: 0.8, model: 'm', minReports: 1 },
    });
    expect(withPriors.catalog.items.map((i) => i.id)).toEqual(['C', 'A']);
    expect(withPriors.userCounts).toEqual([1, 3]);
  });

  it('train --priors reorders the catalog and records the priors in the manifest', async () => {
    const plain = join(dir, 'plain');
    const blended = join(dir, 'blended');
    await runTrain([...flags, '--out', plain], quiet);
    await runTrain(
      [...flags, '--priors', priorsFile('ok.json', answer), '--priors-weight', '0.6', '--out', blended],
      quiet,
    );
    const ids = (out: string) =>
      (JSON.parse(readFileSync(join(out, 'catalog.json'), 'utf8')) as Catalog).items.map((i) => i.id);
    expect(ids(plain)[0]).toBe('1001');
    expect(ids(plain)).not.toContain(LEAST_BOUGHT);
    expect(ids(blended)[0]).toBe(LEAST_BOUGHT);
    const params = (JSON.parse(readFileSync(join(blended, 'manifest.json'), 'utf8')) as Manifest).models
      .recommend?.params;
    expect(params).toMatchObject({ priorsModel: 'confide-test', priorsWeight: 0.6, priorsItems: 3 });
  });

  it('refuses a file that is not a priors answer, naming it, and leaves the artifacts alone', async () => {
    const out = join(dir, 'kept');
    await runTrain([...flags, '--out', out], quiet);
    const before = readFileSync(join(out, 'manifest.json'), 'utf8');
    for (const [name, body, message] of [
      ['broken.json', '{"schema":', /not JSON/],
      ['other.json', { schema: 1, items: 'many' }, /not a priors answer/],
      ['empty.json', { ...answer, items: [] }, /no item with a positive score/],
    ] as const) {
      const file = priorsFile(name, body);
      const err = await runTrain([...flags, '--priors', file, '--out', out], quiet).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DataError);
      expect((err as DataError).message).toMatch(message);
      expect((err as DataError).file).toBe(file);
    }
    await expect(
      runTrain([...flags, '--priors', join(dir, 'missing.json'), '--out', out], quiet),
    ).rejects.toThrow(/cannot read the priors file/);
    await expect(runTrain([...flags, '--priors-weight', '0.5', '--out', out], quiet)).rejects.toThrow(
      UsageError,
    );
    await expect(
      runTrain(
        [...flags, '--priors', priorsFile('w.json', answer), '--priors-weight', '2', '--out', out],
        quiet,
      ),
    ).rejects.toThrow(/--priors-weight must be a number from 0 to 1/);
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(before);
    expect(existsSync(join(out, 'catalog.json'))).toBe(true);
  });
});
