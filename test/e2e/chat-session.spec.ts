/**
 * The chat across page loads: the kept conversation comes back with consent, the proactive greeting
 * comes once per session after the configured delay, and the UI speaks the host page's language.
 */
import { hostPage } from './chat-pages';
import { heard, recordHostMessages } from './loader-helpers';
import { expect, ONLY_THE_REFUSAL, storageSnapshot, test, widgetFrame } from './stack';

type Confide = (...args: unknown[]) => void;
const grant = () =>
  (window as unknown as { confide: Confide }).confide('consent', { personalize: true, share: false });

test('with personalize, the conversation is there again after a reload', async ({ page, stack }) => {
  const url = hostPage(stack, { greetingDelayMs: false });
  await page.goto(url);
  let frame = await widgetFrame(page);
  await frame.getByRole('button', { name: 'Open chat' }).click();
  await frame.getByRole('button', { name: 'Accept all' }).click();
  const input = frame.getByRole('textbox', { name: 'Your message' });
  await input.fill('How can I track my order?');
  await input.press('Enter');
  await expect(frame.locator('.log .msg-assistant')).toHaveCount(1, { timeout: 20_000 });
  const answer = await frame.locator('.log .msg-assistant .bubble').textContent();

  await page.reload();
  frame = await widgetFrame(page);
  await frame.getByRole('button', { name: 'Open chat' }).click();
  const log = frame.getByRole('log', { name: 'Conversation' });
  await expect(log.locator('.msg')).toHaveCount(2, { timeout: 20_000 });
  await expect(log.locator('.msg-visitor')).toHaveText('You: How can I track my order?');
  await expect(log.locator('.msg-assistant .bubble')).toHaveText(answer ?? '');
  await expect(log.locator('.msg').first()).toHaveAttribute('data-kind', 'history');

  // Revoking removes it from the screen as well as from the device.
  await page.evaluate(() =>
    (window as unknown as { confide: Confide }).confide('consent', { personalize: false, share: false }),
  );
  await expect(log.locator('.msg')).toHaveCount(0);
  await expect.poll(async () => (await storageSnapshot(frame)).databases).toEqual([]);
});

test('without consent the conversation lasts for the page only and nothing is kept', async ({
  page,
  stack,
}) => {
  await page.goto(hostPage(stack, { greetingDelayMs: false }));
  let frame = await widgetFrame(page);
  await frame.getByRole('button', { name: 'Open chat' }).click();
  await frame.getByRole('button', { name: 'Reject all' }).click();
  const input = frame.getByRole('textbox', { name: 'Your message' });
  await input.fill('Where is my parcel?');
  await input.press('Enter');
  await expect(frame.locator('.log .msg-assistant')).toHaveCount(1, { timeout: 20_000 });
  expect(await storageSnapshot(frame)).toEqual(ONLY_THE_REFUSAL);
  await page.reload();
  frame = await widgetFrame(page);
  await frame.getByRole('button', { name: 'Open chat' }).click();
  // The refusal is remembered (and only it): the chat opens without asking again, with no old message.
  await expect(frame.getByRole('textbox', { name: 'Your message' })).toBeVisible();
  await expect(frame.getByRole('button', { name: 'Reject all' })).toHaveCount(0);
  await expect(frame.locator('.msg')).toHaveCount(0);
});

test('the proactive greeting comes once per session, after the configured delay', async ({ page, stack }) => {
  const delay = 1500;
  const url = hostPage(stack, { greetingDelayMs: delay });
  // Time runs as usual, and the test can jump past a timer instead of sleeping through it.
  await page.clock.install();
  await recordHostMessages(page, stack.widgetUrl);
  const loaded = Date.now();
  await page.goto(url);
  await page.evaluate(grant);
  let frame = await widgetFrame(page);
  const badge = frame.locator('.badge');
  await expect(badge).toHaveText('1', { timeout: 15_000 });
  expect(Date.now() - loaded).toBeGreaterThanOrEqual(delay);
  const launcher = frame.getByRole('button', { name: 'Open chat, 1 new message' });
  await expect(launcher).toBeVisible();
  await expect(frame.getByRole('status').filter({ hasText: 'New message:' })).toHaveCount(1);

  await launcher.click();
  const greeting = frame.locator('.log .msg[data-kind="greeting"]');
  await expect(greeting).toHaveCount(1);
  await expect(greeting).not.toBeEmpty();
  await expect(badge).toHaveCount(0);

  // Same session, next page: no second greeting, however long the visitor stays. The frame started
  // its greeting timer when it told the loader whether events are kept; the test jumps past it.
  await page.reload();
  frame = await widgetFrame(page);
  await expect(frame.getByRole('button', { name: 'Open chat' })).toBeVisible();
  await expect.poll(async () => (await heard(page)).some((m) => m.type === 'keeping')).toBe(true);
  await page.clock.fastForward(delay + 1500);
  await expect(frame.locator('.badge')).toHaveCount(0);
  await frame.getByRole('button', { name: 'Open chat' }).click();
  await expect(frame.getByRole('textbox', { name: 'Your message' })).toBeFocused();
  await expect(frame.locator('.msg[data-kind="greeting"]')).toHaveCount(0);
});

