/**
 * Optional product list supplied by the site owner (`--catalog FILE`): restricts recommendations to
 * products that exist and supplies their display titles and prices. Either a JSON `Catalog`
 * (`{ "items": [{ "id", "title"?, "price"?, "description"? }] }`) or a CSV with columns `id`,
 * `title`?, `price`?, `description`?; the `--catalog-*-col` flags rename the id, title, price and
 * category columns (JSON keys). Products that never sold are still catalog candidates: their title,
 * category and description are all the recommender knows about them (item-text similarity).
 */
import { readFile } from 'node:fs/promises';
import type { CatalogItem } from '../features/manifest';
import { csvRecords } from './csv-records';
import { DataError } from './errors';

/**
 * What a product list gives for one product. `description` and `category` are used for training
 * only: the catalog file the worker loads has no field for them.
 */
export type ProductInfo = Partial<Pick<CatalogItem, 'title' | 'price'>> & {
  readonly description?: string;
  readonly category?: string;
};

/** Product id → the fields the file gives for it, in file order. */
export type ProductList = ReadonlyMap<string, ProductInfo>;

/**
 * Column (CSV) or key (JSON) names chosen with `--catalog-item-col` etc. A named column must
 * exist; an unnamed one falls back to its default (`id`, `title`, `price`), optional except the id.
 * The category is read only when named.
 */
export interface ProductColumns {
  readonly id?: string;
  readonly title?: string;
  readonly price?: string;
  readonly category?: string;
}

type Field = 'id' | 'title' | 'price' | 'category' | 'description';

const DEFAULTS: Readonly<Record<Exclude<Field, 'category'>, string>> = {
  id: 'id',
  title: 'title',
  price: 'price',
  description: 'description',
};
const FLAG: Readonly<Record<Field, string>> = {
  id: '--catalog-item-col',
  title: '--catalog-title-col',
  price: '--catalog-price-col',
  category: '--catalog-category-col',
  description: '',
};
const FIELDS: readonly Field[] = ['id', 'title', 'price', 'category', 'description'];
const OPTIONAL = ['title', 'price', 'category', 'description'] as const;

/** Loads a product list; throws {@link DataError} naming the file and problem. */
export async function loadProductList(file: string, columns: ProductColumns = {}): Promise<ProductList> {
  return file.toLowerCase().endsWith('.json') ? loadJson(file, columns) : loadCsv(file, columns);
}

/**
 * Index of each field in `names` (-1 when absent and optional). An exact match wins, else the
 * first one equal ignoring case: exports differ in capitalisation (`SKU`, `Price`) far more often
 * than they hold two columns that differ only in case.
 */
function locate(
  file: string,
  names: readonly string[],
  columns: ProductColumns,
  what: 'column' | 'key',
  header: string,
): Record<Field, number> {
  const trimmed = names.map((n) => n.trim());
  const lower = trimmed.map((n) => n.toLowerCase());
  const out = {} as Record<Field, number>;
  for (const field of FIELDS) {
    const named = field === 'description' ? undefined : columns[field];
    const name = named ?? (field === 'category' ? undefined : DEFAULTS[field]);
    const exact = name === undefined ? -1 : trimmed.indexOf(name);
    const i = exact >= 0 || name === undefined ? exact : lower.indexOf(name.toLowerCase());
    if (i < 0 && name !== undefined && (named !== undefined || field === 'id')) {
      const flag = named === undefined ? '' : ` (${FLAG[field]})`;
      throw new DataError('missing_column', file, `${what} "${name}"${flag} not found; ${header}`, 1);
    }
    out[field] = i;
  }
  return out;
}

async function loadJson(file: string, columns: ProductColumns): Promise<ProductList> {
  const text = await readFile(file, 'utf8').catch(() => {
    throw new DataError('file_not_found', file, 'file not found');
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new DataError('bad_catalog', file, `not valid JSON: ${(err as Error).message}`);
  }
  const items = (parsed as { items?: unknown }).items;
  if (!Array.isArray(items) || items.length === 0) {
    throw new DataError(
      'bad_catalog',
      file,
      'expected { "items": [{ "id": ... }, ...] } with at least one item',
    );
  }
  // Keys play the part of a header: a named key must occur in at least one item.
  const keys = [...new Set(items.flatMap((it: unknown) => (isRecord(it) ? Object.keys(it) : [])))];
  const at = locate(file, keys, columns, 'key', `the items have: ${keys.join(', ')}`);
  const key = (field: Field): string | undefined => (at[field] < 0 ? undefined : keys[at[field]]);
  const [idKey, titleKey, priceKey, categoryKey, descriptionKey] = FIELDS.map(key);
  const out = new Map<string, ProductInfo>();
  items.forEach((raw: unknown, i) => {
    const it = isRecord(raw) ? raw : {};
    const get = (k: string | undefined): unknown => (k === undefined ? undefined : it[k]);
    const id = get(idKey);
    if (typeof id !== 'string' || id === '') {
      throw new DataError('bad_catalog', file, `items[${i}].${idKey} must be a non-empty string`);
    }
    const [title, price, category, description] = [titleKey, priceKey, categoryKey, descriptionKey].map(get);
    out.set(id, {
      ...(typeof title === 'string' ? { title } : {}),
      ...(typeof price === 'number' && Number.isFinite(price) ? { price } : {}),
      ...(typeof category === 'string' && category.trim() !== '' ? { category: category.trim() } : {}),
      ...(typeof description === 'string' && description !== '' ? { description } : {}),
    });
  });
  return out;
}

async function loadCsv(file: string, columns: ProductColumns): Promise<ProductList> {
  const out = new Map<string, ProductInfo>();
  let cols: Record<Field, number> | undefined;
  for await (const { fields, line } of csvRecords(file)) {
    if (!cols) {
      cols = locate(file, fields, columns, 'column', `the header has: ${fields.join(', ')}`);
      continue;
    }
    const at = cols;
    const cell = (field: Field): string => (at[field] < 0 ? '' : (fields[at[field]] ?? '')).trim();
    const id = cell('id');
    if (id === '') throw new DataError('bad_catalog', file, 'empty id', line);
    const [title, priceText, category, description] = OPTIONAL.map(cell);
    const price = Number(priceText);
    out.set(id, {
      ...(title === '' ? {} : { title }),
      ...(description === '' ? {} : { description }),
      ...(category === '' ? {} : { category }),
      ...(Number.isFinite(price) && priceText !== '' ? { price } : {}),
    });
  }
  if (out.size === 0) throw new DataError('bad_catalog', file, 'no products listed');
  return out;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
