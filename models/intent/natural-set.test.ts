import { describe, expect, it } from 'vitest';
import { DataError } from '../src/errors';
import { parseTsv, readNaturalSet } from './natural-set';
import { SHOPPER_MESSAGES, SHOPPER_OUT_OF_SCOPE } from './shopper-messages';

describe('the natural-phrasing development set', () => {
  const set = readNaturalSet();

  it('covers every intent of the shipped model evenly, with enough off-topic messages', () => {
    expect(set.inScope.length).toBeGreaterThanOrEqual(150);
    expect(set.outOfScope.length).toBeGreaterThanOrEqual(50);
    const perIntent = new Map<string, number>();
    for (const m of set.inScope) perIntent.set(m.intent, (perIntent.get(m.intent) ?? 0) + 1);
    expect(perIntent.size).toBe(27);
    expect(Math.min(...perIntent.values())).toBeGreaterThanOrEqual(5);
  });

  it('shares no message with the test set, and repeats none', () => {
    const key = (t: string) =>
      t
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, ' ')
        .trim();
    const dev = [...set.inScope.map((m) => m.text), ...set.outOfScope].map(key);
    expect(new Set(dev).size).toBe(dev.length);
    const test = new Set([...SHOPPER_MESSAGES.map((m) => m.text), ...SHOPPER_OUT_OF_SCOPE].map(key));
    expect(dev.filter((t) => test.has(t))).toEqual([]);
  });

  it('refuses a file with other columns or a short row, naming the line', () => {
    expect(() => parseTsv('text\tlabel\nhi\tx\n', 'f.tsv', ['text', 'intent'])).toThrow(DataError);
    expect(() => parseTsv('text\tintent\nhi\n', 'f.tsv', ['text', 'intent'])).toThrow('f.tsv:2');
    expect(parseTsv('text\tintent\r\nhi there\tx\r\n\r\n', 'f.tsv', ['text', 'intent'])).toEqual([
      ['hi there', 'x'],
    ]);
  });
});
