/**
 * The privacy center in the real widget: the counts it shows are what the widget origin really keeps,
 * the receipt and the export arrive as files (caught through Playwright's `download` event, from the
 * same-site, sandbox-free iframe), revoking from the center empties the storage, and "delete
 * everything" leaves no IndexedDB database and no Cache Storage behind and shows zeros.
 */
import { readFileSync } from 'node:fs';
import type { ConsentReceipt } from '../../widget/frame/privacy/consent-receipt';
import { NOTICE, NOTICE_VERSION } from '../../widget/frame/privacy/notice';
import type { ExportBundle } from '../../worker/protocol';
import {
  downloadedJson,
  openPanel,
  openPrivacy,
  settledCounts,
  shownCounts,
  storedCounts,
  ZERO_COUNTS,
} from './privacy-helpers';
import { expect, NOTHING_KEPT, ONLY_THE_REFUSAL, storageSnapshot, test, widgetFrame } from './stack';

const catalog = JSON.parse(readFileSync('models/artifacts/catalog.json', 'utf8')) as {
  items: { id: string; title: string }[];
};
const product = catalog.items[5]!;

/** A visitor who accepted on a product page, chatted once, and has the models cached. */
async function acceptedVisitor(page: import('@playwright/test').Page, demoUrl: string) {
  await page.goto(`${demoUrl}/product/${encodeURIComponent(product.id)}`);
  const frame = await widgetFrame(page);
  await openPanel(frame);
  await frame.getByRole('button', { name: 'Accept all' }).click();
  await expect(frame.getByRole('list', { name: 'Recommended for you' })).toBeVisible({ timeout: 20_000 });
  const input = frame.getByRole('textbox', { name: 'Your message' });
  await input.fill('Where is my order?');
  await input.press('Enter');
  await expect.poll(async () => (await storedCounts(frame)).messages, { timeout: 15_000 }).toBeGreaterThan(0);
  return frame;
}

test('the counts shown are the records the widget origin keeps, per store', async ({ page, stack }) => {
  const frame = await acceptedVisitor(page, stack.demo.url);
  const kept = await settledCounts(frame);
  expect(kept.events).toBeGreaterThanOrEqual(2); // page_view and item_view at least
  expect(kept.messages).toBeGreaterThanOrEqual(2); // the question and its answer
  expect(kept.keys).toBeGreaterThan(0);
  expect(kept.cachedModels).toBeGreaterThan(0);

  await openPrivacy(frame);
  await expect.poll(() => shownCounts(frame)).toEqual(kept);
  await expect(frame.locator('[data-storage-mode]')).toHaveAttribute('data-storage-mode', 'indexeddb');
  // Still what the storage holds after the center opened (nothing moved underneath the comparison).
  expect(await storedCounts(frame)).toEqual(kept);
  // The segment and why.
  await expect(frame.getByRole('heading', { name: 'How this chat sees you' })).toBeVisible();
  await expect(frame.locator('[data-segment-source]')).toHaveAttribute(
    'data-segment-source',
    /^(rule|model)$/,
  );
  await expect(frame.getByText(/^Why: .+/)).toBeVisible();
  // The budget spent on the one report the accepted visitor shared.
  const budget = frame.locator('[data-daily-budget]');
  await expect(budget).toHaveAttribute('data-reports-sent', /^[1-9]/);
  expect(Number(await budget.getAttribute('data-epsilon-today'))).toBeGreaterThan(0);
  await expect(frame.getByRole('meter', { name: 'Privacy budget used today' })).toBeVisible();
  await expect(frame.getByText(/^Epsilon \(ε\) caps how much anyone could learn/)).toBeVisible();
});

