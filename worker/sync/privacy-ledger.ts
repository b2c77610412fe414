/**
 * The device's epsilon ledger: how much local-differential-privacy budget its shared reports have
 * spent, today and in total. The reporter asks it before sending and records what it sent; the
 * privacy center shows it. A day is a UTC day, the finest time unit anything about sharing uses.
 */
import type { PrivacyLedgerSummary } from '../protocol';

/** Epsilon a device may spend per UTC day; a report that would exceed it is not sent. */
export const DAILY_EPSILON_BUDGET = 4;

/** The stored ledger (state key `ledger`). */
export interface PrivacyLedger {
  readonly version: 1;
  readonly day: string;
  readonly epsilonToday: number;
  readonly reportsSent: number;
  readonly epsilonTotal: number;
}

/** The UTC day of a time, as YYYY-MM-DD. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** A ledger with nothing spent. */
export function emptyLedger(nowMs: number): PrivacyLedger {
  return { version: 1, day: utcDay(nowMs), epsilonToday: 0, reportsSent: 0, epsilonTotal: 0 };
}

/** The ledger as of `nowMs`: a new day starts with nothing spent today. Anything malformed restarts. */
export function currentLedger(stored: unknown, nowMs: number): PrivacyLedger {
  const l = stored as Partial<PrivacyLedger> | undefined;
  const valid =
    l?.version === 1 &&
    typeof l.day === 'string' &&
    [l.epsilonToday, l.reportsSent, l.epsilonTotal].every(
      (n) => typeof n === 'number' && Number.isFinite(n) && n >= 0,
    );
  if (!valid) return emptyLedger(nowMs);
  const ledger = l as PrivacyLedger;
  return ledger.day === utcDay(nowMs) ? ledger : { ...ledger, day: utcDay(nowMs), epsilonToday: 0 };
}

/** Whether `epsilon` more fits in today's budget. */
export function canSpend(ledger: PrivacyLedger, epsilon: number, budget = DAILY_EPSILON_BUDGET): boolean {
  return ledger.epsilonToday + epsilon <= budget + 1e-9;
}

/** Records reports sent with the given per-report epsilons. */
export function spend(ledger: PrivacyLedger, epsilons: readonly number[]): PrivacyLedger {
  const total = epsilons.reduce((a, b) => a + b, 0);
  return {
    ...ledger,
    epsilonToday: ledger.epsilonToday + total,
    reportsSent: ledger.reportsSent + epsilons.length,
    epsilonTotal: ledger.epsilonTotal + total,
  };
}

/** What the status shows. */
export function ledgerSummary(ledger: PrivacyLedger, budget = DAILY_EPSILON_BUDGET): PrivacyLedgerSummary {
  return {
    day: ledger.day,
    epsilonToday: ledger.epsilonToday,
    dailyBudget: budget,
    reportsSent: ledger.reportsSent,
    epsilonTotal: ledger.epsilonTotal,
  };
}
