/**
 * `npm run faq`: a site's FAQ (a JSON array of entries, or an object with `faq` or `entries`) → the
 * bundle the widget fetches, with word vectors pruned for its questions. Needs the GloVe package once,
 * on the machine that builds the file; visitors' devices get only the pruned table.
 */
import { readFileSync } from 'node:fs';
import { FAQ_BUNDLE_FORMAT, type FaqBundleEntry, type FaqBundleFile } from '../features';
import { DataError } from '../src/errors';
import type { Embeddings } from './embeddings';
import { PRUNE_DEFAULTS, pruneVectors } from './prune-vectors';

const isObj = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * The entries of an FAQ file, shape-checked: the worker checks them fully again, but a builder
 * that silently indexed half a file would ship a bundle missing answers.
 */
export function readFaqEntries(path: string): FaqBundleEntry[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file_not_found' : 'unreadable';
    throw new DataError(code, path, (e as Error).message);
  }
  const list = Array.isArray(raw) ? raw : isObj(raw) ? (raw.entries ?? raw.faq) : undefined;
  if (!Array.isArray(list) || list.length === 0) {
    throw new DataError('no_rows', path, 'expected a non-empty array of entries, or {"faq": [...]}');
  }
  list.forEach((e, i) => {
    const ok =
      isObj(e) &&
      Array.isArray(e.questions) &&
      e.questions.length > 0 &&
      e.questions.every((q) => typeof q === 'string' && q.trim() !== '') &&
      typeof e.answer === 'string';
    if (!ok) throw new DataError('bad_faq', path, `entry ${i} needs "questions" (strings) and an "answer"`);
  });
  return list as FaqBundleEntry[];
}

/** The bundle for `entries`, pruning `embeddings` to their questions and the `background` texts. */
export function buildFaqBundle(
  entries: readonly FaqBundleEntry[],
  embeddings: Embeddings,
  background: readonly string[],
): FaqBundleFile {
  const vectors = pruneVectors(
    embeddings,
    entries.flatMap((e) => e.questions),
    background,
    PRUNE_DEFAULTS,
  );
  return { format: FAQ_BUNDLE_FORMAT, entries, vectors };
}
