/**
 * Iframe sizing by the loader: launcher and panel in the configured corner on a desktop, the panel full
 * screen on a 375 px phone, re-sized when the viewport crosses the threshold, and never taking focus
 * from the host page.
 */
import type { Page } from '@playwright/test';
import { confide, handledEvents, recordHostMessages } from './loader-helpers';
import { expect, test, widgetFrame } from './stack';

const box = async (page: Page) => {
  const b = await page.locator('iframe[data-confide-frame]').boundingBox();
  return (
    b && { x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height) }
  );
};
const view = (page: Page) => page.locator('iframe[data-confide-frame]').getAttribute('data-view');

test.describe('on a 375 px phone', () => {
  test.use({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });

  test('the open panel takes the whole screen; closed, only the launcher remains', async ({
    page,
    stack,
  }) => {
    await page.goto(`${stack.demo.url}/`);
    const frame = await widgetFrame(page);
    await expect(frame.getByRole('button', { name: 'Open chat' })).toBeVisible();
    expect(await box(page)).toEqual({ x: 375 - 88, y: 667 - 88, width: 88, height: 88 });

    // Opened from inside the frame, as a visitor does.
    await frame.getByRole('button', { name: 'Open chat' }).tap();
    await expect.poll(() => view(page)).toBe('fullscreen');
    expect(await box(page)).toEqual({ x: 0, y: 0, width: 375, height: 667 });
    // The frame's own viewport is now the phone's, so its layout can fill it.
    expect(await frame.evaluate(() => [innerWidth, innerHeight])).toEqual([375, 667]);

    await confide(page, 'close');
    await expect.poll(() => view(page)).toBe('launcher');
    expect(await box(page)).toEqual({ x: 375 - 88, y: 667 - 88, width: 88, height: 88 });
  });
});

test('on a desktop the panel sits in the configured corner and turns full screen when the window narrows', async ({
  page,
  stack,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  stack.hostPages.set(
    '/left',
    `<!doctype html><html lang="en"><head><title>Left</title>
<script async src="${stack.widgetUrl}/confide.js" data-site="demo" data-position="left"></script></head>
<body><label>Note <input id="note"></label></body></html>`,
  );
  await page.goto(`${stack.hostPages.url}/left`);
  const frame = await widgetFrame(page);
  await expect(frame.getByRole('button', { name: 'Open chat' })).toBeVisible();
  expect(await box(page)).toEqual({ x: 0, y: 800 - 88, width: 88, height: 88 });

  await confide(page, 'open');
  await expect.poll(() => view(page)).toBe('panel');
  expect(await box(page)).toEqual({ x: 0, y: 800 - 640, width: 400, height: 640 });

  await page.setViewportSize({ width: 420, height: 800 });
  await expect.poll(() => view(page)).toBe('fullscreen');
  expect(await box(page)).toEqual({ x: 0, y: 0, width: 420, height: 800 });
  await page.setViewportSize({ width: 1024, height: 800 });
  await expect.poll(() => view(page)).toBe('panel');
});

test('the loader never moves focus away from what the visitor is doing on the host page', async ({
  page,
  stack,
}) => {
  stack.hostPages.set(
    '/focus',
    `<!doctype html><html lang="en"><head><title>Focus</title>
<script async src="${stack.widgetUrl}/confide.js" data-site="demo"></script></head>
<body><label>Note <input id="note"></label></body></html>`,
  );
  await recordHostMessages(page, stack.widgetUrl);
  await page.goto(`${stack.hostPages.url}/focus`);
  const frame = await widgetFrame(page);
  await expect(frame.getByRole('button', { name: 'Open chat' })).toBeVisible();
  await expect.poll(() => handledEvents(page)).toBeGreaterThan(0);
  const handled = await handledEvents(page);
  await page.locator('#note').focus();
  await page.keyboard.type('gift for dad');
  await confide(page, 'track', 'search', { q: 'gift for dad' });
  await page.evaluate(() => history.pushState({}, '', '/focus?step=2'));
  await page.setViewportSize({ width: 400, height: 700 });
  // Everything that could move focus has happened: the search and the new page view went to the
  // frame and came back handled, and the resize was applied.
  await expect.poll(() => handledEvents(page)).toBeGreaterThanOrEqual(handled + 2);
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('note');
  await page.keyboard.type('!');
  await expect(page.locator('#note')).toHaveValue('gift for dad!');
});
