/**
 * Loads the intent data: a train file and either a test file or a stratified split of the train file
 * by seed. Labels named like CLINC150's out-of-scope class are kept out of the classes and used only
 * to measure out-of-scope recall; test rows whose label never occurs in training cannot be scored and
 * are counted and dropped.
 */
import { csvName } from '../src/data-dir';
import { DataError } from '../src/errors';
import { type LabelledText, readLabelledTexts, type TextColumns, type TextReadResult } from './read-texts';
import { stratifiedSplit } from './split';

/** Labels treated as "out of scope" rather than as an intent (case-insensitive). */
export const OOS_LABELS: readonly string[] = ['oos', 'out_of_scope', 'out-of-scope'];

/** Where the data comes from. */
export interface IntentDataSource {
  readonly train: string;
  readonly test?: string;
  readonly columns: TextColumns;
  /** Test share when there is no test file. */
  readonly split: number;
  readonly seed: number;
}

/** The rows, ready for training. */
export interface IntentData {
  /** Intent names, sorted: the model's output order. */
  readonly labels: string[];
  /** In-scope training rows. */
  readonly train: LabelledText[];
  /** In-scope test rows with a known label. */
  readonly test: LabelledText[];
  /** Out-of-scope test rows (empty unless the data has an OOS label). */
  readonly testOos: LabelledText[];
  /** Every usable row of the train file (the answers artifact draws from these). */
  readonly trainFileRows: LabelledText[];
  /** One paragraph for the manifest's `data` field. */
  readonly description: string;
  /** Counts for the report. */
  readonly counts: Readonly<Record<string, number>>;
}

const isOos = (label: string): boolean => OOS_LABELS.includes(label.toLowerCase());

/** Reads and splits; throws {@link DataError} when fewer than two intents remain. */
export async function loadIntentData(
  source: IntentDataSource,
  log: (line: string) => void = () => {},
): Promise<IntentData> {
  const trainRead = await readLabelledTexts(source.train, source.columns);
  logRead(trainRead, log);
  let trainRows = trainRead.rows;
  let testRows: LabelledText[];
  let testRead: TextReadResult | undefined;
  if (source.test !== undefined) {
    testRead = await readLabelledTexts(source.test, {
      text: source.columns.text,
      label: source.columns.label,
    });
    logRead(testRead, log);
    testRows = testRead.rows;
  } else {
    const { kept, held } = stratifiedSplit(
      trainRows.map((r) => r.label),
      source.split,
      source.seed,
    );
    testRows = held.map((i) => trainRows[i] as LabelledText);
    trainRows = kept.map((i) => trainRows[i] as LabelledText);
  }
  const train = trainRows.filter((r) => !isOos(r.label));
  const labels = [...new Set(train.map((r) => r.label))].sort();
  if (labels.length < 2) {
    throw new DataError('no_rows', source.train, `need at least 2 intents to train, found ${labels.length}`);
  }
  const known = new Set(labels);
  const testOos = testRows.filter((r) => isOos(r.label));
  const test = testRows.filter((r) => known.has(r.label));
  const unknown = testRows.length - test.length - testOos.length;
  if (unknown > 0) log(`  ${unknown} test rows have intents absent from training; not scored`);
  if (test.length === 0) {
    throw new DataError(
      'no_rows',
      source.test ?? source.train,
      'no test rows with an intent seen in training',
    );
  }
  const counts = {
    trainFileRows: trainRead.dataRows,
    trainFileSkipped: trainRead.skipped,
    ...(testRead ? { testFileRows: testRead.dataRows, testFileSkipped: testRead.skipped } : {}),
    train: train.length,
    test: test.length,
    testOos: testOos.length,
    trainOosDropped: trainRows.length - train.length,
    testUnknownLabel: unknown,
    intents: labels.length,
  };
  return {
    labels,
    train,
    test,
    testOos,
    trainFileRows: trainRead.rows,
    description: describe(source, counts),
    counts,
  };
}

function logRead(read: TextReadResult, log: (line: string) => void): void {
  for (const s of read.skippedExamples) log(`  skipped ${read.file}:${s.line}: ${s.reason}`);
  log(`  ${read.file}: ${read.rows.length} rows of ${read.dataRows} usable (${read.skipped} skipped)`);
}

function describe(source: IntentDataSource, c: Readonly<Record<string, number>>): string {
  const name = csvName(source.train);
  const origin =
    name === 'bitext_customer_support_4514.csv'
      ? 'Bitext customer-support sample (Bitext Innovations, CDLA-Sharing-1.0; curated, partly generated ' +
        'e-commerce customer messages), file bitext_customer_support_4514.csv'
      : source.train.includes('banking77')
        ? 'BANKING77 (PolyAI, Casanueva et al. 2020, CC BY 4.0; real online-banking customer queries), ' +
          `file ${name}`
        : `Labelled messages from ${name}`;
  const cols = `text column "${source.columns.text}", label column "${source.columns.label}"`;
  const split =
    source.test === undefined
      ? `a stratified ${Math.round(source.split * 100)}% test split by seed ${source.seed}`
      : `the separate test file (${c.testFileRows} rows, ${c.testFileSkipped} skipped)`;
  return (
    `${origin} (${cols}): ${c.trainFileRows} rows read, ${c.trainFileSkipped} unusable rows skipped; ` +
    `${c.intents} intents. Evaluated on ${split}: ${c.train} training rows (10% of them first held out, ` +
    'stratified, for early stopping and calibration, then the model refit on all of them) and ' +
    `${c.test} test rows` +
    `${c.testOos ? `, plus ${c.testOos} out-of-scope test rows` : ''}. Text is tokenized by ` +
    'intentFeatures in models/features (the function the worker runs).'
  );
}
