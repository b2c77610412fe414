/**
 * The demo shop's pages, through the app itself (`app.request`): every page embeds the widget with its
 * data attributes, products carry JSON-LD, and the new sections (search, order, single-page app,
 * cookie banner) render what the loader captures.
 */
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../models/features';
import { createDemoApp } from './server';

const catalog: Catalog = {
  currency: 'GBP',
  items: [
    { id: '22423', title: 'Regency Cakestand 3 Tier', price: 12.75 },
    { id: '85123A', title: 'White Hanging Heart T-Light Holder', price: 2.95 },
    { id: '47566', title: 'Party <Bunting>', price: 4.95 },
  ],
};
const app = createDemoApp(catalog, 'http://127.0.0.1:8787', 'demo');
const html = async (path: string) => {
  const res = await app.request(path);
  return { status: res.status, body: await res.text() };
};

describe('demo shop', () => {
  it("serves its FAQ bundle to the widget's origin only, and names it in the init call", async () => {
    const res = await app.request('/faq.confide.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8787');
    expect(((await res.json()) as { format: string }).format).toBe('confide-faq/1');
    expect((await html('/')).body).toContain('"faq":"/faq.confide.json"');
  });

  it('embeds confide.js with its options as data attributes on every page', async () => {
    for (const path of ['/', '/product/22423', '/search?q=mug', '/order/22423', '/spa', '/consent']) {
      const { status, body } = await html(path);
      expect(status, path).toBe(200);
      expect(body, path).toContain(
        '<script async src="http://127.0.0.1:8787/confide.js" referrerpolicy="no-referrer" data-site="demo" data-locale="en" data-brand="#1f5eff"></script>',
      );
      expect(body, path).toContain('<form role="search" action="/search" method="get">');
    }
  });

  it('describes a product with JSON-LD and marks its add-to-cart button', async () => {
    const { body } = await html('/product/47566');
    expect(body).toContain('"@type":"Product","sku":"47566","name":"Party \\u003cBunting>"');
    expect(body).toContain('data-confide-add-to-cart="47566"');
    expect(body).toContain('href="/order/47566"');
  });

  it('finds products by the words of a search and escapes the query', async () => {
    const { body } = await html('/search?q=heart%20holder');
    expect(body).toContain('White Hanging Heart T-Light Holder');
    expect(body).not.toContain('Regency');
    expect((await html('/search?q=%3Cscript%3E')).body).toContain('Results for “&lt;script&gt;”');
  });

  it('marks the order line for purchase capture', async () => {
    const { body } = await html('/order/85123A');
    expect(body).toContain(
      'data-confide-purchase="85123A" data-confide-title="White Hanging Heart T-Light Holder" data-confide-price="2.95" data-confide-quantity="1"',
    );
  });

  it('serves the single-page app at every URL it pushes, with the product JSON-LD rendered by the server', async () => {
    const list = await html('/spa');
    expect(list.body).toContain('<script id="spa-ld" type="application/ld+json"></script>');
    expect(list.body).toContain('data-spa href="/spa/product/85123A"');
    const product = await html('/spa/product/85123A');
    expect(product.body).toContain('<script id="spa-ld" type="application/ld+json">{"@context"');
    expect(product.body).toContain('history.pushState');
    expect((await html('/spa/product/nope')).status).toBe(404);
  });

  it('sets Consent Mode defaults before the widget script on the cookie banner page', async () => {
    const { body } = await html('/consent');
    const defaults = body.indexOf("gtag('consent','default'");
    expect(defaults).toBeGreaterThan(0);
    expect(defaults).toBeLessThan(body.indexOf('confide.js'));
    expect(body).toContain("gtag('consent','update',{personalization_storage:p,analytics_storage:a})");
  });
});
