/**
 * Where the training data comes from and how it is read and cleaned, plus the one-paragraph
 * description that goes into the manifest. The default is UCI Online Retail from `models/data/`
 * (or `$CONFIDE_DATA_DIR`, see data-dir.ts).
 */
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CleanCounts, cleanInteractions, DEFAULT_ITEM_PATTERN } from './clean';
import type { CsvSkip } from './csv-records';
import { dataFile } from './data-dir';
import { DataError } from './errors';
import type { TimeFormat } from './parse-time';
import { type ColumnMap, type RawInteraction, readInteractions } from './read-interactions';

/** Repository root (models/src → ../..). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The default data file: UCI Online Retail, committed in models/data/uci-online-retail. */
export const DEFAULT_INTERACTIONS = dataFile('uci-online-retail', 'online_retail.csv.gz');

/** Column names of UCI Online Retail. */
export const UCI_COLUMNS: ColumnMap = {
  user: 'CustomerID',
  item: 'StockCode',
  time: 'InvoiceDate',
  quantity: 'Quantity',
  price: 'UnitPrice',
  title: 'Description',
  invoice: 'InvoiceNo',
};

/**
 * The built-in source. Only here does {@link DEFAULT_ITEM_PATTERN} apply: it encodes UCI's own
 * product codes, and applied to a site's export it would silently drop most of its catalog.
 */
export const UCI_SOURCE: DataSource = {
  file: DEFAULT_INTERACTIONS,
  columns: UCI_COLUMNS,
  itemPattern: DEFAULT_ITEM_PATTERN,
};

/** How to read one interaction file. */
export interface DataSource {
  readonly file: string;
  readonly columns: ColumnMap;
  readonly timeFormat?: TimeFormat;
  readonly delimiter?: string;
  /** Item ids that are products; rows with other ids are dropped. Absent: every item is kept. */
  readonly itemPattern?: RegExp;
}

/** Cleaned rows and the facts needed to describe them. */
export interface LoadedData {
  readonly rows: RawInteraction[];
  readonly dataRows: number;
  readonly skipped: number;
  /** The first few skipped rows: line and reason. */
  readonly skippedExamples: readonly CsvSkip[];
  readonly clean: CleanCounts;
  readonly users: number;
  readonly items: number;
  readonly firstTs: number;
  readonly lastTs: number;
  /** One paragraph for the manifest's `data` field. */
  readonly description: string;
}

/** Reads, parses and cleans; throws {@link DataError} if nothing usable remains. */
export async function loadData(source: DataSource): Promise<LoadedData> {
  const read = await readInteractions(source.file, {
    columns: source.columns,
    ...(source.timeFormat === undefined ? {} : { timeFormat: source.timeFormat }),
    ...(source.delimiter === undefined ? {} : { delimiter: source.delimiter }),
  });
  const { rows, counts } = cleanInteractions(
    read.rows,
    source.itemPattern === undefined ? {} : { itemPattern: source.itemPattern },
  );
  if (rows.length === 0) {
    throw new DataError('no_rows', source.file, `no rows left after cleaning (${JSON.stringify(counts)})`);
  }
  let firstTs = Number.POSITIVE_INFINITY;
  let lastTs = Number.NEGATIVE_INFINITY;
  const users = new Set<string>();
  const items = new Set<string>();
  for (const r of rows) {
    firstTs = Math.min(firstTs, r.ts);
    lastTs = Math.max(lastTs, r.ts);
    users.add(r.user);
    items.add(r.item);
  }
  const base = {
    rows,
    dataRows: read.dataRows,
    skipped: read.skipped,
    skippedExamples: read.skippedExamples,
    clean: counts,
    users: users.size,
    items: items.size,
    firstTs,
    lastTs,
  };
  return { ...base, description: describeData(source, base) };
}

function describeData(source: DataSource, d: Omit<LoadedData, 'description'>): string {
  const day = (ts: number): string => new Date(ts).toISOString().slice(0, 10);
  const c = d.clean;
  const isUci = resolve(source.file) === DEFAULT_INTERACTIONS;
  const origin = isUci
    ? 'UCI Online Retail (Daqing Chen, UCI ML Repository id 352; all invoice lines of a UK online gift-ware ' +
      'retailer, via the CRAN package onlineretail), file online_retail.csv.gz'
    : `Interactions from ${basename(source.file)}`;
  // Without --item-pattern no id is treated as a non-product code, so that rule is not listed.
  const itemRule =
    source.itemPattern === undefined
      ? ''
      : `${c.nonProductCode} non-product codes (item id not matching ${source.itemPattern.source}), `;
  const itemNote = source.itemPattern === undefined ? ' (no item-id filter: every item id kept)' : '';
  return (
    `${origin}: ${d.dataRows} rows read, ${d.skipped} unparsable rows skipped. Cleaning removed ` +
    `${c.missingUser} rows without a user, ${c.cancelled} cancellations, ${c.nonPositiveQuantity} with ` +
    `quantity <= 0, ${itemRule}${c.nonPositivePrice} with price <= 0 and ${c.duplicate} exact duplicates` +
    `${itemNote}, keeping ${c.kept} rows from ` +
    `${d.users} users and ${d.items} items, ${day(d.firstTs)} to ${day(d.lastTs)}. Each row counts as one ` +
    'purchase interaction; the catalog is the most popular items by distinct users.'
  );
}
