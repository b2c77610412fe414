/** Choosing template answers: nothing that speaks about one customer's own order, amount or city. */
import { describe, expect, it } from 'vitest';
import { buildAnswers, pickAnswers } from './answers';

const generic = (i: number) => ({
  text: `where is my order please ${i}`,
  answer: `To track your order, log in and open {{Order History}}.\n\n1. Log in.\n2. Open the order. (${'x'.repeat(i)})`,
});

describe('pickAnswers', () => {
  it('drops answers with a customer number or an echoed rare word, keeping list numbering', () => {
    const samples = [
      ...Array.from({ length: 8 }, (_, i) => generic(i)),
      { text: 'where is order 12345', answer: 'Order 12345 is on its way.' },
      { text: 'refund of $350 please', answer: 'Your refund of $350 is coming.' },
      { text: 'can you ship to Detroit', answer: 'Yes, we ship to Detroit.' },
    ];
    const picked = pickAnswers(samples);
    expect(picked.length).toBeGreaterThan(0);
    for (const a of picked) {
      expect(a).not.toMatch(/12345|350|Detroit/);
      expect(a).toContain('{{Order History}}');
    }
    expect(pickAnswers([...samples].reverse())).toEqual(picked);
  });

  it('relaxes step by step rather than returning nothing', () => {
    const echoing = [
      { text: 'ship to Detroit', answer: 'We ship to Detroit.' },
      { text: 'ship to Boston', answer: 'We ship to Boston.' },
      { text: 'ship to Austin', answer: 'We ship to Austin.' },
      { text: 'ship to Denver', answer: 'We ship to Denver.' },
      { text: 'ship to Seattle', answer: 'We ship to Seattle, order 99.' },
    ];
    const picked = pickAnswers(echoing);
    expect(picked.length).toBeGreaterThan(0);
    expect(picked.join(' ')).not.toContain('99');
    expect(pickAnswers([{ text: 'order 42', answer: 'Order 42 shipped.' }])).toEqual(['Order 42 shipped.']);
    expect(pickAnswers([{ text: 'hi', answer: '' }])).toEqual([]);
  });
});

describe('buildAnswers', () => {
  it('lists each intent with its slots and a license that points at the source file', () => {
    const rows = [
      { text: 'a', label: 'b_intent', answer: 'Visit {{Website Name}} now.', line: 2 },
      { text: 'c', label: 'a_intent', answer: 'Call {{Customer Support Phone Number}}.\r\nThanks.', line: 3 },
      { text: 'd', label: 'a_intent', answer: '', line: 4 },
    ];
    const a = buildAnswers(rows, '/data/mine.csv', 'reply');
    expect(Object.keys(a.intents)).toEqual(['a_intent', 'b_intent']);
    expect(a.intents.a_intent?.answers).toEqual(['Call {{Customer Support Phone Number}}.\nThanks.']);
    expect(a.intents.b_intent?.slots).toEqual(['{{Website Name}}']);
    expect(a.license.notice).toContain('mine.csv');
  });
});
