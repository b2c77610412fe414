/**
 * The natural-phrasing development set (models/data/shopper-phrasing): messages written the way
 * shoppers write, for the 27 intents of the shipped model and off topic. Models and thresholds are
 * chosen by it; shopper-messages.ts stays a test nothing is chosen by. Read from the data folder
 * (`CONFIDE_DATA_DIR` moves it like the other data sets).
 */
import { readFileSync } from 'node:fs';
import { dataFile } from '../src/data-dir';
import { DataError } from '../src/errors';

/** One in-scope message and the intent a shop assistant should read from it. */
export interface NaturalMessage {
  readonly text: string;
  readonly intent: string;
}

/** The development set. */
export interface NaturalSet {
  readonly inScope: readonly NaturalMessage[];
  readonly outOfScope: readonly string[];
}

/** The set's files, resolved in the data folder. */
export const NATURAL_SET_FILES = {
  inScope: () => dataFile('shopper-phrasing', 'dev-in-scope.tsv'),
  outOfScope: () => dataFile('shopper-phrasing', 'dev-out-of-scope.tsv'),
} as const;

/** Rows of a header-led TSV with exactly `columns` columns; throws a DataError naming the bad line. */
export function parseTsv(text: string, file: string, columns: readonly string[]): string[][] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines[0]?.split('\t') ?? [];
  if (header.join('\t') !== columns.join('\t')) {
    throw new DataError(
      'missing_column',
      file,
      `expected the columns ${columns.join(', ')}, found ${header.join(', ')}`,
      1,
    );
  }
  return lines.slice(1).map((line, i) => {
    const cells = line.split('\t').map((c) => c.trim());
    if (cells.length !== columns.length || cells.some((c) => c === '')) {
      throw new DataError('unreadable', file, `needs ${columns.length} non-empty tab-separated cells`, i + 2);
    }
    return cells;
  });
}

/** Reads the development set from the data folder. */
export function readNaturalSet(): NaturalSet {
  const inFile = NATURAL_SET_FILES.inScope();
  const outFile = NATURAL_SET_FILES.outOfScope();
  const inScope = parseTsv(readFileSync(inFile, 'utf8'), inFile, ['text', 'intent']).map(
    ([text, intent]) => ({
      text: text as string,
      intent: intent as string,
    }),
  );
  const outOfScope = parseTsv(readFileSync(outFile, 'utf8'), outFile, ['text']).map(
    ([text]) => text as string,
  );
  return { inScope, outOfScope };
}
