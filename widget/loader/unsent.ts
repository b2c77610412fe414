/**
 * Events the loader captured that the frame has not confirmed yet (the worker stored or refused
 * them). A page left before that (an order confirmation closed at once, a frame still starting)
 * would lose them. For a visitor whose widget keeps events, they wait in this tab's sessionStorage
 * when the page is hidden, and the tab's next page sends them again; the store ignores an event id
 * it already holds. Nothing is written before the frame said it keeps events, and the entry is
 * removed as soon as it says it no longer does.
 */
import type { TrackEvent } from '../../worker/protocol';

/** The sessionStorage key; its presence means the widget kept events on the tab's last page. */
export const UNSENT_KEY = 'confide:unsent';
/** At most this many events are held (as many as the loader queues for a frame still loading). */
const MAX_UNSENT = 100;

/** The held events. */
export interface Unsent {
  /** Events carried over from the tab's previous page, to send before anything else. */
  readonly carried: readonly TrackEvent[];
  hold(event: TrackEvent): void;
  confirm(id: string): void;
  /** What the frame says about keeping events. */
  keeping(on: boolean): void;
  /** The page is being hidden or left: write what is unconfirmed, if events are kept. */
  save(): void;
}

/** Reads what the tab's previous page left and starts holding; `storage` null when unavailable. */
export function unsentEvents(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null): Unsent {
  const held = new Map<string, TrackEvent>();
  let raw: string | null = null;
  try {
    raw = storage?.getItem(UNSENT_KEY) ?? null;
  } catch {
    // Storage refused (sandboxed page, storage disabled): nothing is carried.
  }
  let keep = raw !== null;
  let carried: TrackEvent[] = [];
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    if (Array.isArray(parsed)) carried = parsed.slice(0, MAX_UNSENT) as TrackEvent[];
  } catch {
    // A damaged entry is dropped; the frame validates every event anyway.
  }
  const write = (fn: () => void) => {
    try {
      fn();
    } catch {
      // A full or refused storage costs only the carry-over.
    }
  };
  // Ids in the tab's entry right now: once one is confirmed the entry is rewritten at once, so what
  // was carried does not linger in the host's storage until the page is left.
  let written = new Set(carried.map((e) => e.id));
  const unsent: Unsent = {
    carried,
    hold(event) {
      if (held.size < MAX_UNSENT) held.set(event.id, event);
    },
    confirm(id) {
      held.delete(id);
      if (written.has(id)) unsent.save();
    },
    keeping(on) {
      keep = on;
      if (!on) write(() => storage?.removeItem(UNSENT_KEY));
    },
    save() {
      if (!keep) return;
      written = new Set(held.keys());
      write(() => storage?.setItem(UNSENT_KEY, JSON.stringify([...held.values()])));
    },
  };
  for (const e of carried) unsent.hold(e);
  return unsent;
}
