/**
 * Streams the records of a CSV file, plain or gzip-compressed, through csv-parse (a real RFC-4180
 * parser: quoted delimiters and line breaks inside fields are common in product descriptions).
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import { DataError } from './errors';

/** One parsed record and the line it ended on (1-based, counting the header). */
export interface CsvRecord {
  readonly fields: readonly string[];
  readonly line: number;
}

/** A record csv-parse itself could not parse (e.g. a stray quote), skipped rather than fatal. */
export interface CsvSkip {
  readonly line: number;
  readonly reason: string;
}

const DELIMITERS = [',', ';', '\t', '|'] as const;

/** True if the file starts with the gzip magic bytes; the extension is not trusted. */
export async function isGzip(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.alloc(2);
    const { bytesRead } = await handle.read(buf, 0, 2, 0);
    return bytesRead === 2 && buf[0] === 0x1f && buf[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

async function openText(file: string): Promise<Readable> {
  const raw = createReadStream(file);
  return (await isGzip(file)) ? raw.pipe(createGunzip()) : raw;
}

/** Reads the header line only, to choose the delimiter before the real parse starts. */
async function firstLine(file: string): Promise<string> {
  const stream = await openText(file);
  let text = '';
  try {
    for await (const chunk of stream) {
      text += (chunk as Buffer).toString('utf8');
      const nl = text.search(/\r?\n/);
      if (nl >= 0) return text.slice(0, nl);
      if (text.length > 1_000_000) break;
    }
  } finally {
    stream.destroy();
  }
  return text;
}

/**
 * Picks the delimiter that occurs most often outside quotes in the header; ties go to the comma.
 * Exports from spreadsheets in many locales use `;`, and asking every site owner for a flag is worse.
 */
export function detectDelimiter(header: string): string {
  const counts = new Map<string, number>();
  let quoted = false;
  for (const ch of header) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (DELIMITERS as readonly string[]).includes(ch))
      counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  for (const d of DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

/** Options of {@link csvRecords}. */
export interface CsvRecordsOptions {
  /** Field delimiter; detected from the header when omitted. */
  readonly delimiter?: string;
  /** Called for each record the parser had to skip. */
  readonly onSkip?: (skip: CsvSkip) => void;
}

/**
 * Yields every record, header first. Throws {@link DataError} if the file is missing or has no
 * header; malformed records are reported through `onSkip` and left out.
 */
export async function* csvRecords(file: string, options: CsvRecordsOptions = {}): AsyncGenerator<CsvRecord> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw new DataError('file_not_found', file, 'file not found');
  const header = await firstLine(file);
  if (header.replace(/^\uFEFF/, '').trim() === '') {
    throw new DataError('empty_file', file, 'file is empty (no header row)', 1);
  }
  const parser = parse({
    delimiter: options.delimiter ?? detectDelimiter(header),
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err) => {
      const line = typeof err?.lines === 'number' ? err.lines : 0;
      options.onSkip?.({ line, reason: err?.message ?? 'unparsable record' });
      return undefined;
    },
  });
  const source = await openText(file);
  source.on('error', (err) => parser.destroy(err));
  source.pipe(parser);
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      yield { fields: item.record, line: item.info.lines };
    }
  } catch (err) {
    if (err instanceof DataError) throw err;
    throw new DataError('unreadable', file, `cannot read as CSV: ${(err as Error).message}`);
  }
}

/**
 * Looks up mapped column names in a header row. The finder returns -1 for an unmapped (optional)
 * column and throws a `missing_column` DataError naming the file, the column and its flag otherwise.
 */
export function columnFinder<K extends string>(
  file: string,
  header: readonly string[],
  columns: Readonly<Partial<Record<K, string>>>,
  flagOf: Readonly<Record<K, string>>,
): (key: K) => number {
  const names = header.map((h) => h.trim());
  return (key) => {
    const name = columns[key];
    if (name === undefined) return -1;
    const i = names.indexOf(name);
    if (i < 0) {
      throw new DataError(
        'missing_column',
        file,
        `column "${name}" (${flagOf[key]}) not found; the header has: ${names.join(', ')}`,
        1,
      );
    }
    return i;
  };
}
