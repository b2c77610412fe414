/**
 * Page type from what the loader sends (path only) or what the site names, time of day on the local
 * clock, and a page context that does not depend on the order its events arrive in.
 */
import { describe, expect, it } from 'vitest';
import {
  currentPageType,
  emptyPageState,
  noteItemViewOnPage,
  notePageView,
  type PageState,
  pageTypeOf,
  SAME_PAGE_MS,
  timeOfDay,
} from './page-context';

describe('pageTypeOf', () => {
  it.each([
    ['/', 'home'],
    ['', 'home'],
    ['/index.html', 'home'],
    ['/product/85123A', 'product'],
    ['/products/red-mug', 'product'],
    ['/p/123', 'product'],
    ['/collections/mugs', 'category'],
    ['/category/gifts/', 'category'],
    ['/shop', 'category'],
    ['/cart', 'cart'],
    ['/checkout/cart', 'cart'],
    ['/basket.php', 'cart'],
    ['/checkout/payment', 'checkout'],
    ['/order-received/42', 'checkout'],
    ['/search', 'search'],
    ['/about-us', 'other'],
    ['/products', 'category'],
    ['https://shop.example/cart?x=1', 'cart'],
  ])('%s → %s', (path, type) => {
    expect(pageTypeOf({ path })).toBe(type);
  });

  it("prefers the site's own page type when it is a known one", () => {
    expect(pageTypeOf({ path: '/red-mug.html', pageType: 'Product' })).toBe('product');
    expect(pageTypeOf({ path: '/cart', page_type: 'checkout' })).toBe('checkout');
    expect(pageTypeOf({ path: '/cart', pageType: 'landing' })).toBe('cart');
    expect(pageTypeOf({})).toBe('other');
    expect(pageTypeOf({ path: 42 })).toBe('other');
  });
});

describe('timeOfDay', () => {
  const at = (h: number, m = 0) => Date.UTC(2026, 0, 5, h, m);
  it.each([
    [4, 59, 'night'],
    [5, 0, 'morning'],
    [11, 59, 'morning'],
    [12, 0, 'afternoon'],
    [16, 59, 'afternoon'],
    [17, 0, 'evening'],
    [21, 59, 'evening'],
    [22, 0, 'night'],
  ] as const)('%i:%i UTC at offset 0 is %s', (h, m, expected) => {
    expect(timeOfDay(at(h, m), 0)).toBe(expected);
  });

  it('uses the given offset', () => {
    expect(timeOfDay(at(9), 600)).toBe('evening');
    expect(timeOfDay(at(9), -300)).toBe('night');
  });
});

describe('page state', () => {
  const T = Date.UTC(2026, 0, 5, 9);
  const page = (path: string, ts: number) => (s: PageState) => notePageView(s, ts, { path });
  const view = (ts: number) => (s: PageState) => noteItemViewOnPage(s, ts);
  const run = (steps: ((s: PageState) => PageState)[]) => steps.reduce((s, f) => f(s), emptyPageState());

  it('reports an unrecognised path with an item view as a product page, in either arrival order', () => {
    const steps = [page('/red-mug.html', T), view(T + 200)];
    expect(currentPageType(run(steps))).toBe('product');
    expect(currentPageType(run([...steps].reverse()))).toBe('product');
    expect(run(steps)).toEqual(run([...steps].reverse()));
  });

  it('keeps a recognised type, and ignores item views long after the page view', () => {
    expect(currentPageType(run([page('/cart', T), view(T + 100)]))).toBe('cart');
    expect(currentPageType(run([page('/about', T), view(T + SAME_PAGE_MS + 1)]))).toBe('other');
    expect(currentPageType(run([view(T + SAME_PAGE_MS + 1), page('/about', T)]))).toBe('other');
  });

  it('only moves forward in time', () => {
    const s = run([page('/cart', T + 1000), page('/', T)]);
    expect(currentPageType(s)).toBe('cart');
    expect(currentPageType(emptyPageState())).toBe('other');
  });

  it('forgets item views of earlier pages and stays bounded', () => {
    let s = run([page('/a', T)]);
    for (let i = 1; i <= 40; i++) s = noteItemViewOnPage(s, T + i * 10_000);
    expect(s.views.length).toBeLessThanOrEqual(16);
    s = notePageView(s, T + 303_000, { path: '/b' });
    expect(s.views.length).toBeGreaterThan(0);
    expect(s.views.every((t) => t >= T + 303_000)).toBe(true);
    expect(currentPageType(s)).toBe('other');
  });
});
