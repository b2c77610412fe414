/**
 * The day's chat intent leaves the device when the page is hidden (no recommendation refresh, and so
 * no sync, follows an answer), as one more noised batch; a vote refreshes and so syncs by itself.
 * Chromium only hides a page when its window does, which headless runs cannot do, so the test tells
 * the frame its page was hidden the way the browser would: `visibilityState` and the event.
 */
import type { Frame } from '@playwright/test';
import { parseReportBatch } from '../../sync-server/protocol';
import { expect, test, widgetFrame } from './stack';

const hide = (frame: Frame) =>
  frame.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  });

test("the day's chat intent is reported when the page is hidden, and a vote with the next sync", async ({
  page,
  stack,
}) => {
  const bodies: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/v1/reports') && r.method() === 'POST') bodies.push(r.postData() ?? '');
  });
  await page.goto(stack.demo.url);
  const frame = await widgetFrame(page);
  await frame.getByRole('button', { name: 'Open chat' }).click();
  await frame.getByRole('button', { name: 'Accept all' }).click();
  await expect.poll(() => stack.rows('select * from batches').length, { timeout: 20_000 }).toBeGreaterThan(0);
  const metrics = () => stack.rows<{ metric: string }>('select metric from reports').map((r) => r.metric);
  expect(metrics()).not.toContain('intent_count');

  const input = frame.getByRole('textbox', { name: 'Your message' });
  await input.fill('How can I track my order?');
  await input.press('Enter');
  await expect(frame.locator('.log .msg-assistant')).toHaveCount(1, { timeout: 20_000 });
  // An answer alone triggers no sync (worker/engine/engine-sync.test.ts proves it): the intent
  // waits on the device...
  expect(metrics()).not.toContain('intent_count');
  // ...until the page is hidden.
  await hide(frame);
  await expect.poll(metrics, { timeout: 20_000 }).toContain('intent_count');
  expect(stack.rows("select domain, epsilon from reports where metric = 'intent_count'")).toEqual([
    { domain: 28, epsilon: 1 },
  ]);

  // A vote refreshes the recommendations, and that sync reports it (one per day, 6 cells, ε 0.5).
  await frame.getByRole('button', { name: 'Helpful answer', exact: true }).click();
  await expect.poll(metrics, { timeout: 20_000 }).toContain('template_feedback');
  expect(stack.rows("select domain, epsilon from reports where metric = 'template_feedback'")).toEqual([
    { domain: 6, epsilon: 0.5 },
  ]);
  // Everything that went out is a schema-valid batch; nothing names the visitor or their words.
  for (const body of bodies) {
    expect(parseReportBatch(JSON.parse(body)).ok).toBe(true);
    expect(body).not.toMatch(/track|order\?/i);
  }
});
