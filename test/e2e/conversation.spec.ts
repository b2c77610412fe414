/**
 * A conversation on the demo shop, as a visitor holds one (accept all, then message after message in
 * one chat): products found in the catalog on the device, a follow-up read against the question
 * before it, "cheaper ones?" against the cards just shown (below their median price), a stated preference that re-ranks the
 * cards, shows in the privacy center and is gone after its delete, and a reply to a clarifying
 * question read in its context. Real worker, real intent model, real IndexedDB.
 */
import type { Frame, Locator, Page } from '@playwright/test';
import { ask } from './chat-pages';
import { expect, test, widgetFrame } from './stack';

/** Titles and prices of an answer's cards. */
async function cards(answer: Locator) {
  const list = answer.locator('.recs .card');
  await expect(list.first()).toBeVisible();
  const titles = await list.locator('.card-title').allTextContents();
  const prices = (await list.locator('.card-price').allTextContents()).map((p) =>
    Number(p.replace(/[^\d.]/g, '')),
  );
  return { titles, prices };
}

async function openChat(page: Page, url: string): Promise<Frame> {
  await page.goto(url);
  const frame = await widgetFrame(page);
  await frame.getByRole('button', { name: 'Open chat' }).click();
  await frame.getByRole('button', { name: 'Accept all' }).click();
  return frame;
}

test('five messages in one chat: products, a follow-up, a preference, cheaper ones', async ({
  page,
  stack,
}) => {
  const frame = await openChat(page, `${stack.demo.url}/`);

  const christmas = await ask(frame, 'do you have anything for christmas?', 0);
  await expect(christmas.locator('.bubble')).toContainText('christmas');
  const first = await cards(christmas);
  expect(first.titles.length).toBeGreaterThanOrEqual(3);
  for (const t of first.titles) expect(t.toLowerCase()).toContain('christmas');
  await expect(christmas.locator('.recs')).toHaveAttribute('data-basis', 'search');
  await page.screenshot({ path: 'test-results/conversation-christmas.png' });

  const options = await ask(frame, 'what delivery options do you have', 1);
  await expect(options.locator('.bubble')).toContainText('We deliver across the UK');
  // The follow-up asks for a time, not for the methods again.
  const time = await ask(frame, 'and how long does delivery take?', 2);
  await expect(time.locator('.bubble')).toContainText('working days');

  // "cheaper ones?" is read against the last cards shown: the Christmas ones.
  await ask(frame, 'any christmas decorations?', 3);
  const shown = await cards(frame.locator('.log .msg-assistant').nth(3));
  const cheaper = await ask(frame, 'cheaper ones?', 4);
  const next = await cards(cheaper);
  const sorted = [...shown.prices].sort((a, b) => a - b);
  const median = (sorted[(sorted.length - 1) >> 1]! + sorted[sorted.length >> 1]!) / 2;
  for (const p of next.prices) expect(p).toBeLessThan(median);
  await expect(cheaper.locator('.bubble')).toContainText('cheaper');
  await page.screenshot({ path: 'test-results/conversation-cheaper.png' });

  // A preference: acknowledged, shown first at once, and listed in the privacy center.
  const eco = await ask(frame, 'I prefer eco-friendly products', 5);
  await expect(eco.locator('.bubble')).toContainText('Noted: you like eco-friendly products');
  const wooden = await ask(frame, 'I prefer wooden things', 6);
  const liked = await cards(wooden);
  for (const t of liked.titles) expect(t.toLowerCase()).toContain('wooden');
  // Asked again for Christmas items, the wooden ones now come first.
  const again = await cards(await ask(frame, 'do you have anything for christmas?', 7));
  expect(again.titles[0]?.toLowerCase()).toContain('wooden');
  expect(again.titles).not.toEqual(first.titles);

  await frame.getByRole('button', { name: 'Privacy' }).click();
  const prefs = frame.locator('[data-preferences]');
  await expect(prefs).toContainText('You like: eco-friendly products');
  await expect(prefs).toContainText('You like: wooden things');
  await frame.getByRole('button', { name: 'Delete “wooden things”' }).click();
  await expect(prefs).not.toContainText('wooden things');
  await expect(prefs).toContainText('eco-friendly products');
  await page.screenshot({ path: 'test-results/conversation-privacy.png' });
});

