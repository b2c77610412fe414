/**
 * Dwell time: how long a page was visible before the visitor first left it (hid the tab, navigated,
 * closed it, or moved on in a single-page app). One value per page: the first departure is the one
 * that still reaches the frame on every browser, since a hidden tab may be discarded without `pagehide`.
 */

/** The part of `document` dwell reads. */
export interface DwellDocument {
  readonly visibilityState: DocumentVisibilityState;
  addEventListener(type: 'visibilitychange', listener: () => void): void;
}

/** The part of `window` dwell listens to. */
export interface DwellWindow {
  addEventListener(type: 'pagehide', listener: () => void): void;
}

/** The longest dwell reported; a tab left open for days is not days of attention. */
export const MAX_DWELL_MS = 30 * 60_000;

/** Controls the dwell of the current page. */
export interface Dwell {
  /** Ends the current page (reporting it if not yet done) and starts timing the next one. */
  next(): void;
}

/**
 * Times visible page time and calls `report(ms)` once per page (never with 0). `now` is a monotonic
 * clock in ms (`performance.now`).
 */
export function trackDwell(
  doc: DwellDocument,
  win: DwellWindow,
  report: (ms: number) => void,
  now: () => number,
): Dwell {
  let since: number | null = null;
  let total = 0;
  let done = false;
  const end = () => {
    if (done) return;
    done = true;
    if (since !== null) total += now() - since;
    since = null;
    const ms = Math.round(Math.min(total, MAX_DWELL_MS));
    if (ms > 0) report(ms);
  };
  const start = () => {
    total = 0;
    done = false;
    since = doc.visibilityState === 'visible' ? now() : null;
  };
  doc.addEventListener('visibilitychange', () => {
    if (doc.visibilityState !== 'visible') end();
    else if (!done && since === null) since = now(); // Opened in a background tab, now seen.
  });
  win.addEventListener('pagehide', end);
  start();
  return {
    next() {
      end();
      start();
    },
  };
}
