/**
 * Accuracy of the LDP estimators on simulated populations of active devices (1,000 and 100,000), each
 * metric twice: "before" as the worker reported it until issue 12 (only devices that chatted or voted
 * sent those metrics; ε 1 / 1 / 1 / 0.5 / 0.5) and "after" as the metric table fixes it now
 * (sync-server/protocol/metric-table.ts: every active device sends every metric, "none" included;
 * memoized segment and conversion reports, debiased at their composed epsilon). The feedback group
 * (votes, click-through, ratings) is sent by each device one metric a day, drawn uniformly, so each
 * group metric is estimated from about a third of the devices and its counts are scaled (by about 3)
 * to all active devices: errors and intervals are √3 wider than if every device sent it (the new
 * click-through and rating metrics have no "before"). Errors are over the cells that mean something
 * (intents, votes, clicks, ratings, catalog items; never the "none" cell), in devices and as a share
 * of all active devices. Run: `npx tsx scripts/ldp-accuracy.ts`. The mechanism draws from the CSPRNG,
 * so figures move a little between runs; k-RR errors are averaged over several populations.
 *
 * Assumed activity (the simulate CLI's, roughly): 30 % of active devices chat, a quarter of those
 * vote and a fifth rate the conversation, 80 % view an item and 60 % are shown a recommendation;
 * segments 20/22/13/45 %, conversion 10 % vs 14 % over two even arms.
 */
import { krrEncode } from '../sync-server/protocol/krr';
import { cmsEncode } from '../sync-server/protocol/ldp/cms';
import {
  cmsAdd,
  cmsEstimate,
  cmsEstimateAround,
  createCmsTally,
} from '../sync-server/protocol/ldp/cms-estimate';
import { createCryptoUniform } from '../sync-server/protocol/ldp/crypto-pool';
import type { CellEstimate } from '../sync-server/protocol/ldp/interval';
import { krrEstimateWithInterval } from '../sync-server/protocol/ldp/krr-interval';
import { type Accuracy, accuracy, exactCounts, zipfWeights } from '../sync-server/protocol/ldp/simulate';
import { publishable } from '../sync-server/protocol/ldp/threshold';
import {
  FEEDBACK_GROUP,
  inFeedbackGroup,
  METRIC_TABLE,
  reportEpsilon,
} from '../sync-server/protocol/metric-table';
import { NO_ITEM } from '../sync-server/protocol/metrics';
import { encodeTableKrr, type KrrTableMetric } from '../sync-server/protocol/report-encode';

const uniform = createCryptoUniform();
const ITEMS = Array.from({ length: 1000 }, (_, i) => `item-${i}`);
const CHAT = 0.3;
const VOTE = CHAT * 0.25;
const RATE = CHAT * 0.6 * 0.35;
const VIEW = 0.8;
const SHOWN = 0.6;
/** Shown impressions by basis (personal, segment, priors, catalog, search) and their click-through. */
const BASES = [0.35, 0.15, 0.25, 0.1, 0.15];
const CTR = [0.22, 0.15, 0.11, 0.06, 0.3];
/** How many metrics the feedback group's devices choose among each day. */
const GROUP_SIZE = FEEDBACK_GROUP.length;

/** One metric's population: true shares of the meaningful cells and the share of devices holding one. */
interface Metric {
  readonly name: string;
  readonly weights: readonly number[];
  /** Share of active devices with a meaningful value (the rest hold "none"). */
  readonly active: number;
  /** Absent for metrics that did not exist before issue 12. */
  readonly before?: { readonly epsilon: number };
  /** The table metric; its "none" cell, if any, is the one after the meaningful cells. */
  readonly after: { readonly metric: KrrTableMetric; readonly none: boolean };
}

const METRICS: readonly Metric[] = [
  {
    name: 'segment_share (4 cells)',
    weights: [0.2, 0.22, 0.13, 0.45],
    active: 1,
    before: { epsilon: 1 },
    after: { metric: 'segment_share', none: false },
  },
  {
    name: 'intent_count (28 cells)',
    weights: zipfWeights(28),
    active: CHAT,
    before: { epsilon: 1 },
    after: { metric: 'intent_count', none: true },
  },
  {
    name: 'template_feedback (6 cells)',
    weights: [0.22, 0.58, 0.04, 0.26, 0.05, 0.05],
    active: VOTE,
    before: { epsilon: 0.5 },
    after: { metric: 'template_feedback', none: true },
  },
  {
    name: 'recommendation_ctr (10 cells)',
    weights: BASES.flatMap((b, i) => [b * (1 - (CTR[i] ?? 0)), b * (CTR[i] ?? 0)]),
    active: SHOWN,
    after: { metric: 'recommendation_ctr', none: true },
  },
  {
    name: 'chat_satisfaction (3 cells)',
    weights: [0.2, 0.28, 0.52],
    active: RATE,
    after: { metric: 'chat_satisfaction', none: true },
  },
  {
    name: 'experiment_conversion (4 cells)',
    weights: [0.45, 0.05, 0.43, 0.07],
    active: 1,
    before: { epsilon: 0.5 },
    after: { metric: 'experiment_conversion', none: false },
  },
];

interface Row extends Accuracy {
  readonly name: string;
  readonly when: string;
  readonly epsilon: string;
  readonly devices: number;
  readonly reporting: number;
  readonly published: number;
}

