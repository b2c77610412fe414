/**
 * The device's permanent randomized responses (state key `memo`): for each memoized metric and true
 * value, the one noised value drawn the first time it was reported (see the metric table in
 * sync-server/protocol/metric-table.ts). Keeping them is what bounds the long-term privacy loss of a
 * persistent value by its permanent epsilon; they never leave the device, and go with everything else
 * when `share` or `personalize` is revoked.
 */
import type { MemoBook } from '../../sync-server/protocol/report-encode';

/** Most draws kept. Far above what a device meets (segments, and 2 values per experiment arm). */
export const MAX_MEMO_ENTRIES = 512;

/** The stored record. */
export interface MemoState {
  readonly version: 1;
  /** [memo key, permanent value], oldest first. */
  readonly entries: readonly (readonly [string, number])[];
}

/** The draws of a stored record as a mutable book; anything malformed is left out. */
export function memoBook(stored: unknown): MemoBook {
  const book: MemoBook = new Map();
  const s = stored as Partial<MemoState> | undefined;
  if (s?.version !== 1 || !Array.isArray(s.entries)) return book;
  for (const entry of s.entries) {
    if (!Array.isArray(entry)) continue;
    const [key, value] = entry as unknown[];
    if (typeof key === 'string' && Number.isInteger(value) && (value as number) >= 0)
      book.set(key, value as number);
  }
  return book;
}

/** A book as the record to store, keeping the newest {@link MAX_MEMO_ENTRIES}. */
export function memoState(book: MemoBook): MemoState {
  return { version: 1, entries: [...book.entries()].slice(-MAX_MEMO_ENTRIES) };
}
