/**
 * The demo shop's `confide('init', {...})` call, as a site owner would write it: its own answers in
 * English and German, its FAQ, and where a visitor reaches a person. Links are written as paths and
 * made absolute on the page, against the shop's own origin.
 */
import { DEMO_TEMPLATES } from './answers';

/** The options the demo passes to `confide('init')`, links still as paths. */
export const DEMO_SITE_OPTIONS = {
  templates: DEMO_TEMPLATES,
  // The bundle `npm run faq` built from demo/faq.json, served by the shop (demo/server.ts).
  faq: '/faq.confide.json',
  handoff: { label: 'Email our team', href: 'mailto:help@shop.example' },
} as const;

/**
 * The inline script for the options as script-safe JSON: every `href` (and the `faq` URL) that is a
 * path becomes a URL on this page's origin, then the options go to `confide('init')` (queued until
 * confide.js loads).
 */
export function siteConfigScript(json: string): string {
  return `<script>(function(o){function abs(x){if(Array.isArray(x))return x.map(abs);if(x&&typeof x==='object'){var r={};for(var k in x)r[k]=(k==='href'||k==='faq')&&typeof x[k]==='string'&&x[k].charAt(0)==='/'?location.origin+x[k]:abs(x[k]);return r}return x}confide('init',abs(o))})(${json});</script>`;
}
