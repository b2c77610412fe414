/**
 * The loader's side of the host↔frame protocol on a real page: site options arrive first, before the
 * replayed queue; forget/export/segment are relayed; the loader adds no global but `confide` and no
 * exception ever reaches the host page, whatever the page's consent managers do.
 */
import { confide, received, recordFrameMessages } from './loader-helpers';
import { expect, test, widgetFrame } from './stack';

test('options from data attributes and queued init arrive first, then the queue in order', async ({
  page,
  stack,
}) => {
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text());
  });
  await recordFrameMessages(page, stack.widgetUrl);
  stack.hostPages.set(
    '/options',
    `<!doctype html><html lang="en"><head><title>Options</title>
<script>window.confide=window.confide||function(){(confide.q=confide.q||[]).push(arguments)};
confide('track', 'search', { q: 'early' });
confide('init', { locale: 'de', theme: { position: 'left' }, colour: 'teal' });
confide('consent', { personalize: false, share: false });
</script>
<script async src="${stack.widgetUrl}/confide.js" data-site="demo" data-locale="en" data-brand="#0a7"
  data-radius="12px" data-greeting-delay="off"></script></head><body></body></html>`,
  );
  await page.goto(`${stack.hostPages.url}/options`);
  const frame = await widgetFrame(page);
  await expect.poll(async () => (await received(frame)).length).toBeGreaterThanOrEqual(4);
  const messages = await received(frame);
  // The loader forwards what the site wrote; the frame checks it (and warns) once.
  expect(messages[0]).toEqual({
    channel: 'confide/1',
    type: 'config',
    options: {
      script: { locale: 'en', theme: { brand: '#0a7', radius: '12px' }, greetingDelayMs: false },
      init: [{ locale: 'de', theme: { position: 'left' }, colour: 'teal' }],
      lang: 'en',
    },
  });
  expect(
    messages.slice(1, 4).map((m) => [m.type, (m.event as { type?: string } | undefined)?.type ?? m.source]),
  ).toEqual([
    ['track', 'search'],
    ['consent', 'api'],
    ['track', 'page_view'],
  ]);
  expect(messages.filter((m) => m.type === 'config')).toHaveLength(1);
  expect(warnings).toContain('[confide] the script tag: option "theme.radius" dropped: unknown or invalid');
  expect(warnings).toContain(`[confide] confide('init'): option "colour" dropped: unknown or invalid`);

  // Too late: the frame has its options.
  await confide(page, 'init', { locale: 'fr' });
  await expect
    .poll(() => warnings)
    .toContain("[confide] confide('init') ignored: call it before the widget has loaded");
  expect((await received(frame)).filter((m) => m.type === 'config')).toHaveLength(1);
});

test('forget and export are relayed; the export outcome and segment answers reach the site', async ({
  page,
  stack,
}) => {
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text());
  });
  await recordFrameMessages(page, stack.widgetUrl);
  await page.goto(`${stack.demo.url}/`);
  const frame = await widgetFrame(page);
  await expect.poll(async () => (await received(frame)).some((m) => m.type === 'config')).toBe(true);
  await page.evaluate(() => {
    const w = window as unknown as { confide: (...a: unknown[]) => void; heard: unknown[] };
    w.heard = [];
    w.confide('on', 'segment', () => {
      throw new Error('site bug');
    });
    w.confide('on', 'segment', (s: unknown) => w.heard.push(['segment', s]));
    w.confide('export', (result: unknown) => w.heard.push(['export', result]));
    w.confide('forget');
  });
  await expect
    .poll(async () =>
      (await received(frame)).map((m) => m.type).filter((t) => t === 'export' || t === 'forget'),
    )
    .toEqual(['export', 'forget']);

  // The frame's answers, posted from the frame window to the host origin as the frame does.
  await frame.evaluate((host) => {
    parent.postMessage(
      { channel: 'confide/1', type: 'segment', segment: { id: 2, name: 'Gift hunters' } },
      host,
    );
    parent.postMessage({ channel: 'confide/1', type: 'exported', downloaded: true }, host);
  }, stack.demo.url);
  // The export's answer says only whether the visitor downloaded their copy inside the frame.
  const heard = () => page.evaluate(() => (window as unknown as { heard: unknown[] }).heard);
  await expect.poll(async () => (await heard()).length).toBe(2);
  expect(await heard()).toEqual(
    expect.arrayContaining([
      ['segment', { id: 2, name: 'Gift hunters' }],
      ['export', { downloaded: true }],
    ]),
  );
  expect(warnings).toContain('[confide] a segment listener threw: site bug');
});

test('the loader adds only the confide global and never throws, even beside broken consent managers', async ({
  page,
  stack,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const body = '<body><h1>Shop</h1><script type="application/ld+json">{"@type":"Product",</script></body>';
  // A page whose CMP throws and whose dataLayer is not an array.
  const broken = `<script>window.__tcfapi=function(){throw new Error('cmp bug')};window.dataLayer='oops';</script>`;
  stack.hostPages.set(
    '/bare',
    `<!doctype html><html><head><title>Bare</title>${broken}</head>${body}</html>`,
  );
  stack.hostPages.set(
    '/with',
    `<!doctype html><html><head><title>With</title>${broken}
<script async src="${stack.widgetUrl}/confide.js" data-site="demo"></script></head>${body}</html>`,
  );
  // Index properties ("0") are the iframe itself, which any embedded frame adds; they are not globals.
  const globals = () =>
    page.evaluate(() => Object.getOwnPropertyNames(window).filter((k) => !/^\d+$/.test(k)));
  // Recorded in the frame only: a recorder on the host page would add a global of its own.
  await recordFrameMessages(page, stack.widgetUrl);
  await page.goto(`${stack.hostPages.url}/bare`);
  const bare = await globals();
  await page.goto(`${stack.hostPages.url}/with`);
  const frame = await widgetFrame(page);
  await page.evaluate(() => {
    history.pushState({}, '', '/with/next');
    (window as unknown as { confide: (...a: unknown[]) => void }).confide('open');
  });
  // Everything the loader does for this page has happened: the panel opened and the next page's
  // view reached the frame.
  await expect(page.locator('iframe[data-confide-frame]')).toHaveAttribute('data-view', /panel|fullscreen/);
  await expect
    .poll(async () =>
      (await received(frame)).some(
        (m) => (m.event as { props?: { path?: string } })?.props?.path === '/with/next',
      ),
    )
    .toBe(true);
  const added = (await globals()).filter((k) => !bare.includes(k));
  expect(added).toEqual(['confide']);
  expect(errors).toEqual([]);
});
