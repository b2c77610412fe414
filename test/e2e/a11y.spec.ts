/**
 * axe-core on the widget (WCAG 2.0–2.2 A and AA rules), in light and dark mode: the launcher, the consent
 * prompt, the open panel with recommendations and a conversation, and the privacy center. Only the
 * widget's frame is judged; the demo shop around it is a stand-in for someone else's site.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { hostPage } from './chat-pages';
import { expect, test, widgetFrame } from './stack';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const FRAME = 'iframe[data-confide-frame]';

/** Violations inside the widget frame, as `rule: targets` lines (empty when clean). */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include(FRAME).withTags(TAGS).analyze();
  return results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.nodes
        .map((n) => `${JSON.stringify(n.target)} ${n.failureSummary?.split('\n').slice(1).join(' ')}`)
        .join(' | ')}`,
  );
}

for (const scheme of ['light', 'dark'] as const) {
  test(`no axe violations in ${scheme} mode: launcher, consent, panel, privacy center`, async ({
    page,
    stack,
  }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${stack.demo.url}/`);
    const frame = await widgetFrame(page);
    const launcher = frame.getByRole('button', { name: 'Open chat' });
    await expect(launcher).toBeVisible();
    const found: Record<string, string[]> = {};
    found.launcher = await violations(page);

    await launcher.click();
    await expect(frame.getByRole('button', { name: 'Accept all' })).toBeVisible();
    found.consent = await violations(page);

    await frame.getByRole('button', { name: 'Accept all' }).click();
    await expect(frame.getByRole('list', { name: 'Recommended for you' }).first()).toBeVisible({
      timeout: 20_000,
    });
    const input = frame.getByRole('textbox', { name: 'Your message' });
    await input.fill('I want to track my order');
    await input.press('Enter');
    await expect(frame.locator('.log .msg-assistant')).toHaveCount(1, { timeout: 20_000 });
    await frame.locator('.log .msg-assistant .thumb').first().click();
    await frame.locator('.why summary').first().click();
    found.panel = await violations(page);

    await frame.getByRole('button', { name: 'Privacy' }).click();
    await expect(frame.locator('.pv-center')).toBeVisible();
    found.privacy = await violations(page);

    expect(found).toEqual({ launcher: [], consent: [], panel: [], privacy: [] });
  });
}

test('a site theme (light brand, dark mode, left side) stays readable and violation-free', async ({
  page,
  stack,
}) => {
  const theme = { brand: '#ffd400', mode: 'dark', position: 'left', radius: 4 } as const;
  await page.goto(hostPage(stack, { greetingDelayMs: false, theme }));
  const frame = await widgetFrame(page);
  const launcher = frame.getByRole('button', { name: 'Open chat' });
  await expect(launcher).toHaveCSS('background-color', 'rgb(255, 212, 0)');
  // Dark text on the light brand, whatever the site picked.
  await expect(launcher).toHaveCSS('color', 'rgb(17, 17, 17)');
  expect((await launcher.boundingBox())?.x).toBeLessThan(100);
  expect(await violations(page)).toEqual([]);

  await launcher.click();
  await frame.getByRole('button', { name: 'Reject all' }).click();
  await expect(frame.locator('.panel')).toHaveCSS('color-scheme', 'dark');
  const input = frame.getByRole('textbox', { name: 'Your message' });
  await input.fill('I want to track my order');
  await input.press('Enter');
  await expect(frame.locator('.log .msg-assistant')).toHaveCount(1, { timeout: 20_000 });
  expect(await violations(page)).toEqual([]);
});

test('with reduced motion nothing in the widget moves', async ({ page, stack }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(hostPage(stack, { greetingDelayMs: false }));
  const frame = await widgetFrame(page);
  await frame.getByRole('button', { name: 'Open chat' }).click();
  await frame.getByRole('button', { name: 'Reject all' }).click();
  await expect(frame.getByRole('textbox', { name: 'Your message' })).toBeFocused();
  expect(await frame.evaluate(() => document.getAnimations().length)).toBe(0);

  // The same page with motion allowed does animate the panel, so the check above can fail.
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await frame.getByRole('button', { name: 'Close chat' }).click();
  await frame.getByRole('button', { name: 'Open chat' }).click();
  expect(await frame.evaluate(() => document.getAnimations().length)).toBeGreaterThan(0);
});
