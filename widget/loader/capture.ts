/**
 * Automatic capture on the host page: a page view, the product being viewed (from a
 * `data-confide-item` attribute or schema.org JSON-LD), and add-to-cart clicks marked with
 * `data-confide-add-to-cart`. Only paths are kept, never query strings (they often hold e-mails or tokens).
 */
import type { EventType, PropValue } from '../../worker/protocol';

/** Receives each captured event. */
export type Emit = (type: EventType, props: Record<string, PropValue>) => void;

/** Captures the page view and item views present now, and listens for add-to-cart clicks. */
export function startCapture(emit: Emit): void {
  emit('page_view', { path: location.pathname, title: document.title.slice(0, 120) });
  const seen = new Set<string>();
  for (const item of findItems()) {
    const id = String(item.item);
    if (seen.has(id)) continue;
    seen.add(id);
    emit('item_view', item);
  }
  document.addEventListener(
    'click',
    (e) => {
      const el = (e.target as Element | null)?.closest?.('[data-confide-add-to-cart]');
      const item = el?.getAttribute('data-confide-add-to-cart');
      if (item) emit('add_to_cart', { item: item.slice(0, 64) });
    },
    { capture: true, passive: true },
  );
}

/** Items described on the page, from data attributes and JSON-LD `Product` objects. */
export function findItems(): Record<string, PropValue>[] {
  const out: Record<string, PropValue>[] = [];
  for (const el of document.querySelectorAll('[data-confide-item]')) {
    const id = el.getAttribute('data-confide-item');
    if (id)
      out.push(itemProps(id, el.getAttribute('data-confide-title'), el.getAttribute('data-confide-price')));
  }
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue; // A broken JSON-LD block belongs to the site; skip it quietly.
    }
    for (const p of products(data)) {
      const id = p.sku ?? p.productID ?? p['@id'];
      const offer = Array.isArray(p.offers) ? p.offers[0] : p.offers;
      if (typeof id === 'string' || typeof id === 'number') {
        out.push(
          itemProps(String(id), str(p.name), str((offer as Record<string, unknown> | undefined)?.price)),
        );
      }
    }
  }
  return out;
}

function itemProps(id: string, title: string | null, price: string | null): Record<string, PropValue> {
  const props: Record<string, PropValue> = { item: id.slice(0, 64) };
  if (title) props.title = title.slice(0, 120);
  const n = price === null ? Number.NaN : Number.parseFloat(price);
  if (Number.isFinite(n)) props.price = n;
  return props;
}

function str(x: unknown): string | null {
  return typeof x === 'string' || typeof x === 'number' ? String(x) : null;
}

function* products(x: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(x)) {
    for (const y of x) yield* products(y);
  } else if (typeof x === 'object' && x !== null) {
    const o = x as Record<string, unknown>;
    const t = o['@type'];
    if (t === 'Product' || (Array.isArray(t) && t.includes('Product'))) yield o;
    if (o['@graph']) yield* products(o['@graph']);
  }
}
