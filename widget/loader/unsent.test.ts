import { describe, expect, it } from 'vitest';
import type { TrackEvent } from '../../worker/protocol';
import { UNSENT_KEY, unsentEvents } from './unsent';

/** sessionStorage as the loader uses it: a string map that may refuse writes. */
function memoryStorage(initial: Record<string, string> = {}, refuse = false) {
  const map = new Map(Object.entries(initial));
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => {
      if (refuse) throw new DOMException('full', 'QuotaExceededError');
      map.set(k, v);
    },
    removeItem: (k: string) => void map.delete(k),
  };
}

const ev = (id: string): TrackEvent => ({ type: 'purchase', props: { item: id }, ts: 1, id });

describe('unsentEvents', () => {
  it('writes nothing until the frame says it keeps events, then only what is unconfirmed', () => {
    const storage = memoryStorage();
    const unsent = unsentEvents(storage);
    unsent.hold(ev('a'));
    unsent.save();
    expect(storage.map.size).toBe(0);
    unsent.keeping(true);
    unsent.hold(ev('b'));
    unsent.confirm('a');
    unsent.save();
    expect(JSON.parse(storage.map.get(UNSENT_KEY) ?? '')).toEqual([ev('b')]);
  });

  it('carries what the last page left to the next one, which holds it until confirmed', () => {
    const storage = memoryStorage({ [UNSENT_KEY]: JSON.stringify([ev('a'), ev('b')]) });
    const next = unsentEvents(storage);
    expect(next.carried).toEqual([ev('a'), ev('b')]);
    // Each confirmation of a carried event rewrites the entry at once: nothing delivered lingers.
    next.confirm('a');
    expect(JSON.parse(storage.map.get(UNSENT_KEY) ?? '')).toEqual([ev('b')]);
    next.hold(ev('c'));
    next.confirm('b');
    expect(JSON.parse(storage.map.get(UNSENT_KEY) ?? '')).toEqual([ev('c')]);
    // Confirming an event the entry does not hold writes nothing.
    storage.map.set(UNSENT_KEY, 'untouched');
    next.confirm('d');
    expect(storage.map.get(UNSENT_KEY)).toBe('untouched');
  });

  it('removes everything as soon as the frame says it no longer keeps events', () => {
    const storage = memoryStorage({ [UNSENT_KEY]: JSON.stringify([ev('a')]) });
    const unsent = unsentEvents(storage);
    unsent.keeping(false);
    expect(storage.map.has(UNSENT_KEY)).toBe(false);
    unsent.save();
    expect(storage.map.has(UNSENT_KEY)).toBe(false);
  });

  it('survives damaged entries, refused writes and missing storage', () => {
    expect(unsentEvents(memoryStorage({ [UNSENT_KEY]: '{not json' })).carried).toEqual([]);
    expect(unsentEvents(memoryStorage({ [UNSENT_KEY]: '{"a":1}' })).carried).toEqual([]);
    const refusing = unsentEvents(memoryStorage({ [UNSENT_KEY]: '[]' }, true));
    refusing.hold(ev('a'));
    expect(() => refusing.save()).not.toThrow();
    const none = unsentEvents(null);
    none.keeping(true);
    none.hold(ev('a'));
    expect(() => none.save()).not.toThrow();
  });
});
