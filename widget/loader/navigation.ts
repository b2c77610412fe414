/**
 * Single-page-app navigations through the History API. `pushState` and `replaceState` fire no event,
 * so they are wrapped, once per History object: the wrapper calls the original with the same `this`
 * and arguments, returns its result and lets its exceptions through unchanged, and only after a call
 * that succeeded tells Confide; nothing Confide does can make the site's navigation fail.
 */

/** The part of `history` that is wrapped. */
export interface HistoryLike {
  pushState(data: unknown, unused: string, url?: string | URL | null): void;
  replaceState(data: unknown, unused: string, url?: string | URL | null): void;
}

/** The part of `window` navigation listens to. */
export interface NavigationWindow {
  readonly history: HistoryLike;
  addEventListener(type: 'popstate', listener: () => void): void;
  /** The Navigation API, where the browser has it. */
  readonly navigation?: { addEventListener(type: 'currententrychange', listener: () => void): void };
}

const wrapped = new WeakSet<object>();

/**
 * Calls `changed` after every successful `pushState` / `replaceState`, on `popstate` (back and
 * forward) and, where the Navigation API exists, on each change of the current entry. Whether the URL really changed is the caller's question. A second call for the same
 * history object does nothing, so a page that includes the script twice is not wrapped twice.
 */
export function watchHistory(win: NavigationWindow, changed: () => void): void {
  const history = win.history;
  if (wrapped.has(history)) return;
  wrapped.add(history);
  const notify = () => {
    try {
      changed();
    } catch {
      // Confide's own trouble must never surface inside the site's router.
    }
  };
  for (const name of ['pushState', 'replaceState'] as const) {
    const original = history[name];
    if (typeof original !== 'function') continue;
    history[name] = function (this: HistoryLike, ...args: Parameters<HistoryLike['pushState']>) {
      const result = original.apply(this, args);
      notify();
      return result;
    };
  }
  win.addEventListener('popstate', notify);
  // A router that kept a reference to the original pushState bypasses the wrapper; where the browser
  // has the Navigation API, its entry changes still tell (the caller ignores repeats).
  win.navigation?.addEventListener('currententrychange', notify);
}
