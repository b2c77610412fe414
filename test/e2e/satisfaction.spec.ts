/**
 * The conversation's rating and the click-through facts, as a visitor meets them on the demo shop:
 * after two messages a quiet "How is this chat going?" with three faces; one tap thanks and steps
 * aside until the conversation goes on; the rating and the cards shown (with their basis, and
 * whether one was opened) are in the visitor's export; every report that leaves is schema-valid and
 * holds at most one metric of the feedback group. Without `personalize` nothing is offered, because
 * nothing could be kept. Real worker, real IndexedDB, real sync server.
 */
import type { Frame, Page } from '@playwright/test';
import { inFeedbackGroup, parseReportBatch } from '../../sync-server/protocol';
import type { ExportBundle } from '../../worker/protocol';
import { ask } from './chat-pages';
import { downloadedJson, openPrivacy } from './privacy-helpers';
import { expect, test, widgetFrame } from './stack';

async function openChat(page: Page, url: string, choice: 'Accept all' | 'Reject all'): Promise<Frame> {
  await page.goto(url);
  const frame = await widgetFrame(page);
  await frame.getByRole('button', { name: 'Open chat' }).click();
  await frame.getByRole('button', { name: choice }).click();
  return frame;
}

test('a conversation of two messages can be rated with one tap, and the rating is the visitor’s to see', async ({
  page,
  stack,
}) => {
  const bodies: unknown[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/v1/reports') && r.method() === 'POST') bodies.push(r.postDataJSON());
  });
  const frame = await openChat(page, `${stack.demo.url}/`, 'Accept all');
  const rating = frame.getByRole('group', { name: 'How is this chat going?' });

  await ask(frame, 'do you have anything for christmas?', 0);
  // One message is not yet a conversation.
  await expect(rating).toHaveCount(0);
  await ask(frame, 'and how long does delivery take?', 1);
  await expect(rating).toBeVisible();
  const faces = rating.getByRole('button');
  await expect(faces).toHaveCount(3);
  const names = ['Not happy with this chat', 'This chat was okay', 'Happy with this chat'];
  for (const [i, name] of names.entries()) await expect(faces.nth(i)).toHaveAccessibleName(name);
  await rating.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/conversation-rating.png' });
  await rating.getByRole('button', { name: 'Happy with this chat', exact: true }).click();
  await expect(frame.locator('.rating-thanks')).toHaveText('Thanks for rating this chat.');
  await expect(frame.getByRole('status')).toHaveText('Thanks for rating this chat.');
  await expect(rating).toHaveCount(0);

  // The conversation goes on: asked again only after two more messages.
  await ask(frame, 'what delivery options do you have', 2);
  await expect(frame.locator('.rating-thanks')).toHaveCount(0);
  await expect(rating).toHaveCount(0);
  await ask(frame, 'any christmas decorations?', 3);
  await expect(rating).toBeVisible();

  await openPrivacy(frame);
  const { json } = await downloadedJson<ExportBundle>(page, () =>
    frame.getByRole('button', { name: 'Download my data (JSON)' }).click(),
  );
  expect(json.ratings).toEqual([{ rating: 'happy', at: expect.any(Number), turns: 2 }]);
  // The Christmas cards were shown as chat search results, none of them opened.
  const search = json.impressions.filter((i) => i.basis === 'search');
  expect(search.length).toBeGreaterThanOrEqual(3);
  expect(search.every((i) => i.opened === false)).toBe(true);

  // What left the device: schema-valid batches, never two feedback-group reports in one.
  expect(bodies.length).toBeGreaterThan(0);
  for (const body of bodies) {
    const parsed = parseReportBatch(body);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) continue;
    expect(parsed.batch.reports.filter((r) => inFeedbackGroup(r.metric)).length).toBeLessThanOrEqual(1);
  }
});

test('without personalize the chat never asks for a rating, since it could not be kept', async ({
  page,
  stack,
}) => {
  const frame = await openChat(page, `${stack.demo.url}/`, 'Reject all');
  await ask(frame, 'do you have anything for christmas?', 0);
  await ask(frame, 'and how long does delivery take?', 1);
  await expect(frame.locator('.log .msg-assistant')).toHaveCount(2);
  await expect(frame.locator('.rating')).toHaveCount(0);
});