test('the consent receipt downloads as JSON with the decision and the notice quoted', async ({
  page,
  stack,
}) => {
  const t0 = Date.now();
  await page.goto(stack.demo.url);
  const frame = await widgetFrame(page);
  await openPanel(frame);
  await frame.getByRole('button', { name: 'Accept all' }).click();
  await openPrivacy(frame);
  const { name, json } = await downloadedJson<ConsentReceipt>(page, () =>
    frame.getByRole('button', { name: 'Download receipt (JSON)' }).click(),
  );
  expect(name).toMatch(/^confide-consent-receipt-\d{4}-\d{2}-\d{2}\.json$/);
  expect(json).toMatchObject({
    format: 'confide-consent-receipt/1',
    site: 'demo',
    widgetOrigin: stack.widgetUrl,
    decision: { personalize: true, share: true, source: 'prompt' },
    notice: {
      version: NOTICE_VERSION,
      locale: 'en',
      title: NOTICE.en.title,
      text: NOTICE.en.intro,
    },
  });
  expect(json.decision.decidedAtMs).toBeGreaterThanOrEqual(t0);
  expect(json.decision.decidedAtMs).toBeLessThanOrEqual(Date.now());
  expect(new Date(json.decision.decidedAt).getTime()).toBe(json.decision.decidedAtMs);
  expect(json.notice.purposes.personalize).toContain(NOTICE.en.personalizeDetail);
  // The receipt carries no identifier of the visitor or the device.
  expect(JSON.stringify(json)).not.toMatch(/"(id|uid|userId|deviceId|salt)"/);
});

test('the export downloads every event the device keeps, and the transcript', async ({ page, stack }) => {
  const frame = await acceptedVisitor(page, stack.demo.url);
  const kept = await settledCounts(frame);
  await openPrivacy(frame);
  const { name, json } = await downloadedJson<ExportBundle>(page, () =>
    frame.getByRole('button', { name: 'Download my data (JSON)' }).click(),
  );
  expect(name).toMatch(/^confide-data-\d{4}-\d{2}-\d{2}\.json$/);
  expect(json.format).toBe('confide-export/1');
  expect(json.consent).toMatchObject({ personalize: true, notice: NOTICE_VERSION, source: 'prompt' });
  expect(json.events).toHaveLength(kept.events);
  expect(json.events.map((e) => e.type)).toEqual(expect.arrayContaining(['page_view', 'item_view']));
  expect(json.events.find((e) => e.type === 'item_view')?.props.item).toBe(product.id);
  expect(json.transcript.map((m) => m.text)).toContain('Where is my order?');
  // What the center shows and what the worker exports agree.
  expect((await shownCounts(frame)).events).toBe(json.events.length);
  expect((await shownCounts(frame)).messages).toBe(json.transcript.length);
});

test('revoking from the privacy center empties the storage and shows it', async ({ page, stack }) => {
  const frame = await acceptedVisitor(page, stack.demo.url);
  await openPrivacy(frame);
  const personalize = frame.getByRole('checkbox', { name: NOTICE.en.personalize });
  await expect(personalize).toBeChecked();
  await personalize.uncheck();
  await expect(
    frame.getByText('Turning personalization off deletes everything kept on this device.'),
  ).toBeVisible();
  await frame.getByRole('button', { name: 'Save changes' }).click();
  await expect(frame.getByText('Your choices are saved.')).toBeVisible();

  // Only the decision itself stays, so the site cannot switch personalization back on.
  await expect.poll(() => storageSnapshot(frame)).toEqual(ONLY_THE_REFUSAL);
  await expect.poll(() => shownCounts(frame)).toEqual(ZERO_COUNTS);
  await expect(frame.locator('[data-purpose="personalize"]')).toHaveText('not allowed');
  await expect(frame.getByText('None: personalization is off.')).toBeVisible();
});

