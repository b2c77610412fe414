/**
 * The host page's consent managers drive the widget: a real IAB TCF v2.2 `__tcfapi` implementation
 * (written here, following the CMP API's getTCData/addEventListener shapes) and Google Consent Mode
 * through gtag's dataLayer. The loader relays them as `consent` messages with source `cmp`.
 */
import {
  confide,
  handledEvents,
  hasDatabase,
  pushedStatuses,
  received,
  recordFrameMessages,
  recordHostMessages,
  recordStatuses,
  storedEvents,
} from './loader-helpers';
import { expect, test, widgetFrame } from './stack';

/**
 * A TCF v2.2 CMP: keeps TCData, calls listeners on every decision. `cmpDecide(ids)` is its UI;
 * `cmpRestore(ids)` is a choice it found stored from an earlier visit.
 */
const TCF_CMP = `<script>(function(){
var listeners={},next=1;
function consents(ids){var o={};for(var i=1;i<=11;i++)o[i]=ids.indexOf(i)>=0;return o}
var state={tcString:'',tcfPolicyVersion:5,cmpId:300,cmpVersion:1,gdprApplies:true,eventStatus:'cmpuishown',
  cmpStatus:'loaded',isServiceSpecific:true,useNonStandardTexts:false,publisherCC:'DE',purposeOneTreatment:false,
  purpose:{consents:consents([]),legitimateInterests:consents([2,7,8,9,10])},
  vendor:{consents:{},legitimateInterests:{}},specialFeatureOptins:{},
  publisher:{consents:{},legitimateInterests:{},customPurpose:{consents:{},legitimateInterests:{}},restrictions:{}}};
function copy(id){var s=JSON.parse(JSON.stringify(state));s.listenerId=id;return s}
window.__tcfapi=function(command,version,callback,parameter){
  if(version!==2&&version!==undefined){callback(null,false);return}
  if(command==='ping')callback({gdprApplies:true,cmpLoaded:true,cmpStatus:'loaded',displayStatus:'visible',
    apiVersion:'2.2',cmpVersion:1,cmpId:300,gvlVersion:100,tcfPolicyVersion:5});
  else if(command==='getTCData')callback(copy(undefined),true);
  else if(command==='addEventListener'){var id=next++;listeners[id]=callback;callback(copy(id),true)}
  else if(command==='removeEventListener'){var ok=!!listeners[parameter];delete listeners[parameter];callback(ok)}
  else callback(null,false);
};
window.cmpDecide=function(ids){
  state.eventStatus='useractioncomplete';state.purpose.consents=consents(ids);state.tcString='CQ'+ids.join('.');
  for(var id in listeners)listeners[id](copy(+id),true);
};
window.cmpRestore=function(ids){state.eventStatus='tcloaded';state.purpose.consents=consents(ids)};
})();</script>`;

const hostPage = (widgetUrl: string, before: string) =>
  `<!doctype html><html lang="en"><head><title>Consent manager test</title>${before}
<script async src="${widgetUrl}/confide.js" data-site="demo"></script></head>
<body><h1>Shop</h1></body></html>`;

const consentMessages = async (frame: Parameters<typeof received>[0]) =>
  (await received(frame))
    .filter((m) => m.type === 'consent')
    .map(({ personalize, share, source, live }) => ({ personalize, share, source, live }));

test('a TCF v2.2 consent manager grants and later revokes personalization', async ({ page, stack }) => {
  await recordFrameMessages(page, stack.widgetUrl);
  await recordHostMessages(page, stack.widgetUrl);
  stack.hostPages.set('/tcf', hostPage(stack.widgetUrl, TCF_CMP));
  await page.goto(`${stack.hostPages.url}/tcf`);
  const frame = await widgetFrame(page);
  await expect.poll(async () => (await received(frame)).some((m) => m.type === 'config')).toBe(true);

  // The CMP's UI is showing: no decision yet, nothing relayed, nothing stored (legitimate interest
  // the CMP records for other purposes counts for nothing). The page view the loader sent after
  // reading the CMP is held in the frame's memory: no worker runs before a decision.
  await expect.poll(() => handledEvents(page)).toBeGreaterThan(0);
  expect(page.workers()).toEqual([]);
  expect(await consentMessages(frame)).toEqual([]);
  expect(await hasDatabase(frame)).toBe(false);

  // The visitor accepts storage, content personalization and measurement in the CMP.
  await page.evaluate(() =>
    (window as unknown as { cmpDecide: (ids: number[]) => void }).cmpDecide([1, 5, 6, 8, 9]),
  );
  await expect
    .poll(() => consentMessages(frame))
    .toEqual([{ personalize: true, share: true, source: 'cmp', live: true }]);
  await expect
    .poll(async () => (await storedEvents(frame)).map((e) => e.type), { timeout: 10_000 })
    .toContain('page_view');

  // Later the visitor withdraws everything in the CMP: the widget forgets what it kept.
  await page.evaluate(() => (window as unknown as { cmpDecide: (ids: number[]) => void }).cmpDecide([1]));
  await expect
    .poll(() => consentMessages(frame))
    .toEqual([
      { personalize: true, share: true, source: 'cmp', live: true },
      { personalize: false, share: false, source: 'cmp', live: true },
    ]);
  await expect.poll(() => hasDatabase(frame), { timeout: 10_000 }).toBe(false);
  // An event after revocation is not stored (the worker has handled it).
  const handled = await handledEvents(page);
  await confide(page, 'track', 'search', { q: 'after revocation' });
  await expect.poll(() => handledEvents(page)).toBe(handled + 1);
  expect(await hasDatabase(frame)).toBe(false);
});

