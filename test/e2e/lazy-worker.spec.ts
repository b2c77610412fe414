/**
 * Cost follows interest: a visitor who has neither consented nor opened the chat gets the loader and
 * the launcher, and no worker script, no worker, nothing of the runtime; opening the chat starts the
 * worker (still nothing private before consent); an opted-in visitor's next page starts it at once,
 * so recommendations reach the host page without a click; after revocation that stops again and the
 * widget origin keeps nothing. Real frame, real worker, real IndexedDB.
 */
import type { Page } from '@playwright/test';
import { heard, recordHostMessages } from './loader-helpers';
import { expect, NOTHING_KEPT, privateRequests, storageSnapshot, test, widgetFrame } from './stack';

const workerScripts = (urls: readonly string[]) => urls.filter((u) => /\/assets\/worker[^/]*\.js/.test(u));
const recommended = async (page: Page) =>
  (await heard(page)).filter((m) => m.type === 'recommendation').length;

test('the launcher alone until the chat opens; an opted-in visitor’s next page starts at once', async ({
  page,
  stack,
}) => {
  await recordHostMessages(page, stack.widgetUrl);
  await page.goto(`${stack.demo.url}/`);
  const frame = await widgetFrame(page);
  const launcher = frame.getByRole('button', { name: 'Open chat' });
  await expect(launcher).toBeVisible();
  // The loader sent its page view; it waits in the frame, as no worker runs.
  await expect.poll(async () => (await heard(page)).some((m) => m.type === 'keeping')).toBe(true);
  const urls = () => stack.requests.map((r) => r.url());
  expect(workerScripts(urls())).toEqual([]);
  expect(page.workers()).toEqual([]);
  expect(privateRequests(stack.requests)).toEqual([]);
  expect(await storageSnapshot(frame)).toEqual(NOTHING_KEPT);

  // Opening the chat starts the worker; before a decision it still fetches nothing private.
  await launcher.click();
  await expect(frame.getByRole('button', { name: 'Accept all' })).toBeVisible();
  await expect.poll(() => page.workers().length).toBe(1);
  expect(workerScripts(urls())).toHaveLength(1);
  expect(privateRequests(stack.requests)).toEqual([]);
  expect(await storageSnapshot(frame)).toEqual(NOTHING_KEPT);

  // Accept, then the next page: the worker starts without a click and recommends to the host page.
  await frame.getByRole('button', { name: 'Accept all' }).click();
  await expect(frame.getByRole('list', { name: 'Recommended for you' })).toBeVisible({ timeout: 20_000 });
  await page.reload();
  await widgetFrame(page);
  await expect.poll(() => recommended(page), { timeout: 20_000 }).toBeGreaterThan(0);
  expect(page.workers()).toHaveLength(1);

  // The product page of a recommended item: the list kept from the last page, shown first, and the
  // fresh one after it both leave out the item being looked at.
  const lists = async () =>
    (await heard(page))
      .filter((m) => m.type === 'recommendation')
      .map((m) => (m.items as { id: string }[]).map((i) => i.id));
  const viewed = (await lists()).at(-1)?.[0] ?? '';
  expect(viewed).not.toBe('');
  await page.goto(`${stack.demo.url}/product/${encodeURIComponent(viewed)}`);
  await widgetFrame(page);
  await expect.poll(async () => (await lists()).length, { timeout: 20_000 }).toBeGreaterThan(1);
  for (const list of await lists()) expect(list).not.toContain(viewed);

  // Revoked through the host API: nothing remains, and the next page is back to the launcher alone.
  await page.evaluate(() =>
    (window as unknown as { confide: (...a: unknown[]) => void }).confide('consent', {
      personalize: false,
      share: false,
    }),
  );
  const again = await widgetFrame(page);
  await expect.poll(async () => (await storageSnapshot(again)).databases, { timeout: 10_000 }).toEqual([]);
  // The revocation is done once the frame has dropped its flag and the offline copy, too.
  await expect
    .poll(async () => {
      const { localStorage, serviceWorkers, caches } = await storageSnapshot(again);
      return { keeping: localStorage.includes('confide:keeping'), serviceWorkers, caches };
    })
    .toEqual({ keeping: false, serviceWorkers: [], caches: [] });
  await page.reload();
  const next = await widgetFrame(page);
  await expect(next.getByRole('button', { name: 'Open chat' })).toBeVisible();
  await expect.poll(async () => (await heard(page)).some((m) => m.type === 'keeping')).toBe(true);
  expect(page.workers()).toEqual([]);
  expect((await storageSnapshot(next)).localStorage).not.toContain('confide:keeping');
});
