/**
 * Sync: with `share` only, the day's reports are planned within the privacy budget, noised once on
 * the device and kept in an outbox until the server confirms them; retries resend the same bytes.
 */

/** What the outbox keeps and the store operations it needs. */
export type {
  EnqueueDecision,
  EnqueueInput,
  OutboxCounter,
  OutboxEntry,
  OutboxStore,
  ReportedState,
} from './outbox-types';
/** The device's epsilon ledger. */
export {
  canSpend,
  currentLedger,
  DAILY_EPSILON_BUDGET,
  emptyLedger,
  ledgerSummary,
  type PrivacyLedger,
  spend,
  utcDay,
} from './privacy-ledger';
/** The sync client the engine owns. */
export { createReporter, type Reporter, type ReporterDeps } from './reporter';
