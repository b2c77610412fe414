/**
 * Auto-capture on the demo shop, end to end: what the loader sees on real pages (a single-page app
 * driven by the History API, a search box, an order confirmation) reaches the worker's IndexedDB.
 */
import { readFileSync } from 'node:fs';
import { confide, storedEvents } from './loader-helpers';
import { expect, test, widgetFrame } from './stack';

const catalog = JSON.parse(readFileSync('models/artifacts/catalog.json', 'utf8')) as {
  items: { id: string; title: string; price: number }[];
};

test('single-page-app navigations, in-app search and back are captured and stored', async ({
  page,
  stack,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${stack.demo.url}/spa`);
  const frame = await widgetFrame(page);
  await confide(page, 'consent', { personalize: true, share: false });

  const [first, second] = catalog.items;
  await page.getByRole('link', { name: first!.title }).click();
  await expect(page).toHaveURL(new RegExp(`/spa/product/${first!.id}$`));
  await page.getByRole('button', { name: 'Add to basket' }).click();
  await page.getByRole('link', { name: second!.title }).click();
  await expect(page.locator('#spa-view h2')).toHaveText(second!.title);
  // The loader's settle timer has read a page once its page view is stored.
  const views = (path: string) =>
    expect.poll(
      async () =>
        (await storedEvents(frame)).filter((e) => e.type === 'page_view' && e.props.path === path).length,
    );
  await views(`/spa/product/${second!.id}`).toBe(1);
  const search = page.getByRole('searchbox', { name: 'Search the collection' });
  await search.fill('holder');
  await search.press('Enter');
  await expect(page).toHaveURL(/\/spa\?q=holder$/);
  await views('/spa').toBe(2);
  await page.goBack();
  await expect(page.locator('#spa-view h2')).toHaveText(second!.title);

  await expect
    .poll(
      async () => (await storedEvents(frame)).filter((e) => e.type === 'page_view').map((e) => e.props.path),
      {
        timeout: 10_000,
      },
    )
    .toEqual([
      '/spa',
      `/spa/product/${first!.id}`,
      `/spa/product/${second!.id}`,
      '/spa',
      `/spa/product/${second!.id}`,
    ]);
  const events = await storedEvents(frame);
  const of = (type: string) => events.filter((e) => e.type === type).map((e) => e.props);
  // Each product the app rendered was viewed (the second twice: once more after going back).
  expect(of('item_view').map((p) => p.item)).toEqual([first!.id, second!.id, second!.id]);
  expect(of('item_view')[0]).toMatchObject({ title: first!.title, price: first!.price });
  expect(of('add_to_cart')).toEqual([{ item: first!.id }]);
  // The form submit and the URL it pushed are one search.
  expect(of('search')).toEqual([{ q: 'holder' }]);
  // One dwell per page left, each with its path and a duration.
  const dwell = of('dwell');
  expect(dwell.map((p) => p.path)).toEqual([
    '/spa',
    `/spa/product/${first!.id}`,
    `/spa/product/${second!.id}`,
    '/spa',
  ]);
  for (const d of dwell) expect(d.ms).toBeGreaterThan(0);
  // Titles are read after the app rendered the new page.
  expect(events.find((e) => e.props.path === `/spa/product/${first!.id}`)?.props.title).toContain(
    first!.title,
  );
  expect(errors).toEqual([]);
});

test('a search box, a search results URL and an order confirmation are captured across page loads', async ({
  page,
  stack,
}) => {
  const item = catalog.items[2]!;
  await page.goto(`${stack.demo.url}/`);
  await confide(page, 'consent', { personalize: true, share: false });
  let frame = await widgetFrame(page);
  await expect.poll(async () => (await storedEvents(frame)).length).toBeGreaterThan(0);

  // A plain GET search form: the results page reports the query from its URL, once.
  const box = page.getByRole('searchbox', { name: 'Search' });
  await box.fill('  bunting ');
  await Promise.all([page.waitForURL(/\/search\?q=/), box.press('Enter')]);
  frame = await widgetFrame(page);
  await expect
    .poll(async () => (await storedEvents(frame)).filter((e) => e.type === 'search').length)
    .toBe(1);

  await page.goto(`${stack.demo.url}/product/${encodeURIComponent(item.id)}`);
  // Events wait in the page until the frame is ready; a page left sooner than that loses them.
  frame = await widgetFrame(page);
  await expect
    .poll(async () => (await storedEvents(frame)).some((e) => e.props.path === `/product/${item.id}`))
    .toBe(true);
  await Promise.all([page.waitForURL(/\/order\//), page.getByRole('link', { name: 'Buy now' }).click()]);
  frame = await widgetFrame(page);
  await expect
    .poll(async () => (await storedEvents(frame)).filter((e) => e.type === 'purchase').map((e) => e.props))
    .toEqual([{ item: item.id, title: item.title, price: Number(item.price.toFixed(2)), quantity: 1 }]);

  const events = await storedEvents(frame);
  expect(events.filter((e) => e.type === 'search').map((e) => e.props)).toEqual([{ q: 'bunting' }]);
  // Paths only: the query string of the results page is not part of any stored event.
  expect(events.filter((e) => e.type === 'page_view').map((e) => e.props.path)).toEqual([
    '/',
    '/search',
    `/product/${item.id}`,
    `/order/${item.id}`,
  ]);
  expect(JSON.stringify(events)).not.toContain('q=');
});
