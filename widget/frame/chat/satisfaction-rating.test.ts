import { describe, expect, it } from 'vitest';
import { ratingRow } from './satisfaction-rating';

describe('rating row', () => {
  const base = { personal: true, typing: false, lastIsAnswer: true, turns: 2, ratedAt: 0 };
  it('asks after two of the visitor’s messages, thanks once rated, asks again two messages later', () => {
    expect(ratingRow({ ...base, turns: 1 })).toBeNull();
    expect(ratingRow(base)).toBe('ask');
    expect(ratingRow({ ...base, ratedAt: 2 })).toBe('thanks');
    expect(ratingRow({ ...base, turns: 3, ratedAt: 2 })).toBeNull();
    expect(ratingRow({ ...base, turns: 4, ratedAt: 2 })).toBe('ask');
  });

  it('stays away without personalize, while an answer is coming, or after the visitor’s own message', () => {
    expect(ratingRow({ ...base, personal: false })).toBeNull();
    expect(ratingRow({ ...base, typing: true })).toBeNull();
    expect(ratingRow({ ...base, lastIsAnswer: false })).toBeNull();
  });
});
