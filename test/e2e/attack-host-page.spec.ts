/**
 * What a script on the host page could do to the visitor's data (issue 12, attacks 1 and 2), tried as
 * an attacker would: it can call `confide(...)` and post messages to the frame like the loader does.
 * Before the fix, `confide('export', fn)` and a posted `export` handed it the decrypted transcript, and
 * `confide('consent', …)` switched personalization on after the visitor had clicked "Reject all".
 */

import { NOTICE } from '../../widget/frame/privacy/notice';
import { hostPage } from './chat-pages';
import { handledEvents, hasDatabase, heard, recordHostMessages } from './loader-helpers';
import { downloadedJson } from './privacy-helpers';
import { expect, test, widgetFrame } from './stack';

type Confide = (...args: unknown[]) => void;
const SECRET = 'my order 4411 never arrived';

test('attack 1: the host page never receives the transcript; the visitor downloads it in the frame', async ({
  page,
  stack,
}) => {
  await recordHostMessages(page, stack.widgetUrl);
  await page.goto(hostPage(stack, { greetingDelayMs: false }));
  const frame = await widgetFrame(page);
  await frame.getByRole('button', { name: 'Open chat' }).click();
  await frame.getByRole('button', { name: 'Accept all' }).click();
  const input = frame.getByRole('textbox', { name: 'Your message' });
  await input.fill(SECRET);
  await input.press('Enter');
  await expect(frame.locator('.log .msg-assistant')).toHaveCount(1, { timeout: 20_000 });
  await frame.getByRole('button', { name: 'Close chat' }).click();

  // The attack, both ways: through the public API, and by posting what the loader would post.
  await page.evaluate((widget) => {
    const w = window as unknown as { confide: Confide; got: unknown[] };
    w.got = [];
    w.confide('export', (result: unknown) => w.got.push(result));
    const iframe = document.querySelector<HTMLIFrameElement>('iframe[data-confide-frame]');
    iframe?.contentWindow?.postMessage({ channel: 'confide/1', type: 'export' }, new URL(widget).origin);
  }, stack.widgetUrl);

  // The visitor is asked inside the widget; saying no gives the page a bare "no".
  const request = frame.getByRole('region', { name: 'This site asks you for a copy of your data' });
  await expect(request).toBeVisible();
  await request.getByRole('button', { name: 'Not now' }).click();
  const got = () => page.evaluate(() => (window as unknown as { got: unknown[] }).got);
  await expect.poll(got).toEqual([{ downloaded: false }]);

  // Asked again, the visitor agrees: the file is saved from the frame, complete.
  await page.evaluate(() => {
    const w = window as unknown as { confide: Confide; got: unknown[] };
    w.confide('export', (result: unknown) => w.got.push(result));
  });
  const { json } = await downloadedJson<{ transcript: { text: string }[] }>(page, () =>
    request.getByRole('button', { name: 'Download my data (JSON)' }).click(),
  );
  expect(json.transcript.map((m) => m.text)).toContain(SECRET);
  await expect.poll(got).toEqual([{ downloaded: false }, { downloaded: true }]);

  // Nothing the frame ever posted to the host page carries the conversation.
  const posted = JSON.stringify(await heard(page));
  expect(posted).not.toContain('4411');
  // One answer per request (the API's and the posted one), each only a yes or no.
  expect((await heard(page)).filter((m) => m.type === 'exported')).toEqual([
    { channel: 'confide/1', type: 'exported', downloaded: false },
    { channel: 'confide/1', type: 'exported', downloaded: false },
    { channel: 'confide/1', type: 'exported', downloaded: true },
  ]);
});

test('attack 2: after "Reject all" in the widget, the host page cannot switch anything on', async ({
  page,
  stack,
}) => {
  await recordHostMessages(page, stack.widgetUrl);
  await page.goto(hostPage(stack, { greetingDelayMs: false }));
  let frame = await widgetFrame(page);
  await frame.getByRole('button', { name: 'Open chat' }).click();
  await frame.getByRole('button', { name: 'Reject all' }).click();

  // Host messages are handled in order: once the event after the attempt is confirmed, so is it.
  const attempt = async (handled: number) => {
    await page.evaluate(() => {
      const confide = (window as unknown as { confide: Confide }).confide;
      confide('consent', { personalize: true, share: true });
      confide('track', 'search', { q: 'candles' });
    });
    await expect.poll(() => handledEvents(page)).toBeGreaterThanOrEqual(handled);
  };
  await attempt(1);
  // A posted consent, as the consent-manager relay sends it, marked as a live decision.
  await page.evaluate((widget) => {
    const iframe = document.querySelector<HTMLIFrameElement>('iframe[data-confide-frame]');
    iframe?.contentWindow?.postMessage(
      { channel: 'confide/1', type: 'consent', personalize: true, share: true, source: 'cmp', live: true },
      new URL(widget).origin,
    );
  }, stack.widgetUrl);
  await attempt(2);
  expect(await hasDatabase(frame)).toBe(false);
  await frame.getByRole('button', { name: 'Privacy' }).click();
  await expect(frame.getByRole('checkbox', { name: NOTICE.en.personalize })).not.toBeChecked();

  // The refusal outlasts the page: on the next page the host tries before the visitor does anything.
  await page.reload();
  frame = await widgetFrame(page);
  await attempt(1);
  expect(await hasDatabase(frame)).toBe(false);

  // Narrowing stays possible, and the visitor, in the widget, can widen it again.
  await frame.getByRole('button', { name: 'Open chat' }).click();
  await frame.getByRole('button', { name: 'Privacy' }).click();
  await frame.getByRole('checkbox', { name: NOTICE.en.personalize }).check();
  await frame.getByRole('button', { name: 'Save changes' }).click();
  await expect.poll(() => hasDatabase(frame)).toBe(true);
});
