/**
 * Reports do not say what the visitor did, neither by what they hold nor by when they leave: the
 * day's one batch already carries `intent_count` and one feedback-group metric (as "no chat", "no
 * vote", "nothing shown" or "no rating") before any chat, and a chat, a vote and the page being hidden afterwards send nothing more that day
 * (they go into the next active day's set). Chromium only hides a page when its window does, which
 * headless runs cannot do, so the test tells the frame its page was hidden the way the browser would.
 */
import type { Frame } from '@playwright/test';
import {
  CTR_DOMAIN,
  FEEDBACK_DOMAIN,
  inFeedbackGroup,
  parseReportBatch,
  reportEpsilon,
  SATISFACTION_DOMAIN,
} from '../../sync-server/protocol';
import { pushedStatuses, recordStatuses } from './loader-helpers';
import { expect, test, widgetFrame } from './stack';

const hide = (frame: Frame) =>
  frame.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  });

test('the day’s set leaves before any chat, and a chat, a vote or a hidden page add no report', async ({
  page,
  stack,
}) => {
  const bodies: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/v1/reports') && r.method() === 'POST') bodies.push(r.postData() ?? '');
  });
  await recordStatuses(page, stack.widgetUrl);
  await page.goto(stack.demo.url);
  const frame = await widgetFrame(page);
  await frame.getByRole('button', { name: 'Open chat' }).click();
  await frame.getByRole('button', { name: 'Accept all' }).click();
  await expect.poll(() => stack.rows('select * from batches').length, { timeout: 20_000 }).toBeGreaterThan(0);
  const metrics = () => stack.rows<{ metric: string }>('select metric from reports').map((r) => r.metric);
  // The day's set: the segment, "no chat", and one metric of the feedback group as its "none".
  const drawn = metrics().filter(inFeedbackGroup);
  expect(drawn).toHaveLength(1);
  expect(
    metrics()
      .filter((m) => !inFeedbackGroup(m))
      .sort(),
  ).toEqual(['intent_count', 'segment_share']);
  const domains = {
    template_feedback: FEEDBACK_DOMAIN,
    recommendation_ctr: CTR_DOMAIN,
    chat_satisfaction: SATISFACTION_DOMAIN,
  };
  const metric = drawn[0] as keyof typeof domains;
  expect(stack.rows(`select domain, epsilon from reports where metric = '${metric}'`)).toEqual([
    { domain: domains[metric], epsilon: reportEpsilon(metric, domains[metric]) },
  ]);

  const input = frame.getByRole('textbox', { name: 'Your message' });
  await input.fill('How can I track my order?');
  await input.press('Enter');
  await expect(frame.locator('.log .msg-assistant')).toHaveCount(1, { timeout: 20_000 });
  // Each of these syncs (the vote refreshes recommendations, the hidden page flushes) ends with a
  // pushed status, and finds the day reported; a request would have told the server "this device
  // just chatted".
  const pushed = async () => (await pushedStatuses(frame)).length;
  const beforeVote = await pushed();
  await frame.getByRole('button', { name: 'Helpful answer', exact: true }).click();
  await expect.poll(pushed, { timeout: 20_000 }).toBeGreaterThan(beforeVote);
  const beforeHide = await pushed();
  await hide(frame);
  await expect.poll(pushed, { timeout: 20_000 }).toBeGreaterThan(beforeHide);
  expect(stack.rows('select * from batches')).toHaveLength(1);
  expect(bodies).toHaveLength(1);
  // Everything that went out is a schema-valid batch; nothing names the visitor or their words.
  for (const body of bodies) {
    expect(parseReportBatch(JSON.parse(body)).ok).toBe(true);
    expect(body).not.toMatch(/track|order\?/i);
  }
});
