/**
 * The visitor's page context, from what the loader actually sends: a `page_view` carries only the
 * path (never the query string) and the document title, so the page type is inferred from the path
 * unless the site names it itself (`pageType` or `page_type`). Time of day is the visitor's local clock.
 */
import type { PropValue, TimeOfDay } from '../protocol';

/** Page kinds the profile reports; anything unrecognised is `other`. */
export const PAGE_TYPES = ['home', 'product', 'category', 'cart', 'checkout', 'search', 'other'] as const;

/** One of {@link PAGE_TYPES}. */
export type PageType = (typeof PAGE_TYPES)[number];

const KNOWN: ReadonlySet<string> = new Set(PAGE_TYPES);

// Common shop URL shapes (Shopify, WooCommerce, Magento, BigCommerce, the demo). Checked in order:
// `/checkout/cart` is a cart page, and `/products/x` a product page before bare `/products` is a listing.
const PATH_RULES: readonly (readonly [RegExp, PageType])[] = [
  [/(^|\/)(cart|basket|bag|warenkorb|panier)(\/|\.|$)/, 'cart'],
  [/(^|\/)(checkout|order-received|thank-?you|payment)(\/|\.|$)/, 'checkout'],
  [/(^|\/)(search|find|results)(\/|\.|$)/, 'search'],
  [/(^|\/)(products?|items?|p|dp|sku)\/[^/]+/, 'product'],
  [/(^|\/)(category|categories|collections?|c|shop|catalog|department|products)(\/|\.|$)/, 'category'],
];

/**
 * The page type of a `page_view`: the site's own `pageType`/`page_type` when it is one of
 * {@link PAGE_TYPES}, else inferred from `path`; `other` when neither says anything.
 */
export function pageTypeOf(props: Readonly<Record<string, PropValue>>): PageType {
  const named = props.pageType ?? props.page_type;
  if (typeof named === 'string' && KNOWN.has(named.toLowerCase())) return named.toLowerCase() as PageType;
  const path = props.path;
  if (typeof path !== 'string') return 'other';
  // Paths only, but a site calling `track` by hand may still pass a full URL or a query.
  const clean = path
    .toLowerCase()
    .replace(/[?#].*$/, '')
    .replace(/^[a-z]+:\/\/[^/]+/, '');
  if (clean === '' || clean === '/' || /^\/(index\.html?|home)\/?$/.test(clean)) return 'home';
  for (const [re, type] of PATH_RULES) if (re.test(clean)) return type;
  return 'other';
}

/**
 * Local time of day of an epoch-ms instant: morning 05–12, afternoon 12–17, evening 17–22, night 22–05.
 * `utcOffsetMinutes` defaults to this runtime's offset at that instant (a worker shares the page's zone).
 */
export function timeOfDay(ts: number, utcOffsetMinutes?: number): TimeOfDay {
  const offset = utcOffsetMinutes ?? -new Date(ts).getTimezoneOffset();
  const hour = new Date(ts + offset * 60_000).getUTCHours();
  if (hour >= 5 && hour < 12) return 'morning';
  if (hour >= 12 && hour < 17) return 'afternoon';
  if (hour >= 17 && hour < 22) return 'evening';
  return 'night';
}

/**
 * How long after a `page_view` an `item_view` still describes that page: the loader emits both in the
 * same task, so a few seconds leave room for slow JSON-LD and for the site's own delayed calls.
 */
export const SAME_PAGE_MS = 5_000;

/** The latest page view, as the profile keeps it. */
export interface PageState {
  /** Type of the latest page view (null before the first). */
  readonly type: PageType | null;
  readonly ts: number | null;
  /** An item view came within {@link SAME_PAGE_MS} after it: a product page whatever its path says. */
  readonly item: boolean;
  /** Item-view timestamps at or after the latest page view (newest {@link PAGE_VIEWS_CAP}), sorted. */
  readonly views: readonly number[];
}

/** Item-view timestamps a {@link PageState} remembers. */
export const PAGE_VIEWS_CAP = 16;

/** Before any page view. */
export function emptyPageState(): PageState {
  return { type: null, ts: null, item: false, views: [] };
}

/**
 * Notes a `page_view`. Only a newer one replaces the page; item views that arrived before their
 * (late) page view still count for it, so the outcome does not depend on arrival order.
 */
export function notePageView(
  page: PageState,
  ts: number,
  props: Readonly<Record<string, PropValue>>,
): PageState {
  if (page.ts !== null && ts < page.ts) return page;
  return {
    type: pageTypeOf(props),
    ts,
    item: page.views.some((t) => t >= ts && t - ts <= SAME_PAGE_MS),
    views: page.views.filter((t) => t >= ts),
  };
}

/** Notes an `item_view` for the page context. */
export function noteItemViewOnPage(page: PageState, ts: number): PageState {
  if (page.ts !== null && ts < page.ts) return page;
  const views = [...page.views];
  let i = views.length;
  while (i > 0 && (views[i - 1] as number) > ts) i--;
  views.splice(i, 0, ts);
  if (views.length > PAGE_VIEWS_CAP) views.shift();
  const item = page.item || (page.ts !== null && ts - page.ts <= SAME_PAGE_MS);
  return { ...page, item, views };
}

/** The page type to report: `product` for an unrecognised path that came with an item view. */
export function currentPageType(page: PageState): PageType {
  if (page.type === null) return 'other';
  return page.type === 'other' && page.item ? 'product' : page.type;
}
