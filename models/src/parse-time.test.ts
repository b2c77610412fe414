import { describe, expect, it } from 'vitest';
import { parseTimestamp } from './parse-time';

describe('parseTimestamp', () => {
  const t = Date.UTC(2011, 11, 9, 12, 50, 0);

  it('reads epoch seconds and milliseconds, deciding by magnitude in auto mode', () => {
    expect(parseTimestamp(String(t / 1000))).toBe(t);
    expect(parseTimestamp(String(t))).toBe(t);
    expect(parseTimestamp('1323435000.5', 'epoch-s')).toBe(t + 500);
    expect(parseTimestamp('5', 'epoch-ms')).toBe(5);
  });

  it('reads "YYYY-MM-DD HH:MM:SS" and ISO 8601 as UTC unless a zone is given', () => {
    expect(parseTimestamp('2011-12-09 12:50:00')).toBe(t);
    expect(parseTimestamp('2011-12-09T12:50:00Z')).toBe(t);
    expect(parseTimestamp('2011-12-09T13:50:00+01:00')).toBe(t);
    expect(parseTimestamp('2011-12-09T12:50')).toBe(t);
    expect(parseTimestamp('2011-12-09')).toBe(Date.UTC(2011, 11, 9));
    expect(parseTimestamp('2011-12-09 12:50:00.250')).toBe(t + 250);
  });

  it('rejects invalid or ambiguous values', () => {
    for (const bad of ['', 'yesterday', '12/09/2011', '2011-02-30', '2011-13-01', '2011-12-09 25:00:00']) {
      expect(parseTimestamp(bad), bad).toBeNull();
    }
    expect(parseTimestamp('1323435000', 'iso')).toBeNull();
    expect(parseTimestamp('2011-12-09', 'epoch-s')).toBeNull();
  });
});