/** Reported-value counts; `encode` answers −1 for a device that sends no report of the metric. */
function krrCounts(truth: readonly number[], domain: number, encode: (v: number) => number): number[] {
  const counts = new Array<number>(domain).fill(0);
  for (const [v, n] of truth.entries())
    for (let i = 0; i < n; i++) {
      const o = encode(v);
      if (o >= 0) counts[o] = (counts[o] ?? 0) + 1;
    }
  return counts;
}

/** Scales a cell estimated among the reporting devices to all active devices. */
function scaled(cell: CellEstimate, factor: number): CellEstimate {
  return {
    estimate: cell.estimate * factor,
    variance: cell.variance * factor * factor,
    halfWidth: cell.halfWidth * factor,
    lower: cell.lower * factor,
    upper: cell.upper * factor,
  };
}

function runKrr(m: Metric, devices: number, after: boolean, trials: number): Row {
  const holders = Math.round(devices * m.active);
  const truth = exactCounts(m.weights, holders);
  const k = m.weights.length;
  const domain = after && m.after.none ? k + 1 : k;
  const full = after && m.after.none ? [...truth, devices - holders] : truth;
  const epsilon = after ? reportEpsilon(m.after.metric, domain) : (m.before?.epsilon ?? 1);
  // A feedback-group metric is sent by the devices that drew it: about one in GROUP_SIZE.
  const group = after && inFeedbackGroup(m.after.metric);
  let mae = 0;
  let half = 0;
  let coverage = 0;
  let published = 0;
  let reporting = 0;
  for (let t = 0; t < trials; t++) {
    const encode = after
      ? (v: number) => encodeTableKrr(m.after.metric, v, domain, null, undefined, uniform).value
      : (v: number) => krrEncode(v, domain, epsilon, uniform);
    const counts = krrCounts(full, domain, (v) => (!group || uniform() * GROUP_SIZE < 1 ? encode(v) : -1));
    const reports = counts.reduce((x, y) => x + y, 0);
    const among = krrEstimateWithInterval(counts, epsilon).slice(0, k);
    // Counts among the third that reported are scaled to all active devices (as the server can: it
    // knows both report counts); the draw's own binomial noise is left out of the interval, as it is
    // far below the randomized response's.
    const cells = group ? among.map((c) => scaled(c, devices / reports)) : among;
    const a = accuracy(cells, truth);
    mae += a.meanAbsError / trials;
    half = Math.max(half, a.maxHalfWidth);
    coverage += a.coverage / trials;
    published += publishable(among, reports).length / trials;
    reporting += reports / trials;
  }
  const spec = METRIC_TABLE[m.after.metric];
  const memo = after && spec.encoding === 'krr' && spec.memo ? ' memoized' : '';
  return {
    name: m.name,
    when: after ? (group ? 'after, 1 in 3' : 'after') : 'before',
    epsilon: `${Number(epsilon.toFixed(3))}${memo}`,
    devices,
    reporting: after ? Math.round(reporting) : holders,
    meanAbsError: mae,
    maxHalfWidth: half,
    coverage,
    published,
  };
}

function runCms(devices: number, after: boolean): Row {
  const viewers = after ? Math.round(devices * VIEW) : devices;
  const truth = exactCounts(zipfWeights(ITEMS.length), viewers);
  const spec = METRIC_TABLE.item_popularity;
  const params =
    after && spec.encoding === 'cms'
      ? { hashes: spec.hashes, buckets: spec.buckets, epsilon: spec.epsilon }
      : { hashes: 64, buckets: 1024, epsilon: 1 };
  const tally = createCmsTally(params);
  for (const [i, item] of ITEMS.entries())
    for (let d = 0; d < (truth[i] ?? 0); d++) cmsAdd(tally, cmsEncode(item, params, uniform));
  for (let d = viewers; d < devices; d++) cmsAdd(tally, cmsEncode(NO_ITEM, params, uniform));
  const cells = after ? cmsEstimateAround(tally, ITEMS, NO_ITEM) : cmsEstimate(tally, ITEMS);
  return {
    name: 'item_popularity (CMS 64×1024, 1,000 items)',
    when: after ? 'after' : 'before',
    epsilon: String(params.epsilon),
    devices,
    reporting: devices,
    ...accuracy(cells, truth),
    published: publishable(cells, devices).length,
  };
}

const rows: Row[] = [];
for (const devices of [1000, 100_000])
  for (const after of [false, true]) {
    for (const m of METRICS)
      if (after || m.before) rows.push(runKrr(m, devices, after, devices > 10_000 ? 20 : 200));
    rows.push(runCms(devices, after));
  }
rows.sort((a, b) => a.name.localeCompare(b.name) || a.devices - b.devices || (a.when === 'before' ? -1 : 1));

const pct = (x: number, n: number) => `${((100 * x) / n).toFixed(2)} %`;
console.log('errors in devices and as a share of all active devices; 95 % intervals; k = 20');
console.log(
  '| metric | active devices | when | ε per report | reports | mean abs error | max CI half-width | coverage | cells published |',
);
console.log('|---|---:|---|---|---:|---:|---:|---:|---:|');
for (const r of rows)
  console.log(
    `| ${r.name} | ${r.devices.toLocaleString('en')} | ${r.when} | ${r.epsilon} | ${r.reporting.toLocaleString('en')} | ${r.meanAbsError.toFixed(1)} (${pct(r.meanAbsError, r.devices)}) | ${r.maxHalfWidth.toFixed(1)} (${pct(r.maxHalfWidth, r.devices)}) | ${(100 * r.coverage).toFixed(1)} % | ${r.published.toFixed(1)} |`,
  );
