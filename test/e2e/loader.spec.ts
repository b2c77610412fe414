/**
 * The loader on a host page: queued calls are replayed, malformed calls produce a clear console warning
 * and never throw into the page.
 */
import { expect, test, widgetFrame } from './stack';

const BAD_CALLS = `
  confide('bogus');
  confide(42);
  confide('track', 'not_an_event', {});
  confide('track', 'search', 'not an object');
  confide('track', 'search', { q: 'x'.repeat(500) });
  confide('track', 'search', { nested: { a: 1 } });
  confide('track', 'search', Object.fromEntries(Array.from({ length: 40 }, (_, i) => ['k' + i, i])));
  confide('consent', 'yes please');
  confide('on', 'recommendation', 'not a function');
`;

test('queued and direct malformed calls warn clearly and never throw; valid queued calls replay', async ({
  page,
  stack,
}) => {
  const warnings: string[] = [];
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(`${e.name}: ${e.message} ${e.stack}`));
  stack.hostPages.set(
    '/queue-test',
    `<!doctype html><html><head><title>Queue test</title>
        <script>window.confide=window.confide||function(){(confide.q=confide.q||[]).push(arguments)};
        ${BAD_CALLS}
        confide('consent', { personalize: true, share: false });
        confide('track', 'search', { q: 'gift box' });
        </script>
        <script async src="${stack.widgetUrl}/confide.js" data-site="demo"></script></head><body></body></html>`,
  );
  await page.goto(`${stack.hostPages.url}/queue-test`);
  const frame = await widgetFrame(page);
  await expect.poll(() => warnings.length).toBeGreaterThanOrEqual(9);

  // The same calls made directly after load: no exception reaches the caller.
  const before = warnings.length;
  const threw = await page.evaluate((calls) => {
    try {
      new Function(calls)();
      return null;
    } catch (e) {
      return String(e);
    }
  }, BAD_CALLS);
  expect(threw).toBeNull();
  expect(warnings.length - before).toBe(9);
  expect(errors).toEqual([]);

  const expected = [
    'unknown command "bogus"',
    'unknown command number',
    'unknown event type "not_an_event"',
    'properties of "search" must be a plain object',
    'property "q" is 500 characters long; at most 200 are allowed',
    'property "nested" must be a string, finite number or boolean',
    '"search" has 40 properties; at most 16 are allowed',
    "confide('consent') ignored: expected {personalize: boolean, share: boolean}",
    "confide('on') ignored: expected ('recommendation' | 'segment' | 'experiment', function)",
  ];
  for (const text of expected)
    expect(
      warnings.some((w) => w.startsWith('[confide]') && w.includes(text)),
      text,
    ).toBe(true);

  // The valid queued calls were replayed in order: consent first, then the search event was stored.
  await expect
    .poll(() =>
      frame.evaluate(() =>
        // Opening a database that does not exist would create it: look first.
        indexedDB
          .databases()
          .then((dbs) => dbs.some((d) => d.name === 'confide'))
          .then(
            (exists) =>
              new Promise<string[]>((done) => {
                if (!exists) return done([]);
                const req = indexedDB.open('confide');
                req.onsuccess = () => {
                  const db = req.result;
                  if (!db.objectStoreNames.contains('events')) return done([]);
                  const all = db.transaction('events').objectStore('events').getAll();
                  all.onsuccess = () => done(all.result.map((e: { type: string }) => e.type).sort());
                };
              }),
          ),
      ),
    )
    .toEqual(['page_view', 'search']);
});
