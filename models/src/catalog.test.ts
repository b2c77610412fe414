import { describe, expect, it } from 'vitest';
import { buildCatalog, median, round2, titleCase } from './catalog';
import type { RawInteraction } from './read-interactions';

function row(user: string, item: string, price: number | null, title = ''): RawInteraction {
  return { user, item, ts: 0, quantity: 1, price, title, invoice: null, line: 0 };
}

describe('buildCatalog', () => {
  const rows = [
    row('u1', 'B', 2, 'RED MUG'),
    row('u1', 'B', 2, 'RED MUG'),
    row('u2', 'B', 3, 'red mug '),
    row('u2', 'B', 4, 'RED MUG'),
    row('u1', 'A', 1.005, 'plate'),
    row('u3', 'A', 1.005, 'plate'),
    row('u1', 'C', 9),
  ];

  it('ranks by distinct users, ties by id, with most frequent title and median price', () => {
    const { catalog, userCounts } = buildCatalog(rows, { size: 2 });
    expect(catalog).toEqual({
      currency: 'GBP',
      items: [
        { id: 'A', title: 'Plate', price: 1.01 },
        { id: 'B', title: 'Red Mug', price: 2.5 },
      ],
    });
    expect(userCounts).toEqual([2, 2]);
  });

  it('uses the site product list for eligibility, titles and prices', () => {
    const products = new Map([
      ['C', { title: 'Gift Card', price: 10 }],
      ['B', {}],
    ]);
    const { catalog } = buildCatalog(rows, { size: 5, products, currency: 'EUR' });
    expect(catalog.items.map((i) => [i.id, i.title, i.price])).toEqual([
      ['B', 'Red Mug', 2.5],
      ['C', 'Gift Card', 10],
    ]);
    expect(catalog.currency).toBe('EUR');
  });
});

describe('helpers', () => {
  it('title-cases product descriptions', () => {
    expect(titleCase('  WHITE HANGING HEART T-LIGHT HOLDER ')).toBe('White Hanging Heart T-Light Holder');
    expect(titleCase("SET/6 CHILDREN'S  CUPS")).toBe("Set/6 Children's Cups");
  });

  it('takes medians and rounds to cents', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBe(0);
    expect(round2(2.675)).toBe(2.68);
    expect(round2(0.1 + 0.2)).toBe(0.3);
  });
});
