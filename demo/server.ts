/**
 * The demo host page server: a small shop on its own origin that embeds the widget from another.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import type { Catalog } from '../models/features';
import { consentPage } from './consent-page';
import { helpPage, homePage, orderPage, productPage, searchPage } from './pages';
import { spaPage } from './spa-page';

/** Options of {@link startDemo}. */
export interface DemoOptions {
  /** Port on 127.0.0.1; 0 picks a free one. */
  readonly port: number;
  /** Base URL of the widget origin. */
  readonly widgetUrl: string;
  /** Site key the demo embeds with. Default `demo`. */
  readonly site?: string;
  /** Catalog JSON. Default `models/artifacts/catalog.json`. */
  readonly catalogPath?: string;
}

/** A running demo shop. */
export interface RunningDemo {
  readonly url: string;
  close(): Promise<void>;
}

/** Builds the demo app (testable with `app.request()`). */
export function createDemoApp(catalog: Catalog, widgetUrl: string, site: string): Hono {
  const o = { catalog, widgetUrl, site };
  const app = new Hono();
  app.get('/', (c) => c.html(homePage(o)));
  app.get('/favicon.ico', (c) => c.body(null, 204));
  const find = (id: string) => catalog.items.find((i) => i.id === id);
  app.get('/product/:id', (c) => {
    const item = find(c.req.param('id'));
    return item ? c.html(productPage(o, item)) : c.text('No such product', 404);
  });
  app.get('/order/:id', (c) => {
    const item = find(c.req.param('id'));
    return item ? c.html(orderPage(o, item)) : c.text('No such product', 404);
  });
  app.get('/help', (c) => c.html(helpPage(o)));
  // The FAQ bundle, readable by the widget's origin only (the worker fetches it without cookies).
  const faqBundle = readFileSync(resolve(import.meta.dirname, 'faq.confide.json'), 'utf8');
  app.get('/faq.confide.json', (c) => {
    c.header('Access-Control-Allow-Origin', new URL(widgetUrl).origin);
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(faqBundle, 200, { 'Content-Type': 'application/json' });
  });
  app.get('/search', (c) => c.html(searchPage(o, (c.req.query('q') ?? '').slice(0, 200))));
  app.get('/spa', (c) => c.html(spaPage(o, undefined)));
  app.get('/spa/product/:id', (c) => {
    const item = find(c.req.param('id'));
    return item ? c.html(spaPage(o, item)) : c.text('No such product', 404);
  });
  app.get('/consent', (c) => c.html(consentPage(o)));
  return app;
}

/** Starts the demo shop on 127.0.0.1 (loopback only). */
export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  const catalogPath = options.catalogPath ?? resolve(import.meta.dirname, '../models/artifacts/catalog.json');
  const catalog = JSON.parse(await readFile(catalogPath, 'utf8')) as Catalog;
  const app = createDemoApp(catalog, options.widgetUrl, options.site ?? 'demo');
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port, '127.0.0.1', () => done());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
