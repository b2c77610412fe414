/**
 * Every request of one visit, captured in the browser and held to the network rules (issue 12, item
 * 5): without consent (a chat message, which needs the runtime and the intent model), with
 * `personalize` only, and with `share`. Nothing about the visitor in a URL; no cookie, no Referer on
 * anything the frame or the worker fetches; fetches are kept out of the HTTP cache; every body that
 * leaves is a valid report batch. A cookie on the widget's host is planted first (the demo and the
 * widget are same-site here), so a request that carried credentials would show it.
 */
import type { Page, Request } from '@playwright/test';
import { parseReportBatch } from '../../sync-server/protocol';
import { expect, test, widgetFrame } from './stack';

/** What the widget origin may be asked for: fixed paths, and only the site key as a parameter. */
const ALLOWED_PATHS = [
  /^\/confide\.js$/,
  /^\/frame\.html$/,
  // The service worker's script (registered with personalize), fetched by the browser itself.
  /^\/sw\.js$/,
  /^\/assets\/[A-Za-z0-9._-]+$/,
  /^\/v1\/manifest$/,
  /^\/v1\/models\/[A-Za-z0-9._-]+$/,
  /^\/v1\/priors$/,
  /^\/v1\/experiments$/,
  /^\/v1\/reports$/,
];
const ALLOWED_PARAMS: Record<string, readonly string[]> = {
  '/frame.html': ['site', 'host'],
  '/v1/experiments': ['site'],
};

interface Seen {
  readonly phase: string;
  readonly request: Request;
}

test('every request of a visit follows the rules: before consent, with personalize, with share', async ({
  page,
  context,
  stack,
}) => {
  const widget = new URL(stack.widgetUrl);
  await context.addCookies([{ name: 'tracker', value: 'visitor-42', url: stack.widgetUrl }]);
  let phase = 'before consent';
  const seen: Seen[] = [];
  context.on('request', (request) => {
    if (new URL(request.url()).origin === widget.origin) seen.push({ phase, request });
  });

  await page.goto(`${stack.demo.url}/`);
  const frame = await widgetFrame(page);
  await frame.getByRole('button', { name: 'Open chat' }).click();
  // Chatting without consent: the answer needs the runtime and the intent model, nothing is kept.
  await frame.getByRole('button', { name: 'Reject all' }).click();
  const input = frame.getByRole('textbox', { name: 'Your message' });
  await input.fill('how long does delivery take?');
  await input.press('Enter');
  await expect(frame.locator('.log .msg-assistant')).toHaveCount(1, { timeout: 20_000 });
  expect(seen.some((s) => s.request.url().includes('/v1/models/'))).toBe(true);

  phase = 'personalize';
  const recommended = (from: Page) =>
    from.evaluate(() => (window as unknown as { recs?: unknown[] }).recs?.length ?? 0);
  const listen = (on: Page) =>
    on.evaluate(() => {
      const w = window as unknown as { confide: (...a: unknown[]) => void; recs: unknown[] };
      w.recs = [];
      w.confide('on', 'recommendation', (items: unknown) => w.recs.push(items));
    });
  await listen(page);
  await frame.getByRole('button', { name: 'Privacy' }).click();
  await frame.getByRole('checkbox', { name: 'Personalize on this device' }).check();
  await frame.getByRole('button', { name: 'Save changes' }).click();
  // The models and priors load for the first recommendations; leaving before would cut them off.
  await expect.poll(() => recommended(page), { timeout: 20_000 }).toBeGreaterThan(0);
  await page.goto(`${stack.demo.url}/`);
  await listen(page);
  const frame2 = await widgetFrame(page);
  await expect.poll(() => recommended(page), { timeout: 20_000 }).toBeGreaterThan(0);

  phase = 'share';
  await frame2.getByRole('button', { name: 'Open chat' }).click();
  await frame2.getByRole('button', { name: 'Privacy' }).click();
  await frame2.getByRole('checkbox', { name: 'Share anonymous statistics' }).check();
  await frame2.getByRole('button', { name: 'Save changes' }).click();
  await expect.poll(() => stack.rows('select * from batches').length, { timeout: 20_000 }).toBeGreaterThan(0);

  const problems: string[] = [];
  for (const { phase: when, request } of seen) {
    // Headers are read once the request is done (a request still in flight has provisional ones).
    const response = await request.response();
    if (!response) continue;
    const url = new URL(request.url());
    const where = `${when}: ${request.method()} ${url.pathname}${url.search}`;
    if (!ALLOWED_PATHS.some((p) => p.test(url.pathname))) problems.push(`${where}: path not allowed`);
    const allowed = ALLOWED_PARAMS[url.pathname] ?? [];
    for (const key of url.searchParams.keys())
      if (!allowed.includes(key)) problems.push(`${where}: parameter ${key}`);
    const headers = await request.allHeaders();
    // An empty value (Chromium's memory cache reports one) sends nothing either.
    if (headers.referer) problems.push(`${where}: Referer ${headers.referer}`);
    const fetched = request.resourceType() === 'fetch' || request.resourceType() === 'xhr';
    if (fetched && headers.cookie !== undefined) problems.push(`${where}: Cookie ${headers.cookie}`);
    // Answered by the widget's service worker, a request never reaches the network or its cache;
    // the service worker's own fetch for it is in `seen` and held to the rule.
    if (fetched && !response.fromServiceWorker() && headers['cache-control'] !== 'no-cache') {
      problems.push(`${where}: may be kept in the HTTP cache (${headers['cache-control'] ?? 'no header'})`);
    }
    if (request.method() === 'POST') {
      const parsed = parseReportBatch(JSON.parse(request.postData() ?? 'null'));
      if (!parsed.ok) problems.push(`${where}: body is not a valid batch`);
    }
  }
  expect(problems).toEqual([]);
  // And the browser's HTTP cache holds none of what the worker fetched: asked for a cached copy only,
  // the frame gets none, for the runtime, the models, the manifest and the priors alike.
  const fetched = [
    ...new Set(
      seen
        // The frame's and the worker's own fetches; the service worker's copies of them fetch the
        // same URLs (and the frame's build files, which are public and HTTP-cacheable by design).
        .filter(
          (s) =>
            s.request.resourceType() === 'fetch' &&
            s.request.method() === 'GET' &&
            !s.request.serviceWorker(),
        )
        .map((s) => s.request.url()),
    ),
  ];
  expect(fetched.length).toBeGreaterThan(5);
  const cached = await frame2.evaluate(async (urls) => {
    const hits: string[] = [];
    for (const url of urls) {
      const res = await fetch(url, { cache: 'only-if-cached', mode: 'same-origin' }).catch(() => null);
      if (res?.ok) hits.push(url);
    }
    return hits;
  }, fetched);
  expect(cached).toEqual([]);
  // Each phase was exercised: the runtime and models before consent, priors after, reports last.
  const paths = (when: string) =>
    seen.filter((s) => s.phase === when).map((s) => new URL(s.request.url()).pathname);
  expect(paths('before consent').some((p) => p.endsWith('.wasm'))).toBe(true);
  expect(paths('before consent')).not.toContain('/v1/reports');
  expect(paths('personalize')).not.toContain('/v1/reports');
  expect(paths('share')).toContain('/v1/reports');
});
