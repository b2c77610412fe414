/**
 * Segments change what a visitor sees: two visitors on the demo shop, one who only browsed and one
 * who has bought something, get different greetings and different answers to the same question,
 * each the demo's variant for their kind of visitor (keyed by the segment's stable key). Real worker,
 * real segment and intent models, real IndexedDB; the greeting timer is jumped past with the clock.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Frame, Page } from '@playwright/test';
import { DEMO_TEMPLATES } from '../../demo/answers';
import type { Catalog } from '../../models/features';
import { storedEvents } from './loader-helpers';
import { expect, test, widgetFrame } from './stack';

const greetings: Readonly<Record<string, string>> = DEMO_TEMPLATES.greeting.segments;
const deliveryTimes: Readonly<Record<string, string>> =
  DEMO_TEMPLATES.intents.delivery_period?.segments ?? {};

async function visitor(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.clock.install();
  return { context, page };
}

async function acceptOn(page: Page, url: string): Promise<Frame> {
  await page.goto(url);
  const frame = await widgetFrame(page);
  await frame.getByRole('button', { name: 'Open chat' }).click();
  await frame.getByRole('button', { name: 'Accept all' }).click();
  await frame.getByRole('button', { name: 'Close chat' }).click();
  return frame;
}

/** The proactive greeting (after the demo's 8 s), then the answer to "how long does delivery take?". */
async function greetingAndAnswer(page: Page, frame: Frame): Promise<{ greeting: string; answer: string }> {
  await page.clock.fastForward(9000);
  await frame.getByRole('button', { name: /^Open chat, 1 new message/ }).click();
  const greeting = (await frame.locator('.log .msg[data-kind="greeting"] .bubble').textContent()) ?? '';
  const input = frame.getByRole('textbox', { name: 'Your message' });
  await input.fill('how long does delivery take?');
  await input.press('Enter');
  const answer = frame.locator('.log .msg-assistant:not([data-kind="greeting"]) .bubble').first();
  await expect(answer).toBeVisible({ timeout: 30_000 });
  return {
    greeting: greeting.replace(/^Assistant: /, ''),
    answer: (await answer.textContent())?.replace(/^Assistant: /, '') ?? '',
  };
}

test('a browsing visitor and a buyer are greeted and answered each in their own way', async ({
  browser,
  stack,
}) => {
  const browsing = await visitor(browser);
  const first = await acceptOn(browsing.page, `${stack.demo.url}/`);
  const a = await greetingAndAnswer(browsing.page, first);
  expect(a.greeting).toBe(greetings.browsing);
  expect(a.answer).toBe(deliveryTimes.browsing);

  const buyer = await visitor(browser);
  await acceptOn(buyer.page, `${stack.demo.url}/`);
  const catalog = JSON.parse(readFileSync('models/artifacts/catalog.json', 'utf8')) as Catalog;
  const item = catalog.items[0];
  if (!item) throw new Error('the demo catalog is empty');
  await buyer.page.goto(`${stack.demo.url}/order/${encodeURIComponent(item.id)}`);
  const frame = await widgetFrame(buyer.page);
  await expect.poll(async () => (await storedEvents(frame)).some((e) => e.type === 'purchase')).toBe(true);
  const b = await greetingAndAnswer(buyer.page, frame);
  // A first purchase makes a buyer of some kind; whichever, their own variant, not the browser's.
  const kind = Object.keys(greetings).find((k) => greetings[k] === b.greeting);
  expect(kind, `greeting "${b.greeting}"`).toBeDefined();
  expect(kind).not.toBe('browsing');
  expect(b.answer).toBe(deliveryTimes[kind as string]);
  expect(b.answer).not.toBe(a.answer);
  await buyer.page.screenshot({ path: 'test-results/segment-buyer.png' });
  await browsing.page.screenshot({ path: 'test-results/segment-browsing.png' });
  await Promise.all([browsing.context.close(), buyer.context.close()]);
});