test('a decision the TCF consent manager already holds on load is relayed once, as the page state', async ({
  page,
  stack,
}) => {
  await recordFrameMessages(page, stack.widgetUrl);
  stack.hostPages.set(
    '/tcf-loaded',
    // The CMP restores the visitor's earlier choice from its own storage before confide.js loads.
    hostPage(stack.widgetUrl, `${TCF_CMP}<script>cmpRestore([1,5,6]);</script>`),
  );
  await page.goto(`${stack.hostPages.url}/tcf-loaded`);
  const frame = await widgetFrame(page);
  // Personalization without measurement consent (8, 9): share stays off.
  await expect
    .poll(() => consentMessages(frame))
    .toEqual([{ personalize: true, share: false, source: 'cmp', live: false }]);
  const types = (await received(frame)).map((m) => m.type);
  expect(types.indexOf('config')).toBe(0); // the options come first, then the relayed state
});

test('Google Consent Mode defaults and updates drive the widget; analytics denied keeps share off', async ({
  page,
  stack,
}) => {
  await recordFrameMessages(page, stack.widgetUrl);
  await recordStatuses(page, stack.widgetUrl);
  stack.hostPages.set(
    '/consent-mode',
    hostPage(
      stack.widgetUrl,
      `<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}
gtag('consent','default',{ad_storage:'denied',analytics_storage:'denied',personalization_storage:'denied'});
gtag('js',new Date());</script>`,
    ),
  );
  await page.goto(`${stack.hostPages.url}/consent-mode`);
  const frame = await widgetFrame(page);
  await expect
    .poll(() => consentMessages(frame))
    .toEqual([{ personalize: false, share: false, source: 'cmp', live: false }]);
  expect(await hasDatabase(frame)).toBe(false);

  // The site's banner: personalization granted, analytics still denied.
  await page.evaluate(() =>
    (window as unknown as { gtag: (...a: unknown[]) => void }).gtag('consent', 'update', {
      personalization_storage: 'granted',
      analytics_storage: 'denied',
      ad_storage: 'granted',
    }),
  );
  await expect
    .poll(async () => (await consentMessages(frame)).at(-1))
    .toEqual({ personalize: true, share: false, source: 'cmp', live: true });
  await expect
    .poll(async () => (await storedEvents(frame)).map((e) => e.type), { timeout: 10_000 })
    .toContain('page_view');
  // Recommendations were delivered and the sync decision made: a wrong report would be out now.
  await expect.poll(async () => (await pushedStatuses(frame)).length).toBeGreaterThan(0);
  expect(stack.requests.filter((r) => r.url().endsWith('/v1/reports'))).toEqual([]);

  // Denied again: everything kept is deleted.
  await page.evaluate(() =>
    (window as unknown as { gtag: (...a: unknown[]) => void }).gtag('consent', 'update', {
      personalization_storage: 'denied',
    }),
  );
  await expect
    .poll(async () => (await consentMessages(frame)).at(-1))
    .toEqual({ personalize: false, share: false, source: 'cmp', live: true });
  await expect.poll(() => hasDatabase(frame), { timeout: 10_000 }).toBe(false);
  // gtag's dataLayer still works for the site's other tags.
  expect(await page.evaluate(() => (window as unknown as { dataLayer: unknown[] }).dataLayer.length)).toBe(4);
});
