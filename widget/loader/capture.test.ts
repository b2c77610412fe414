/**
 * Auto-capture over a single-page app's life: History API navigations, popstate, searches from the URL,
 * item rescans and one dwell per page. The page is the Node stand-in of test-page.ts (no DOM in Node).
 */
import { describe, expect, it } from 'vitest';
import type { PropValue } from '../../worker/protocol';
import { SETTLE_MS, startCapture } from './capture';
import { element, testPage } from './test-page';

const settle = () => new Promise((done) => setTimeout(done, SETTLE_MS + 30));
const LD = 'script[type="application/ld+json"]';

function capture(url: string, options: { loading?: boolean } = {}) {
  const page = testPage(url, options);
  const events: { type: string; props: Record<string, PropValue> }[] = [];
  return { page, events, start: () => startCapture((type, props) => events.push({ type, props }), page.win) };
}

describe('startCapture', () => {
  it('captures the first page view with its path only, and items on it', () => {
    const { page, events, start } = capture(
      'https://shop.example/product/85123A?utm_source=mail&email=a@b.c',
    );
    page.elements.set(LD, [
      element({}, JSON.stringify({ '@type': 'Product', sku: '85123A', name: 'Heart' })),
    ]);
    start();
    expect(events).toEqual([
      { type: 'page_view', props: { path: '/product/85123A', title: 'Start' } },
      { type: 'item_view', props: { item: '85123A', title: 'Heart' } },
    ]);
  });

  it('reads a page that is still being parsed once it is complete, so order lines below the script count', () => {
    const { page, events, start } = capture('https://shop.example/order/85123A', { loading: true });
    start();
    expect(events).toEqual([]);
    page.elements.set('[data-confide-purchase]', [
      element({
        'data-confide-purchase': '85123A',
        'data-confide-price': '2.55',
        'data-confide-quantity': '2',
      }),
    ]);
    page.parsed();
    expect(events).toEqual([
      { type: 'page_view', props: { path: '/order/85123A', title: 'Start' } },
      { type: 'purchase', props: { item: '85123A', price: 2.55, quantity: 2 } },
    ]);
  });

  it('reports no dwell for a page left before it was parsed', () => {
    const { page, events, start } = capture('https://shop.example/order/1', { loading: true });
    start();
    page.tick(5);
    page.hide();
    expect(events).toEqual([]);
  });

  it('turns pushState, replaceState and popstate into page views, with dwell for the page left', async () => {
    const { page, events, start } = capture('https://shop.example/');
    start();
    page.tick(1500);
    page.win.history.pushState({}, '', '/spa/mugs');
    page.title('Mugs');
    await settle();
    page.tick(700);
    page.win.history.replaceState({ scroll: 10 }, '', '/spa/mugs'); // same URL: not a new page
    await settle();
    page.win.history.pushState({}, '', '/spa/mugs#reviews'); // hash only: not a new page
    await settle();
    page.tick(300);
    page.back(); // to /spa/mugs: the same page
    await settle();
    page.back(); // to /
    await settle();
    expect(events.map((e) => [e.type, e.props.path, e.props.ms])).toEqual([
      ['page_view', '/', undefined],
      ['dwell', '/', 1500],
      ['page_view', '/spa/mugs', undefined],
      ['dwell', '/spa/mugs', 1000],
      ['page_view', '/', undefined],
    ]);
    expect(events[2]?.props.title).toBe('Mugs'); // read after the app rendered
    // The site's own calls reached the original History methods, in order.
    expect(page.calls).toEqual(['push /spa/mugs', 'replace /spa/mugs', 'push /spa/mugs#reviews']);
  });

  it('folds a push followed at once by a replace (a redirect) into one page view', async () => {
    const { page, events, start } = capture('https://shop.example/');
    start();
    page.win.history.pushState({}, '', '/old');
    page.win.history.replaceState({}, '', '/new');
    await settle();
    expect(events.filter((e) => e.type === 'page_view').map((e) => e.props.path)).toEqual(['/', '/new']);
  });

  it('lets the History API throw exactly as before, and captures nothing for the failed call', async () => {
    const { page, events, start } = capture('https://shop.example/');
    start();
    expect(() => page.win.history.pushState({}, '', 'https://elsewhere.example/x')).toThrow('SecurityError');
    await settle();
    expect(events.map((e) => e.type)).toEqual(['page_view']);
  });

  it('reports a search from the q, search or query URL parameter once per query', async () => {
    const { page, events, start } = capture('https://shop.example/search?q=+red%20mug+&page=2');
    start();
    page.win.history.pushState({}, '', '/search?q=red+mug&page=3'); // next page of the same results
    await settle();
    page.win.history.pushState({}, '', '/find?search=lamp');
    await settle();
    expect(events.filter((e) => e.type === 'search').map((e) => e.props)).toEqual([
      { q: 'red mug' },
      { q: 'lamp' },
    ]);
    // The query string itself is never kept as part of the path.
    expect(events.filter((e) => e.type === 'page_view').map((e) => e.props.path)).toEqual([
      '/search',
      '/search',
      '/find',
    ]);
  });

  it('rescans items after a navigation, reporting new elements but not a layout element that stayed', async () => {
    const { page, events, start } = capture('https://shop.example/');
    const header = element({ 'data-confide-item': 'GIFTCARD' });
    page.elements.set('[data-confide-item]', [header]);
    start();
    page.win.history.pushState({}, '', '/product/22423');
    page.elements.set(LD, [element({}, '{"@type":"Product","sku":"22423","offers":{"price":"12.75"}}')]);
    await settle();
    const items = events.filter((e) => e.type === 'item_view').map((e) => e.props);
    expect(items).toEqual([{ item: 'GIFTCARD' }, { item: '22423', price: 12.75 }]);
  });

  it('reports dwell once per page: at the first hide, not again on pagehide', () => {
    const { page, events, start } = capture('https://shop.example/');
    start();
    page.tick(2000);
    page.visibility('hidden');
    page.tick(5000);
    page.visibility('visible');
    page.tick(1000);
    page.hide();
    expect(events.filter((e) => e.type === 'dwell').map((e) => e.props)).toEqual([{ ms: 2000, path: '/' }]);
  });
});
