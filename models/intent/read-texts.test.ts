import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DataError } from '../src/errors';
import { loadIntentData } from './dataset';
import { readLabelledTexts } from './read-texts';

const dir = mkdtempSync(join(tmpdir(), 'confide-intent-read-'));
const file = (name: string, content: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const cols = { text: 'text', label: 'label' };
const good = (n: number): string =>
  Array.from({ length: n }, (_, i) => `message number ${i},${i % 2 ? 'refund' : 'track'}`).join('\n');

async function dataError(p: Promise<unknown>): Promise<DataError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DataError);
  return err as DataError;
}

describe('readLabelledTexts', () => {
  it('reads quoted fields with commas and line breaks, and maps columns by name', async () => {
    const f = file(
      'ok.csv',
      'id,label,text\n1,refund,"I want my money back, now"\n2,track,"where is\nmy parcel"\n',
    );
    const r = await readLabelledTexts(f, cols);
    expect(r.rows.map((x) => [x.text, x.label, x.line])).toEqual([
      ['I want my money back, now', 'refund', 2],
      ['where is\nmy parcel', 'track', 4],
    ]);
    expect(r.skipped).toBe(0);
  });

  it('names the file and the missing column (and its flag)', async () => {
    const f = file('nocol.csv', `text,intent\n${good(3)}\n`);
    const err = await dataError(readLabelledTexts(f, cols));
    expect(err.code).toBe('missing_column');
    expect(err.file).toBe(f);
    expect(err.line).toBe(1);
    expect(err.message).toContain(f);
    expect(err.message).toContain('"label" (--label-col)');
    expect(err.message).toContain('text, intent');
  });

  it('rejects an empty file, a header-only file and a missing file', async () => {
    expect((await dataError(readLabelledTexts(file('empty.csv', ''), cols))).code).toBe('empty_file');
    expect((await dataError(readLabelledTexts(file('header.csv', 'text,label\n'), cols))).code).toBe(
      'no_rows',
    );
    expect((await dataError(readLabelledTexts(join(dir, 'nope.csv'), cols))).code).toBe('file_not_found');
  });

  it('counts and skips a few garbage rows among good ones, with their lines', async () => {
    const latin1 = Buffer.from('caf\xe9 order,track\n', 'latin1');
    const body = Buffer.concat([
      Buffer.from(`text,label\n${good(40)}\n,refund\nno label,\nthree,fields,here\n`),
      latin1,
      Buffer.from(`${good(5)}\n`),
    ]);
    const r = await readLabelledTexts(file('garbage.csv', body), cols);
    expect(r.rows).toHaveLength(45);
    expect(r.skipped).toBe(4);
    expect(r.skippedExamples.map((s) => [s.line, s.reason])).toEqual([
      [42, 'empty text'],
      [43, 'empty label'],
      [44, 'expected 2 fields, found 3'],
      [45, 'invalid UTF-8 (re-save the file as UTF-8)'],
    ]);
  });

  it('rejects a file where most rows are unusable (wrong mapping or encoding)', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `${i},,x`).join('\n');
    const err = await dataError(readLabelledTexts(file('bad.csv', `text,label,other\n${rows}\n`), cols));
    expect(err.code).toBe('no_rows');
    expect(err.message).toMatch(/30 of 30 rows are unusable \(first: empty label\)/);
    const some = `text,label\n${good(20)}\n${Array.from({ length: 15 }, () => 'x,').join('\n')}\n`;
    expect((await dataError(readLabelledTexts(file('some.csv', some), cols))).code).toBe('too_many_bad_rows');
  });

  it('says so when the file is UTF-16, and reads gzip', async () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(`text,label\n${good(3)}\n`, 'utf16le'),
    ]);
    const err = await dataError(readLabelledTexts(file('u16.csv', utf16), cols));
    expect(err.code).toBe('unreadable');
    expect(err.message).toContain('UTF-8');
    const gz = file('ok.csv.gz', gzipSync(`text;label\n${good(4).replaceAll(',', ';')}\n`));
    expect((await readLabelledTexts(gz, cols)).rows).toHaveLength(4);
  });
});

describe('loadIntentData', () => {
  it('uses a separate test file, drops unseen test labels and treats "oos" as out of scope', async () => {
    const train = file('tr.csv', `text,label\n${good(10)}\nsomething else,oos\n`);
    const test = file(
      'te.csv',
      'text,label\nwhere is it,track\nrefund me,refund\nnew thing,other\nweather?,oos\n',
    );
    const logs: string[] = [];
    const d = await loadIntentData({ train, test, columns: cols, split: 0.2, seed: 1 }, (l) => logs.push(l));
    expect(d.labels).toEqual(['refund', 'track']);
    expect(d.train).toHaveLength(10);
    expect(d.test.map((r) => r.label)).toEqual(['track', 'refund']);
    expect(d.testOos).toHaveLength(1);
    expect(d.counts.testUnknownLabel).toBe(1);
    expect(logs.some((l) => l.includes('absent from training'))).toBe(true);
  });

  it('splits by seed when there is no test file, and needs two intents', async () => {
    const train = file('split.csv', `text,label\n${good(20)}\n`);
    const d = await loadIntentData({ train, columns: cols, split: 0.2, seed: 1 });
    expect([d.train.length, d.test.length]).toEqual([16, 4]);
    const one = file('one.csv', 'text,label\na,x\nb,x\n');
    const err = await dataError(loadIntentData({ train: one, columns: cols, split: 0.2, seed: 1 }));
    expect(err.message).toContain('at least 2 intents');
  });
});
