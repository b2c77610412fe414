/**
 * Webview mode: the frame document loaded as a top-level page, as a mobile app's webview loads it,
 * talking to the app through its native bridge. No native app runs here, so the ONLY mock in these
 * tests is the native side: an init script installs a recording stand-in for
 * `window.webkit.messageHandlers.confide` (iOS) or `window.ConfideAndroid` (Android) before the page's
 * own scripts run, exactly where WebKit and Android put the real objects. The frame, worker, models,
 * IndexedDB and sync server are all real. The "app" talks to the frame the way evaluateJavaScript does:
 * by calling `window.confideBridge.receive(...)` in the page.
 */
import type { Page } from '@playwright/test';
import { startWebviewServer } from '../../demo/webview-server';
import type { ConsentRecord, TrackEvent } from '../../worker/protocol';
import { pushedStatuses, recordStatuses } from './loader-helpers';
import { expect, test, widgetFrame } from './stack';

type Sent = { type: string; [key: string]: unknown };

/** The iOS handler stand-in: WebKit hands the app a copy of the object, so the stand-in keeps copies. */
const IOS_STAND_IN = () => {
  const sent: unknown[] = [];
  Object.assign(window, {
    __sent: sent,
    webkit: { messageHandlers: { confide: { postMessage: (m: unknown) => sent.push(structuredClone(m)) } } },
  });
};

/** The Android interface stand-in: a @JavascriptInterface method takes strings only. */
const ANDROID_STAND_IN = () => {
  const sent: unknown[] = [];
  Object.assign(window, {
    __sent: sent,
    ConfideAndroid: {
      postMessage(json: unknown) {
        if (typeof json !== 'string') throw new TypeError('an @JavascriptInterface method takes a string');
        sent.push(JSON.parse(json));
      },
    },
  });
};

const sent = (page: Page) => page.evaluate(() => (window as unknown as { __sent: Sent[] }).__sent);
const sentTypes = async (page: Page) => (await sent(page)).map((m) => m.type);

/** What the app does with evaluateJavaScript: one call into the page's bridge. */
const receive = (page: Page, message: unknown) =>
  page.evaluate(
    (m) =>
      (window as unknown as { confideBridge: { receive(m: unknown): boolean } }).confideBridge.receive(m),
    message,
  );

const event = (type: TrackEvent['type'], props: TrackEvent['props'], id: string): TrackEvent => ({
  type,
  props,
  ts: Date.now(),
  id,
});

/** The consent record and events the worker keeps, read from the page; null before the database exists. */
function stored(page: Page) {
  return page.evaluate(async () => {
    // Opening a database that does not exist would create it: look first.
    if (!(await indexedDB.databases()).some((d) => d.name === 'confide')) return null;
    return new Promise<{ consent: ConsentRecord | undefined; events: TrackEvent[] }>((done, fail) => {
      const req = indexedDB.open('confide');
      req.onerror = () => fail(req.error);
      req.onsuccess = () => {
        const tx = req.result.transaction(['consent', 'events']);
        const consent = tx.objectStore('consent').get('current');
        const events = tx.objectStore('events').getAll();
        tx.oncomplete = () => {
          req.result.close();
          done({ consent: consent.result, events: events.result });
        };
        tx.onerror = () => fail(tx.error);
      };
    });
  });
}

const webviewUrl = (widgetUrl: string, extra = '') =>
  `${widgetUrl}/frame.html?mode=webview&site=demo${extra}`;

test('iOS: the app passes consent and events and receives recommendations and segments', async ({
  page,
  stack,
}) => {
  await page.addInitScript(IOS_STAND_IN);
  const response = await page.goto(webviewUrl(stack.widgetUrl));
  expect(response?.status()).toBe(200); // frame-ancestors governs framing only: top-level loads
  await expect.poll(() => sentTypes(page)).toContain('ready');

  // Before the app relays consent: nothing kept, nothing sent.
  expect(await stored(page)).toBeNull();
  expect(stack.rows('select * from reports')).toEqual([]);

  expect(await receive(page, { channel: 'confide/1', type: 'consent', personalize: true, share: true })).toBe(
    true,
  );
  expect(await receive(page, { type: 'track', event: event('item_view', { item: '85123A' }, 'ios-1') })).toBe(
    true,
  );
  // Android-style JSON strings are accepted on iOS too; invalid messages are refused.
  expect(
    await receive(
      page,
      JSON.stringify({ type: 'track', event: event('item_view', { item: '22423' }, 'ios-2') }),
    ),
  ).toBe(true);
  expect(await receive(page, { type: 'track', event: { type: 'item_view' } })).toBe(false);

  await expect
    .poll(async () => (await stored(page))?.events.map((e) => e.id).sort(), { timeout: 10_000 })
    .toEqual(['ios-1', 'ios-2']);
  expect((await stored(page))?.consent).toMatchObject({ personalize: true, share: true, source: 'webview' });

  await expect.poll(() => sentTypes(page), { timeout: 30_000 }).toContain('recommendation');
  const rec = (await sent(page)).find((m) => m.type === 'recommendation') as unknown as {
    items: { id: string }[];
  };
  expect(rec.items.length).toBeGreaterThan(0);
  expect(rec.items.every((i) => typeof i.id === 'string')).toBe(true);

  await receive(page, { type: 'track', event: event('purchase', { item: '85123A', quantity: 2 }, 'ios-3') });
  await expect.poll(() => sentTypes(page), { timeout: 30_000 }).toContain('segment');
  const seg = (await sent(page)).find((m) => m.type === 'segment');
  expect(seg).toMatchObject({
    channel: 'confide/1',
    segment: { id: expect.any(Number), name: expect.any(String) },
  });

  // With `share` granted the frame's one allowed report reaches the server from the widget origin.
  await expect.poll(() => stack.rows('select * from reports').length, { timeout: 15_000 }).toBeGreaterThan(0);
});

