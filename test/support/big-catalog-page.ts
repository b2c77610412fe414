/** The 2,000-item catalog page shared by the long-task spec and the page-cost bench. */
/**
 * A catalog page with 2,000 marked items and JSON-LD, with Confide's script tag when `widgetUrl` is
 * given: the loader's heaviest realistic scan, and the page the bench prices a page view on.
 */
export function bigCatalogPage(widgetUrl: string | null): string {
  const items = Array.from(
    { length: 2000 },
    (_, i) => `<li data-confide-item="SKU${i}" data-confide-price="${(i % 50) + 0.5}">Gift ${i}</li>`,
  );
  const listing = {
    '@type': 'ItemList',
    itemListElement: Array.from({ length: 300 }, (_, i) => ({
      '@type': 'Product',
      sku: `L${i}`,
      name: `Gift ${i}`,
    })),
  };
  const tag = widgetUrl ? `<script async src="${widgetUrl}/confide.js" data-site="demo"></script>` : '';
  return `<!doctype html><html lang="en"><head><title>Big catalog</title>${tag}
<script type="application/ld+json">${JSON.stringify({ '@type': 'Product', sku: 'MAIN', name: 'Main gift' })}</script>
<script type="application/ld+json">${JSON.stringify(listing)}</script></head>
<body><form role="search" id="s"><input type="search" name="q"></form><ul>${items.join('')}</ul>
<button id="slow" type="button">Slow</button>
<script>document.getElementById('s').addEventListener('submit',function(e){e.preventDefault();
history.pushState({},'','/big?q='+encodeURIComponent(this.elements.q.value))});
document.getElementById('slow').addEventListener('click',function(){var t=performance.now();while(performance.now()-t<80){}});
</script></body></html>`;
}
