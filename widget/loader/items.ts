/**
 * What a page says about products: schema.org JSON-LD `Product` / `ProductGroup` objects and elements
 * marked `data-confide-item` (item views) or `data-confide-purchase` (an order confirmation line).
 */

import type { PropValue } from '../../worker/protocol';
import { isObject } from './is-object';

/** One captured item event. */
export interface ItemEvent {
  readonly type: 'item_view' | 'purchase';
  readonly props: Record<string, PropValue>;
}

/** The part of an element the scan reads. */
export interface ItemElement {
  getAttribute(name: string): string | null;
  readonly textContent: string | null;
}

/** The part of a document the scan reads. */
export interface ItemDocument {
  querySelectorAll(selectors: string): ArrayLike<ItemElement> & Iterable<ItemElement>;
}

/** Larger JSON-LD blocks are skipped: parsing them could make a long task on the host page. */
const MAX_JSON_LD_CHARS = 200_000;
/** At most this many item events per page, whatever the page holds. */
const MAX_ITEMS = 10;
/** How deep the walk goes into `@graph`, arrays and `mainEntity`. */
const MAX_DEPTH = 6;

type Obj = Record<string, unknown>;
const isObj = isObject;

/** Item props from an id, a title and a price as written on the page; `null` without a usable id. */
export function itemProps(
  id: unknown,
  title: unknown,
  price: unknown,
  quantity?: unknown,
): Record<string, PropValue> | null {
  if (typeof id === 'number' && Number.isFinite(id)) id = String(id);
  if (typeof id !== 'string' || !id.trim()) return null;
  const props: Record<string, PropValue> = { item: id.trim().slice(0, 64) };
  if (typeof title === 'string' && title.trim()) props.title = title.trim().slice(0, 120);
  const p = amount(price);
  if (p !== null) props.price = p;
  const q = amount(quantity);
  if (q !== null) props.quantity = q;
  return props;
}

/** A non-negative decimal as schema.org writes it (`"12.50"` or `12.5`); no thousands separators. */
function amount(x: unknown): number | null {
  if (typeof x === 'number') return Number.isFinite(x) && x >= 0 ? x : null;
  return typeof x === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(x) ? Number(x) : null;
}

/** Products described by one JSON-LD block's text; a broken block (the site's) yields nothing. */
export function productsFromJsonLd(json: string): Record<string, PropValue>[] {
  if (json.length > MAX_JSON_LD_CHARS) return [];
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return [];
  }
  const out: Record<string, PropValue>[] = [];
  walk(data, 0, (p) => {
    const offers = Array.isArray(p.offers) ? p.offers[0] : p.offers;
    const offer = isObj(offers) ? offers : {};
    const props = itemProps(
      p.sku || p.productID || p.productGroupID || p['@id'],
      p.name,
      offer.price || offer.lowPrice,
    );
    if (props) out.push(props);
  });
  return out;
}

function walk(x: unknown, depth: number, found: (product: Obj) => void): void {
  if (depth > MAX_DEPTH) return;
  if (Array.isArray(x)) {
    for (const y of x) walk(y, depth + 1, found);
    return;
  }
  if (!isObj(x)) return;
  const types = Array.isArray(x['@type']) ? x['@type'] : [x['@type']];
  if (types.some(isProductType)) found(x);
  // A listing (`ItemList`) names products the visitor has not viewed, so only these are followed.
  walk(x['@graph'], depth + 1, found);
  walk(x.mainEntity, depth + 1, found);
}

/** `Product`, `schema:Product`, `https://schema.org/Product`, and the same for `ProductGroup`. */
const isProductType = (t: unknown): boolean => typeof t === 'string' && /(^|[/:])Product(Group)?$/.test(t);

/**
 * The item events a page holds now. `seen` remembers what each element reported, so a rescan after a
 * single-page-app navigation reports new or changed elements only, not a header that stayed in place.
 */
export function scanItems(doc: ItemDocument, seen: WeakMap<object, string>): ItemEvent[] {
  const out: ItemEvent[] = [];
  const keys = new Set<string>();
  const add = (type: ItemEvent['type'], props: Record<string, PropValue> | null) => {
    const key = `${type} ${props?.item}`;
    if (props && !keys.has(key) && out.length < MAX_ITEMS) {
      keys.add(key);
      out.push({ type, props });
    }
  };
  const fresh = (el: ItemElement, key: string) => {
    if (seen.get(el) === key) return false;
    seen.set(el, key);
    return true;
  };
  const attr = (el: ItemElement, name: string) => el.getAttribute(`data-confide-${name}`);
  for (const el of doc.querySelectorAll('script[type="application/ld+json"]')) {
    const json = el.textContent || '';
    if (fresh(el, json)) for (const p of productsFromJsonLd(json)) add('item_view', p);
  }
  for (const type of ['item', 'purchase'] as const) {
    for (const el of doc.querySelectorAll(`[data-confide-${type}]`)) {
      const values = [attr(el, type), attr(el, 'title'), attr(el, 'price'), attr(el, 'quantity')];
      if (!fresh(el, values.join('\n'))) continue;
      if (type === 'item') add('item_view', itemProps(values[0], values[1], values[2]));
      else add('purchase', itemProps(values[0], values[1], values[2], values[3]));
    }
  }
  return out;
}
