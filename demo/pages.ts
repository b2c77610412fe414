/**
 * HTML of the demo shop, a stand-in for a customer's site. It embeds Confide exactly as the README tells
 * site owners to: the queueing snippet, then the async script tag pointing at the widget origin.
 */
import type { Catalog, CatalogItem } from '../models/features';

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** Options shared by every page. */
export interface PageOptions {
  /** Base URL of the widget origin, e.g. `http://localhost:8787`. */
  readonly widgetUrl: string;
  readonly site: string;
  readonly catalog: Catalog;
}

function money(catalog: Catalog, price: number): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency: catalog.currency }).format(price);
}

function layout(o: PageOptions, title: string, body: string, head = ''): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · Confide Gift Shop</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1b1f24;background:#fafafa}
header,main{max-width:960px;margin:0 auto;padding:16px}
header a{color:inherit;text-decoration:none;font-weight:700;font-size:1.2rem}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:12px;padding:0;list-style:none}
.card{background:#fff;border:1px solid #ddd;border-radius:10px;padding:12px}
.card a{color:#1f3fbf}
button{font:inherit;padding:10px 16px;border-radius:8px;border:0;background:#1f5eff;color:#fff;cursor:pointer}
#for-you:empty{display:none}
</style>
${head}
<script>window.confide=window.confide||function(){(confide.q=confide.q||[]).push(arguments)};
confide('on','recommendation',function(items){var el=document.getElementById('for-you');if(!el)return;
el.textContent='Recommended for you: '+items.slice(0,3).map(function(i){return i.title}).join(' · ');});</script>
<script async src="${esc(new URL('confide.js', `${o.widgetUrl.replace(/\/$/, '')}/`).href)}" data-site="${esc(o.site)}"></script>
</head><body>
<header><a href="/">Confide Gift Shop</a> <p id="for-you" aria-live="polite"></p></header>
<main>${body}</main>
</body></html>`;
}

function card(o: PageOptions, item: CatalogItem): string {
  return `<li class="card"><a href="/product/${encodeURIComponent(item.id)}">${esc(item.title)}</a><br>${money(o.catalog, item.price)}</li>`;
}

/** The shop's home page: a product grid. Listing items are not item views, so nothing is marked. */
export function homePage(o: PageOptions, count = 24): string {
  const items = o.catalog.items.slice(0, count).map((i) => card(o, i));
  return layout(o, 'Home', `<h1>Gifts for every occasion</h1><ul class="grid">${items.join('')}</ul>`);
}

/**
 * A product page, described with schema.org JSON-LD (what most shops already emit), and an add-to-cart
 * button marked for Confide's auto-capture.
 */
export function productPage(o: PageOptions, item: CatalogItem): string {
  const ld = {
    '@context': 'https://schema.org',
    '@type': 'Product',
    sku: item.id,
    name: item.title,
    offers: { '@type': 'Offer', price: item.price.toFixed(2), priceCurrency: o.catalog.currency },
  };
  const related = o.catalog.items
    .filter((i) => i.id !== item.id)
    .slice(0, 8)
    .map((i) => card(o, i));
  return layout(
    o,
    item.title,
    `<h1>${esc(item.title)}</h1><p>${money(o.catalog, item.price)}</p>
<button type="button" data-confide-add-to-cart="${esc(item.id)}">Add to basket</button>
<h2>More gifts</h2><ul class="grid">${related.join('')}</ul>`,
    `<script type="application/ld+json">${JSON.stringify(ld).replace(/</g, '\\u003c')}</script>`,
  );
}
