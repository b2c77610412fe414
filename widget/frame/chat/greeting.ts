/**
 * Remembers, for the browser tab's session, that the proactive greeting was shown. The mark lives in
 * the widget origin's `sessionStorage`, and only while the visitor allows `personalize`: before consent
 * nothing may be written anywhere, so a visitor without it is never greeted proactively (the greeting
 * is segment-aware, which needs personalization anyway). Revocation and `forget` erase the mark.
 */

const KEY = 'confide:greeted';

/** The tab's session storage, or null where the browser refuses it (blocked third-party storage). */
function session(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** Whether this session was greeted already. */
export function wasGreeted(): boolean {
  try {
    return session()?.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

/** Marks the session as greeted; call only with `personalize` granted. */
export function markGreeted(): void {
  try {
    session()?.setItem(KEY, '1');
  } catch {
    // Storage full or refused: the greeting may come again on the next page, nothing worse.
  }
}

/** Erases everything the frame itself kept (the mark is the only thing). */
export function forgetGreeted(): void {
  try {
    session()?.clear();
  } catch {
    // Nothing was kept where the browser refuses storage.
  }
}
