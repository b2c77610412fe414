/**
 * HTML of the demo shop, a stand-in for a customer's site. It embeds Confide exactly as the README tells
 * site owners to: the queueing snippet, then the async script tag pointing at the widget origin, with
 * its options as data attributes. Pages show what the loader captures by itself: page views, products
 * described with JSON-LD, add-to-cart buttons, a search box, and an order confirmation.
 */
import type { Catalog, CatalogItem } from '../models/features';
import { HELP_SECTIONS } from './answers';
import { DEMO_FAQ } from './faq';
import { DEMO_SITE_OPTIONS, siteConfigScript } from './site-config';

/** Escapes text for HTML content and attribute values. */
export const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** JSON for a `<script>` element: `<` escaped so no text in it can close the element. */
export const scriptJson = (x: unknown) => JSON.stringify(x).replace(/</g, '\\u003c');

/** Options shared by every page. */
export interface PageOptions {
  /** Base URL of the widget origin, e.g. `http://localhost:8787`. */
  readonly widgetUrl: string;
  readonly site: string;
  readonly catalog: Catalog;
}

/** What a page adds to the shared layout. */
export interface PageParts {
  /** Extra `<head>` content after the widget tag (JSON-LD, styles). */
  readonly head?: string;
  /** Script that must run before confide.js (a consent manager's defaults). */
  readonly beforeWidget?: string;
}

/** A price in the catalog's currency. */
export function money(catalog: Catalog, price: number): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency: catalog.currency }).format(price);
}

/** The page skeleton every demo page shares: header with search, the widget embed, a main section. */
export function layout(o: PageOptions, title: string, body: string, parts: PageParts = {}): string {
  const src = new URL('confide.js', `${o.widgetUrl.replace(/\/$/, '')}/`).href;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · Confide Gift Shop</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1b1f24;background:#fafafa}
header,main{max-width:960px;margin:0 auto;padding:16px}
header{display:flex;flex-wrap:wrap;gap:12px;align-items:center}
header a{color:inherit;text-decoration:none;font-weight:700;font-size:1.2rem}
nav a{font-weight:400;font-size:1rem;margin-right:12px;color:#1f3fbf}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:12px;padding:0;list-style:none}
.card{background:#fff;border:1px solid #ddd;border-radius:10px;padding:12px}
.card a{color:#1f3fbf}
button{font:inherit;padding:10px 16px;border-radius:8px;border:0;background:#1f5eff;color:#fff;cursor:pointer}
input[type=search]{font:inherit;padding:8px;border:1px solid #bbb;border-radius:8px}
#for-you:empty{display:none}
</style>
${parts.beforeWidget ?? ''}
<script>window.confide=window.confide||function(){(confide.q=confide.q||[]).push(arguments)};
confide('on','recommendation',function(items){var el=document.getElementById('for-you');if(!el)return;
el.textContent='Recommended for you: '+items.slice(0,3).map(function(i){return i.title}).join(' · ');});</script>
${siteConfigScript(scriptJson(DEMO_SITE_OPTIONS))}
<script async src="${esc(src)}" referrerpolicy="no-referrer" data-site="${esc(o.site)}" data-locale="en" data-brand="#1f5eff"></script>
${parts.head ?? ''}
</head><body>
<header><a href="/">Confide Gift Shop</a>
<nav><a href="/help">Help</a><a href="/spa">Collection (single-page app)</a><a href="/consent">Cookie banner demo</a></nav>
<form role="search" action="/search" method="get"><label>Search <input type="search" name="q"></label></form>
<p id="for-you" aria-live="polite"></p></header>
<main>${body}</main>
</body></html>`;
}

/** One product in a grid. */
export function card(o: PageOptions, item: CatalogItem): string {
  return `<li class="card"><a href="/product/${encodeURIComponent(item.id)}">${esc(item.title)}</a><br>${money(o.catalog, item.price)}</li>`;
}

/** The schema.org JSON-LD most shops already emit for a product page. */
export function productJsonLd(o: PageOptions, item: CatalogItem): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    sku: item.id,
    name: item.title,
    offers: { '@type': 'Offer', price: item.price.toFixed(2), priceCurrency: o.catalog.currency },
  };
}

/** The shop's home page: a product grid. Listing items are not item views, so nothing is marked. */
export function homePage(o: PageOptions, count = 24): string {
  const items = o.catalog.items.slice(0, count).map((i) => card(o, i));
  return layout(o, 'Home', `<h1>Gifts for every occasion</h1><ul class="grid">${items.join('')}</ul>`);
}

/**
 * A product page, described with schema.org JSON-LD, with an add-to-cart button marked for Confide's
 * auto-capture and a buy link to the order confirmation.
 */
export function productPage(o: PageOptions, item: CatalogItem): string {
  const related = o.catalog.items
    .filter((i) => i.id !== item.id)
    .slice(0, 8)
    .map((i) => card(o, i));
  return layout(
    o,
    item.title,
    `<h1>${esc(item.title)}</h1><p>${money(o.catalog, item.price)}</p>
<button type="button" data-confide-add-to-cart="${esc(item.id)}">Add to basket</button>
<a href="/order/${encodeURIComponent(item.id)}">Buy now</a>
<h2>More gifts</h2><ul class="grid">${related.join('')}</ul>`,
    { head: `<script type="application/ld+json">${scriptJson(productJsonLd(o, item))}</script>` },
  );
}

/** Search results; the loader reads the query from `?q=` itself. */
export function searchPage(o: PageOptions, query: string): string {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const hits = words.length
    ? o.catalog.items.filter((i) => words.every((w) => i.title.toLowerCase().includes(w))).slice(0, 24)
    : [];
  const list = hits.length
    ? `<ul class="grid">${hits.map((i) => card(o, i)).join('')}</ul>`
    : '<p>No gifts match that yet. Try “mug” or “candle”.</p>';
  return layout(o, `Search: ${query}`, `<h1>Results for “${esc(query)}”</h1>${list}`);
}

/** An order confirmation, its line marked with `data-confide-purchase` for the loader. */
export function orderPage(o: PageOptions, item: CatalogItem): string {
  return layout(
    o,
    'Thank you',
    `<h1>Thank you for your order</h1>
<p data-confide-purchase="${esc(item.id)}" data-confide-title="${esc(item.title)}" data-confide-price="${item.price.toFixed(2)}" data-confide-quantity="1">
1 × ${esc(item.title)}, ${money(o.catalog, item.price)}</p>`,
  );
}

/** The help page the answers and the FAQ link to: one section per topic, each with its anchor. */
export function helpPage(o: PageOptions): string {
  const faq = DEMO_FAQ.map(
    (e) =>
      `<section id="${esc(e.link?.href.split('#')[1] ?? e.id ?? '')}"><h2>${esc(e.questions[0] ?? '')}</h2><p>${esc(e.answer)}</p></section>`,
  );
  const topics = HELP_SECTIONS.map(
    ([id, heading]) =>
      `<section id="${esc(id)}"><h2>${esc(heading)}</h2><p>How ${esc(heading.toLowerCase())} works at the Confide Gift Shop (a demo: nothing here is a real policy).</p></section>`,
  );
  return layout(o, 'Help', `<h1>Help</h1>${[...topics, ...faq].join('\n')}`);
}
