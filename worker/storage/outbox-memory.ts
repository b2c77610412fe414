/**
 * The outbox for the session-only store: same semantics as worker/storage/outbox-idb, in this worker's
 * memory. Everything runs synchronously between awaits, which gives enqueue its atomicity here.
 */

import type { MemoState } from '../sync/memo-state';
import type {
  EnqueueInput,
  OutboxCounter,
  OutboxEntry,
  OutboxStore,
  ReportedState,
} from '../sync/outbox-types';
import type { PrivacyLedger } from '../sync/privacy-ledger';

/** Access to the memory store's `state` records the outbox reads and writes. */
export interface MemoryOutboxState {
  get(): EnqueueInput;
  set(ledger: PrivacyLedger, reported: ReportedState, memo?: MemoState): void;
  /** Deletes the permanent responses (share revoked). */
  forgetMemo(): void;
}

/** An outbox in memory over the given state records. */
export function memoryOutbox(state: MemoryOutboxState): OutboxStore & { reset(): void } {
  const entries = new Map<string, OutboxEntry>();
  const counters = new Map<OutboxCounter, number>();
  const bump = (counter: OutboxCounter, by: number) =>
    counters.set(counter, (counters.get(counter) ?? 0) + by);
  const oldestFirst = () => [...entries.values()].sort((a, b) => a.createdAt - b.createdAt);
  return {
    async enqueue(decide, max) {
      const decision = decide(state.get());
      if (!decision || decision.entries.length === 0) return { added: 0, dropped: 0 };
      for (const e of decision.entries) entries.set(e.id, e);
      state.set(decision.ledger, decision.reported, decision.memo);
      const excess = oldestFirst().slice(0, Math.max(0, entries.size - max));
      for (const e of excess) entries.delete(e.id);
      if (excess.length > 0) bump('outbox_dropped', excess.length);
      return { added: decision.entries.length, dropped: excess.length };
    },
    list: async () => oldestFirst(),
    async update(entry) {
      if (!entries.has(entry.id)) return false;
      entries.set(entry.id, entry);
      return true;
    },
    has: async (id) => entries.has(id),
    async remove(id) {
      entries.delete(id);
    },
    async clear() {
      const n = entries.size;
      entries.clear();
      state.forgetMemo();
      return n;
    },
    count: async () => entries.size,
    async bump(counter, by = 1) {
      bump(counter, by);
    },
    counter: async (counter) => counters.get(counter) ?? 0,
    reset() {
      entries.clear();
      counters.clear();
    },
  };
}
