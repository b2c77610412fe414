/**
 * The dashboard page: headings, the charts and, under each, a table with the same published numbers
 * (the text alternative). A cell below the k threshold reads "below k", never a number. All text that
 * comes from configuration (site keys, labels, titles, experiment and variant names) passes through
 * hono's `html` tag, which escapes it.
 */
import { html, raw } from 'hono/html';
import { barChart, lineChart, type Markup, shareBars } from './charts';
import type { DashboardData, ExperimentView, LabelledShare, Share, TimeTable, WindowShares } from './data';
import { DRIFT_STYLE, driftSection } from './drift-page';

/** What a suppressed cell says. */
export const BELOW_K = 'below k';
/** Significance level of the verdicts. */
export const ALPHA = 0.05;

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const shareText = (s: Share | null) => (s ? `${pct(s.estimate)} (${pct(s.lower)}–${pct(s.upper)})` : BELOW_K);
const pText = (p: number) => (p < 0.001 ? '< 0.001' : p.toFixed(3));

function timeTable(caption: string, table: TimeTable): Markup {
  if (table.days.length === 0) return html``;
  return html`<details><summary>${caption} as a table</summary><table><caption>${caption}</caption>
<thead><tr><th scope="col">Day</th><th scope="col">Reports</th>${table.series.map((s) => html`<th scope="col">${s.label}</th>`)}</tr></thead>
<tbody>${table.days.map(
    (day, i) =>
      html`<tr><th scope="row">${day}</th><td>${table.totals[i] ?? 0}</td>${table.series.map((s) => html`<td>${shareText(s.points[i] ?? null)}</td>`)}</tr>`,
  )}</tbody></table></details>`;
}

/** A table of labelled values over the window: the text alternative of a {@link shareBars} chart. */
function sharesTable(
  caption: string,
  head: readonly [string, string],
  rows: readonly LabelledShare[],
): Markup {
  return html`<table><caption>${caption}</caption><thead><tr><th scope="col">${head[0]}</th><th scope="col">${head[1]}</th></tr></thead>
<tbody>${rows.map((r) => html`<tr><th scope="row">${r.label}</th><td>${shareText(r.share)}</td></tr>`)}</tbody></table>`;
}

/** Why a feedback-group chart rests on fewer reports than the others, with its own count. */
const groupNote = (w: WindowShares) =>
  `Each sharing device reports one of answer votes, recommendation clicks and conversation ratings a day, drawn at random, so this rests on about a third of the device-days: ${w.reports} reports over the window.`;

function recommendationsSection(w: WindowShares): Markup {
  const title = 'Click-through by recommendation basis';
  const desc = `Share of shown recommended items the visitor opened afterwards, by why the item was shown. A device reports one impression of its day, drawn at random, so every reporting device-day counts once however many items it was shown. ${groupNote(w)}`;
  return html`<section><h2>Recommendations</h2>${shareBars('ctr', { title, desc }, w.rows, BELOW_K)}<p>${desc}</p>
${sharesTable(`${title} over the window`, ['Why the item was shown', 'Opened after shown (95% CI)'], w.rows)}</section>`;
}

function satisfactionSection(w: WindowShares): Markup {
  const title = 'Conversation satisfaction';
  const desc = `Share of each one-tap rating among the rated conversations (of two turns or more); conversations without a rating are left out. ${groupNote(w)}`;
  return html`<section><h2>${title}</h2>${shareBars('sat', { title, desc }, w.rows, BELOW_K)}<p>${desc}</p>
${sharesTable(`${title} over the window`, ['Rating', 'Share of rated conversations (95% CI)'], w.rows)}</section>`;
}

/** A sentence a non-statistician can act on. */
export function verdict(e: ExperimentView, index: number): string {
  const c = e.comparisons[index];
  const control = e.variants[0]?.name ?? 'control';
  const name = e.variants[index + 1]?.name ?? '';
  if (!c) return `Not enough reports yet to compare “${name}” with “${control}”.`;
  if (c.p < ALPHA) {
    const way = c.difference.estimate > 0 ? 'better' : 'worse';
    return `“${name}” converts ${way} than “${control}” (significant at ${ALPHA * 100}%).`;
  }
  return `No significant difference between “${name}” and “${control}” yet.`;
}

