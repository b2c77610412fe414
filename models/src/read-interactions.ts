/**
 * Reads purchase/interaction rows from any CSV export, given which column holds what. Rows that cannot
 * be parsed are counted and skipped (real exports always have a few); a file where most rows are bad
 * is rejected, because that almost always means a wrong column mapping, not dirty data.
 */
import { type CsvSkip, columnFinder, csvRecords } from './csv-records';
import { DataError } from './errors';
import { parseTimestamp, type TimeFormat } from './parse-time';

/** Which CSV column (by header name) holds each field. Only user, item and time are required. */
export interface ColumnMap {
  readonly user: string;
  readonly item: string;
  readonly time: string;
  readonly quantity?: string;
  readonly price?: string;
  readonly title?: string;
  readonly invoice?: string;
}

/** Options of {@link readInteractions}. */
export interface ReadOptions {
  readonly columns: ColumnMap;
  readonly timeFormat?: TimeFormat;
  /** Field delimiter; detected from the header when omitted. */
  readonly delimiter?: string;
  /** Above this share of bad rows (and more than 10 of them) the file is rejected. Default 0.1. */
  readonly maxBadRowShare?: number;
}

/** One parsed row. Fields whose column is not mapped take neutral defaults. */
export interface RawInteraction {
  /** Empty when the export has no user for this row (cleaning drops it and counts it). */
  readonly user: string;
  readonly item: string;
  /** Epoch milliseconds. */
  readonly ts: number;
  /** 1 when no quantity column is mapped. */
  readonly quantity: number;
  /** `null` when no price column is mapped. */
  readonly price: number | null;
  readonly title: string;
  /** `null` when no invoice column is mapped. */
  readonly invoice: string | null;
  /** 1-based line in the file, for messages. */
  readonly line: number;
}

/** What {@link readInteractions} found. */
export interface ReadResult {
  readonly file: string;
  readonly rows: RawInteraction[];
  /** Data records seen (excluding the header), parsed or not. */
  readonly dataRows: number;
  /** Records skipped as unparsable. */
  readonly skipped: number;
  /** The first few skipped records, with their line and why. */
  readonly skippedExamples: readonly CsvSkip[];
}

const MAX_EXAMPLES = 5;

/** Reads and parses every row of `file`; see {@link ReadOptions}. */
export async function readInteractions(file: string, options: ReadOptions): Promise<ReadResult> {
  const { columns, timeFormat = 'auto', maxBadRowShare = 0.1 } = options;
  const rows: RawInteraction[] = [];
  const examples: CsvSkip[] = [];
  let skipped = 0;
  let dataRows = 0;
  const skip = (s: CsvSkip): void => {
    skipped++;
    if (examples.length < MAX_EXAMPLES) examples.push(s);
  };
  // Repeated ids and titles are shared strings: the full UCI file has 540k rows but few distinct values.
  const pool = new Map<string, string>();
  const intern = (s: string): string => {
    const hit = pool.get(s);
    if (hit !== undefined) return hit;
    pool.set(s, s);
    return s;
  };

  let index: ColumnIndex | undefined;
  let width = 0;
  const records = csvRecords(file, {
    ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
    onSkip: (s) => {
      dataRows++;
      skip(s);
    },
  });
  for await (const { fields, line } of records) {
    if (index === undefined) {
      index = resolveColumns(file, fields, columns);
      width = fields.length;
      continue;
    }
    dataRows++;
    if (fields.length !== width) {
      skip({ line, reason: `expected ${width} fields, found ${fields.length}` });
      continue;
    }
    const parsed = parseRow(fields, index, timeFormat);
    if (typeof parsed === 'string') {
      skip({ line, reason: parsed });
      continue;
    }
    rows.push({
      user: intern(parsed.user),
      item: intern(parsed.item),
      ts: parsed.ts,
      quantity: parsed.quantity,
      price: parsed.price,
      title: intern(parsed.title),
      invoice: parsed.invoice === null ? null : intern(parsed.invoice),
      line,
    });
  }
  if (index === undefined) throw new DataError('empty_file', file, 'file is empty (no header row)', 1);
  if (dataRows === 0) throw new DataError('no_rows', file, 'file has a header but no data rows', 2);
  if (skipped > 10 && skipped > maxBadRowShare * dataRows) {
    const first = examples[0];
    throw new DataError(
      'too_many_bad_rows',
      file,
      `${skipped} of ${dataRows} rows could not be parsed (first: ${first?.reason}); check the column mapping and --time-format`,
      first?.line,
    );
  }
  return { file, rows, dataRows, skipped, skippedExamples: examples };
}

interface ColumnIndex {
  readonly user: number;
  readonly item: number;
  readonly time: number;
  readonly quantity: number;
  readonly price: number;
  readonly title: number;
  readonly invoice: number;
}

const FLAG_OF: Record<keyof ColumnMap, string> = {
  user: '--user-col',
  item: '--item-col',
  time: '--time-col',
  quantity: '--qty-col',
  price: '--price-col',
  title: '--title-col',
  invoice: '--invoice-col',
};

function resolveColumns(file: string, header: readonly string[], columns: ColumnMap): ColumnIndex {
  const find = columnFinder<keyof ColumnMap>(file, header, columns, FLAG_OF);
  return {
    user: find('user'),
    item: find('item'),
    time: find('time'),
    quantity: find('quantity'),
    price: find('price'),
    title: find('title'),
    invoice: find('invoice'),
  };
}

interface ParsedRow {
  user: string;
  item: string;
  ts: number;
  quantity: number;
  price: number | null;
  title: string;
  invoice: string | null;
}

/** Returns the parsed row, or the reason it cannot be parsed. */
function parseRow(fields: readonly string[], ix: ColumnIndex, timeFormat: TimeFormat): ParsedRow | string {
  const at = (i: number): string => (i < 0 ? '' : (fields[i] ?? '').trim());
  const item = at(ix.item);
  if (item === '') return 'empty item id';
  const rawTime = at(ix.time);
  const ts = parseTimestamp(rawTime, timeFormat);
  if (ts === null) return `unparsable time "${rawTime.slice(0, 40)}"`;
  let quantity = 1;
  if (ix.quantity >= 0) {
    quantity = toNumber(at(ix.quantity));
    if (Number.isNaN(quantity)) return `unparsable quantity "${at(ix.quantity).slice(0, 40)}"`;
  }
  let price: number | null = null;
  if (ix.price >= 0) {
    price = toNumber(at(ix.price));
    if (Number.isNaN(price)) return `unparsable price "${at(ix.price).slice(0, 40)}"`;
  }
  return {
    user: at(ix.user),
    item,
    ts,
    quantity,
    price,
    title: at(ix.title),
    invoice: ix.invoice < 0 ? null : at(ix.invoice),
  };
}

// Number('') is 0, which would turn a missing quantity into a silently dropped "quantity <= 0" row.
function toNumber(s: string): number {
  return s === '' ? Number.NaN : Number(s);
}
