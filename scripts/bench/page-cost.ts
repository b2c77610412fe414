/**
 * What one page view of the 2,000-item catalog page costs with and without Confide, in headless
 * Chromium against the real sync server: bytes over the network and requests (the frame's and the
 * worker's included), main-thread time of the page's renderer (CDP `TaskDuration`, which covers the
 * same-site widget frame too), its JS heap, and whether a worker was started. Three visitors: no
 * Confide on the page (the baseline), Confide for a visitor who has neither consented nor opened the
 * chat, and Confide for a visitor who accepted on an earlier page. Each visitor's first page view
 * (an empty HTTP cache) is reported apart from the median of the next ones; every view is a fresh
 * page in the visitor's browser context, waited on until the network is idle. Bytes and requests
 * are the network's: a response the widget's service worker answers from its cache costs neither,
 * the service worker's own fetches count. For the opted-in visitor, the time from the start of the
 * navigation to the first recommendations the host page receives is recorded too.
 */
import type { BrowserContext } from 'playwright';
import { bigCatalogPage } from '../../test/support/big-catalog-page';
import { median } from './stats';
import { withWidgetStack } from './widget-stack';

/** Page views measured per visitor. */
const VIEWS = 5;

/** One visitor's median page view. */
export interface PageViewCost {
  readonly bytes: number;
  readonly requests: number;
  readonly mainThreadMs: number;
  readonly jsHeapMB: number;
  /** Share of the page views in which a worker ran. */
  readonly workerStarted: number;
  /** Navigation start → first `recommendation` message on the host page, ms; null when none came. */
  readonly recommendationsMs: number | null;
  /** The host page's load event → that message, ms (negative: before the load event); null: none. */
  readonly recommendationsAfterLoadMs: number | null;
}

/** A visitor's first page view (nothing in the HTTP cache) and the median of the next ones. */
export interface VisitorCost {
  readonly first: PageViewCost;
  readonly repeat: PageViewCost;
}

/** The three visitors. */
export interface PageCost {
  readonly without: VisitorCost;
  readonly undecided: VisitorCost;
  /** Its first view is the first page after the one where the visitor accepted. */
  readonly optedIn: VisitorCost;
  readonly views: number;
}

async function view(context: BrowserContext, url: string): Promise<PageViewCost> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const sizes: Promise<number | null>[] = [];
  const onFinished = (r: import('playwright').Request) =>
    sizes.push(
      (async () => {
        // Answered by the service worker: either from its cache (free) or by a fetch of its own,
        // which is reported (and counted) as the service worker's request.
        if ((await r.response())?.fromServiceWorker()) return null;
        const s = await r.sizes();
        return s.responseBodySize + s.responseHeadersSize;
      })().catch(() => 0),
    );
  context.on('requestfinished', onFinished);
  let workers = 0;
  page.on('worker', () => workers++);
  await page.goto(url, { waitUntil: 'networkidle' });
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  const timing = await page.evaluate(() => ({
    recs: (window as unknown as { __recsAt?: number }).__recsAt ?? null,
    load:
      (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)
        ?.loadEventEnd ?? 0,
  }));
  context.off('requestfinished', onFinished);
  const network = (await Promise.all(sizes)).filter((b): b is number => b !== null);
  const bytes = network.reduce((s, b) => s + b, 0);
  await page.close();
  return {
    recommendationsMs: timing.recs === null ? null : Math.round(timing.recs),
    recommendationsAfterLoadMs: timing.recs === null ? null : Math.round(timing.recs - timing.load),
    bytes,
    requests: network.length,
    mainThreadMs: Math.round(metric('TaskDuration') * 1e4) / 10,
    jsHeapMB: Math.round((metric('JSHeapUsedSize') / 2 ** 20) * 10) / 10,
    workerStarted: workers > 0 ? 1 : 0,
  };
}

async function visitor(context: BrowserContext, url: string): Promise<VisitorCost> {
  const first = await view(context, url);
  const runs: PageViewCost[] = [];
  for (let i = 1; i < VIEWS; i++) runs.push(await view(context, url));
  const m = (key: Exclude<keyof PageViewCost, 'recommendationsMs' | 'recommendationsAfterLoadMs'>) =>
    median(runs.map((r) => r[key]));
  const all = (key: 'recommendationsMs' | 'recommendationsAfterLoadMs') => {
    const values = runs.map((r) => r[key]).filter((v): v is number => v !== null);
    return values.length === runs.length ? median(values) : null;
  };
  const repeat = {
    recommendationsMs: all('recommendationsMs'),
    recommendationsAfterLoadMs: all('recommendationsAfterLoadMs'),
    bytes: m('bytes'),
    requests: m('requests'),
    mainThreadMs: m('mainThreadMs'),
    jsHeapMB: m('jsHeapMB'),
    workerStarted: runs.reduce((s, r) => s + r.workerStarted, 0) / runs.length,
  };
  return { first, repeat };
}

/** Measures the three visitors; `log` gets progress lines. */
export function benchPageCost(log: (line: string) => void): Promise<PageCost> {
  const page = (path: string, widgetUrl: string) =>
    bigCatalogPage(path.startsWith('/bare') ? null : widgetUrl);
  return withWidgetStack(page, async ({ browser, hostUrl, widgetUrl }) => {
    const without = await visitor(await browser.newContext(), `${hostUrl}/bare`);
    log(`  without Confide: ${JSON.stringify(without)}`);
    const undecided = await visitor(await browser.newContext(), `${hostUrl}/big`);
    log(`  undecided visitor: ${JSON.stringify(undecided)}`);
    const consented = await browser.newContext();
    // When the first recommendations reach the host page, in the page's own clock (0 = navigation start).
    await consented.addInitScript((origin) => {
      addEventListener('message', (e) => {
        const w = window as unknown as { __recsAt?: number };
        if (e.origin === origin && (e.data as { type?: string } | null)?.type === 'recommendation')
          w.__recsAt ??= performance.now();
      });
    }, widgetUrl);
    const first = await consented.newPage();
    await first.goto(`${hostUrl}/big`);
    const frame = first.frameLocator('iframe[data-confide-frame]');
    await frame.getByRole('button', { name: 'Open chat' }).click();
    await frame.getByRole('button', { name: 'Accept all' }).click();
    await frame.locator('.intro .recs').waitFor({ timeout: 60_000 });
    await first.close();
    const optedIn = await visitor(consented, `${hostUrl}/big`);
    log(`  opted-in visitor: ${JSON.stringify(optedIn)}`);
    return { without, undecided, optedIn, views: VIEWS };
  });
}
