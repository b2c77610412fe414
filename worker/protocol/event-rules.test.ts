import { describe, expect, it } from 'vitest';
import { checkEvent, isEventType } from './event-rules';

describe('checkEvent', () => {
  it('accepts known types with bounded primitive properties', () => {
    expect(checkEvent('item_view', { item: '85123A', price: 2.55, onSale: false })).toBeNull();
    expect(checkEvent('page_view', undefined)).toBeNull();
    expect(isEventType('purchase')).toBe(true);
  });

  it.each([
    ['nope', {}, 'unknown event type "nope"'],
    [7, {}, 'unknown event type number'],
    ['search', [], 'must be a plain object, got an array'],
    ['search', null, 'must be a plain object, got null'],
    ['search', { q: { deep: 1 } }, 'property "q" must be a string, finite number or boolean, got object'],
    ['search', { n: Number.NaN }, 'property "n" must be a string, finite number or boolean'],
    ['search', { q: 'x'.repeat(201) }, 'is 201 characters long; at most 200'],
    ['search', { ['k'.repeat(41)]: 1 }, 'is longer than 40 characters'],
    [
      'search',
      Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, i])),
      'has 17 properties; at most 16',
    ],
    [
      'search',
      Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`k${i}`, 'x'.repeat(190)])),
      'bytes; at most 2048 are allowed',
    ],
  ])('rejects %s %j with a message naming the problem', (type, props, message) => {
    expect(checkEvent(type, props)).toContain(message);
  });
});
