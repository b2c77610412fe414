/**
 * The sync client's outbox in real Chromium against the real sync server: every POST is a valid
 * batch; while the server fails (500, reset, or a drop after it committed) the batch is retried with
 * the identical body and stored exactly once; with two tabs open only one flushes at a time.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page, Route } from '@playwright/test';
import { parseReportBatch } from '../../sync-server/protocol';
import { pushedStatuses, recordStatuses } from './loader-helpers';
import { expect, test, widgetFrame } from './stack';

const catalog = JSON.parse(readFileSync('models/artifacts/catalog.json', 'utf8')) as {
  items: { id: string }[];
};
const product = catalog.items[4]!;

async function accept(page: Page, demoUrl: string): Promise<void> {
  await page.goto(`${demoUrl}/product/${encodeURIComponent(product.id)}`);
  const frame = await widgetFrame(page);
  await frame.getByRole('button', { name: 'Open chat' }).click();
  await frame.getByRole('button', { name: 'Accept all' }).click();
  await expect(frame.getByRole('list', { name: 'Recommended for you' })).toBeVisible({ timeout: 20_000 });
}

/** Every POST body to /v1/reports the browser attempted, in order (fulfilled, failed or not). */
function reportBodies(context: BrowserContext): string[] {
  const bodies: string[] = [];
  context.on('request', (r) => {
    if (r.url().endsWith('/v1/reports') && r.method() === 'POST') bodies.push(r.postData() ?? '');
  });
  return bodies;
}

function batchId(body: string): string {
  const parsed = parseReportBatch(JSON.parse(body));
  if (!parsed.ok) throw new Error(`invalid batch on the wire: ${JSON.stringify(parsed.issues)}`);
  return parsed.batch.batch;
}

test('with share consent, valid batches arrive and are stored once each', async ({
  page,
  context,
  stack,
}) => {
  const bodies = reportBodies(context);
  await accept(page, stack.demo.url);
  await expect.poll(() => stack.rows('select * from batches').length, { timeout: 15_000 }).toBeGreaterThan(0);
  const ids = bodies.map(batchId);
  const stored = stack.rows<{ batch: string }>('select batch from batches').map((r) => r.batch);
  expect(stored.sort()).toEqual([...new Set(ids)].sort());
  expect(stack.rows("select * from reports where metric = 'segment_share'")).toHaveLength(1);
  expect(stack.rows("select * from sketch_reports where metric = 'item_popularity'")).toHaveLength(1);
});

test('while the server fails, the batch is retried unchanged and stored exactly once', async ({
  page,
  context,
  stack,
}) => {
  const bodies = reportBodies(context);
  const faults = ['500', 'reset', 'commit-then-drop', '500'];
  const applied: string[] = [];
  await context.route('**/v1/reports', async (route: Route) => {
    const fault = faults[applied.length];
    applied.push(fault ?? 'pass');
    if (fault === '500')
      return route.fulfill({ status: 500, json: { error: { code: 'internal', message: 'x' } } });
    if (fault === 'reset') return route.abort('connectionreset');
    if (fault === 'commit-then-drop') {
      await route.fetch(); // the server stores the batch
      return route.abort('connectionreset'); // and the answer never reaches the worker
    }
    return route.continue();
  });
  await accept(page, stack.demo.url);
  await expect.poll(() => applied.length, { timeout: 30_000 }).toBeGreaterThan(faults.length);
  await expect.poll(() => stack.rows('select * from batches').length, { timeout: 15_000 }).toBeGreaterThan(0);
  expect(applied.slice(0, faults.length)).toEqual(faults);
  const ids = bodies.map(batchId);
  // Every attempt of one batch carried the same bytes: nothing was noised twice.
  const byId = new Map<string, Set<string>>();
  for (const [i, id] of ids.entries()) byId.set(id, (byId.get(id) ?? new Set()).add(bodies[i] ?? ''));
  for (const variants of byId.values()) expect(variants.size).toBe(1);
  const stored = stack.rows<{ batch: string; n: number }>(
    'select batch, count(*) as n from batches group by batch',
  );
  expect(stored.map((r) => r.batch).sort()).toEqual([...byId.keys()].sort());
  expect(stored.every((r) => r.n === 1)).toBe(true);
  const batches = stack.rows<{ batch: string; reports: number }>('select batch, reports from batches');
  for (const b of batches) {
    const rows = stack.rows<{ n: number }>(
      `select (select count(*) from reports where batch = '${b.batch}') + (select count(*) from sketch_reports where batch = '${b.batch}') as n`,
    );
    expect(rows[0]?.n).toBe(b.reports);
  }
});

test('with two tabs open, only one flushes at a time', async ({ context, stack }) => {
  let inFlight = 0;
  let most = 0;
  let failures = 3;
  let requests = 0;
  await context.route('**/v1/reports', async (route: Route) => {
    inFlight += 1;
    requests += 1;
    most = Math.max(most, inFlight);
    try {
      // Slow answers widen the window in which a second flusher would overlap.
      await new Promise((r) => setTimeout(r, 700));
      if (failures-- > 0)
        return await route.fulfill({ status: 503, json: { error: { code: 'internal', message: 'x' } } });
      const response = await route.fetch();
      return await route.fulfill({ response });
    } finally {
      inFlight -= 1;
    }
  });
  await recordStatuses(context, stack.widgetUrl);
  const first = await context.newPage();
  await accept(first, stack.demo.url);
  const second = await context.newPage();
  await second.goto(`${stack.demo.url}/product/${encodeURIComponent(catalog.items[9]!.id)}`);
  await widgetFrame(second);
  // Both tabs keep syncing while the server is slow and failing: each round, an event in each tab,
  // and the round ends when both tabs pushed the status that follows their sync attempt.
  const pushed = async (page: Page) => (await pushedStatuses(await widgetFrame(page))).length;
  for (let i = 0; i < 8; i++) {
    const before = await Promise.all([first, second].map(pushed));
    for (const page of [first, second]) {
      await page.evaluate(
        (q) =>
          (window as unknown as { confide: (...a: unknown[]) => void }).confide('track', 'search', { q }),
        `q${i}`,
      );
    }
    for (const [n, page] of [first, second].entries())
      await expect.poll(() => pushed(page), { timeout: 15_000 }).toBeGreaterThan(before[n] ?? 0);
  }
  await expect.poll(() => stack.rows('select * from batches').length, { timeout: 30_000 }).toBeGreaterThan(0);
  expect(most).toBe(1);
  expect(failures).toBeLessThan(0);
  test.info().annotations.push({ type: 'report POSTs with two tabs', description: String(requests) });
});