test('delete everything, after a confirm step, leaves no database and no cache, and shows zeros', async ({
  page,
  stack,
}) => {
  const frame = await acceptedVisitor(page, stack.demo.url);
  await settledCounts(frame);
  await openPrivacy(frame);
  expect((await shownCounts(frame)).events).toBeGreaterThan(0);

  // The first click only asks; Escape (or Cancel) backs out with nothing deleted.
  await frame.getByRole('button', { name: 'Delete everything', exact: true }).click();
  const yes = frame.getByRole('button', { name: 'Yes, delete everything' });
  await expect(yes).toBeVisible();
  await expect(frame.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(yes).toBeHidden();
  await expect(frame.getByRole('button', { name: 'Delete everything', exact: true })).toBeFocused();
  expect((await storageSnapshot(frame)).databases).toEqual(['confide']);

  await frame.getByRole('button', { name: 'Delete everything', exact: true }).click();
  await yes.click();
  await expect(
    frame.getByText('Everything was deleted. This device keeps nothing from this chat.'),
  ).toBeFocused();
  await expect.poll(() => shownCounts(frame)).toEqual(ZERO_COUNTS);
  await expect(frame.locator('[data-storage-mode]')).toHaveAttribute('data-storage-mode', 'none');
  await expect(frame.getByText('You have not decided yet.')).toBeVisible();
  const after = await storageSnapshot(frame);
  expect(after.databases).toEqual([]);
  expect(after.caches).toEqual([]);
  expect(after).toEqual(NOTHING_KEPT);

  // Closing the center brings the prompt back: the consent went with everything else.
  await frame.getByRole('button', { name: 'Back to chat' }).click();
  await expect(frame.getByRole('button', { name: 'Accept all' })).toBeVisible();
  expect(await storageSnapshot(frame)).toEqual(NOTHING_KEPT);
});

test('the privacy center works from the keyboard alone', async ({ page, stack }) => {
  await page.goto(stack.demo.url);
  const frame = await widgetFrame(page);
  await openPanel(frame);
  await frame.getByRole('button', { name: 'Accept all' }).click();
  // Once the chat has settled (the panel moves focus to the composer after a decision), go by keyboard.
  await expect(frame.getByRole('list', { name: 'Recommended for you' })).toBeVisible({ timeout: 20_000 });
  await frame.getByRole('button', { name: 'Privacy', exact: true }).press('Enter');
  // Focus lands on the center's heading, so a screen reader starts there.
  await expect(frame.getByRole('heading', { name: 'Privacy and your data' })).toBeFocused();
  // Tab reaches every control of the center, in reading order, each with its name.
  const expected = [
    'Back to chat',
    'Download receipt (JSON)',
    NOTICE.en.personalize,
    NOTICE.en.share,
    'Save changes',
    'Download my data (JSON)',
    'Delete everything',
  ];
  const names: string[] = [];
  for (const _ of expected) {
    await page.keyboard.press('Tab');
    names.push(
      await frame.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el?.closest('.pv-center')) return '(outside the center)';
        const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
        return (label ?? el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
      }),
    );
  }
  expect(names).toEqual(expected);
  // Enter opens the confirm step and lands on Cancel, Escape backs out of it.
  await page.keyboard.press('Enter');
  await expect(frame.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(frame.getByRole('button', { name: 'Delete everything', exact: true })).toBeFocused();
  // Escape goes back to the chat.
  await page.keyboard.press('Escape');
  await expect(frame.getByRole('heading', { name: 'Privacy and your data' })).toBeHidden();
});

test('embedded cross-site, the center says everything is in memory only, and deleting still empties it', async ({
  page,
  stack,
}) => {
  await page.goto(`${stack.crossSiteDemo.url}/product/${encodeURIComponent(product.id)}`);
  const frame = await widgetFrame(page);
  await openPanel(frame);
  await frame.getByRole('button', { name: 'Accept all' }).click();
  await expect(frame.getByRole('list', { name: 'Recommended for you' })).toBeVisible({ timeout: 20_000 });
  await openPrivacy(frame);
  await expect(frame.locator('[data-storage-mode]')).toHaveAttribute('data-storage-mode', 'memory');
  await expect(frame.getByText(/^Kept in memory only/)).toBeVisible();
  // The events live in the worker's session memory, so the center counts them although no database exists.
  await expect.poll(async () => (await shownCounts(frame)).events).toBeGreaterThanOrEqual(2);
  // (Chromium refuses IndexedDB here altogether; `databases()` rejects rather than listing none.)
  expect(await frame.evaluate(async () => (await indexedDB.databases().catch(() => [])).length)).toBe(0);

  await frame.getByRole('button', { name: 'Delete everything', exact: true }).click();
  await frame.getByRole('button', { name: 'Yes, delete everything' }).click();
  await expect.poll(() => shownCounts(frame)).toEqual(ZERO_COUNTS);
  await expect(frame.locator('[data-storage-mode]')).toHaveAttribute('data-storage-mode', 'none');
});
