/**
 * One flag in the widget origin's localStorage: "this browser's widget keeps data" (the visitor
 * consented to personalization and IndexedDB holds it). The frame reads it on each page to start
 * the worker at once for such a visitor, and otherwise leaves the worker unstarted until the chat
 * opens. It says nothing the consent record does not, lives only while that record allows keeping,
 * and is removed with it (revocation, "delete everything").
 */

/** The localStorage key. */
export const KEEPING_KEY = 'confide:keeping';

function localStore(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** Whether the widget kept data when this browser last saw it. */
export function wasKeeping(storage: Pick<Storage, 'getItem'> | null = localStore()): boolean {
  try {
    return storage?.getItem(KEEPING_KEY) === '1';
  } catch {
    return false;
  }
}

/** Records whether the widget keeps data now (best effort: refused storage only costs the early start). */
export function markKeeping(
  on: boolean,
  storage: Pick<Storage, 'setItem' | 'removeItem'> | null = localStore(),
): void {
  try {
    if (on) storage?.setItem(KEEPING_KEY, '1');
    else storage?.removeItem(KEEPING_KEY);
  } catch {
    // Storage refused.
  }
}
