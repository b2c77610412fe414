/**
 * The whole chat with the keyboard only: Tab to the launcher, Enter opens, the consent prompt is
 * reachable, Enter sends, the answer lands in the live log, a quick reply and the thumbs work by
 * keyboard, Escape closes and focus is back on the launcher. Real worker, real intent model.
 */
import { focused, HANDOFF, hostPage, tabTo } from './chat-pages';
import { expect, test, widgetFrame } from './stack';

const OPTIONS = {
  greetingDelayMs: false,
  handoff: HANDOFF,
  templates: { intents: { track_order: { quickReplies: ['How do refunds work?'] } } },
} as const;

test('keyboard only: open, consent, send, quick reply, thumbs, close', async ({ page, stack }) => {
  await page.goto(hostPage(stack, OPTIONS));
  const frame = await widgetFrame(page);
  await expect(frame.getByRole('button', { name: 'Open chat' })).toBeVisible();

  // Tab from the host page into the frame reaches the launcher; Enter opens the panel.
  await tabTo(page, frame, (f) => f.cls.includes('launcher'));
  await page.keyboard.press('Enter');
  const dialog = frame.getByRole('dialog', { name: 'Chat' });
  await expect(dialog).toBeVisible();

  // Focus moved into the consent prompt; Tab reaches "Accept all" and Enter decides.
  await expect(frame.getByRole('button', { name: 'Accept all' })).toBeVisible();
  expect((await focused(frame)).frameHasFocus).toBe(true);
  await tabTo(page, frame, (f) => f.name === 'Accept all');
  await page.keyboard.press('Enter');

  // After the decision the composer has focus: type, Enter sends.
  const input = frame.getByRole('textbox', { name: 'Your message' });
  await expect(input).toBeFocused();
  await page.keyboard.type('I want to track my order');
  await page.keyboard.press('Enter');
  const log = frame.getByRole('log', { name: 'Conversation' });
  await expect(log).toHaveAttribute('aria-live', 'polite');
  await expect(log.locator('.msg-visitor')).toHaveText(['You: I want to track my order']);
  const answers = log.locator('.msg-assistant');
  await expect(answers).toHaveCount(1, { timeout: 20_000 });
  await expect(input).toHaveValue('');

  // The answer's quick replies (the site's own for track_order, the model's alternatives when it
  // asks to clarify) sit just before the composer: Shift+Tab reaches them; Enter sends one.
  const chip = frame.getByRole('group', { name: 'Suggested replies' }).getByRole('button').first();
  await expect(chip).toBeVisible();
  const choice = (await chip.textContent()) ?? '';
  expect(choice.length).toBeGreaterThan(0);
  await expect(input).toBeFocused();
  await tabTo(page, frame, (f) => f.name === choice, { key: 'Shift+Tab' });
  await page.keyboard.press('Enter');
  await expect(log.locator('.msg-visitor').nth(1)).toHaveText(`You: ${choice}`);
  await expect(answers).toHaveCount(2, { timeout: 20_000 });

  // Focus stayed in the composer; Shift+Tab reaches the latest answer's thumbs, Enter presses one.
  await expect(input).toBeFocused();
  await tabTo(page, frame, (f) => f.name === 'Helpful answer', { key: 'Shift+Tab' });
  const up = answers.nth(1).getByRole('button', { name: 'Helpful answer', exact: true });
  await expect(up).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(up).toHaveAttribute('aria-pressed', 'true');
  await expect(frame.getByRole('status').filter({ hasText: 'Thanks for your feedback.' })).toHaveCount(1);

  // The cards: a link to the item on the host site, "why" opens with Enter, thumbs toggle with Space.
  const card = frame.getByRole('list', { name: 'Recommended for you' }).first().getByRole('listitem').first();
  const item = await card.getAttribute('data-item');
  const link = card.getByRole('link');
  await expect(link).toHaveAttribute(
    'href',
    `${stack.hostPages.url}/?confide_item=${encodeURIComponent(item ?? '')}`,
  );
  await expect(link).toHaveAttribute('target', '_top');
  const why = card.locator('summary');
  await why.focus();
  await page.keyboard.press('Enter');
  await expect(card.locator('.why p')).toBeVisible();
  await expect(card.locator('.why p')).not.toBeEmpty();
  await page.keyboard.press('Shift+Tab');
  const dislike = card.getByRole('button', { name: /^Less like / });
  await expect(dislike).toBeFocused();
  await page.keyboard.press('Space');
  // The worker drops the item from fresh recommendations; focus stays in the list, on the next card.
  const list = frame.getByRole('list', { name: 'Recommended for you' }).first();
  await expect(list.locator(`[data-item="${item}"]`)).toHaveCount(0);
  await expect(list.getByRole('link').first()).toBeFocused();

  // Escape closes the panel; focus returns to the launcher.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  const launcher = frame.getByRole('button', { name: 'Open chat' });
  await expect(launcher).toBeFocused();

  // Reopening keeps the conversation and focuses the composer again.
  await page.keyboard.press('Enter');
  await expect(input).toBeFocused();
  await expect(log.locator('.msg')).toHaveCount(4);
});

test('asking for a person shows the site handoff link', async ({ page, stack }) => {
  await page.goto(hostPage(stack, OPTIONS));
  const frame = await widgetFrame(page);
  await frame.getByRole('button', { name: 'Open chat' }).click();
  await frame.getByRole('button', { name: 'Reject all' }).click();
  const input = frame.getByRole('textbox', { name: 'Your message' });
  await input.fill('I want to talk to a human');
  await input.press('Enter');
  const link = frame.getByRole('link', { name: HANDOFF.label });
  await expect(link).toBeVisible({ timeout: 20_000 });
  await expect(link).toHaveAttribute('href', HANDOFF.href);
  // Before consent the chat answers too, and nothing of it is kept.
  expect(await frame.evaluate(async () => (await indexedDB.databases()).length)).toBe(0);
});
