/**
 * Optional product list supplied by the site owner (`--catalog FILE`): restricts recommendations to
 * products that exist and supplies their display titles and prices. Either a JSON `Catalog`
 * (`{ "items": [{ "id", "title"?, "price"?, "description"? }] }`) or a CSV with columns `id`,
 * `title`?, `price`?, `description`?. Products that never sold are still catalog candidates: their
 * title and description are all the recommender knows about them (item-text similarity).
 */
import { readFile } from 'node:fs/promises';
import type { CatalogItem } from '../features/manifest';
import { csvRecords } from './csv-records';
import { DataError } from './errors';

/** What a product list gives for one product; `description` is used for training only. */
export type ProductInfo = Partial<Pick<CatalogItem, 'title' | 'price'>> & { readonly description?: string };

/** Product id → the fields the file gives for it, in file order. */
export type ProductList = ReadonlyMap<string, ProductInfo>;

/** Loads a product list; throws {@link DataError} naming the file and problem. */
export async function loadProductList(file: string): Promise<ProductList> {
  return file.toLowerCase().endsWith('.json') ? loadJson(file) : loadCsv(file);
}

async function loadJson(file: string): Promise<ProductList> {
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
  const out = new Map<string, ProductInfo>();
  items.forEach((raw: unknown, i) => {
    const it = raw as { id?: unknown; title?: unknown; price?: unknown; description?: unknown };
    if (typeof it.id !== 'string' || it.id === '') {
      throw new DataError('bad_catalog', file, `items[${i}].id must be a non-empty string`);
    }
    out.set(it.id, {
      ...(typeof it.title === 'string' ? { title: it.title } : {}),
      ...(typeof it.price === 'number' && Number.isFinite(it.price) ? { price: it.price } : {}),
      ...(typeof it.description === 'string' && it.description !== '' ? { description: it.description } : {}),
    });
  });
  return out;
}

async function loadCsv(file: string): Promise<ProductList> {
  const out = new Map<string, ProductInfo>();
  let cols: { id: number; title: number; price: number; description: number } | undefined;
  for await (const { fields, line } of csvRecords(file)) {
    if (!cols) {
      const names = fields.map((f) => f.trim().toLowerCase());
      cols = {
        id: names.indexOf('id'),
        title: names.indexOf('title'),
        price: names.indexOf('price'),
        description: names.indexOf('description'),
      };
      if (cols.id < 0) {
        throw new DataError(
          'missing_column',
          file,
          `column "id" not found; the header has: ${fields.join(', ')}`,
          1,
        );
      }
      continue;
    }
    const id = (fields[cols.id] ?? '').trim();
    if (id === '') throw new DataError('bad_catalog', file, 'empty id', line);
    const title = cols.title >= 0 ? (fields[cols.title] ?? '').trim() : '';
    const price = cols.price >= 0 ? Number(fields[cols.price]) : Number.NaN;
    const description = cols.description >= 0 ? (fields[cols.description] ?? '').trim() : '';
    out.set(id, {
      ...(title === '' ? {} : { title }),
      ...(description === '' ? {} : { description }),
      ...(Number.isFinite(price) && (fields[cols.price] ?? '').trim() !== '' ? { price } : {}),
    });
  }
  if (out.size === 0) throw new DataError('bad_catalog', file, 'no products listed');
  return out;
}
