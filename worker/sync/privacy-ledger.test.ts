import { describe, expect, it } from 'vitest';
import {
  canSpend,
  currentLedger,
  DAILY_EPSILON_BUDGET,
  emptyLedger,
  ledgerSummary,
  spend,
} from './privacy-ledger';

const DAY = 86_400_000;
const T = Date.UTC(2026, 10, 22, 23, 0);

describe('privacy ledger', () => {
  it('spends within the daily budget and refuses beyond it', () => {
    let l = emptyLedger(T);
    expect(canSpend(l, DAILY_EPSILON_BUDGET)).toBe(true);
    l = spend(l, [1, 1, 1]);
    expect(canSpend(l, 1)).toBe(true);
    expect(canSpend(l, 1.5)).toBe(false);
    expect(ledgerSummary(l)).toEqual({
      day: '2026-11-22',
      epsilonToday: 3,
      dailyBudget: DAILY_EPSILON_BUDGET,
      reportsSent: 3,
      epsilonTotal: 3,
    });
  });

  it('starts each UTC day afresh but keeps the totals, and restarts from anything malformed', () => {
    const spent = spend(emptyLedger(T), [2]);
    const tomorrow = currentLedger(spent, T + DAY);
    expect(tomorrow).toMatchObject({ day: '2026-11-23', epsilonToday: 0, reportsSent: 1, epsilonTotal: 2 });
    expect(currentLedger(spent, T + 60_000)).toEqual(spent);
    expect(currentLedger({ version: 1, day: 'x', epsilonToday: -1 }, T)).toEqual(emptyLedger(T));
    expect(currentLedger(undefined, T)).toEqual(emptyLedger(T));
  });
});
