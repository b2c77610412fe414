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
    close() {
      events.clear();
      consent = undefined;
    },
  };
}
