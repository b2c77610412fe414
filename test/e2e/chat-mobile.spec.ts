/**
 * The chat on a phone (375×667, touch): the panel fills the screen, every control of the chat is at
 * least 44×44 px, and the composer stays above the virtual keyboard.
 */
import { HANDOFF, hostPage } from './chat-pages';
import { expect, test, widgetFrame } from './stack';

test.use({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });

/** The chat's own controls (the consent prompt and privacy center are measured by their own specs). */
const CONTROLS = [
  '.launcher',
  '.bar button',
  '.composer input',
  '.composer button',
  '.chip',
  '.thumb',
  '.card-link',
  '.why summary',
  '.handoff-link',
].join(', ');

test('full screen, touch targets of 44 px, composer above the keyboard', async ({ page, stack }) => {
  await page.goto(
    hostPage(stack, {
      greetingDelayMs: false,
      handoff: HANDOFF,
      templates: { intents: { track_order: { quickReplies: ['Where is my refund?'] } } },
    }),
  );
  const frame = await widgetFrame(page);
  const launcher = frame.getByRole('button', { name: 'Open chat' });
  const box = await launcher.boundingBox();
  expect(box && Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44);

  await launcher.tap();
  await frame.getByRole('button', { name: 'Accept all' }).tap();
  await expect(frame.getByRole('list', { name: 'Recommended for you' }).first()).toBeVisible({
    timeout: 20_000,
  });
  const panel = await frame.getByRole('dialog', { name: 'Chat' }).boundingBox();
  expect(panel).toEqual({ x: 0, y: 0, width: 375, height: 667 });

  const input = frame.getByRole('textbox', { name: 'Your message' });
  for (const text of ['I want to track my order', 'I want to talk to a human']) {
    await input.fill(text);
    await input.press('Enter');
  }
  await expect(frame.locator('.log .msg-assistant')).toHaveCount(2, { timeout: 20_000 });
  await expect(frame.locator('.handoff-link')).toBeVisible();

  // Every visible control of the chat, measured as laid out.
  const sizes = await frame.locator(CONTROLS).evaluateAll((els) =>
    els
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && r.height > 0)
      .map(({ el, r }) => ({
        what: `${el.className || el.tagName} ${(el.getAttribute('aria-label') ?? el.textContent ?? '').slice(0, 30)}`,
        w: Math.round(r.width),
        h: Math.round(r.height),
      })),
  );
  expect(sizes.length).toBeGreaterThan(10);
  expect(sizes.filter((s) => s.w < 44 || s.h < 44)).toEqual([]);

  // A virtual keyboard shrinks the visual viewport. Playwright cannot open one, so the frame's
  // visualViewport reports the height a 300 px keyboard leaves and fires its resize event.
  const keyboard = 300;
  await input.focus();
  await frame.evaluate((k) => {
    const vv = window.visualViewport as VisualViewport;
    Object.defineProperty(vv, 'height', { configurable: true, get: () => window.innerHeight - k });
    vv.dispatchEvent(new Event('resize'));
  }, keyboard);
  const composer = await frame.locator('.composer').boundingBox();
  expect(composer).not.toBeNull();
  expect((composer?.y ?? 0) + (composer?.height ?? 0)).toBeLessThanOrEqual(667 - keyboard + 0.5);
  await expect(input).toBeInViewport();
  await expect(frame.locator('.bar')).toBeInViewport();
});