test('a reply to a clarifying question is read in its context', async ({ page, stack }) => {
  const frame = await openChat(page, `${stack.demo.url}/`);
  const unclear = await ask(frame, 'account stuff', 0);
  await expect(unclear.locator('.bubble')).toContainText('Is it one of these?');
  const reply = await ask(frame, 'I want to close it', 1);
  await expect(reply.locator('.bubble')).toContainText('close your account');
});

test('"More like this" on a card finds similar items', async ({ page, stack }) => {
  const frame = await openChat(page, `${stack.demo.url}/`);
  const bunting = await ask(frame, 'do you sell bunting?', 0);
  const found = await cards(bunting);
  await bunting.getByRole('button', { name: 'More like this' }).first().click();
  const similar = frame.locator('.log .msg-assistant').nth(1);
  await expect(similar.locator('.bubble')).toContainText(`Here are some like ${found.titles[0]}`);
  const more = await cards(similar);
  expect(more.titles).not.toContain(found.titles[0]);
  await page.screenshot({ path: 'test-results/conversation-more-like.png' });
});

test('two unhelpful answers in a row offer a person, with a summary the visitor edits before sending', async ({
  page,
  stack,
}) => {
  const frame = await openChat(page, `${stack.demo.url}/`);
  await ask(frame, "what's the weather like tomorrow", 0);
  const second = await ask(frame, 'tell me a joke', 1);
  const offer = second.locator('.escalation');
  await expect(offer).toHaveAttribute('data-reason', 'failed-turns');
  const summary = offer.getByRole('textbox');
  await expect(summary).toHaveValue(
    /Me: what's the weather like tomorrow\nAssistant: .*\nMe: tell me a joke/,
  );
  await summary.fill('Hello, I need help choosing a present.');
  const link = offer.getByRole('link', { name: 'Email our team' });
  await expect(link).toHaveAttribute(
    'href',
    'mailto:help@shop.example?subject=Question%20from%20the%20shop%20chat&body=Hello%2C%20I%20need%20help%20choosing%20a%20present.',
  );
  await page.screenshot({ path: 'test-results/conversation-escalation.png' });
});

test('a thumbs-down on an answer offers a person under it', async ({ page, stack }) => {
  const frame = await openChat(page, `${stack.demo.url}/`);
  const answer = await ask(frame, 'how long does delivery take?', 0);
  await answer.getByRole('button', { name: 'Not a helpful answer' }).click();
  await expect(answer.locator('.escalation')).toHaveAttribute('data-reason', 'thumbs-down');
  await expect(answer.locator('.escalation').getByRole('textbox')).toHaveValue(
    /Me: how long does delivery take\?/,
  );
});

test('the conversation continues on the next page: "cheaper ones?" after a search on the page before', async ({
  page,
  stack,
}) => {
  let frame = await openChat(page, `${stack.demo.url}/`);
  const before = await cards(await ask(frame, 'any christmas decorations?', 0));
  await page.goto(`${stack.demo.url}/help`);
  frame = await widgetFrame(page);
  await frame.getByRole('button', { name: 'Open chat' }).click();
  // The kept transcript comes back first (two messages), then the follow-up is read against it.
  await expect(frame.locator('.log .msg')).toHaveCount(2);
  const cheaper = await ask(frame, 'cheaper ones?', 1);
  await expect(cheaper.locator('.bubble')).toContainText('cheaper');
  const next = await cards(cheaper);
  const sorted = [...before.prices].sort((a, b) => a - b);
  const median = (sorted[(sorted.length - 1) >> 1]! + sorted[sorted.length >> 1]!) / 2;
  for (const p of next.prices) expect(p).toBeLessThan(median);
});
