/**
 * The consent prompt in the real widget: accept and reject are equally easy, "Save my choices" keeps
 * `share` tied to `personalize`, Global Privacy Control locks sharing off and says why, a changed
 * notice brings the prompt back with what changed, German is German, and the text is readable (WCAG
 * 2.2 AA contrast) in light and dark mode. Real worker, real IndexedDB, real sync server throughout.
 */

import { NOTICE, NOTICE_HISTORY, NOTICE_VERSION } from '../../widget/frame/privacy/notice';
import { hostPage } from './chat-pages';
import { pushedStatuses, recordStatuses } from './loader-helpers';
import { contrastProblems, openPanel, openPrivacy } from './privacy-helpers';
import { expect, ONLY_THE_REFUSAL, privateRequests, storageSnapshot, test, widgetFrame } from './stack';

const reportPosts = (urls: readonly { url(): string; method(): string }[]) =>
  urls.filter((r) => r.url().endsWith('/v1/reports') && r.method() === 'POST');

test('accept and reject are the same size, equally prominent, and each one click', async ({
  page,
  stack,
}) => {
  await page.goto(stack.demo.url);
  const frame = await widgetFrame(page);
  await openPanel(frame);
  const reject = frame.getByRole('button', { name: 'Reject all' });
  const accept = frame.getByRole('button', { name: 'Accept all' });
  await expect(frame.getByRole('heading', { name: NOTICE.en.title })).toBeVisible();
  // Measured in one go: the panel may still be sliding in, which moves both buttons together.
  await expect(reject).toBeVisible();
  const [r, a] = await frame.evaluate(() => {
    const byText = (t: string) =>
      [...document.querySelectorAll('button')]
        .find((b) => b.textContent?.trim() === t)
        ?.getBoundingClientRect();
    return [byText('Reject all'), byText('Accept all')];
  });
  expect(r && a).toBeTruthy();
  expect(Math.abs(r!.width - a!.width)).toBeLessThanOrEqual(1);
  expect(Math.abs(r!.height - a!.height)).toBeLessThanOrEqual(1);
  expect(Math.abs(r!.y - a!.y)).toBeLessThanOrEqual(1); // side by side, neither below the fold of the other
  const look = (el: Element) => {
    const s = getComputedStyle(el);
    return [s.backgroundColor, s.color, s.fontSize, s.fontWeight, s.borderTopWidth, s.borderTopColor].join();
  };
  expect(await reject.evaluate(look)).toBe(await accept.evaluate(look));
  // Both boxes start unticked; the notice version is shown.
  await expect(frame.getByRole('checkbox', { name: NOTICE.en.personalize })).not.toBeChecked();
  await expect(frame.getByRole('checkbox', { name: NOTICE.en.share })).not.toBeChecked();
  await expect(frame.getByText(`Notice version ${NOTICE_VERSION}`)).toBeVisible();

  // One keyboard press on the focused "Reject all" decides, like one click.
  await reject.focus();
  await page.keyboard.press('Enter');
  await expect(reject).toBeHidden();
  expect(await storageSnapshot(frame)).toEqual(ONLY_THE_REFUSAL);
  expect(privateRequests(stack.requests)).toEqual([]);
});

test('accept all records both purposes with the current notice; the prompt does not come back', async ({
  page,
  stack,
}) => {
  await page.goto(stack.demo.url);
  const frame = await widgetFrame(page);
  await openPanel(frame);
  await frame.getByRole('button', { name: 'Accept all' }).click();
  await expect(frame.getByRole('button', { name: 'Accept all' })).toBeHidden();
  await openPrivacy(frame);
  await expect(frame.locator('[data-purpose="personalize"]')).toHaveText('allowed');
  await expect(frame.locator('[data-purpose="share"]')).toHaveText('allowed');
  await expect(frame.locator('[data-consent="notice"]')).toHaveText(NOTICE_VERSION);
  await expect(frame.locator('[data-consent="source"]')).toHaveAttribute('data-source', 'prompt');
  await expect.poll(async () => (await storageSnapshot(frame)).databases).toEqual(['confide']);

  await page.reload();
  const again = await widgetFrame(page);
  await openPanel(again);
  await expect(again.getByRole('button', { name: 'Privacy', exact: true })).toBeVisible();
  await expect(again.getByRole('button', { name: 'Accept all' })).toHaveCount(0);
});

