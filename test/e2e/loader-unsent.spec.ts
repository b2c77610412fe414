/**
 * Events captured on a page that is left before the worker stored them: the loader carries them in
 * the tab's sessionStorage to the next page, but only for a visitor whose widget keeps events, and
 * nothing of it stays once the visitor withdraws. Each test holds back part of the widget so the
 * page is provably left before delivery, then checks the event arrives from the next page.
 */
import { readFileSync } from 'node:fs';
import type { Page, Route } from '@playwright/test';
import {
  confide,
  hasDatabase,
  heard,
  received,
  recordFrameMessages,
  recordHostMessages,
  storedEvents,
} from './loader-helpers';
import { expect, test, widgetFrame } from './stack';

// The tests hold the frame document or the worker script back with Playwright's router, which does
// not see what a service worker answers; the widget's service worker (offline.spec.ts) stays off.
test.use({ serviceWorkers: 'block' });

const catalog = JSON.parse(readFileSync('models/artifacts/catalog.json', 'utf8')) as {
  items: { id: string; title: string; price: number }[];
};
const item = catalog.items[3]!;
const UNSENT = 'confide:unsent';

/**
 * A consented visitor on the shop's home page, its events stored, and the loader told that the
 * widget keeps events (only then may it carry any to the next page).
 */
async function consentedVisitor(page: Page, stack: { demo: { url: string }; widgetUrl: string }) {
  await recordHostMessages(page, stack.widgetUrl);
  await page.goto(`${stack.demo.url}/`);
  await confide(page, 'consent', { personalize: true, share: false });
  const frame = await widgetFrame(page);
  await expect.poll(async () => (await storedEvents(frame)).length).toBeGreaterThan(0);
  await expect
    .poll(async () => (await heard(page)).some((m) => m.type === 'keeping' && m.on === true))
    .toBe(true);
}

/** Holds every request matching `pattern` unanswered until released (aborted). */
async function hold(page: Page, pattern: RegExp) {
  const held: Route[] = [];
  await page.route(pattern, (route) => void held.push(route));
  return {
    held,
    async release() {
      await page.unroute(pattern);
      await Promise.all(held.map((r) => r.abort().catch(() => undefined)));
    },
  };
}

/** Opens the order confirmation without waiting for the (held) frame, until the loader has read it. */
async function openOrderPage(page: Page, demoUrl: string) {
  await page.goto(`${demoUrl}/order/${encodeURIComponent(item.id)}`, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => (window as unknown as { confide?: { loaded?: boolean } }).confide?.loaded);
}

const purchases = async (page: Page) =>
  (await storedEvents(await widgetFrame(page))).filter((e) => e.type === 'purchase').map((e) => e.props.item);

test('a purchase on a page left before its frame loaded is stored from the next page', async ({
  page,
  stack,
}) => {
  await consentedVisitor(page, stack);
  const frameDoc = await hold(page, /\/frame\.html/);
  await openOrderPage(page, stack.demo.url);
  // The frame's document is held: nothing on this page can have reached the worker.
  await expect.poll(() => frameDoc.held.length).toBe(1);
  await frameDoc.release();

  // What the next page's loader found, read before any of its scripts ran.
  await page.addInitScript((key) => {
    (window as unknown as { __unsentAtBoot: string | null }).__unsentAtBoot = sessionStorage.getItem(key);
  }, UNSENT);
  await page.goto(`${stack.demo.url}/`);
  const entry = () => page.evaluate((key) => sessionStorage.getItem(key) ?? '', UNSENT);
  expect(
    await page.evaluate(() => (window as unknown as { __unsentAtBoot: string | null }).__unsentAtBoot),
  ).toContain(item.id);
  await expect.poll(() => purchases(page)).toEqual([item.id]);
  // Confirmed, so the tab's entry no longer holds it.
  await expect.poll(entry).not.toContain(item.id);
});

test('a purchase the frame received but the worker had not stored yet is stored from the next page', async ({
  page,
  stack,
}) => {
  await recordFrameMessages(page, stack.widgetUrl);
  await consentedVisitor(page, stack);
  const workerScript = await hold(page, /\/assets\/worker-[^/]*\.js/);
  await openOrderPage(page, stack.demo.url);
  const frame = await widgetFrame(page);
  // The frame has the purchase, but its worker cannot start: the page is left before any store.
  await expect
    .poll(async () =>
      (await received(frame)).some((m) => (m.event as { type?: string })?.type === 'purchase'),
    )
    .toBe(true);
  expect(workerScript.held.length).toBeGreaterThan(0);
  await workerScript.release();

  await page.goto(`${stack.demo.url}/`);
  await expect.poll(() => purchases(page)).toEqual([item.id]);
});

test('without consent, and after withdrawing it, the host page keeps nothing of the widget', async ({
  page,
  stack,
}) => {
  await recordFrameMessages(page, stack.widgetUrl);
  await recordHostMessages(page, stack.widgetUrl);
  await page.goto(`${stack.demo.url}/`);
  let frame = await widgetFrame(page);
  // The frame has handled the page's events (refused them: no consent) before the page is left.
  await expect.poll(async () => (await received(frame)).some((m) => m.type === 'track')).toBe(true);
  await page.goto(`${stack.demo.url}/order/${encodeURIComponent(item.id)}`);
  frame = await widgetFrame(page);
  await expect.poll(async () => (await received(frame)).some((m) => m.type === 'track')).toBe(true);
  expect(await page.evaluate((key) => sessionStorage.getItem(key), UNSENT)).toBeNull();
  expect(await hasDatabase(frame)).toBe(false);

  // With consent, the marker appears when a page is left; withdrawing removes it at once.
  await confide(page, 'consent', { personalize: true, share: false });
  await expect.poll(() => hasDatabase(frame)).toBe(true);
  await expect
    .poll(async () => (await heard(page)).some((m) => m.type === 'keeping' && m.on === true))
    .toBe(true);
  await page.goto(`${stack.demo.url}/`);
  frame = await widgetFrame(page);
  expect(await page.evaluate((key) => sessionStorage.getItem(key), UNSENT)).not.toBeNull();
  await confide(page, 'consent', { personalize: false, share: false });
  await expect.poll(() => hasDatabase(frame)).toBe(false);
  await expect.poll(() => page.evaluate((key) => sessionStorage.getItem(key), UNSENT)).toBeNull();
});