function experimentTable(e: ExperimentView): Markup {
  const when = e.day === null ? 'no reports yet' : `${e.total} reports on ${e.day}`;
  return html`<table><caption>Experiment ${e.id} on site ${e.site} (${when})</caption>
<thead><tr><th scope="col">Variant</th><th scope="col">Devices</th><th scope="col">Conversion rate (95% CI)</th><th scope="col">Difference vs first (95% CI)</th><th scope="col">z</th><th scope="col">p</th><th scope="col">Verdict</th></tr></thead>
<tbody>${e.variants.map((v, i) => {
    const c = i === 0 ? undefined : e.comparisons[i - 1];
    const cmp =
      i === 0
        ? html`<td>reference</td><td></td><td></td><td></td>`
        : c
          ? html`<td>${shareText(c.difference).replace(/%/g, ' pp')}</td><td>${c.z.toFixed(2)}</td><td>${pText(c.p)}</td><td>${verdict(e, i - 1)}</td>`
          : html`<td>${BELOW_K}</td><td>${BELOW_K}</td><td>${BELOW_K}</td><td>${verdict(e, i - 1)}</td>`;
    return html`<tr><th scope="row">${v.name}</th><td>${v.exposed === null ? BELOW_K : v.exposed.toFixed(0)}</td><td>${shareText(v.rate)}</td>${cmp}</tr>`;
  })}</tbody></table>`;
}

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:1rem auto;max-width:60rem;padding:0 1rem;color:#111}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:13px}th,td{border:1px solid #ccc;padding:.2rem .4rem;text-align:left}
caption{text-align:left;font-weight:600}.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3rem 1rem}
.swatch{display:inline-block;width:1.5rem;margin-right:.3rem;vertical-align:middle}section{margin-bottom:2rem}
${DRIFT_STYLE}`;

/** The whole page. `sites` feeds the site picker (a plain GET form, no script). */
export function dashboardPage(data: DashboardData, sites: readonly string[]): Markup {
  const scope = data.site === null ? 'all sites' : `site ${data.site}`;
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Confide dashboard: ${scope}</title><style>${raw(STYLE)}</style></head><body><main>
<h1>Confide dashboard: ${scope}</h1>
<form method="get" action="/dashboard"><label for="site">Site</label> <select id="site" name="site"><option value="">All sites</option>${sites.map(
    (s) => html`<option value="${s}"${s === data.site ? ' selected' : ''}>${s}</option>`,
  )}</select> <button type="submit">Show</button></form>
<p>Days ${data.from} to ${data.to} (UTC), model ${data.model}. Every number is a debiased estimate from locally randomized reports with its 95% confidence interval; a cell is published only when it rests on at least k = ${data.k} reports beyond doubt, otherwise it reads “${BELOW_K}”.${data.otherModelReports > 0 ? html` ${data.otherModelReports} reports made against other model versions are not shown.` : ''}</p>
${driftSection(data.drift)}
<section><h2>Segment shares</h2>${lineChart('seg', 'Segment shares per day', 'Share of reporting visitors in each segment, per UTC day.', data.segments)}${timeTable('Segment shares per day', data.segments)}</section>
<section><h2>Intents</h2>${lineChart('int', 'Intent shares per week', 'Share of chats per intent, per week (labelled by its first UTC day), among the reports of devices that chatted (every active device reports, most of them “no chat”): intents are too many and chats too few for daily estimates; the chart shows the most frequent intents.', data.intents)}${timeTable('Intent shares per week', data.intents)}</section>
<section><h2>Feedback</h2>${lineChart('fb', '👍 share per week', 'Share of answer votes that were thumbs up, per week (labelled by its first UTC day).', data.feedbackDaily)}${timeTable('👍 share per week', data.feedbackDaily)}
${sharesTable(
  '👍 share per kind of answer over the window',
  ['Answer', '👍 share (95% CI)'],
  data.feedbackByKind.map((f) => ({ label: f.label, share: f.rate })),
)}</section>
${recommendationsSection(data.clicksByBasis)}
${satisfactionSection(data.satisfaction)}
<section><h2>Top items</h2>${barChart('top', 'Most viewed items', `Estimated device-days per item over the window (every active device reports once a day: its last viewed item, or that it viewed none) with 95% intervals, from ${data.topItems.total} reports.`, data.topItems.items)}
<table><caption>Most viewed items (estimated device-days)</caption><thead><tr><th scope="col">Item</th><th scope="col">Device-days (95% CI)</th></tr></thead>
<tbody>${data.topItems.items.map((i) => html`<tr><th scope="row">${i.title}</th><td>${i.estimate.toFixed(0)} (${i.lower.toFixed(0)}–${i.upper.toFixed(0)})</td></tr>`)}</tbody></table></section>
<section><h2>Experiments</h2><p>Each variant is compared with the first by a two-proportion z-test whose variance includes the randomized-response noise. Every device assigned to an experiment reports its arm and whether it converted since it was assigned on each day it is active, as the same memoized randomized response, so one device's days are not independent: each experiment is analysed on the busiest day of the window, where every active device counts once.</p>
${data.experiments.length === 0 ? html`<p>No experiments configured.</p>` : data.experiments.map(experimentTable)}</section>
</main></body></html>`;
}
