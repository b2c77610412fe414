/**
 * `report.json` (DESIGN.md "Machine-readable results") and its readable twin `report.md`.
 * Only the `recommend` key exists so far; `details` is an added key with the run's context.
 */
import type { CleanCounts } from './clean';
import type { EvaluationResult, SplitStats } from './evaluate';
import type { RankingMetrics } from './metrics';
import { roundAll } from './run-data';

/** The `recommend` section. */
export interface RecommendReport {
  readonly fp32: RankingMetrics;
  readonly int8?: RankingMetrics;
  readonly baselines: { readonly popularity: RankingMetrics };
}

/** Context of the recommend evaluation: what the averages are over and what the run cost. */
export interface RecommendDetails {
  readonly data: string;
  readonly cleaning: CleanCounts;
  readonly split: SplitStats;
  readonly params: Readonly<Record<string, number | string>>;
  /** Share of users whose ONNX top-10 equals the TypeScript reference scorer's. */
  readonly referenceAgreement: number;
  /** Milliseconds. */
  readonly timing: {
    readonly loadMs: number;
    readonly trainMs: number;
    readonly scoreMs: number;
    readonly totalMs: number;
  };
  readonly peakRssMiB: number;
}

/** The whole report file. */
export interface EvaluationReport {
  readonly recommend: RecommendReport;
  readonly protocol: string;
  readonly details: { readonly recommend: RecommendDetails };
}

/** Inputs of {@link buildReport}. */
export interface ReportInputs {
  readonly evaluation: EvaluationResult;
  readonly data: string;
  readonly cleaning: CleanCounts;
  readonly params: Readonly<Record<string, number | string>>;
  readonly loadMs: number;
  readonly totalMs: number;
  readonly peakRssBytes: number;
}

/** Assembles the report from one evaluation run. */
export function buildReport(r: ReportInputs): EvaluationReport {
  const e = r.evaluation;
  const s = e.split;
  const inCatalog = s.heldOutItems > 0 ? s.heldOutInCatalog / s.heldOutItems : 0;
  const protocol =
    'Leave-last-basket-out. Each user with purchases on at least 2 distinct days has their last invoice held ' +
    'out; all other rows (every user) are the training data, and catalog selection and the item-kNN weights are ' +
    "fitted on them only. A user's input is interactionVector (models/features, the function the worker runs) " +
    'over their earlier rows as "purchase" interactions, with now = the held-out invoice\'s time. Relevant items: ' +
    "distinct held-out items that are in the catalog and not already in the user's history (the graph masks seen " +
    'items, so repeat purchases cannot be recommended); held-out items outside the catalog cannot be hit and are ' +
    `not counted (${(inCatalog * 100).toFixed(1)}% of held-out items were in the ${s.catalogSize}-item catalog). ` +
    `Users with no relevant item are skipped (${s.evaluatedUsers} of ${s.eligibleUsers} evaluated). Full ` +
    'ranking over the catalog; metrics at 10 averaged over users; coverage = share of the catalog recommended to ' +
    'at least one user. fp32 and int8 are the exported ONNX graphs run in onnxruntime-web (WASM, 1 thread); ' +
    "popularity ranks by distinct training users with the same masking. Not a global time cut: other users' " +
    'rows later than a held-out invoice stay in training.';
  return {
    recommend: {
      fp32: roundAll(e.fp32),
      ...(e.int8 ? { int8: roundAll(e.int8) } : {}),
      baselines: { popularity: roundAll(e.popularity) },
    },
    protocol,
    details: {
      recommend: {
        data: r.data,
        cleaning: r.cleaning,
        split: s,
        params: r.params,
        referenceAgreement: e.referenceAgreement,
        timing: {
          loadMs: Math.round(r.loadMs),
          trainMs: Math.round(e.trainMs),
          scoreMs: Math.round(e.scoreMs),
          totalMs: Math.round(r.totalMs),
        },
        peakRssMiB: Math.round(r.peakRssBytes / 2 ** 20),
      },
    },
  };
}

/** Renders the report as Markdown. */
export function renderReportMarkdown(report: EvaluationReport): string {
  const rec = report.recommend;
  const d = report.details.recommend;
  const rows: [string, RankingMetrics | undefined][] = [
    ['item-kNN fp32 (ONNX)', rec.fp32],
    ['item-kNN int8 (ONNX)', rec.int8],
    ['popularity baseline', rec.baselines.popularity],
  ];
  const f = (x: number): string => x.toFixed(4);
  const table = rows
    .filter((row): row is [string, RankingMetrics] => row[1] !== undefined)
    .map(
      ([name, m]) =>
        `| ${name} | ${f(m.recall10)} | ${f(m.ndcg10)} | ${f(m.map10)} | ${f(m.precision10)} | ${f(m.coverage)} |`,
    );
  const s = d.split;
  return [
    '# Confide model evaluation',
    '',
    '## Recommend',
    '',
    '| model | Recall@10 | NDCG@10 | MAP@10 | Precision@10 | coverage |',
    '|---|---:|---:|---:|---:|---:|',
    ...table,
    '',
    `Split: ${s.users} users, ${s.eligibleUsers} with a held-out invoice, ${s.evaluatedUsers} evaluated; ` +
      `${s.trainRows} training rows, ${s.heldOutRows} held-out rows; held-out items ${s.heldOutItems}, ` +
      `in catalog ${s.heldOutInCatalog}, relevant (in catalog, not seen) ${s.relevantItems}; catalog ${s.catalogSize} items.`,
    '',
    `ONNX fp32 top-10 identical to the TypeScript reference for ${(d.referenceAgreement * 100).toFixed(2)}% of users.`,
    '',
    `Parameters: ${Object.entries(d.params)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}.`,
    '',
    `Cost: load + clean ${(d.timing.loadMs / 1000).toFixed(1)} s, fit + export on the training split ` +
      `${(d.timing.trainMs / 1000).toFixed(2)} s, scoring ${(d.timing.scoreMs / 1000).toFixed(1)} s, total ` +
      `${(d.timing.totalMs / 1000).toFixed(1)} s; peak RSS ${d.peakRssMiB} MiB.`,
    '',
    '### Protocol',
    '',
    report.protocol,
    '',
    '### Data',
    '',
    d.data,
    '',
  ].join('\n');
}
