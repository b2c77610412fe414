/**
 * The store used when the browser refuses IndexedDB to the frame (third-party storage blocked,
 * private modes). Same interface, kept only for the life of the worker: nothing outlives the page.
 */
import type { ConsentRecord, TrackEvent } from './protocol';
import type { Store } from './store';

/** A session-only store with the same semantics as the IndexedDB one. */
export function createMemoryStore(): Store {
  let consent: ConsentRecord | undefined;
  const events = new Map<string, TrackEvent>();
  return {
    getConsent: async () => consent,
    async putConsent(record) {
      consent = record;
    },
    async addEvent(event) {
      if (events.has(event.id)) return false;
      events.set(event.id, event);
      return true;
    },
    events: async () => [...events.values()].sort((a, b) => a.ts - b.ts),
    countEvents: async () => events.size,
    async purgeBefore(cutoffMs) {
      let n = 0;
      for (const [id, e] of events) if (e.ts < cutoffMs && events.delete(id)) n++;
      return n;
    },
    async evictOldest(count) {
      const oldest = [...events.values()].sort((a, b) => a.ts - b.ts).slice(0, Math.max(0, count));
      for (const e of oldest) events.delete(e.id);
      return oldest.length;
    },
    close() {
      events.clear();
      consent = undefined;
    },
  };
}
