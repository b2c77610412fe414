/**
 * Helpers for the loader's end-to-end specs: read what the worker stored (from inside the frame, as
 * the visitor's browser holds it) and record the host→frame messages the frame received.
 */
import type { Frame, Page } from '@playwright/test';

/** One stored event as the worker keeps it. */
export interface StoredEvent {
  readonly type: string;
  readonly props: Record<string, string | number | boolean>;
  readonly ts: number;
}

/** The events in the widget's IndexedDB, oldest first; `[]` while no database exists. */
export function storedEvents(frame: Frame): Promise<StoredEvent[]> {
  return frame.evaluate(async () => {
    // Opening a database that does not exist would create it: look first.
    const dbs = await indexedDB.databases();
    if (!dbs.some((d) => d.name === 'confide')) return [];
    return new Promise<StoredEvent[]>((done, fail) => {
      const req = indexedDB.open('confide');
      req.onerror = () => fail(req.error);
      req.onsuccess = () => {
        const db = req.result;
        if (!db.objectStoreNames.contains('events')) {
          db.close();
          return done([]);
        }
        const all = db.transaction('events').objectStore('events').getAll();
        all.onsuccess = () => {
          db.close();
          done((all.result as StoredEvent[]).sort((a, b) => a.ts - b.ts));
        };
      };
    });
  });
}

/** Whether the widget's IndexedDB exists (it is deleted when consent is withdrawn). */
export function hasDatabase(frame: Frame): Promise<boolean> {
  return frame.evaluate(async () => (await indexedDB.databases()).some((d) => d.name === 'confide'));
}

/** A host→frame message as the frame received it. */
export interface Received {
  readonly type: string;
  readonly [key: string]: unknown;
}

/**
 * Records, inside every frame of the widget origin, each Confide message it receives, before any
 * frame script runs. Read them with {@link received}.
 */
export async function recordFrameMessages(page: Page, widgetUrl: string): Promise<void> {
  await page.addInitScript((origin) => {
    if (location.origin !== origin) return;
    const log: unknown[] = [];
    (window as unknown as { __confideReceived: unknown[] }).__confideReceived = log;
    addEventListener('message', (e) => {
      if ((e.data as { channel?: string } | null)?.channel === 'confide/1') log.push(e.data);
    });
  }, new URL(widgetUrl).origin);
}

/** The messages the frame received so far (see {@link recordFrameMessages}). */
export function received(frame: Frame): Promise<Received[]> {
  return frame.evaluate(
    () => (window as unknown as { __confideReceived?: Received[] }).__confideReceived ?? [],
  );
}

/** Calls the host page's `confide()` function. */
export function confide(page: Page, ...args: unknown[]): Promise<void> {
  return page.evaluate(
    (a) => (window as unknown as { confide: (...x: unknown[]) => void }).confide(...a),
    args,
  );
}

/**
 * Records, inside every document of the widget origin, each status the worker pushes (the frame
 * dispatches it as `confide:status` on its window). A status is pushed after each delivery of
 * recommendations, once that delivery's sync is done: with it, a test knows a report that was
 * going to leave has left. Read them with {@link pushedStatuses}.
 */
export async function recordStatuses(page: Pick<Page, 'addInitScript'>, widgetUrl: string): Promise<void> {
  await page.addInitScript((origin) => {
    if (location.origin !== origin) return;
    const log: unknown[] = [];
    (window as unknown as { __confideStatuses: unknown[] }).__confideStatuses = log;
    addEventListener('confide:status', (e) => log.push((e as CustomEvent).detail));
  }, new URL(widgetUrl).origin);
}

/** A pushed status, as far as the e2e tests read it. */
export interface PushedStatus {
  readonly consent: { readonly personalize: boolean; readonly share: boolean } | null;
  readonly privacy: {
    readonly reportsSent: number;
    readonly outbox?: number;
    readonly sharing?: 'on' | 'off' | 'unavailable';
  };
}

/** The statuses pushed so far (see {@link recordStatuses}); `frame` is the widget's document. */
export function pushedStatuses(frame: Frame): Promise<PushedStatus[]> {
  return frame.evaluate(
    () => (window as unknown as { __confideStatuses?: PushedStatus[] }).__confideStatuses ?? [],
  );
}

/**
 * Records, in the host page, every Confide message the widget's frame sends it. The frame confirms
 * each event it handed to the worker with `tracked`, so a test can wait until an event was handled.
 */
export async function recordHostMessages(page: Page, widgetUrl: string): Promise<void> {
  await page.addInitScript((origin) => {
    if (location.origin === origin) return;
    const log: unknown[] = [];
    (window as unknown as { __confideHeard: unknown[] }).__confideHeard = log;
    addEventListener('message', (e) => {
      if (e.origin === origin && (e.data as { channel?: string } | null)?.channel === 'confide/1')
        log.push(e.data);
    });
  }, new URL(widgetUrl).origin);
}

/** The frame's messages the host page heard so far (see {@link recordHostMessages}). */
export function heard(page: Page): Promise<Received[]> {
  return page.evaluate(() => (window as unknown as { __confideHeard?: Received[] }).__confideHeard ?? []);
}

/** How many events the frame confirmed as handled by the worker (stored, refused or invalid). */
export async function handledEvents(page: Page): Promise<number> {
  return (await heard(page)).filter((m) => m.type === 'tracked').length;
}
