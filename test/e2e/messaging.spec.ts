/**
 * The host↔frame channel accepts only the exact expected origin and window, in both directions.
 * "Foreign" pages come from a loopback server on an origin the site does not allow.
 */
import { handledEvents, recordHostMessages } from './loader-helpers';
import { expect, NOTHING_KEPT, storageSnapshot, test, widgetFrame } from './stack';

test('the frame ignores messages from foreign origins and from other windows', async ({ page, stack }) => {
  await recordHostMessages(page, stack.widgetUrl);
  stack.foreign.set(
    '/attack.html',
    `<script>
      [{type:'consent',personalize:true,share:true},{type:'open'},
       {type:'track',event:{type:'item_view',props:{item:'X'},ts:Date.now(),id:'evil-1'}}]
      .forEach(function(m){ m.channel='confide/1'; parent.frames[0].postMessage(m,'*'); });
      document.title = 'sent';
    </script>`,
  );
  await page.goto(`${stack.demo.url}/`);
  const frame = await widgetFrame(page);
  await expect(frame.getByRole('button', { name: 'Open chat' })).toBeVisible();

  // 1. A foreign-origin window (an iframe on another origin) posts consent, open and track.
  await page.evaluate((src) => {
    const f = document.createElement('iframe');
    f.src = src;
    f.name = 'attacker';
    document.body.appendChild(f);
  }, `${stack.foreign.url}/attack.html`);
  await expect.poll(() => page.frame('attacker')?.title()).toBe('sent'); // the attack really ran
  // 2. The widget origin itself (not the host) posts to the frame.
  await frame.evaluate(() =>
    window.postMessage({ channel: 'confide/1', type: 'consent', personalize: true, share: true }, '*'),
  );
  // 3. A window on the host's own origin that is not the parent (a same-origin srcdoc iframe).
  await page.evaluate(() => {
    const f = document.createElement('iframe');
    f.name = 'sibling';
    f.srcdoc = `<script>parent.frames[0].postMessage({channel:'confide/1',type:'consent',personalize:true,share:true},'*');document.title='sent'</script>`;
    document.body.appendChild(f);
  });
  await expect.poll(() => page.frame('sibling')?.title()).toBe('sent');
  // A real event from the host, posted after all of them, comes back handled: the frame has been
  // through every message above by then.
  const handled = await handledEvents(page);
  await page.evaluate(() =>
    (window as unknown as { confide: (...a: unknown[]) => void }).confide('track', 'search', { q: 'probe' }),
  );
  await expect.poll(() => handledEvents(page)).toBe(handled + 1);

  await expect(frame.getByRole('button', { name: 'Open chat' })).toBeVisible(); // 'open' was ignored
  expect(await storageSnapshot(frame)).toEqual(NOTHING_KEPT); // 'consent' and 'track' were ignored
  await frame.getByRole('button', { name: 'Open chat' }).click();
  await expect(frame.getByRole('button', { name: 'Accept all' })).toBeVisible(); // still asks
  expect(stack.rows('select * from reports')).toEqual([]);
});

test('the host ignores foreign frames', async ({ page, stack }) => {
  await recordHostMessages(page, stack.widgetUrl);
  stack.foreign.set(
    '/inject.html',
    `<script>
      parent.postMessage({channel:'confide/1',type:'recommendation',items:[{id:'x',title:'Injected'}]},'*');
      parent.postMessage({channel:'confide/1',type:'view',view:'panel'},'*');
      document.title = 'sent';
    </script>`,
  );
  await page.goto(`${stack.demo.url}/`);
  const iframe = page.locator('iframe[data-confide-frame]');
  await widgetFrame(page);
  const before = await iframe.evaluate((el) => el.getBoundingClientRect().height);
  await page.evaluate((src) => {
    const f = document.createElement('iframe');
    f.src = src;
    f.name = 'attacker';
    document.body.appendChild(f);
  }, `${stack.foreign.url}/inject.html`);
  await expect.poll(() => page.frame('attacker')?.title()).toBe('sent');
  // A message the real frame sends after the attack has reached the host page: so have the attacker's.
  const handled = await handledEvents(page);
  await page.evaluate(() =>
    (window as unknown as { confide: (...a: unknown[]) => void }).confide('track', 'search', { q: 'probe' }),
  );
  await expect.poll(() => handledEvents(page)).toBe(handled + 1);
  await expect(page.locator('#for-you')).toBeEmpty();
  expect(await iframe.evaluate((el) => el.getBoundingClientRect().height)).toBe(before);
});

test('the frame sends nothing to a page that is not its host', async ({ page, stack }) => {
  const frameUrl = (host: string) =>
    `${stack.widgetUrl}/frame.html?site=demo&host=${encodeURIComponent(host)}`;
  const page1 = `<script>window.got=[];addEventListener('message',function(e){window.got.push(e.origin)});</script>`;
  // A foreign page embeds the frame claiming to be the shop, and once naming itself as host.
  stack.foreign.set(
    '/embed.html',
    `${page1}<iframe src="${frameUrl(stack.demo.url)}"></iframe><iframe src="${frameUrl(stack.foreign.url)}"></iframe>`,
  );
  // An allowed host page embeds the frame but the frame URL names another host.
  stack.hostPages.set(
    '/mismatch.html',
    `${page1}<iframe name="w" src="${frameUrl(stack.demo.url)}"></iframe>`,
  );

  await page.goto(`${stack.foreign.url}/embed.html`);
  // Both frames have loaded what they could (the widget's CSP refuses this embedder): nothing they
  // run can post any more than it did at start.
  expect(page.frames()).toHaveLength(3);
  await Promise.all(page.frames().map((f) => f.waitForLoadState('load')));
  expect(await page.evaluate(() => (window as unknown as { got: string[] }).got)).toEqual([]);

  // Here CSP lets the frame load (the page's origin is allowed), so the frame's own check is what holds.
  const warnings: string[] = [];
  page.on('console', (m) => warnings.push(m.text()));
  await page.goto(`${stack.hostPages.url}/mismatch.html`);
  await expect.poll(() => warnings.some((w) => w.includes('[confide] the frame is embedded by'))).toBe(true);
  // The warning is the frame's decision to stay silent; its document has finished starting.
  await page.frame('w')?.waitForLoadState('load');
  expect(await page.evaluate(() => (window as unknown as { got: string[] }).got)).toEqual([]);
  expect(await page.frame('w')?.locator('button').count()).toBe(0); // no UI either
});
