/**
 * Attack 4 of issue 12: the operator has logged in to the dashboard (HTTP Basic, which the browser
 * then remembers and attaches to every later request for the server), and visits a page on another
 * origin that auto-submits a form, and fires a no-cors fetch, to the key-rotation route. Rotating the
 * demo site's key stops the widget on the shop, so the key must survive both; the operator's own
 * bearer + JSON request must still rotate it.
 *
 * Playwright's `httpCredentials` is how a browser with a remembered login behaves: the dashboard's
 * Basic challenge is answered, and Chromium keeps the credentials for the server from then on.
 * Two variants: the attacker on the same site as the server (127.0.0.1 with another port, like a shop
 * page next to a widget on its subdomain) and on another site (127.0.0.1 against localhost).
 */
import type { Browser, Response } from '@playwright/test';
import { hashAdminToken, newAdminToken } from '../../sync-server';
import { expect, type Stack, test } from './stack';

const ROTATE = '/v1/admin/sites/demo/rotate';

/** A page that forges two rotations as soon as it loads: a no-cors fetch, then a form POST. */
function attackPage(target: string): string {
  return `<!doctype html><html lang="en"><title>Cute cats</title>
<form id="forged" method="POST" action="${target}"><input type="hidden" name="origins" value="x"></form>
<script>
  fetch(${JSON.stringify(target)}, { method: 'POST', mode: 'no-cors', credentials: 'include', body: '{}' })
    .catch(() => undefined)
    .finally(() => document.getElementById('forged').submit());
</script></html>`;
}

/** What one forged request carried and got. */
interface Forgery {
  readonly type: string;
  readonly status: number;
  readonly authorization: string | null;
  readonly fetchSite: string | null;
}

async function forgery(answer: Response): Promise<Forgery> {
  const request = answer.request();
  return {
    type: request.resourceType(),
    status: answer.status(),
    authorization: await request.headerValue('authorization'),
    fetchSite: await request.headerValue('sec-fetch-site'),
  };
}

/** Logs in to the dashboard at `server`, then visits the attacker; returns what the forgeries got. */
async function attack(browser: Browser, stack: Stack, server: string): Promise<Forgery[]> {
  const token = newAdminToken();
  await stack.server.store.addAdminToken(hashAdminToken(token), 'operator', '2026-11-22');
  const context = await browser.newContext({
    httpCredentials: { username: 'operator', password: token, origin: server },
  });
  try {
    const page = await context.newPage();
    const dashboard = await page.goto(`${server}/dashboard`);
    // The login took (what the page shows is not under test here): the browser now remembers it.
    expect(dashboard?.status()).not.toBe(401);

    const answers: Response[] = [];
    context.on('response', (r) => {
      if (r.url().endsWith(ROTATE)) answers.push(r);
    });
    stack.foreign.set('/cats.html', attackPage(`${server}${ROTATE}`));
    await page.goto(`${stack.foreign.url}/cats.html`);
    await expect.poll(() => answers.length, { timeout: 10_000 }).toBe(2);
    return await Promise.all(answers.map(forgery));
  } finally {
    await context.close();
  }
}

/** Both forgeries refused; the form's navigation shows what the browser sent with it. */
function expectRefused(forgeries: readonly Forgery[], site: string): void {
  expect(forgeries.map((f) => [f.type, f.status]).sort()).toEqual([
    ['document', 403],
    ['fetch', 403],
  ]);
  const form = forgeries.find((f) => f.type === 'document');
  // The browser did attach the remembered login: the refusal does not rest on its absence.
  expect(form?.authorization).toMatch(/^Basic /);
  expect(form?.fetchSite).toBe(site);
}

async function expectKeyKept(stack: Stack): Promise<void> {
  expect((await stack.server.store.listSites()).map((s) => s.key)).toEqual(['demo']);
}

test('a page on the same site cannot rotate the key with the remembered dashboard login', async ({
  browser,
  stack,
}) => {
  // The attacker is 127.0.0.1:another-port, the same site as the server at 127.0.0.1.
  expectRefused(await attack(browser, stack, stack.widgetUrl), 'same-site');
  await expectKeyKept(stack);
});

test('a page on another site cannot rotate the key; the bearer + JSON request still does', async ({
  browser,
  stack,
}) => {
  const server = `http://localhost:${stack.server.port}`;
  expectRefused(await attack(browser, stack, server), 'cross-site');
  await expectKeyKept(stack);

  const token = newAdminToken();
  await stack.server.store.addAdminToken(hashAdminToken(token), 'ops', '2026-11-22');
  const context = await browser.newContext();
  try {
    const rotated = await context.request.post(`${server}${ROTATE}`, {
      headers: { Authorization: `Bearer ${token}` },
      data: {},
    });
    expect(rotated.status()).toBe(200);
    const { key } = (await rotated.json()) as { key: string };
    expect((await stack.server.store.listSites()).map((s) => s.key)).toEqual([key]);
  } finally {
    await context.close();
  }
});
