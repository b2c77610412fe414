import { describe, expect, it } from 'vitest';
import type { ConsentRecord } from '../../../worker/protocol';
import { CHOICE_KEY, readChoice, rememberChoice, syncChoice } from './visitor-choice';

function memoryStorage(): Storage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
    clear: () => data.clear(),
    key: () => null,
    get length() {
      return data.size;
    },
  };
}

describe('the visitor’s remembered choice', () => {
  it('keeps two booleans and a time, and reads them back', () => {
    const storage = memoryStorage();
    rememberChoice({ personalize: false, share: true }, 5, storage);
    expect(JSON.parse(storage.data.get(CHOICE_KEY) ?? '')).toEqual({
      personalize: false,
      share: false,
      at: 5,
    });
    expect(readChoice(storage)).toEqual({ personalize: false, share: false, at: 5 });
  });

  it('reads nothing from junk, and survives storage that throws', () => {
    const storage = memoryStorage();
    for (const junk of [
      '{',
      '{"personalize":"no","share":false,"at":1}',
      '{"personalize":false,"share":false}',
    ]) {
      storage.data.set(CHOICE_KEY, junk);
      expect(readChoice(storage)).toBeUndefined();
    }
    const refusing = {
      getItem: (): string | null => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: (): void => {
        throw new DOMException('denied', 'SecurityError');
      },
    };
    expect(readChoice(refusing)).toBeUndefined();
    expect(() => rememberChoice({ personalize: true, share: true }, 1, refusing)).not.toThrow();
  });

  it('is kept only while the visitor’s decision leaves nothing stored, and goes with "delete everything"', () => {
    const storage = memoryStorage();
    const record = (personalize: boolean, chosen?: ConsentRecord['chosen']): ConsentRecord => ({
      personalize,
      share: false,
      notice: 'n',
      at: 7,
      source: 'prompt',
      ...(chosen ? { chosen } : {}),
    });
    syncChoice(record(false, { personalize: false, share: false }), storage);
    expect(readChoice(storage)).toEqual({ personalize: false, share: false, at: 7 });
    // A record the site set, with no decision of the visitor's, leaves the memory as it is.
    syncChoice(record(false), storage);
    expect(readChoice(storage)).toBeDefined();
    // With personalize on, the database holds the record; without any record, nothing is kept.
    syncChoice(record(true, { personalize: true, share: false }), storage);
    expect(storage.data.size).toBe(0);
    syncChoice(record(false, { personalize: true, share: false }), storage);
    expect(readChoice(storage)?.personalize).toBe(true);
    syncChoice(null, storage);
    expect(storage.data.size).toBe(0);
    // A choice of everything caps nothing, so a site's narrowing of it leaves nothing behind.
    syncChoice(record(false, { personalize: true, share: true }), storage);
    expect(storage.data.size).toBe(0);
  });
});
