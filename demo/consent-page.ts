/**
 * The demo's cookie-banner page: a site-owned banner that speaks Google Consent Mode, as most consent
 * managers do. Its defaults are set before confide.js loads; its buttons send `gtag('consent',
 * 'update', ...)`. The loader relays both to the widget (docs/consent-sources.md), so choosing in the
 * banner turns Confide's personalization on or off without touching the widget's own prompt.
 */
import { layout, type PageOptions } from './pages';

const DEFAULTS = `<script>window.dataLayer=window.dataLayer||[];
function gtag(){dataLayer.push(arguments)}
gtag('consent','default',{ad_storage:'denied',analytics_storage:'denied',personalization_storage:'denied',functionality_storage:'granted'});
</script>`;

const BANNER = `<section aria-labelledby="banner-title" class="card">
<h2 id="banner-title">Cookies on this shop</h2>
<p>We would like to personalize gift ideas on this device, and to learn which suggestions help, in aggregate.</p>
<button type="button" id="allow-all">Allow all</button>
<button type="button" id="allow-personal">Personalization only</button>
<button type="button" id="deny-all">Deny all</button>
<p id="banner-state" aria-live="polite"></p>
</section>
<script>(function(){
function choose(p,a,label){
  gtag('consent','update',{personalization_storage:p,analytics_storage:a});
  document.getElementById('banner-state').textContent='Saved: '+label+'.';
}
document.getElementById('allow-all').onclick=function(){choose('granted','granted','everything allowed')};
document.getElementById('allow-personal').onclick=function(){choose('granted','denied','personalization only')};
document.getElementById('deny-all').onclick=function(){choose('denied','denied','everything denied')};
})();</script>`;

/** The banner demo page at `/consent`. */
export function consentPage(o: PageOptions): string {
  return layout(
    o,
    'Cookie banner',
    `<h1>Your consent manager decides</h1>
<p>This page's banner uses Google Consent Mode. <code>personalization_storage</code> turns Confide's
on-device personalization on or off, <code>analytics_storage</code> its privacy-protected aggregates.
Open the chat afterwards to see the choice in its privacy center.</p>${BANNER}`,
    { beforeWidget: DEFAULTS },
  );
}
