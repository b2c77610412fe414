/**
 * Reads labelled chat messages (text, label, optionally a reference answer) from a CSV in any column
 * layout. Rows that cannot be used are counted and skipped; a file where most rows are bad is rejected,
 * because that almost always means a wrong column mapping or encoding rather than dirty data.
 */
import { open } from 'node:fs/promises';
import { type CsvSkip, columnFinder, csvRecords, isGzip } from '../src/csv-records';
import { DataError } from '../src/errors';

/** Which CSV column (by header name) holds what. */
export interface TextColumns {
  readonly text: string;
  readonly label: string;
  /** Reference answer, read only when named. */
  readonly answer?: string;
}

/** One usable row. */
export interface LabelledText {
  readonly text: string;
  readonly label: string;
  /** Empty when no answer column is mapped. */
  readonly answer: string;
  /** 1-based line where the record ended, for messages. */
  readonly line: number;
}

/** What {@link readLabelledTexts} found. */
export interface TextReadResult {
  readonly file: string;
  readonly rows: LabelledText[];
  /** Data records seen (excluding the header), usable or not. */
  readonly dataRows: number;
  readonly skipped: number;
  /** The first few skipped rows, with their line and why. */
  readonly skippedExamples: readonly CsvSkip[];
}

const FLAG_OF: Record<keyof TextColumns, string> = {
  text: '--text-col',
  label: '--label-col',
  answer: '--answer-col',
};
const MAX_EXAMPLES = 5;
const MAX_BAD_SHARE = 0.1;

/**
 * Reads every row of `file`. Throws {@link DataError}: `file_not_found`, `empty_file`, `unreadable`
 * (UTF-16/binary), `missing_column` (names the column and its flag), `no_rows`, `too_many_bad_rows`.
 */
export async function readLabelledTexts(file: string, columns: TextColumns): Promise<TextReadResult> {
  await rejectNonUtf8(file);
  const rows: LabelledText[] = [];
  const examples: CsvSkip[] = [];
  let skipped = 0;
  let dataRows = 0;
  const skip = (s: CsvSkip): void => {
    skipped++;
    if (examples.length < MAX_EXAMPLES) examples.push(s);
  };
  let index: { text: number; label: number; answer: number } | undefined;
  let width = 0;
  const records = csvRecords(file, {
    onSkip: (s) => {
      dataRows++;
      skip(s);
    },
  });
  for await (const { fields, line } of records) {
    if (index === undefined) {
      const find = columnFinder<keyof TextColumns>(file, fields, columns, FLAG_OF);
      index = { text: find('text'), label: find('label'), answer: find('answer') };
      width = fields.length;
      continue;
    }
    dataRows++;
    if (fields.length !== width) {
      skip({ line, reason: `expected ${width} fields, found ${fields.length}` });
      continue;
    }
    const text = (fields[index.text] ?? '').trim();
    const label = (fields[index.label] ?? '').trim();
    const answer = index.answer < 0 ? '' : (fields[index.answer] ?? '').trim();
    const problem = rowProblem(text, label, answer);
    if (problem) skip({ line, reason: problem });
    else rows.push({ text, label, answer, line });
  }
  if (index === undefined) throw new DataError('empty_file', file, 'file is empty (no header row)', 1);
  if (dataRows === 0) throw new DataError('no_rows', file, 'file has a header but no data rows', 2);
  if (rows.length === 0 || (skipped > 10 && skipped > MAX_BAD_SHARE * dataRows)) {
    const first = examples[0];
    throw new DataError(
      rows.length === 0 ? 'no_rows' : 'too_many_bad_rows',
      file,
      `${skipped} of ${dataRows} rows are unusable (first: ${first?.reason}); check --text-col/--label-col and that the file is UTF-8`,
      first?.line,
    );
  }
  return { file, rows, dataRows, skipped, skippedExamples: examples };
}

function rowProblem(text: string, label: string, answer: string): string | null {
  if (text === '') return 'empty text';
  if (label === '') return 'empty label';
  // csv-parse decodes as UTF-8 and turns invalid bytes into U+FFFD; a Latin-1 export lands here.
  if (text.includes('\uFFFD') || label.includes('\uFFFD') || answer.includes('\uFFFD')) {
    return 'invalid UTF-8 (re-save the file as UTF-8)';
  }
  return null;
}

/** UTF-16 exports (Excel "Unicode text") would parse as garbage; say so instead of "missing column". */
async function rejectNonUtf8(file: string): Promise<void> {
  let head: Buffer;
  try {
    if (await isGzip(file)) return;
    const handle = await open(file, 'r');
    try {
      const buf = Buffer.alloc(512);
      const { bytesRead } = await handle.read(buf, 0, 512, 0);
      head = buf.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch {
    return; // csvRecords reports a missing file with its own typed error.
  }
  const bom16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  if (bom16 || head.includes(0)) {
    throw new DataError(
      'unreadable',
      file,
      'file is not UTF-8 text (UTF-16 or binary); re-save it as CSV in UTF-8',
      1,
    );
  }
}
