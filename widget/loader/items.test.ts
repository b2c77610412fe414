/**
 * JSON-LD and data-attribute item capture, including the shapes real shops emit and the broken ones.
 * Elements come from test-page.ts (Node has no DOM); the JSON is real JSON-LD text.
 */
import { describe, expect, it } from 'vitest';
import { itemProps, productsFromJsonLd, scanItems } from './items';
import { element } from './test-page';

const ld = (x: unknown) => productsFromJsonLd(JSON.stringify(x));

describe('productsFromJsonLd', () => {
  it('reads a plain Product with an Offer', () => {
    expect(
      ld({
        '@context': 'https://schema.org',
        '@type': 'Product',
        sku: '85123A',
        name: ' White hanging heart ',
        offers: { '@type': 'Offer', price: '2.55', priceCurrency: 'GBP' },
      }),
    ).toEqual([{ item: '85123A', title: 'White hanging heart', price: 2.55 }]);
  });

  it('finds products in @graph, in top-level arrays and as a page mainEntity', () => {
    expect(
      ld([
        { '@type': 'BreadcrumbList' },
        { '@graph': [{ '@type': 'WebPage', mainEntity: { '@type': 'Product', productID: 'P-1' } }] },
      ]),
    ).toEqual([{ item: 'P-1' }]);
  });

  it('accepts @type arrays, prefixed and full IRIs, and ProductGroup', () => {
    expect(ld({ '@type': ['Thing', 'schema:Product'], sku: 'A' })).toEqual([{ item: 'A' }]);
    expect(ld({ '@type': 'https://schema.org/Product', sku: 'B' })).toEqual([{ item: 'B' }]);
    expect(ld({ '@type': 'ProductGroup', productGroupID: 'G' })).toEqual([{ item: 'G' }]);
    expect(ld({ '@type': 'ProductModel', sku: 'C' })).toEqual([]);
    expect(ld({ '@type': 'NotAProduct', sku: 'D' })).toEqual([]);
  });

  it('takes the first of several offers, an AggregateOffer low price, and numeric skus', () => {
    expect(ld({ '@type': 'Product', sku: 22423, offers: [{ price: 12.75 }, { price: 10 }] })).toEqual([
      { item: '22423', price: 12.75 },
    ]);
    expect(
      ld({ '@type': 'Product', sku: 'X', offers: { '@type': 'AggregateOffer', lowPrice: '3' } }),
    ).toEqual([{ item: 'X', price: 3 }]);
  });

  it('drops prices that are not plain decimals instead of misreading them', () => {
    for (const price of ['1,234.50', '€5', '-3', 'free', '', null, Number.NaN]) {
      expect(ld({ '@type': 'Product', sku: 'X', offers: { price } })).toEqual([{ item: 'X' }]);
    }
  });

  it('skips listings: products inside an ItemList are not item views', () => {
    expect(
      ld({
        '@type': 'ItemList',
        itemListElement: [{ '@type': 'ListItem', item: { '@type': 'Product', sku: 'L' } }],
      }),
    ).toEqual([]);
  });

  it('skips products without an id, and broken, empty or oversized blocks', () => {
    expect(ld({ '@type': 'Product', name: 'No id' })).toEqual([]);
    expect(ld({ '@type': 'Product', sku: '   ' })).toEqual([]);
    expect(productsFromJsonLd('{"@type": "Product", "sku": ')).toEqual([]);
    expect(productsFromJsonLd('')).toEqual([]);
    expect(productsFromJsonLd('null')).toEqual([]);
    const huge = JSON.stringify({ '@type': 'Product', sku: 'H', description: 'x'.repeat(300_000) });
    expect(productsFromJsonLd(huge)).toEqual([]);
  });

  it('bounds ids and titles to what the event rules accept', () => {
    const [p] = ld({ '@type': 'Product', sku: 'S'.repeat(100), name: 'N'.repeat(300) });
    expect(String(p?.item)).toHaveLength(64);
    expect(String(p?.title)).toHaveLength(120);
  });

  it('stops at a bounded depth', () => {
    let deep: unknown = { '@type': 'Product', sku: 'DEEP' };
    for (let i = 0; i < 20; i++) deep = { '@graph': [deep] };
    expect(ld(deep)).toEqual([]);
  });
});

describe('scanItems', () => {
  const LD = 'script[type="application/ld+json"]';

  it('reads data-confide-item and data-confide-purchase with their title, price and quantity', () => {
    const elements = new Map([
      ['[data-confide-item]', [element({ 'data-confide-item': 'A1', 'data-confide-price': '4.5' })]],
      [
        '[data-confide-purchase]',
        [
          element({ 'data-confide-purchase': 'B2', 'data-confide-price': '3', 'data-confide-quantity': '2' }),
          element({ 'data-confide-purchase': 'C3', 'data-confide-title': 'Candle' }),
        ],
      ],
    ]);
    const events = scanItems({ querySelectorAll: (s) => elements.get(s) ?? [] }, new WeakMap());
    expect(events).toEqual([
      { type: 'item_view', props: { item: 'A1', price: 4.5 } },
      { type: 'purchase', props: { item: 'B2', price: 3, quantity: 2 } },
      { type: 'purchase', props: { item: 'C3', title: 'Candle' } },
    ]);
  });

  it('reports an item described twice (JSON-LD and attribute) once, and at most 10 per page', () => {
    const many = Array.from({ length: 15 }, (_, i) => element({ 'data-confide-item': `I${i}` }));
    const elements = new Map([
      [LD, [element({}, '{"@type":"Product","sku":"I0"}')]],
      ['[data-confide-item]', many],
    ]);
    const events = scanItems({ querySelectorAll: (s) => elements.get(s) ?? [] }, new WeakMap());
    expect(events.map((e) => e.props.item)).toEqual([
      'I0',
      'I1',
      'I2',
      'I3',
      'I4',
      'I5',
      'I6',
      'I7',
      'I8',
      'I9',
    ]);
  });

  it('reports an element again only when what it says changed', () => {
    const block = { ...element({}), textContent: '{"@type":"Product","sku":"A"}' };
    const elements = new Map([[LD, [block]]]);
    const doc = { querySelectorAll: (s: string) => elements.get(s) ?? [] };
    const seen = new WeakMap<object, string>();
    expect(scanItems(doc, seen)).toHaveLength(1);
    expect(scanItems(doc, seen)).toHaveLength(0);
    block.textContent = '{"@type":"Product","sku":"B"}'; // the app reused the element for a new product
    expect(scanItems(doc, seen).map((e) => e.props.item)).toEqual(['B']);
  });
});

describe('itemProps', () => {
  it('accepts finite numeric ids and rejects everything else', () => {
    expect(itemProps(42, null, null)).toEqual({ item: '42' });
    expect(itemProps(Number.POSITIVE_INFINITY, null, null)).toBeNull();
    expect(itemProps({ id: 1 }, null, null)).toBeNull();
  });
});
