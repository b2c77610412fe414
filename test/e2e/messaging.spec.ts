/**
 * The host↔frame channel accepts only the exact expected origin and window, in both directions.
 * The "foreign" pages are served by Playwright's router on an origin of their own (evil.test).
 */
import { expect, storageSnapshot, test, widgetFrame } from './stack';

const EVIL = 'http://evil.test';
const EMPTY = { databases: [], caches: [], localStorage: 0, sessionStorage: 0, cookies: '' };

test('the frame ignores messages from foreign origins and from other windows', async ({ page, stack }) => {
  await page.route(`${EVIL}/**`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<script>
        var msgs = [{type:'consent',personalize:true,share:true},{type:'open'},
          {type:'track',event:{type:'item_view',props:{item:'X'},ts:Date.now(),id:'evil-1'}}];
        msgs.forEach(function(m){ m.channel='confide/1'; parent.frames[0].postMessage(m,'*'); });
      </script>`,
    }),
  );
  await page.goto(`${stack.demo.url}/`);
  const frame = await widgetFrame(page);
  await expect(frame.getByRole('button', { name: 'Open chat' })).toBeVisible();

  // 1. A foreign-origin window (an iframe on evil.test) posts consent, open and track.
  await page.evaluate((src) => {
    const f = document.createElement('iframe');
    f.src = src;
    document.body.appendChild(f);
  }, `${EVIL}/attack.html`);
  // 2. The widget origin itself (not the host) posts to the frame.
  await frame.evaluate(() => window.postMessage({ channel: 'confide/1', type: 'consent', personalize: true, share: true }, '*'));
  // 3. A window on the host's own origin that is not the parent (a same-origin srcdoc iframe).
  await page.evaluate(() => {
    const f = document.createElement('iframe');
    f.srcdoc = `<script>parent.frames[0].postMessage({channel:'confide/1',type:'consent',personalize:true,share:true},'*')<\/script>`;
    document.body.appendChild(f);
  });
  await page.waitForTimeout(700);

  await expect(frame.getByRole('button', { name: 'Open chat' })).toBeVisible(); // 'open' was ignored
  expect(await storageSnapshot(frame)).toEqual(EMPTY); // 'consent' and 'track' were ignored
  await frame.getByRole('button', { name: 'Open chat' }).click();
  await expect(frame.getByRole('button', { name: 'Accept all' })).toBeVisible(); // still asks
  expect(stack.rows('select * from reports')).toEqual([]);
});

test('the host ignores foreign frames, and the frame talks to no one but its host', async ({ page, stack }) => {
  await page.route(`${EVIL}/inject.html`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<script>
        parent.postMessage({channel:'confide/1',type:'recommendation',items:[{id:'x',title:'Injected'}]},'*');
        parent.postMessage({channel:'confide/1',type:'view',view:'panel'},'*');
      </script>`,
    }),
  );
  const frameUrl = `${stack.server.url}/frame.html?site=demo&host=${encodeURIComponent(stack.demo.url)}`;
  const ownFrameUrl = `${stack.server.url}/frame.html?site=demo&host=${encodeURIComponent(EVIL)}`;
  await page.route(`${EVIL}/embed.html`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<script>window.got=[];addEventListener('message',function(e){window.got.push(e.origin)});</script>
        <iframe src="${frameUrl}"></iframe><iframe src="${ownFrameUrl}"></iframe>`,
    }),
  );

  // Host side: a foreign frame's recommendation and resize messages change nothing.
  await page.goto(`${stack.demo.url}/`);
  const iframe = page.locator('iframe[data-confide-frame]');
  await widgetFrame(page);
  const before = await iframe.evaluate((el) => el.getBoundingClientRect().height);
  await page.evaluate((src) => {
    const f = document.createElement('iframe');
    f.src = src;
    document.body.appendChild(f);
  }, `${EVIL}/inject.html`);
  await page.waitForTimeout(700);
  await expect(page.locator('#for-you')).toBeEmpty();
  expect(await iframe.evaluate((el) => el.getBoundingClientRect().height)).toBe(before);

  // Frame side: embedded by a foreign page (claiming to be the shop, or itself), it sends nothing there.
  await page.goto(`${EVIL}/embed.html`);
  await page.waitForTimeout(1500);
  expect(await page.evaluate(() => (window as unknown as { got: string[] }).got)).toEqual([]);
});
