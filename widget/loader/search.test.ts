/**
 * Search capture's decisions: which URL parameter holds a query, and which form submit is a search.
 */
import { describe, expect, it } from 'vitest';
import { formSearch, urlSearch } from './search';

describe('urlSearch', () => {
  it('reads q, search or query, trimmed', () => {
    expect(urlSearch('?q=+red+mug+')).toBe('red mug');
    expect(urlSearch('?page=2&search=lamp')).toBe('lamp');
    expect(urlSearch('?query=tea%20towel')).toBe('tea towel');
  });

  it('ignores other parameters and empty queries', () => {
    expect(urlSearch('?s=lamp&utm_term=gift')).toBeNull();
    expect(urlSearch('?q=')).toBeNull();
    expect(urlSearch('?q=%20%20')).toBeNull();
    expect(urlSearch('')).toBeNull();
  });

  it('keeps at most 200 characters (the event rules allow no more)', () => {
    expect(urlSearch(`?q=${'a'.repeat(500)}`)).toHaveLength(200);
  });
});

describe('formSearch', () => {
  const fields = [
    { type: 'hidden', name: 'lang', value: 'en' },
    { type: 'text', name: 'keywords', value: ' candles ' },
    { type: 'submit', name: '', value: 'Go' },
  ];

  it('takes an input type=search in any form', () => {
    expect(formSearch(false, [...fields, { type: 'search', name: 'term', value: 'lamp' }])).toEqual({
      q: 'lamp',
      name: 'term',
    });
  });

  it('in a form marked role=search, takes the q/search/query field, else the first text field', () => {
    expect(formSearch(true, fields)).toEqual({ q: 'candles', name: 'keywords' });
    expect(formSearch(true, [...fields, { type: 'text', name: 'q', value: 'mug' }])).toEqual({
      q: 'mug',
      name: 'q',
    });
  });

  it('is not a search in an unmarked form without a search input, or with an empty query', () => {
    expect(formSearch(false, fields)).toBeNull();
    expect(formSearch(true, [{ type: 'search', name: 'q', value: '   ' }])).toBeNull();
    expect(formSearch(true, [])).toBeNull();
  });
});
