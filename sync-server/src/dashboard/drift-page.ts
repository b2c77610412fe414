/**
 * The dashboard's drift section: one line per test whose marker cannot be missed ("⚠ Drifting", also in
 * words for screen readers and print), the reason in figures, and the test's numbers as a table. It
 * comes first on the page, since a drifting model makes every chart below it less trustworthy.
 */
import { html } from 'hono/html';
import type { Markup } from './charts';
import type { DriftView } from './drift-data';
import {
  DRIFT_ALPHA,
  DRIFT_MARGIN_Z,
  DRIFT_MIN_EFFECT,
  DRIFT_WINDOW_DAYS,
  type DriftMetric,
  type DriftState,
  type DriftVerdict,
  shownShare,
} from './drift-types';

/** The marker of each state; "drifting" is the one the page styles as an alert. */
export const DRIFT_MARKS: { readonly [S in DriftState]: string } = {
  drifting: '⚠ Drifting',
  stable: 'Stable',
  'not enough reports': 'No verdict yet',
  'no reference': 'No reference',
};

const TITLES: { readonly [M in DriftMetric]: string } = {
  segment_share: 'Segments of visitors with purchases',
  out_of_scope: 'Chats out of scope',
};

/** The page's styles for the drift markers. */
export const DRIFT_STYLE = `.drift{list-style:none;padding:0}.drift li{margin:.3rem 0}
.drift strong{display:inline-block;min-width:8rem;padding:0 .3rem;border:1px solid #555}
.drift .drifting strong{background:#B00020;border-color:#B00020;color:#fff}`;

const pct = (x: number) => `${(shownShare(x) * 100).toFixed(1)}%`;
const points = (x: number) => (x * 100).toFixed(1);

function line(v: DriftVerdict): Markup {
  const cls = v.state === 'drifting' ? 'drifting' : v.state === 'stable' ? 'stable' : 'none';
  return html`<li class="${cls}" data-drift-metric="${v.metric}" data-drift-state="${v.state}"><strong>${DRIFT_MARKS[v.state]}</strong> ${TITLES[v.metric]}: ${v.reason}</li>`;
}

function table(v: DriftVerdict): Markup {
  if (v.categories.length === 0) return html``;
  const critical = v.critical === null ? '' : ` (critical |z| ${v.critical.toFixed(2)})`;
  return html`<table><caption>${TITLES[v.metric]}: last ${DRIFT_WINDOW_DAYS} days vs reference, ${v.reports} reports on ${v.days} days${critical}</caption>
<thead><tr><th scope="col">Share</th><th scope="col">Last ${DRIFT_WINDOW_DAYS} days (95% CI)</th><th scope="col">Reference</th><th scope="col">z</th><th scope="col">Drifting</th></tr></thead>
<tbody>${v.categories.map(
    (c) =>
      html`<tr><th scope="row">${c.label}</th><td>${pct(c.estimate)} (±${points(DRIFT_MARGIN_Z * c.standardError)} pts)</td><td>${pct(c.reference)}</td><td>${c.z.toFixed(2)}</td><td>${c.drifting ? 'yes' : 'no'}</td></tr>`,
  )}</tbody></table>`;
}

/** The drift section. */
export function driftSection(view: DriftView): Markup {
  const verdicts = [view.segments, view.outOfScope];
  return html`<section><h2>Drift against the model</h2>
<ul class="drift">${verdicts.map(line)}</ul>
<p>Days ${view.from} to ${view.to} (UTC) against the served model’s references: each segment’s share among visitors with purchases against its share of the training customers, and the share of chats out of scope against the share the calibrated threshold rejects. A test is drifting when a share is at least ${DRIFT_MIN_EFFECT * 100} points away and beyond the randomized-response noise (z-test, ${DRIFT_ALPHA * 100}% false alarms per test; segments two-sided, out of scope for a rise only). A device keeps one noisy segment response for days, so its daily segment reports are not counted as independent: the margins are wider than pooling the days would suggest.</p>
<details><summary>Drift tests as tables</summary>${verdicts.map(table)}</details></section>`;
}
