/**
 * The demo's single-page-app section: a collection whose product views are rendered in the browser and
 * navigated with `history.pushState` (and back/forward with `popstate`), as React or Vue routers do.
 * The server renders whichever URL is asked for, so a reload shows the same page. Nothing here calls
 * Confide: the loader notices the navigations, the updated JSON-LD and the in-app search by itself.
 */
import type { CatalogItem } from '../models/features';
import { esc, layout, money, type PageOptions, productJsonLd, scriptJson } from './pages';

/** How many catalog items the collection shows. */
const COLLECTION_SIZE = 12;

/** Runs in the demo page: routes clicks and back/forward without reloading. */
const CLIENT = `(function(){
var data=JSON.parse(document.getElementById('spa-data').textContent);
var view=document.getElementById('spa-view'),ld=document.getElementById('spa-ld');
function esc(s){return s.replace(/[&<>"']/g,function(c){return '&#'+c.charCodeAt(0)+';'})}
function render(){
  var m=location.pathname.match(/^\\/spa\\/product\\/(.+)$/);
  var id=m&&decodeURIComponent(m[1]);
  var item=data.items.filter(function(i){return i.id===id})[0];
  var q=new URLSearchParams(location.search).get('q')||'';
  if(item){
    document.title=item.title+' · Collection';
    view.innerHTML='<h2>'+esc(item.title)+'</h2><p>'+esc(item.money)+'</p>'+
      '<button type="button" data-confide-add-to-cart="'+esc(item.id)+'">Add to basket</button>';
    var json=JSON.stringify(item.ld).replace(/</g,'\\\\u003c');
    if(ld.textContent!==json)ld.textContent=json;
  }else{
    var shown=data.items.filter(function(i){return i.title.toLowerCase().indexOf(q.toLowerCase())>=0});
    document.title=(q?'“'+q+'” in the collection':'Collection')+' · Confide Gift Shop';
    view.innerHTML=shown.length?'<p>'+shown.length+' gifts'+(q?' for “'+esc(q)+'”':'')+'. Pick one.</p>':'<p>Nothing matches.</p>';
    if(ld.textContent)ld.textContent='';
  }
}
document.addEventListener('click',function(e){
  var a=e.target.closest&&e.target.closest('a[data-spa]');
  if(!a||e.metaKey||e.ctrlKey)return;
  e.preventDefault();
  history.pushState({},'',a.getAttribute('href'));
  render();
});
document.getElementById('spa-search').addEventListener('submit',function(e){
  e.preventDefault();
  var q=this.elements.q.value.trim();
  history.pushState({},'','/spa'+(q?'?q='+encodeURIComponent(q):''));
  render();
});
addEventListener('popstate',render);
render();
})();`;

/** The collection page at `/spa` and `/spa/product/:id`; `current` is the product in the URL, if any. */
export function spaPage(o: PageOptions, current: CatalogItem | undefined): string {
  const items = o.catalog.items.slice(0, COLLECTION_SIZE);
  const data = {
    items: items.map((i) => ({
      id: i.id,
      title: i.title,
      money: money(o.catalog, i.price),
      ld: productJsonLd(o, i),
    })),
  };
  const links = items
    .map(
      (i) =>
        `<li class="card"><a data-spa href="/spa/product/${encodeURIComponent(i.id)}">${esc(i.title)}</a></li>`,
    )
    .join('');
  return layout(
    o,
    current ? `${current.title} · Collection` : 'Collection',
    `<h1>The collection</h1>
<p>This section is a single-page app: links change the URL with <code>history.pushState</code> and
nothing reloads. Confide still sees each page, product and search.</p>
<form id="spa-search" role="search"><label>Search the collection <input type="search" name="q"></label></form>
<section id="spa-view" aria-live="polite"></section>
<ul class="grid">${links}</ul>
<script id="spa-data" type="application/json">${scriptJson(data)}</script>
<script>${CLIENT}</script>`,
    {
      // The server renders the product's JSON-LD too, so the first page view already has it.
      head: `<script id="spa-ld" type="application/ld+json">${current ? scriptJson(productJsonLd(o, current)) : ''}</script>`,
    },
  );
}