test('GPC set by the app turns sharing off whatever the consent message says', async ({ page, stack }) => {
  await page.addInitScript(IOS_STAND_IN);
  await recordStatuses(page, stack.widgetUrl);
  await page.goto(webviewUrl(stack.widgetUrl, '&gpc=1'));
  await expect.poll(() => sentTypes(page)).toContain('ready');
  await receive(page, { type: 'consent', personalize: true, share: true, source: 'webview' });
  await receive(page, { type: 'track', event: event('item_view', { item: '85123A' }, 'gpc-1') });

  await expect.poll(() => sentTypes(page), { timeout: 30_000 }).toContain('recommendation');
  const kept = await stored(page);
  expect(kept?.consent).toMatchObject({ personalize: true, share: false });
  expect(kept?.events.map((e) => e.id)).toEqual(['gpc-1']);
  // The status that follows the delivery's sync attempt: a report would have left before it.
  await expect.poll(async () => (await pushedStatuses(page.mainFrame())).length).toBeGreaterThan(0);
  expect(stack.requests.filter((r) => r.url().endsWith('/v1/reports'))).toEqual([]);
  expect(stack.rows('select * from reports')).toEqual([]);
});

test('Android: JSON strings both ways through the @JavascriptInterface object', async ({ page, stack }) => {
  await page.addInitScript(ANDROID_STAND_IN);
  await page.goto(webviewUrl(stack.widgetUrl));
  await expect.poll(() => sentTypes(page)).toContain('ready');

  // evaluateJavascript("confideBridge.receive('…')") passes a string.
  const json = (m: unknown) => JSON.stringify(m);
  expect(await receive(page, json({ type: 'consent', personalize: true, share: false }))).toBe(true);
  expect(
    await receive(page, json({ type: 'track', event: event('item_view', { item: '47566' }, 'and-1') })),
  ).toBe(true);
  expect(await receive(page, '{"type":"track"')).toBe(false);

  await expect.poll(() => sentTypes(page), { timeout: 30_000 }).toContain('recommendation');
  const kept = await stored(page);
  expect(kept?.consent).toMatchObject({ personalize: true, share: false, source: 'webview' });
  expect(kept?.events.map((e) => e.id)).toEqual(['and-1']);
});

test('the bridge exists only in webview mode, and webview mode refuses to be framed', async ({
  page,
  stack,
}) => {
  await page.addInitScript(IOS_STAND_IN); // even with a native handler present in every frame
  const warnings: string[] = [];
  page.on('console', (m) => warnings.push(m.text()));

  // The ordinary iframe embedding: no bridge in the frame.
  await page.goto(`${stack.demo.url}/`);
  const frame = await widgetFrame(page);
  await expect(frame.getByRole('button', { name: 'Open chat' })).toBeVisible();
  expect(await frame.evaluate(() => 'confideBridge' in window)).toBe(false);

  // An allowed host page (frame-ancestors lets it frame) puts a webview URL in an iframe.
  stack.hostPages.set('/framed.html', `<iframe name="w" src="${webviewUrl(stack.widgetUrl)}"></iframe>`);
  await page.goto(`${stack.hostPages.url}/framed.html`);
  await expect.poll(() => warnings.some((w) => w.includes('not framed by another origin'))).toBe(true);
  const framed = page.frame('w');
  expect(await framed?.evaluate(() => 'confideBridge' in window)).toBe(false);
  // The warning is the frame's decision to stay inert; its document has finished starting.
  await framed?.waitForLoadState('load');
  expect(await framed?.evaluate(() => (window as unknown as { __sent: unknown[] }).__sent)).toEqual([]);
  expect(await framed?.locator('button').count()).toBe(0);
});

test('the demo page plays the app around a webview-mode frame', async ({ page, stack }) => {
  const demo = await startWebviewServer(stack.widgetUrl);
  try {
    // The demo and the frame share the demo's origin, which must be allowed to frame the widget.
    const site = await stack.server.store.getSite('demo');
    await stack.server.store.upsertSite('demo', [...(site?.origins ?? []), demo.url], '2025-01-01');
    await page.goto(`${demo.url}/webview.html`);
    const log = page.getByRole('list', { name: 'Bridge messages' });
    await expect(log).toContainText('frame → app  {"type":"ready"', { timeout: 15_000 });

    await page.getByRole('button', { name: 'Accept all' }).click();
    await page.getByRole('button', { name: 'Item viewed' }).click();
    await expect(page.locator('#recs')).not.toBeEmpty({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Purchased' }).click();
    await expect(page.locator('#segment')).not.toBeEmpty({ timeout: 30_000 });

    // The Android variant of the same page: strings through ConfideAndroid.
    await page.getByLabel('Platform').selectOption('android');
    await expect(log).toContainText('frame → app  {"type":"ready"', { timeout: 15_000 });
    await page.getByRole('button', { name: 'Open chat' }).click();
    await expect(log).toContainText('frame → app  {"type":"view"');
  } finally {
    await demo.close();
  }
});
