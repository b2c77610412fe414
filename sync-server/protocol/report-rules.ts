/**
 * The checks a schema-valid batch must pass before the server stores it: every report is exactly what
 * ./metric-table.ts says (metric, encoding, sketch shape, domain, epsilon) and a batch carries at most
 * one report per metric (per experiment for experiment metrics). The schema alone cannot say this,
 * because the domain depends on the model version the batch names and on the site's experiments.
 *
 * This file takes its inputs structurally rather than importing ./index.ts, which re-exports it.
 */
import {
  DAILY_METRICS,
  type DomainFacts,
  type DomainSource,
  domainOf,
  FEEDBACK_GROUP,
  inFeedbackGroup,
  isTableMetric,
  METRIC_TABLE,
  reportEpsilon,
  sameEpsilon,
  type TableMetric,
} from './metric-table';

/** The fields of a report the rules look at (both encodings). */
export interface RuledReport {
  readonly metric: string;
  readonly encoding: 'krr' | 'cms';
  readonly epsilon: number;
  readonly domain?: number;
  readonly experiment?: string;
  readonly hashes?: number;
  readonly buckets?: number;
}

/** What the server knows when it checks a batch. */
export interface RuleContext {
  /** The model it serves (manifest version and counts), or undefined when it serves none. */
  readonly model?: { readonly version: string; readonly segments?: number; readonly intents?: number };
  /** The experiments of the batch's site: id → number of arms. */
  readonly experiments: ReadonlyMap<string, number>;
}

/** One refused report: `reports.<index>[.field]` and what is wrong with it. */
export interface RuleIssue {
  readonly path: string;
  readonly message: string;
}

/** The outcome: the batch with every epsilon set to the table's exact value, or the issues. */
export type RuleResult<B> =
  | { readonly ok: true; readonly batch: B }
  | { readonly ok: false; readonly issues: RuleIssue[] };

const fmt = (x: number) => String(Number(x.toPrecision(6)));

/** What the domain of a k-RR report follows from here, or why it cannot be known. */
function domainFacts(
  source: DomainSource,
  metric: TableMetric,
  report: RuledReport,
  model: string,
  ctx: RuleContext,
): DomainFacts | string {
  if (source === 'variants') {
    const variants = ctx.experiments.get(report.experiment ?? '');
    return variants === undefined ? `the site runs no experiment "${report.experiment}"` : { variants };
  }
  if (source !== 'segments' && source !== 'intents') return {};
  if (!ctx.model) return `${metric} needs the served model, and none is served`;
  if (ctx.model.version !== model)
    return `${metric} indexes the model, and "${model}" is not the served model "${ctx.model.version}"`;
  return ctx.model;
}

function checkOne(
  report: RuledReport,
  model: string,
  ctx: RuleContext,
): { field: string; message: string } | number {
  const { metric } = report;
  if (!isTableMetric(metric))
    return {
      field: 'metric',
      message: `${metric} is not reported (experiment_conversion carries the arm); accepted: ${DAILY_METRICS.join(', ')}`,
    };
  const spec = METRIC_TABLE[metric];
  if (report.encoding !== spec.encoding)
    return {
      field: 'encoding',
      message: `${metric} must be encoded as ${spec.encoding}, got ${report.encoding}`,
    };
  if (spec.encoding === 'cms') {
    if (report.hashes !== spec.hashes || report.buckets !== spec.buckets)
      return {
        field: 'buckets',
        message: `${metric} sketches are ${spec.hashes} × ${spec.buckets}, got ${report.hashes} × ${report.buckets}`,
      };
  }
  let domain = 0;
  if (spec.encoding === 'krr') {
    const facts = domainFacts(spec.domain, metric, report, model, ctx);
    if (typeof facts === 'string')
      return { field: metric === 'experiment_conversion' ? 'experiment' : 'domain', message: facts };
    const expected = domainOf(spec.domain, facts);
    if (expected === undefined)
      return {
        field: 'domain',
        message: `${metric} has no domain: the served model lacks its ${spec.domain}`,
      };
    if (report.domain !== expected)
      return {
        field: 'domain',
        message: `${metric} must have domain ${expected} here, got ${report.domain}`,
      };
    domain = expected;
  }
  const epsilon = reportEpsilon(metric, domain);
  if (!sameEpsilon(report.epsilon, epsilon)) {
    const how =
      spec.encoding === 'krr' && spec.memo
        ? ` (memoized: permanent ${spec.permanentEpsilon}, instant ${spec.instantEpsilon}, over ${domain} values)`
        : '';
    return {
      field: 'epsilon',
      message: `${metric} must be sent at epsilon ${fmt(epsilon)}${how}, got ${report.epsilon}`,
    };
  }
  return epsilon;
}

/**
 * Checks every report of a schema-valid batch against the table; see the file comment. Returns the
 * batch with each epsilon replaced by the table's value (so equal channels group together however
 * the device's platform rounded), or one issue per refused report.
 */
export function applyReportRules<
  R extends RuledReport,
  B extends { readonly model: string; readonly reports: readonly R[] },
>(batch: B, ctx: RuleContext): RuleResult<B> {
  const issues: RuleIssue[] = [];
  const seen = new Map<string, number>();
  const reports: R[] = [];
  for (const [i, report] of batch.reports.entries()) {
    // The feedback group is one report a day, whichever metric the device drew (./metric-table.ts).
    const group = inFeedbackGroup(report.metric);
    const key = group
      ? 'feedback group'
      : report.experiment === undefined
        ? report.metric
        : `${report.metric}:${report.experiment}`;
    const first = seen.get(key);
    if (first !== undefined) {
      const what = group
        ? `feedback-group report (${FEEDBACK_GROUP.join(', ')})`
        : report.experiment === undefined
          ? `${report.metric} report`
          : `${report.metric} report for experiment "${report.experiment}"`;
      issues.push({
        path: `reports.${i}`,
        message: `a second ${what} (the first is reports.${first}): a device sends one a day`,
      });
      continue;
    }
    seen.set(key, i);
    const checked = checkOne(report, batch.model, ctx);
    if (typeof checked === 'number') reports.push({ ...report, epsilon: checked });
    else issues.push({ path: `reports.${i}.${checked.field}`, message: `reports.${i}: ${checked.message}` });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, batch: { ...batch, reports } };
}
