/**
 * What the outbox keeps and the store operations it needs. Batches are built once (noised, given
 * their UUID, validated) and then only resent byte for byte, so a retry never spends privacy again
 * and the server's idempotency on the batch id makes delivery exactly once.
 */
import type { MemoState } from './memo-state';
import type { PrivacyLedger } from './privacy-ledger';

/** One batch waiting for a 2xx answer. */
export interface OutboxEntry {
  /** The batch UUID (also inside `body`): the key, and the server's idempotency key. */
  readonly id: string;
  /** The exact JSON body POSTed on every attempt. */
  readonly body: string;
  /** Reports in the batch. */
  readonly reports: number;
  /** Epoch ms the batch was built; the outbox is sent oldest first. */
  readonly createdAt: number;
  /** Failed attempts so far (5xx, 404, network errors). */
  readonly attempts: number;
  /** Epoch ms before which the batch is not sent again (backoff, Retry-After). */
  readonly nextAttemptAt: number;
  /** 404 answers so far; absent before the first. The batch is dropped after a few (outbox.ts). */
  readonly notFound?: number;
}

/** What was already reported today (state key `reported`), so a reload does not report again. */
export interface ReportedState {
  readonly version: 1;
  /** UTC day, YYYY-MM-DD. */
  readonly day: string;
  /** Report keys queued today, e.g. `segment_share` or `experiment_conversion:hero`. */
  readonly keys: readonly string[];
  /**
   * Epoch ms the last reports were queued: the next day's reports describe what happened since
   * (a chat after today's reports is reported tomorrow, not lost).
   */
  readonly at?: number;
}

/** The state an enqueue decides on, read inside the same transaction that writes the result. */
export interface EnqueueInput {
  readonly ledger: PrivacyLedger | undefined;
  readonly reported: ReportedState | undefined;
  /** The permanent randomized responses of memoized metrics (worker/sync/memo-state). */
  readonly memo?: MemoState | undefined;
}

/** What to write, atomically: the new batches, the charged ledger, the reported keys and new draws. */
export interface EnqueueDecision {
  readonly entries: readonly OutboxEntry[];
  readonly ledger: PrivacyLedger;
  readonly reported: ReportedState;
  /** The permanent responses after encoding, when memoized metrics were reported. */
  readonly memo?: MemoState;
}

/** Counters kept in the store's `meta` about the outbox (never anything about the visitor). */
export type OutboxCounter = 'outbox_rejected' | 'outbox_dropped';

/** The outbox's storage; IndexedDB (worker/storage/outbox-idb) or session memory (worker/storage/memory-store). */
export interface OutboxStore {
  /**
   * Runs `decide` on the current ledger and reported keys and writes its decision in one transaction
   * (two tabs enqueuing at once therefore cannot both report the same metric). `decide` must be
   * synchronous. Beyond `max` batches the oldest are dropped and counted as `outbox_dropped`.
   */
  enqueue(
    decide: (input: EnqueueInput) => EnqueueDecision | null,
    max: number,
  ): Promise<{ added: number; dropped: number }>;
  /** Every batch, oldest first. */
  list(): Promise<OutboxEntry[]>;
  /** Replaces a batch's attempt fields, only if it is still there (another tab may have sent it). */
  update(entry: OutboxEntry): Promise<boolean>;
  /** Whether a batch is still waiting (another tab may have sent it, or cleared the outbox). */
  has(id: string): Promise<boolean>;
  remove(id: string): Promise<void>;
  /**
   * Empties the outbox (share revoked) and deletes the permanent responses (`memo`), which exist only
   * for sharing; returns how many batches were dropped.
   */
  clear(): Promise<number>;
  count(): Promise<number>;
  bump(counter: OutboxCounter, by?: number): Promise<void>;
  counter(counter: OutboxCounter): Promise<number>;
}
