/**
 * The spine, end to end: host page on one origin, widget from another, real IndexedDB, real
 * onnxruntime-web, real sync server with SQLite. Consent decides everything that is stored or sent.
 */
import { readFileSync } from 'node:fs';
import { inFeedbackGroup, parseReportBatch, reportEpsilon } from '../../sync-server/protocol';
import { handledEvents, pushedStatuses, recordHostMessages, recordStatuses } from './loader-helpers';
import {
  expect,
  NOTHING_KEPT,
  ONLY_THE_REFUSAL,
  privateRequests,
  storageSnapshot,
  test,
  widgetFrame,
} from './stack';

const catalog = JSON.parse(readFileSync('models/artifacts/catalog.json', 'utf8')) as {
  items: { id: string; title: string }[];
};
const manifest = JSON.parse(readFileSync('models/artifacts/manifest.json', 'utf8')) as {
  models: Record<'recommend' | 'segment' | 'intent', { file: string; int8?: { file: string } }>;
};
const product = catalog.items[3]!;

test('accepting consent stores events, renders model output and sends exactly one valid batch', async ({
  page,
  stack,
}) => {
  const t0 = Date.now();
  await page.goto(`${stack.demo.url}/product/${encodeURIComponent(product.id)}`);
  const frame = await widgetFrame(page);

  // The launcher appears.
  const launcher = frame.getByRole('button', { name: 'Open chat' });
  await expect(launcher).toBeVisible();

  // Before consent: nothing stored, nothing sent, no model or runtime fetched.
  await launcher.click();
  await expect(frame.getByRole('button', { name: 'Reject all' })).toBeVisible();
  await expect(frame.getByRole('button', { name: 'Accept all' })).toBeVisible();
  expect(await storageSnapshot(frame)).toEqual(NOTHING_KEPT);
  expect(privateRequests(stack.requests)).toEqual([]);
  expect(stack.rows('select * from reports')).toEqual([]);

  // Accept: events persist, the model runs, the recommendation is rendered.
  const accepted = Date.now();
  await frame.getByRole('button', { name: 'Accept all' }).click();
  const recs = frame.getByRole('list', { name: 'Recommended for you' });
  await expect(recs).toBeVisible({ timeout: 20_000 });
  const firstOutputMs = Date.now() - accepted;
  await expect(recs).toHaveAttribute('data-source', 'model');
  const shown = await recs.locator('li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-item')));
  expect(shown.length).toBeGreaterThan(0);
  expect(shown).not.toContain(product.id); // the viewed item is masked
  // Consent warms all three models at once; the quantized files are what visitors download, each once.
  const models = () =>
    stack.requests
      .map((r) => r.url())
      .filter((u) => u.includes('/v1/models/') && u.endsWith('.onnx'))
      .map((u) => u.split('/').pop())
      .sort();
  const { recommend, segment, intent } = manifest.models;
  const expected = [recommend, segment, intent].map((m) => m?.int8?.file ?? m?.file).sort();
  await expect.poll(models).toEqual(expected);

  const events = await frame.evaluate(
    () =>
      new Promise<{ type: string; props: Record<string, unknown> }[]>((done, fail) => {
        const req = indexedDB.open('confide');
        req.onerror = () => fail(req.error);
        req.onsuccess = () => {
          const all = req.result.transaction('events').objectStore('events').getAll();
          all.onsuccess = () => done(all.result);
        };
      }),
  );
  expect(events.map((e) => e.type).sort()).toEqual(['item_view', 'page_view']);
  expect(events.find((e) => e.type === 'item_view')?.props.item).toBe(product.id);

  // Exactly one valid batch reached the server and is in its database: the day's whole set, each
  // metric once (the segment, the viewed item as a count-mean sketch, and "no chat", "no vote").
  await expect.poll(() => stack.rows('select * from batches').length, { timeout: 10_000 }).toBe(1);
  const posts = stack.requests.filter((r) => r.url().endsWith('/v1/reports') && r.method() === 'POST');
  expect(posts).toHaveLength(1);
  const parsed = parseReportBatch(posts[0]!.postDataJSON());
  expect(parsed.ok).toBe(true);
  const krr = stack.rows<Record<string, unknown>>('select * from reports order by metric');
  // Of the feedback group, the one metric this device drew today (each at the same epsilon).
  const group = krr.filter((r) => inFeedbackGroup(String(r.metric)));
  expect(group).toHaveLength(1);
  expect(group[0]?.epsilon).toBe(0.5);
  expect(krr.filter((r) => !group.includes(r)).map((r) => r.metric)).toEqual([
    'intent_count',
    'segment_share',
  ]);
  const row = krr.find((r) => r.metric === 'segment_share');
  expect(row).toMatchObject({ site: 'demo', metric: 'segment_share', encoding: 'krr' });
  expect(row?.epsilon).toBe(reportEpsilon('segment_share', Number(row?.domain)));
  expect(Number(row!.value)).toBeLessThan(Number(row!.domain));
  expect(stack.rows('select * from sketch_reports')).toEqual([
    expect.objectContaining({
      site: 'demo',
      metric: 'item_popularity',
      hashes: 64,
      buckets: 1024,
      epsilon: reportEpsilon('item_popularity', 0),
    }),
  ]);

  // The host page heard about the recommendation through confide('on', 'recommendation').
  await expect(page.locator('#for-you')).toContainText('Recommended for you');

  // A returning visitor: consent is remembered, the model runs on load without any click.
  const reload = Date.now();
  await page.goto(`${stack.demo.url}/`);
  await expect(page.locator('#for-you')).toContainText('Recommended for you', { timeout: 20_000 });
  const returningMs = Date.now() - reload;
  // The models came from the Cache API (verified again), not the network.
  expect(stack.requests.filter((r) => r.url().endsWith('.onnx'))).toHaveLength(expected.length);
  // Beside them only the service worker's caches of the widget's own public files.
  const names = (await storageSnapshot(await widgetFrame(page))).caches;
  expect(names).toContain('confide-models');
  expect(
    names.filter((n) => !['confide-models', 'confide-shell', 'confide-assets', 'confide-api'].includes(n)),
  ).toEqual([]);

  // Revoking through the host API deletes everything the widget kept.
  await page.evaluate(() =>
    (window as unknown as { confide: (...a: unknown[]) => void }).confide('consent', {
      personalize: false,
      share: false,
    }),
  );
  await expect.poll(async () => storageSnapshot(await widgetFrame(page))).toEqual(NOTHING_KEPT);
  test
    .info()
    .annotations.push(
      { type: 'first model output after accepting (ms)', description: String(firstOutputMs) },
      { type: 'page load to first model output, returning visitor (ms)', description: String(returningMs) },
      { type: 'whole flow (ms)', description: String(Date.now() - t0) },
    );
  console.log(
    `[timing] accept→first model output ${firstOutputMs} ms; returning page load→model output ${returningMs} ms`,
  );
});

