/**
 * Where the built-in data sets are read from: `models/data/` in the repository (gzip-compressed
 * copies, so a plain clone can rebuild the artifacts), or the folder named by `CONFIDE_DATA_DIR`
 * with the same sub-folder layout. Resolution is a plain function of the environment so it can be
 * tested without touching `process.env`.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataError } from './errors';

/** The environment variable that moves the built-in data sets elsewhere. */
export const DATA_DIR_VAR = 'CONFIDE_DATA_DIR';

/** The data sets the repository carries in `models/data/` (one sub-folder each). */
export type DataSetName = 'uci-online-retail' | 'bitext-customer-support' | 'banking77' | 'shopper-phrasing';

/** `models/data/` of this checkout (models/src → ../data). */
export const REPO_DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../data');

type Env = Readonly<Record<string, string | undefined>>;

/** The folder holding the data set sub-folders: `$CONFIDE_DATA_DIR` when set and non-empty, else models/data. */
export function dataDir(env: Env = process.env): string {
  const override = env[DATA_DIR_VAR]?.trim();
  return override ? resolve(override) : REPO_DATA_DIR;
}

const isFile = (path: string): boolean => existsSync(path) && statSync(path).isFile();

/**
 * Path of one built-in file, named as committed (e.g. `train.csv.gz`). When only the uncompressed
 * file exists (`train.csv`, as upstream ships it), that one is returned, so `CONFIDE_DATA_DIR` can
 * point at an unpacked copy. When neither exists the committed name is returned and
 * {@link requireDataFiles} reports it; resolving never throws, because the defaults are resolved
 * when a module is imported and `--help` or a run on the site's own files must not need them.
 */
export function dataFile(dataset: DataSetName, name: string, env: Env = process.env): string {
  const path = resolve(dataDir(env), dataset, name);
  if (isFile(path) || !name.endsWith('.gz')) return path;
  const plain = path.slice(0, -'.gz'.length);
  return isFile(plain) ? plain : path;
}

/**
 * Throws a `file_not_found` {@link DataError} for the first of `files` that does not exist, naming
 * the path, the uncompressed name also tried, and where the folder came from.
 */
export function requireDataFiles(files: readonly string[], env: Env = process.env): void {
  for (const file of files) {
    if (isFile(file)) continue;
    const tried = file.endsWith('.gz') ? ` (nor ${basename(file, '.gz')})` : '';
    const override = env[DATA_DIR_VAR]?.trim();
    const where = override
      ? `${DATA_DIR_VAR}=${override} is set, so the built-in data sets are read from there; ` +
        'it needs the layout of models/data (e.g. banking77/train.csv.gz or train.csv)'
      : `the built-in data sets are read from ${REPO_DATA_DIR}; set ${DATA_DIR_VAR} to read them from ` +
        'another folder with the same layout';
    throw new DataError('file_not_found', file, `built-in data file not found${tried}: ${where}`);
  }
}

/**
 * The name of the CSV a data file holds: its base name without a trailing `.gz`. Descriptions and
 * licence notices name the data, not how it is stored, so the committed `.csv.gz` copies and the
 * upstream `.csv` files produce the same artifacts byte for byte.
 */
export function csvName(file: string): string {
  const name = basename(file);
  return name.endsWith('.gz') ? name.slice(0, -'.gz'.length) : name;
}