test('save my choices: share needs personalize, and personalize alone shares nothing', async ({
  page,
  stack,
}) => {
  await recordStatuses(page, stack.widgetUrl);
  await page.goto(stack.demo.url);
  const frame = await widgetFrame(page);
  await openPanel(frame);
  const personalize = frame.getByRole('checkbox', { name: NOTICE.en.personalize });
  const share = frame.getByRole('checkbox', { name: NOTICE.en.share });
  await expect(share).toBeDisabled();
  await expect(frame.getByText(NOTICE.en.shareNeedsPersonalize)).toBeVisible();
  await personalize.check();
  await expect(share).toBeEnabled();
  await share.check();
  await personalize.uncheck(); // taking personalize back takes share with it
  await expect(share).not.toBeChecked();
  await personalize.check();
  await frame.getByRole('button', { name: 'Save my choices' }).click();

  await openPrivacy(frame);
  await expect(frame.locator('[data-purpose="personalize"]')).toHaveText('allowed');
  await expect(frame.locator('[data-purpose="share"]')).toHaveText('not allowed');
  await expect.poll(async () => (await storageSnapshot(frame)).databases).toEqual(['confide']);
  // The worker delivered recommendations and decided about reporting: a (wrong) report was sent by now.
  await expect.poll(async () => (await pushedStatuses(frame)).length).toBeGreaterThan(0);
  expect(reportPosts(stack.requests)).toEqual([]);
});

test('Global Privacy Control: sharing is off, the box says why, and accepting sends no report', async ({
  page,
  stack,
}) => {
  // Chromium has no switch for Global Privacy Control, so it is emulated the way the browser exposes
  // it: `navigator.globalPrivacyControl === true`, defined by an init script in the widget frame only
  // (the init script runs in every frame; it acts only on the widget origin).
  await page.addInitScript((widgetOrigin) => {
    if (location.origin !== widgetOrigin) return;
    Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {
      get: () => true,
      configurable: true,
    });
  }, stack.widgetUrl);
  await recordStatuses(page, stack.widgetUrl);
  await page.goto(stack.demo.url);
  const frame = await widgetFrame(page);
  expect(
    await frame.evaluate(() => (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl),
  ).toBe(true);
  expect(
    await page.evaluate(() => (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl),
  ).toBe(undefined);

  await openPanel(frame);
  const personalize = frame.getByRole('checkbox', { name: NOTICE.en.personalize });
  const share = frame.getByRole('checkbox', { name: NOTICE.en.share });
  await personalize.check();
  await expect(share).toBeDisabled();
  await expect(share).not.toBeChecked();
  await expect(share).toHaveAccessibleDescription(new RegExp(NOTICE.en.shareOffGpc.slice(0, 40)));
  await expect(frame.locator('[data-why="gpc"]')).toHaveText(NOTICE.en.shareOffGpc);

  await frame.getByRole('button', { name: 'Accept all' }).click();
  await expect(frame.getByRole('list', { name: 'Recommended for you' })).toBeVisible({ timeout: 20_000 });
  await openPrivacy(frame);
  await expect(frame.locator('[data-purpose="personalize"]')).toHaveText('allowed');
  await expect(frame.locator('[data-purpose="share"]')).toHaveText('not allowed');
  // The privacy center keeps the lock too.
  await expect(frame.getByRole('checkbox', { name: NOTICE.en.share })).toBeDisabled();
  await expect.poll(async () => (await pushedStatuses(frame)).length).toBeGreaterThan(0);
  expect(reportPosts(stack.requests)).toEqual([]);
  expect(stack.rows('select * from reports')).toEqual([]);
});

test('a changed notice brings the prompt back and says what changed', async ({ page, stack }) => {
  await page.goto(stack.demo.url);
  const frame = await widgetFrame(page);
  await openPanel(frame);
  await frame.getByRole('button', { name: 'Accept all' }).click();
  await expect.poll(async () => (await storageSnapshot(frame)).databases).toEqual(['confide']);

  // The visitor decided under an earlier notice: rewrite the stored record's version inside the widget
  // origin's own database, as a visitor from before this notice would have it. The worker is real.
  const older = '2020-01-01';
  await frame.evaluate(async (version) => {
    const db = await new Promise<IDBDatabase>((done, fail) => {
      const req = indexedDB.open('confide');
      req.onsuccess = () => done(req.result);
      req.onerror = () => fail(req.error);
    });
    const tx = db.transaction('consent', 'readwrite');
    const store = tx.objectStore('consent');
    const rec = await new Promise<Record<string, unknown>>((done) => {
      const get = store.get('current');
      get.onsuccess = () => done(get.result);
    });
    store.put({ ...rec, notice: version }, 'current');
    await new Promise((done, fail) => {
      tx.oncomplete = done;
      tx.onerror = () => fail(tx.error);
    });
    db.close();
  }, older);

  await page.reload();
  const again = await widgetFrame(page);
  await openPanel(again);
  await expect(again.getByText('Our notice changed since you last decided')).toBeVisible();
  const changed = NOTICE_HISTORY.at(-1)!.changed.en;
  await expect(again.getByText(`What changed: ${changed}`)).toBeVisible();
  await expect(again.getByRole('button', { name: 'Reject all' })).toBeVisible();

  // Deciding again records the current version, and the change note is gone for good.
  await again.getByRole('button', { name: 'Accept all' }).click();
  await openPrivacy(again);
  await expect(again.locator('[data-consent="notice"]')).toHaveText(NOTICE_VERSION);
  await page.reload();
  const third = await widgetFrame(page);
  await openPanel(third);
  await expect(third.getByRole('button', { name: 'Privacy', exact: true })).toBeVisible();
  await expect(third.getByText('Our notice changed since you last decided')).toHaveCount(0);
});

test('rejecting under a changed notice deletes what the earlier consent kept', async ({ page, stack }) => {
  await page.goto(stack.demo.url);
  const frame = await widgetFrame(page);
  await openPanel(frame);
  await frame.getByRole('button', { name: 'Accept all' }).click();
  await expect.poll(async () => (await storageSnapshot(frame)).databases).toEqual(['confide']);
  await frame.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((done) => {
      const req = indexedDB.open('confide');
      req.onsuccess = () => done(req.result);
    });
    const tx = db.transaction('consent', 'readwrite');
    const get = tx.objectStore('consent').get('current');
    get.onsuccess = () => tx.objectStore('consent').put({ ...get.result, notice: '2020-01-01' }, 'current');
    await new Promise((done) => {
      tx.oncomplete = done;
    });
    db.close();
  });
  await page.reload();
  const again = await widgetFrame(page);
  await openPanel(again);
  await expect(again.getByText('Our notice changed since you last decided')).toBeVisible();
  await again.getByRole('button', { name: 'Reject all' }).click();
  await expect.poll(() => storageSnapshot(again)).toEqual(ONLY_THE_REFUSAL);
});

