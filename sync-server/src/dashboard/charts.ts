/**
 * Inline SVG charts, rendered on the server with no script and no external asset. Every chart has a
 * `<title>` and `<desc>` and sits next to a table holding the same numbers, which is the accessible
 * alternative; suppressed (below-k) cells are gaps in a line or a bar replaced by words, never
 * plotted as zero.
 */
import { html } from 'hono/html';
import type { LabelledShare, Share, TimeTable, TopItem } from './data';

/** Markup built with hono's `html` tag (every interpolated string is escaped). */
export type Markup = ReturnType<typeof html>;

/** Okabe-Ito colours (distinguishable with the common colour-vision deficiencies). */
const COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];
/** Dash patterns, so series also differ without colour. */
const DASHES = ['', '6 3', '2 3', '8 3 2 3', '1 2', '10 4', '4 4', '3 6'];

const W = 640;
const H = 240;
const LEFT = 48;
const RIGHT = 12;
const TOP = 12;
const BOTTOM = 36;

const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
const fixed = (x: number) => x.toFixed(1);

/** Top of a share axis and its tick step: the largest upper bound shown, rounded up to a round step. */
function shareScale(max: number): { top: number; step: number } {
  const step = max <= 0.2 ? 0.05 : max <= 0.5 ? 0.1 : 0.2;
  return { top: Math.min(1, Math.max(step, Math.ceil(max / step - 1e-9) * step)), step };
}

function yScale(table: TimeTable): { top: number; step: number } {
  let max = 0;
  for (const s of table.series) for (const p of s.points) if (p) max = Math.max(max, p.upper);
  return shareScale(max);
}

