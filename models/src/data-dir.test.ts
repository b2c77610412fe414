import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { csvName, DATA_DIR_VAR, dataDir, dataFile, REPO_DATA_DIR, requireDataFiles } from './data-dir';
import { DataError } from './errors';

const dir = mkdtempSync(join(tmpdir(), 'confide-data-dir-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(join(dir, 'banking77'));
writeFileSync(join(dir, 'banking77', 'train.csv'), 'text,category\nhi,greeting\n');
writeFileSync(join(dir, 'banking77', 'test.csv.gz'), '');
writeFileSync(join(dir, 'banking77', 'test.csv'), '');
const env = { [DATA_DIR_VAR]: dir };

describe('built-in data folder', () => {
  it('is models/data unless CONFIDE_DATA_DIR names another folder', () => {
    expect(REPO_DATA_DIR).toMatch(/models[\\/]data$/);
    expect(dataDir({})).toBe(REPO_DATA_DIR);
    expect(dataDir({ [DATA_DIR_VAR]: '  ' })).toBe(REPO_DATA_DIR);
    expect(dataDir(env)).toBe(dir);
    expect(dataFile('banking77', 'train.csv.gz', {})).toBe(join(REPO_DATA_DIR, 'banking77', 'train.csv.gz'));
  });

  it('prefers the .gz and falls back to the uncompressed name', () => {
    expect(dataFile('banking77', 'test.csv.gz', env)).toBe(join(dir, 'banking77', 'test.csv.gz'));
    expect(dataFile('banking77', 'train.csv.gz', env)).toBe(join(dir, 'banking77', 'train.csv'));
    // Neither exists: the committed name, so the error names what the repository ships.
    expect(dataFile('uci-online-retail', 'online_retail.csv.gz', env)).toBe(
      join(dir, 'uci-online-retail', 'online_retail.csv.gz'),
    );
  });

  it('the committed data sets are all present', () => {
    const files = [
      dataFile('uci-online-retail', 'online_retail.csv.gz', {}),
      dataFile('bitext-customer-support', 'bitext_customer_support_4514.csv.gz', {}),
      dataFile('banking77', 'train.csv.gz', {}),
      dataFile('banking77', 'test.csv.gz', {}),
    ];
    expect(() => requireDataFiles(files, {})).not.toThrow();
    expect(files.every((f) => f.endsWith('.gz'))).toBe(true);
  });

  it('a missing file is a DataError naming the path and the variable', () => {
    const missing = dataFile('uci-online-retail', 'online_retail.csv.gz', env);
    const err = (() => {
      try {
        requireDataFiles([dataFile('banking77', 'train.csv.gz', env), missing], env);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(DataError);
    expect((err as DataError).code).toBe('file_not_found');
    expect((err as DataError).file).toBe(missing);
    expect((err as DataError).message).toContain(
      `${missing}: built-in data file not found (nor online_retail.csv)`,
    );
    expect((err as DataError).message).toContain(`CONFIDE_DATA_DIR=${dir} is set`);
    expect(() => requireDataFiles([join(REPO_DATA_DIR, 'nope', 'x.csv.gz')], {})).toThrow(
      /x\.csv\.gz: built-in data file not found .*set CONFIDE_DATA_DIR/,
    );
  });

  it('names the CSV a compressed file holds', () => {
    expect(csvName('/a/b/train.csv.gz')).toBe('train.csv');
    expect(csvName('/a/b/train.csv')).toBe('train.csv');
  });
});
