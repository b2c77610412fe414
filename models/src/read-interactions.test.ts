import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { DataError } from './errors';
import { readInteractions } from './read-interactions';

const dir = mkdtempSync(join(tmpdir(), 'confide-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const columns = { user: 'user', item: 'item', time: 'time' };

async function dataError(promise: Promise<unknown>): Promise<DataError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DataError);
  return err as DataError;
}

describe('readInteractions', () => {
  it('maps columns, parses quoted fields and reads gzip by its magic bytes', async () => {
    const csv = 'user,item,time,title\n1,A,1700000000,"Mug, ""large"""\n2,B,2023-11-14 22:13:20,Plate\n';
    for (const p of [file('plain.csv', csv), file('packed.bin', gzipSync(csv))]) {
      const r = await readInteractions(p, { columns: { ...columns, title: 'title' } });
      expect(r.rows.map((x) => [x.user, x.item, x.ts, x.title, x.quantity, x.price, x.invoice])).toEqual([
        ['1', 'A', 1_700_000_000_000, 'Mug, "large"', 1, null, null],
        ['2', 'B', 1_700_000_000_000, 'Plate', 1, null, null],
      ]);
      expect(r.skipped).toBe(0);
    }
  });

  it('throws a typed error naming the file and the missing column', async () => {
    const p = file('nocol.csv', 'customer,sku,when\n1,A,1\n');
    const err = await dataError(
      readInteractions(p, { columns: { user: 'customer', item: 'sku', time: 'ts' } }),
    );
    expect(err.code).toBe('missing_column');
    expect(err.file).toBe(p);
    expect(err.line).toBe(1);
    expect(err.message).toContain(p);
    expect(err.message).toContain('"ts"');
    expect(err.message).toContain('--time-col');
  });

  it('rejects an empty file and a header without rows', async () => {
    const empty = await dataError(readInteractions(file('empty.csv', ''), { columns }));
    expect(empty.code).toBe('empty_file');
    expect(empty.message).toContain('empty.csv');
    const header = await dataError(readInteractions(file('header.csv', 'user,item,time\n'), { columns }));
    expect(header.code).toBe('no_rows');
  });

  it('rejects a file that does not exist', async () => {
    const err = await dataError(readInteractions(join(dir, 'nope.csv'), { columns }));
    expect(err.code).toBe('file_not_found');
  });

  it('counts and skips a few garbage rows, keeping their line numbers', async () => {
    const good = Array.from({ length: 30 }, (_, i) => `u${i},I${i},${1_700_000_000 + i}`);
    const lines = [
      'user,item,time',
      ...good.slice(0, 10),
      'u,X,not-a-date',
      ...good.slice(10, 20),
      'only,two',
    ];
    lines.push(...good.slice(20), 'u,,1700000000', 'u,"broken,1700000000');
    const r = await readInteractions(file('garbage.csv', `${lines.join('\n')}\n`), { columns });
    expect(r.rows).toHaveLength(30);
    expect(r.skipped).toBe(4);
    expect(r.dataRows).toBe(34);
    expect(r.skippedExamples.map((s) => s.line).slice(0, 3)).toEqual([12, 23, 34]);
    expect(r.skippedExamples[0]?.reason).toContain('unparsable time');
  });

  it('rejects a file where most rows are bad (a wrong mapping, not dirty data)', async () => {
    const lines = ['user,item,time', ...Array.from({ length: 20 }, (_, i) => `u${i},I${i},someday`)];
    const err = await dataError(readInteractions(file('bad.csv', lines.join('\n')), { columns }));
    expect(err.code).toBe('too_many_bad_rows');
    expect(err.line).toBe(2);
  });

  it('detects ; and tab delimiters from the header', async () => {
    const semi = await readInteractions(file('semi.csv', 'user;item;time\n1;A;1700000000\n'), { columns });
    const tab = await readInteractions(file('tab.tsv', 'user\titem\ttime\n1\tA\t1700000000\n'), { columns });
    expect(semi.rows[0]?.item).toBe('A');
    expect(tab.rows[0]?.item).toBe('A');
  });
});
