/**
 * The outbox on IndexedDB (object store `outbox`, schema v4). Enqueueing reads the ledger, the
 * reported keys and the permanent responses and writes the batches and those records in one readwrite
 * transaction, so the budget is charged and a permanent response kept exactly when a report enters
 * the outbox, even with several tabs or a tab closing.
 */
import type { IDBPDatabase } from 'idb';
import type { MemoState } from '../sync/memo-state';
import type { OutboxCounter, OutboxEntry, OutboxStore, ReportedState } from '../sync/outbox-types';
import type { PrivacyLedger } from '../sync/privacy-ledger';
import type { ConfideSchema } from './schema';

/** The outbox store over an open database. */
export function idbOutbox(db: IDBPDatabase<ConfideSchema>): OutboxStore {
  return {
    async enqueue(decide, max) {
      const tx = db.transaction(['outbox', 'state', 'meta'], 'readwrite');
      const state = tx.objectStore('state');
      const [ledger, reported, memo] = await Promise.all([
        state.get('ledger'),
        state.get('reported'),
        state.get('memo'),
      ]);
      const decision = decide({
        ledger: ledger as PrivacyLedger | undefined,
        reported: reported as ReportedState | undefined,
        memo: memo as MemoState | undefined,
      });
      if (!decision || decision.entries.length === 0) {
        await tx.done;
        return { added: 0, dropped: 0 };
      }
      const outbox = tx.objectStore('outbox');
      for (const entry of decision.entries) await outbox.put(entry);
      await state.put(decision.ledger, 'ledger');
      await state.put(decision.reported, 'reported');
      if (decision.memo) await state.put(decision.memo, 'memo');
      let excess = (await outbox.count()) - max;
      let dropped = 0;
      let cursor = excess > 0 ? await outbox.index('by-created').openCursor() : null;
      while (cursor && excess > 0) {
        await cursor.delete();
        dropped += 1;
        excess -= 1;
        cursor = await cursor.continue();
      }
      if (dropped > 0) {
        const meta = tx.objectStore('meta');
        await meta.put(((await meta.get('outbox_dropped')) ?? 0) + dropped, 'outbox_dropped');
      }
      await tx.done;
      return { added: decision.entries.length, dropped };
    },
    list: () => db.getAllFromIndex('outbox', 'by-created'),
    async update(entry: OutboxEntry) {
      const tx = db.transaction('outbox', 'readwrite');
      const present = (await tx.store.getKey(entry.id)) !== undefined;
      if (present) await tx.store.put(entry);
      await tx.done;
      return present;
    },
    has: async (id) => (await db.getKey('outbox', id)) !== undefined,
    async remove(id) {
      await db.delete('outbox', id);
    },
    async clear() {
      const tx = db.transaction(['outbox', 'state'], 'readwrite');
      const outbox = tx.objectStore('outbox');
      const n = await outbox.count();
      await outbox.clear();
      await tx.objectStore('state').delete('memo');
      await tx.done;
      return n;
    },
    count: () => db.count('outbox'),
    async bump(counter: OutboxCounter, by = 1) {
      const tx = db.transaction('meta', 'readwrite');
      await tx.store.put(((await tx.store.get(counter)) ?? 0) + by, counter);
      await tx.done;
    },
    async counter(counter) {
      return (await db.get('meta', counter)) ?? 0;
    },
  };
}