test.describe('in German', () => {
  test('the prompt and the privacy center speak German', async ({ page, stack }) => {
    // The language comes from the host page (`<html lang="de">`), as the loader passes it on.
    await page.goto(hostPage(stack, { greetingDelayMs: false }, { lang: 'de' }));
    const frame = await widgetFrame(page);
    await frame.getByRole('button', { name: 'Chat öffnen' }).click();
    await expect(frame.getByRole('heading', { name: NOTICE.de.title })).toBeVisible();
    await expect(frame.getByRole('button', { name: 'Alle ablehnen' })).toBeVisible();
    await expect(frame.getByRole('button', { name: 'Alle akzeptieren' })).toBeVisible();
    await expect(frame.getByRole('button', { name: 'Auswahl speichern' })).toBeVisible();
    await expect(frame.getByRole('checkbox', { name: NOTICE.de.personalize })).toBeVisible();
    await expect(frame.getByRole('group', { name: 'Was darf dieser Chat?' })).toBeVisible();
    await frame.getByRole('button', { name: 'Alle akzeptieren' }).click();

    await frame.getByRole('button', { name: 'Datenschutz', exact: true }).click();
    const center = frame.locator('.pv-center');
    await expect(center.getByRole('heading', { name: 'Datenschutz und Ihre Daten' })).toBeVisible();
    await expect(center.locator('[data-purpose="personalize"]')).toHaveText('erlaubt');
    await expect(center.getByRole('button', { name: 'Alles löschen' })).toBeVisible();
    await expect(center.getByRole('button', { name: 'Meine Daten herunterladen (JSON)' })).toBeVisible();
    // No English sentence slipped through.
    const text = (await center.textContent()) ?? '';
    for (const english of ['Privacy', 'Delete', 'Download', 'allowed', 'What is kept', 'Epsilon (ε) caps']) {
      expect(text).not.toContain(english);
    }
  });
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`prompt and privacy center text meet WCAG AA contrast (${colorScheme})`, async ({ page, stack }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto(stack.demo.url);
    const frame = await widgetFrame(page);
    await openPanel(frame);
    await frame.getByRole('checkbox', { name: NOTICE.en.personalize }).check();
    await expect(frame.locator('.pv-consent')).toBeVisible();
    expect(await contrastProblems(frame, '.pv-consent')).toEqual([]);
    await frame.getByRole('button', { name: 'Accept all' }).click();
    await openPrivacy(frame);
    await frame.getByRole('button', { name: 'Delete everything', exact: true }).click();
    await expect(frame.getByRole('button', { name: 'Yes, delete everything' })).toBeVisible();
    expect(await contrastProblems(frame, '.pv-center')).toEqual([]);
  });
}
