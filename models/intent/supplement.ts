/**
 * Training messages written the way shoppers write (models/data/shopper-phrasing/train-*.tsv), added
 * to a training set whose own rows are curated and uniform (Bitext's are near-copies of each other):
 * short forms, typos, blunt and polite wording for each intent, and chit-chat and off-topic requests
 * for outlier exposure. They are disjoint from the development set the figures are chosen by.
 */
import { readFileSync } from 'node:fs';
import { DataError } from '../src/errors';
import { parseTsv } from './natural-set';
import type { LabelledText } from './read-texts';

/** The supplement's files. */
export interface SupplementFiles {
  /** `text` and `intent` columns. */
  readonly inScope: string;
  /** A `text` column: messages no intent should answer. */
  readonly outOfScope?: string;
  /** How many times the in-scope rows are trained on (default 1); see `SHOPPER_SUPPLEMENT`. */
  readonly repeat?: number;
}

/** The supplement, read. */
export interface Supplement {
  readonly train: LabelledText[];
  readonly outOfScope: string[];
  /** One sentence for the manifest's `data` field. */
  readonly description: string;
}

/** Reads the files; every intent they name must be one of `labels` (a typo would train nothing). */
export function readSupplement(files: SupplementFiles, labels: readonly string[]): Supplement {
  const known = new Set(labels);
  const rows = parseTsv(readFileSync(files.inScope, 'utf8'), files.inScope, ['text', 'intent']);
  const train = rows.map(([text, intent], i): LabelledText => {
    if (!known.has(intent as string)) {
      throw new DataError(
        'unreadable',
        files.inScope,
        `intent "${intent}" is not one of the model's intents`,
        i + 2,
      );
    }
    return { text: text as string, label: intent as string, answer: '', line: i + 2 };
  });
  const outOfScope = files.outOfScope
    ? parseTsv(readFileSync(files.outOfScope, 'utf8'), files.outOfScope, ['text']).map(([t]) => t as string)
    : [];
  const description =
    `Supplemented by ${train.length} in-scope and ${outOfScope.length} off-topic messages written by the ` +
    'Confide team the way shoppers write (models/data/shopper-phrasing, CC0), disjoint from its development set.';
  return { train, outOfScope, description };
}

/**
 * Repeats the supplement's rows (indices from `baseCount` on) `repeat` times in a list of row
 * indices. Applied after the validation split, to each side alone: a copy on both sides would make
 * early stopping and calibration judge rows the model trained on.
 */
export function supplementWeighting(baseCount: number, repeat = 1): (indices: readonly number[]) => number[] {
  const times = Math.max(1, Math.round(repeat));
  return (indices) => [
    ...indices,
    ...Array.from({ length: times - 1 }, () => indices.filter((i) => i >= baseCount)).flat(),
  ];
}
