/**
 * Screenshots for the README (docs/screenshots/*.png): the closed launcher, the consent prompt, the open
 * panel with recommendations and a conversation, and the privacy center, on a desktop and a phone, on the
 * demo shop with the real worker and models. Each shot also checks that what it shows is there.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { Frame, Page } from '@playwright/test';
import { expect, test, widgetFrame } from './stack';

const OUT = 'docs/screenshots';
const catalog = JSON.parse(readFileSync('models/artifacts/catalog.json', 'utf8')) as {
  items: { id: string }[];
};
const product = catalog.items[3]!;

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  // Animations finished, so the picture shows the resting state.
  await page.screenshot({ path: `${OUT}/${name}.png`, animations: 'disabled' });
}

async function walkThrough(page: Page, frame: Frame, device: 'desktop' | 'mobile'): Promise<void> {
  const launcher = frame.getByRole('button', { name: 'Open chat' });
  await expect(launcher).toBeVisible();
  await shoot(page, `${device}-launcher`);

  await launcher.click();
  await expect(frame.getByRole('button', { name: 'Accept all' })).toBeVisible();
  await shoot(page, `${device}-consent`);

  await frame.getByRole('button', { name: 'Accept all' }).click();
  const recs = frame.getByRole('list', { name: 'Recommended for you' }).first();
  await expect(recs).toHaveAttribute('data-source', 'model', { timeout: 20_000 });
  const input = frame.getByRole('textbox', { name: 'Your message' });
  await input.fill('Can I get a refund?');
  await input.press('Enter');
  await expect(frame.locator('.msg-assistant')).toHaveCount(1, { timeout: 20_000 });
  await frame.locator('.msg-assistant .thumb').first().click();
  await input.blur();
  // From the top: the opening with the cards, then the question and the start of the answer.
  await frame.locator('.body').evaluate((el) => {
    el.scrollTop = 0;
  });
  await shoot(page, `${device}-panel`);

  await frame.getByRole('button', { name: 'Privacy' }).click();
  await expect(frame.locator('.pv-center')).toBeVisible();
  await shoot(page, `${device}-privacy`);
}

test('desktop screenshots', async ({ page, stack }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${stack.demo.url}/product/${encodeURIComponent(product.id)}`);
  await walkThrough(page, await widgetFrame(page), 'desktop');

  // The same panel in dark mode.
  await page.emulateMedia({ colorScheme: 'dark' });
  const frame = await widgetFrame(page);
  await frame.getByRole('button', { name: 'Privacy' }).click();
  await frame.locator('.body').evaluate((el) => {
    el.scrollTop = 0;
  });
  await page.mouse.move(0, 0);
  await shoot(page, 'desktop-panel-dark');
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

  test('mobile screenshots', async ({ page, stack }) => {
    await page.goto(`${stack.demo.url}/product/${encodeURIComponent(product.id)}`);
    await walkThrough(page, await widgetFrame(page), 'mobile');
  });
});
