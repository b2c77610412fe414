/**
 * The store used when the browser refuses IndexedDB to the frame (third-party storage blocked,
 * private modes). Same interface, kept only for the life of the worker: nothing outlives the page.
 */

import type { ConsentRecord, TrackEvent } from '../protocol';
import { memoryOutbox } from './outbox-memory';
import type { SealedMessage, StateMap } from './state-map';
import type { Store } from './store';

/** A session-only store with the same semantics as the IndexedDB one. */
export function createMemoryStore(): Store {
  let consent: ConsentRecord | undefined;
  const events = new Map<string, TrackEvent>();
  const state = new Map<keyof StateMap, StateMap[keyof StateMap]>();
  const transcripts = new Map<string, SealedMessage>();
  const keys = new Map<string, CryptoKey>();
  const byTs = () => [...events.values()].sort((a, b) => a.ts - b.ts);
  const outbox = memoryOutbox({
    get: () => ({
      ledger: state.get('ledger') as StateMap['ledger'] | undefined,
      reported: state.get('reported') as StateMap['reported'] | undefined,
      memo: state.get('memo') as StateMap['memo'] | undefined,
    }),
    set(ledger, reported, memo) {
      state.set('ledger', ledger);
      state.set('reported', reported);
      if (memo) state.set('memo', memo);
    },
    forgetMemo() {
      state.delete('memo');
    },
  });
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
    events: async () => byTs(),
    countEvents: async () => events.size,
    async purgeBefore(cutoffMs) {
      let n = 0;
      for (const [id, e] of events) if (e.ts < cutoffMs && events.delete(id)) n++;
      return n;
    },
    async evictOldest(count) {
      const oldest = byTs().slice(0, Math.max(0, count));
      for (const e of oldest) events.delete(e.id);
      return oldest.length;
    },
    getState: async <K extends keyof StateMap>(key: K) => state.get(key) as StateMap[K] | undefined,
    async putState(key, value) {
      state.set(key, value);
    },
    async addMessage(message) {
      transcripts.set(message.id, message);
    },
    messages: async () => [...transcripts.values()].sort((a, b) => a.at - b.at),
    async lastMessages(limit) {
      const all = [...transcripts.values()].sort((a, b) => a.at - b.at);
      return limit > 0 ? all.slice(-limit) : [];
    },
    countMessages: async () => transcripts.size,
    async purgeMessagesBefore(cutoffMs) {
      let n = 0;
      for (const [id, m] of transcripts) if (m.at < cutoffMs && transcripts.delete(id)) n++;
      return n;
    },
    getKey: async (name) => keys.get(name),
    async putKey(name, key) {
      keys.set(name, key);
    },
    async keepFirstKey(name, key) {
      const kept = keys.get(name) ?? key;
      keys.set(name, kept);
      return kept;
    },
    async keepFirstState<K extends keyof StateMap>(key: K, value: StateMap[K]) {
      const kept = (state.get(key) as StateMap[K] | undefined) ?? value;
      state.set(key, kept);
      return kept;
    },
    counts: async () => ({
      events: events.size,
      transcripts: transcripts.size,
      state: state.size,
      keys: keys.size,
    }),
    outbox,
    close() {
      outbox.reset();
      events.clear();
      state.clear();
      transcripts.clear();
      keys.clear();
      consent = undefined;
    },
  };
}
