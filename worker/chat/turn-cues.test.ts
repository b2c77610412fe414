import { describe, expect, it } from 'vitest';
import { readCues } from './turn-cues';

const colours = new Set(['blue', 'red']);

describe('turn cues', () => {
  it('read price bounds the way shoppers write them', () => {
    expect(readCues('gifts under £5', colours)).toMatchObject({ maxPrice: 5, searching: true });
    expect(readCues('anything less than 12.50 pounds?', colours).maxPrice).toBe(12.5);
    expect(readCues('between £10 and £20', colours)).toMatchObject({ minPrice: 10, maxPrice: 20 });
    expect(readCues('£8 or less please', colours).maxPrice).toBe(8);
    expect(readCues('over 30', colours).minPrice).toBe(30);
    expect(readCues('where is my order', colours).maxPrice).toBeUndefined();
  });

  it('hear "cheaper", a colour, a quantity and the site’s order number', () => {
    expect(readCues('cheaper ones?', colours).cheaper).toBe(true);
    expect(readCues('what about the blue one?', colours)).toMatchObject({ colour: 'blue', followUp: true });
    expect(readCues('a pack of 12 please', colours).quantity).toBe(12);
    expect(readCues('order AB123456 is late', colours, /\b[A-Z]{2}\d{6}\b/).orderNumber).toBe('AB123456');
    expect(readCues('green mug', colours).colour).toBeUndefined();
  });

  it('tell a product request, a follow-up and a comparison apart', () => {
    expect(readCues('do you have anything for christmas?', colours).searching).toBe(true);
    expect(readCues('how do I return an item', colours).searching).toBe(false);
    expect(readCues('and how long does that take?', colours).followUp).toBe(true);
    expect(readCues('how long does delivery take', colours).followUp).toBe(false);
    expect(readCues('something like the bunting', colours).like).toBe('bunting');
    expect(readCues('more like this', colours).like).toBe('');
    expect(readCues('More like Party Bunting', colours).like).toBe('party bunting');
  });
});