test('rejecting consent stores and sends nothing', async ({ page, stack }) => {
  await recordHostMessages(page, stack.widgetUrl);
  await page.goto(`${stack.demo.url}/product/${encodeURIComponent(product.id)}`);
  const frame = await widgetFrame(page);
  await frame.getByRole('button', { name: 'Open chat' }).click();
  await frame.getByRole('button', { name: 'Reject all' }).click();
  await expect(frame.getByText('nothing about your visit is stored or shared')).toBeVisible();

  // More activity after rejecting: an add-to-cart click and an API call, each handled by the worker.
  const handled = await handledEvents(page);
  await page.getByRole('button', { name: 'Add to basket' }).click();
  await page.evaluate(() =>
    (window as unknown as { confide: (...a: unknown[]) => void }).confide('track', 'search', { q: 'mug' }),
  );
  await expect.poll(() => handledEvents(page)).toBe(handled + 2);

  expect(await storageSnapshot(frame)).toEqual(ONLY_THE_REFUSAL);
  expect(privateRequests(stack.requests)).toEqual([]);
  expect(stack.rows('select * from reports')).toEqual([]);
  expect(stack.rows('select * from batches')).toEqual([]);
  await expect(page.locator('#for-you')).toBeEmpty();
});

test('embedded cross-site, where Chromium blocks third-party storage, the widget runs on session memory and never shares', async ({
  page,
  stack,
}) => {
  // The cross-site demo embeds the widget from localhost, the same server under another site.
  await recordStatuses(page, stack.widgetUrl.replace('127.0.0.1', 'localhost'));
  await page.goto(`${stack.crossSiteDemo.url}/product/${encodeURIComponent(product.id)}`);
  const frame = await widgetFrame(page);
  await frame.getByRole('button', { name: 'Open chat' }).click();
  await frame.getByRole('button', { name: 'Accept all' }).click();
  await expect(frame.getByRole('list', { name: 'Recommended for you' })).toHaveAttribute(
    'data-source',
    'model',
    {
      timeout: 20_000,
    },
  );
  await expect(frame.locator('[data-storage="memory"]')).toBeVisible(); // the visitor is told
  expect(await frame.evaluate(async () => (await indexedDB.databases().catch(() => [])).length)).toBe(0);
  // Session memory never shares: each page would start a fresh ledger, so no daily bound could hold.
  // `share` was accepted and is recorded; the status pushed after the sync says sharing is
  // unavailable, and nothing was sent.
  await expect
    .poll(
      async () =>
        (await pushedStatuses(frame)).some((s) => s.consent?.share && s.privacy.sharing === 'unavailable'),
      {
        timeout: 20_000,
      },
    )
    .toBe(true);
  expect(stack.rows('select * from batches')).toEqual([]);
  expect(stack.requests.filter((r) => r.url().endsWith('/v1/reports'))).toEqual([]);
});