/** Splits a series into runs of consecutive published points (a gap wherever a cell is below k). */
function runs(points: readonly (Share | null)[]): { i: number; s: Share }[][] {
  const out: { i: number; s: Share }[][] = [];
  let current: { i: number; s: Share }[] = [];
  for (const [i, s] of points.entries()) {
    if (s) current.push({ i, s });
    else if (current.length > 0) {
      out.push(current);
      current = [];
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** The series a chart draws: those with the largest mean published share, at most `max`. */
export function chartSeries(table: TimeTable, max = COLOURS.length): TimeTable['series'] {
  const mean = (s: TimeTable['series'][number]) => {
    const shown = s.points.filter((p): p is Share => p !== null);
    return shown.length === 0 ? -1 : shown.reduce((a, p) => a + p.estimate, 0) / shown.length;
  };
  return [...table.series]
    .filter((s) => mean(s) >= 0)
    .sort((a, b) => mean(b) - mean(a))
    .slice(0, max);
}

/** A line chart of shares per period (day or week), with 95 % interval whiskers at each published point. */
export function lineChart(id: string, title: string, desc: string, table: TimeTable): Markup {
  const series = chartSeries(table);
  if (table.days.length === 0 || series.length === 0)
    return html`<p>No published values yet for this chart.</p>`;
  const { top, step } = yScale(table);
  const n = table.days.length;
  const x = (i: number) => LEFT + (n === 1 ? (W - LEFT - RIGHT) / 2 : (i * (W - LEFT - RIGHT)) / (n - 1));
  const y = (v: number) => TOP + (1 - v / top) * (H - TOP - BOTTOM);
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
  const labelEvery = Math.max(1, Math.ceil(n / 6));
  return html`<svg role="img" aria-labelledby="${id}-t ${id}-d" viewBox="0 0 ${W} ${H}" width="100%">
<title id="${id}-t">${title}</title><desc id="${id}-d">${desc} Gaps are periods below the k threshold.</desc>
${ticks.map((t) => html`<line x1="${LEFT}" x2="${W - RIGHT}" y1="${fixed(y(t))}" y2="${fixed(y(t))}" stroke="#ddd"/><text x="${LEFT - 4}" y="${fixed(y(t) + 4)}" text-anchor="end" font-size="11">${pct(t)}</text>`)}
${table.days.map((d, i) => (i % labelEvery === 0 ? html`<text x="${fixed(x(i))}" y="${H - BOTTOM + 16}" text-anchor="${n > 1 && i === n - 1 ? 'end' : 'middle'}" font-size="11">${d.slice(5)}</text>` : ''))}
${series.map((s, si) => {
  const colour = COLOURS[si % COLOURS.length] ?? '#000';
  const dash = DASHES[si % DASHES.length] ?? '';
  return runs(s.points).map(
    (
      run,
    ) => html`<polyline fill="none" stroke="${colour}" stroke-width="2" stroke-dasharray="${dash}" points="${run.map((p) => `${fixed(x(p.i))},${fixed(y(p.s.estimate))}`).join(' ')}"/>
${run.map((p) => html`<line x1="${fixed(x(p.i))}" x2="${fixed(x(p.i))}" y1="${fixed(y(p.s.lower))}" y2="${fixed(y(p.s.upper))}" stroke="${colour}" stroke-opacity="0.5"/><circle cx="${fixed(x(p.i))}" cy="${fixed(y(p.s.estimate))}" r="3" fill="${colour}"/>`)}`,
  );
})}
</svg>
<ul class="legend">${series.map((s, si) => html`<li><span class="swatch" style="border-top:3px ${DASHES[si % DASHES.length] ? 'dashed' : 'solid'} ${COLOURS[si % COLOURS.length] ?? '#000'}"></span>${s.label}</li>`)}</ul>`;
}

const BAR_ROW = 22;
const BAR_LABEL = 220;

/** One bar: a label and its value with interval, or null where the value is below k. */
interface Bar {
  readonly label: string;
  readonly value: Share | null;
}

/**
 * Horizontal bars with 95 % interval whiskers on a 0..`max` axis. `text` writes a value after its
 * whisker, `suppressed` stands in for a bar below k, and `ticks` adds a labelled grid under the bars.
 */
function horizontalBars(
  id: string,
  heading: { readonly title: string; readonly desc: string },
  rows: readonly Bar[],
  axis: { readonly max: number; readonly ticks?: readonly number[] },
  words: { readonly text?: (s: Share) => string; readonly suppressed?: string } = {},
): Markup {
  const ticks = axis.ticks ?? [];
  const height = TOP + rows.length * BAR_ROW + (ticks.length > 0 ? 24 : 8);
  const x = (v: number) => BAR_LABEL + (v / axis.max) * (W - BAR_LABEL - RIGHT - (words.text ? 40 : 0));
  const clipTitle = (t: string) => (t.length > 32 ? `${t.slice(0, 31)}…` : t);
  const bottom = TOP + rows.length * BAR_ROW;
  return html`<svg role="img" aria-labelledby="${id}-t ${id}-d" viewBox="0 0 ${W} ${height}" width="100%">
<title id="${id}-t">${heading.title}</title><desc id="${id}-d">${heading.desc}</desc>
${ticks.map((t) => html`<line x1="${fixed(x(t))}" x2="${fixed(x(t))}" y1="${TOP}" y2="${bottom}" stroke="#ddd"/><text x="${fixed(x(t))}" y="${bottom + 14}" text-anchor="middle" font-size="11">${pct(t)}</text>`)}
${rows.map((row, r) => {
  const cy = TOP + r * BAR_ROW + BAR_ROW / 2;
  const label = html`<text x="${BAR_LABEL - 6}" y="${fixed(cy + 4)}" text-anchor="end" font-size="11">${clipTitle(row.label)}</text>`;
  const v = row.value;
  if (!v)
    return html`${label}
<text x="${BAR_LABEL + 4}" y="${fixed(cy + 4)}" font-size="11" font-style="italic">${words.suppressed ?? ''}</text>`;
  return html`${label}
<rect x="${BAR_LABEL}" y="${fixed(cy - 7)}" width="${fixed(x(v.estimate) - BAR_LABEL)}" height="14" fill="${COLOURS[0]}"/>
<line x1="${fixed(x(v.lower))}" x2="${fixed(x(v.upper))}" y1="${fixed(cy)}" y2="${fixed(cy)}" stroke="#000"/>
<line x1="${fixed(x(v.lower))}" x2="${fixed(x(v.lower))}" y1="${fixed(cy - 5)}" y2="${fixed(cy + 5)}" stroke="#000"/>
<line x1="${fixed(x(v.upper))}" x2="${fixed(x(v.upper))}" y1="${fixed(cy - 5)}" y2="${fixed(cy + 5)}" stroke="#000"/>${words.text ? html`<text x="${fixed(x(v.upper) + 4)}" y="${fixed(cy + 4)}" font-size="11">${words.text(v)}</text>` : ''}`;
})}
</svg>`;
}

/** Horizontal bars of estimated device-days per item with 95 % interval whiskers. */
export function barChart(id: string, title: string, desc: string, items: readonly TopItem[]): Markup {
  if (items.length === 0) return html`<p>No item passes the k threshold yet.</p>`;
  const rows = items.map((item) => ({ label: item.title, value: item }));
  return horizontalBars(id, { title, desc }, rows, { max: Math.max(...items.map((i) => i.upper), 1) });
}

/**
 * Horizontal bars of shares or rates with 95 % interval whiskers, one per label; a label below k keeps
 * its row, saying `suppressed`, so the chart shows what is missing. With nothing published it is a
 * sentence, as an empty chart would read as "zero everywhere".
 */
export function shareBars(
  id: string,
  heading: { readonly title: string; readonly desc: string },
  rows: readonly LabelledShare[],
  suppressed: string,
): Markup {
  const shown = rows.filter((r): r is LabelledShare & { share: Share } => r.share !== null);
  if (shown.length === 0) return html`<p>Not enough reports yet: no value passes the k threshold.</p>`;
  const { top, step } = shareScale(Math.max(...shown.map((r) => r.share.upper)));
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
  const list = rows.map((r) => ({ label: r.label, value: r.share }));
  return horizontalBars(id, heading, list, { max: top, ticks }, { text: (s) => pct(s.estimate), suppressed });
}