test('a visitor without consent is not greeted proactively', async ({ page, stack }) => {
  await page.clock.install();
  await recordHostMessages(page, stack.widgetUrl);
  await page.goto(hostPage(stack, { greetingDelayMs: 300 }));
  const frame = await widgetFrame(page);
  await expect(frame.getByRole('button', { name: 'Open chat' })).toBeVisible();
  // The frame has started (and so set its greeting timer); jump well past the delay.
  await expect.poll(async () => (await heard(page)).some((m) => m.type === 'keeping')).toBe(true);
  await page.clock.fastForward(2000);
  await expect(frame.locator('.badge')).toHaveCount(0);
  expect((await storageSnapshot(frame)).sessionStorage).toBe(0);
});

test('a German host page gets a German chat', async ({ page, stack }) => {
  await page.goto(hostPage(stack, { greetingDelayMs: false }, { lang: 'de' }));
  const frame = await widgetFrame(page);
  // The loader passes the page's language on as SiteOptions.locale (the browser here is English).
  const launcher = frame.getByRole('button', { name: 'Chat öffnen' });
  await expect(launcher).toBeVisible({ timeout: 10_000 });
  await launcher.click();
  await expect(frame.getByRole('dialog', { name: 'Chat' })).toBeVisible();
  await expect(frame.locator('html')).toHaveAttribute('lang', 'de');
  await expect(frame.getByRole('button', { name: 'Datenschutz' })).toBeVisible();
  await expect(frame.getByRole('button', { name: 'Chat schließen' })).toBeVisible();
  // Decide with the prompt's first two buttons (Reject, Accept): their wording is the privacy team's.
  await frame.locator('.pv-actions button').first().click();
  await expect(frame.getByRole('textbox', { name: 'Ihre Nachricht' })).toBeFocused();
  await expect(frame.getByRole('button', { name: 'Senden' })).toBeVisible();
  await expect(frame.getByText('Von Ihrem Besuch wird nichts gespeichert')).toBeVisible();
});

test('the host API hears segment changes and can make the widget forget', async ({ page, stack }) => {
  await page.goto(hostPage(stack, { greetingDelayMs: false }));
  await page.evaluate(() => {
    const w = window as unknown as { confide: Confide; segments: unknown[] };
    w.segments = [];
    w.confide('on', 'segment', (s: unknown) => w.segments.push(s));
  });
  const frame = await widgetFrame(page);
  await frame.getByRole('button', { name: 'Open chat' }).click();
  await frame.getByRole('button', { name: 'Accept all' }).click();
  // A stored event moves the visitor into a segment; the host hears {id, name} and nothing more.
  await page.evaluate(() =>
    (window as unknown as { confide: Confide }).confide('track', 'search', { q: 'candle' }),
  );
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { segments: unknown[] }).segments), {
      timeout: 20_000,
    })
    .toContainEqual({ id: expect.any(Number), name: expect.any(String) });

  const input = frame.getByRole('textbox', { name: 'Your message' });
  await input.fill('Do you ship abroad?');
  await input.press('Enter');
  await expect(frame.locator('.log .msg-assistant')).toHaveCount(1, { timeout: 20_000 });

  await page.evaluate(() => (window as unknown as { confide: Confide }).confide('forget'));
  await expect(frame.locator('.msg')).toHaveCount(0);
  // Everything is gone, the decision included: the panel asks again.
  await expect(frame.getByRole('button', { name: 'Accept all' })).toBeVisible();
  await expect.poll(async () => (await storageSnapshot(frame)).databases).toEqual([]);
});
