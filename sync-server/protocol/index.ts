/**
 * The client↔server protocol: what the worker's sync client may send and what the server answers.
 * Both ends import these schemas, so a report the worker builds is checked by the same rules the
 * server enforces. Every object is strict: an unknown field is an error, never silently dropped.
 */
import * as v from 'valibot';
import { cmsReportSchema } from './ldp/cms-schema';
import { EXPERIMENT_METRICS } from './metrics';

/** The fixed list of metrics a device may report. Free text is never a metric. */
export const METRICS = [
  'segment_share',
  'item_popularity',
  'intent_count',
  'template_feedback',
  'recommendation_ctr',
  'chat_satisfaction',
  'experiment_exposure',
  'experiment_conversion',
] as const;

/** One metric name from {@link METRICS}. */
export type Metric = (typeof METRICS)[number];

/** Largest categorical domain a k-ary randomized-response report may use. */
export const MAX_DOMAIN = 10_000;
/** Most reports one batch may carry. */
export const MAX_REPORTS_PER_BATCH = 64;
/** Largest accepted request body, in bytes. */
export const MAX_BODY_BYTES = 16 * 1024;

const siteKey = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{3,64}$/, 'site must be 3-64 of [A-Za-z0-9_-]'));
const modelVersion = v.pipe(v.string(), v.regex(/^[A-Za-z0-9.+_-]{1,40}$/, 'model must be a version tag'));

const experimentId = v.pipe(
  v.string(),
  v.regex(/^[A-Za-z0-9_-]{1,40}$/, 'experiment must be 1-40 of [A-Za-z0-9_-]'),
);

/**
 * A single categorical value under k-ary randomized response: `value` is the noised category index
 * in `[0, domain)`, already randomized on the device with `epsilon`. Experiment metrics also name
 * their `experiment` (see ./metrics.ts for what every value means); no other metric may. The schema
 * checks the shape only: which domain and epsilon a metric must have is ./metric-table.ts, checked by
 * {@link applyReportRules} once the batch's model and site are known.
 */
export const krrReportSchema = v.pipe(
  v.strictObject({
    metric: v.picklist(METRICS, 'metric is not one of the fixed metrics'),
    encoding: v.literal('krr'),
    domain: v.pipe(v.number(), v.integer(), v.minValue(2), v.maxValue(MAX_DOMAIN)),
    value: v.pipe(v.number(), v.integer(), v.minValue(0)),
    epsilon: v.pipe(v.number(), v.finite(), v.gtValue(0)),
    experiment: v.optional(experimentId),
  }),
  v.check((r) => r.value < r.domain, 'value must be below domain'),
  v.check(
    (r) => (r.experiment !== undefined) === EXPERIMENT_METRICS.includes(r.metric),
    'experiment is required for experiment metrics and not allowed for others',
  ),
);

/** Any report, told apart by `encoding`: k-ary randomized response or a count-mean sketch. */
export const reportSchema = v.variant('encoding', [krrReportSchema, cmsReportSchema], (issue) =>
  issue.input === undefined ? 'encoding is required' : 'encoding must be "krr" or "cms"',
);

/** A batch of reports as POSTed to `/v1/reports`. `batch` makes the request idempotent. */
export const reportBatchSchema = v.strictObject({
  site: siteKey,
  batch: v.pipe(v.string(), v.uuid('batch must be a UUID')),
  schema: v.literal(1, 'schema must be 1'),
  model: modelVersion,
  reports: v.pipe(
    v.array(reportSchema),
    v.minLength(1, 'reports must not be empty'),
    v.maxLength(MAX_REPORTS_PER_BATCH, `at most ${MAX_REPORTS_PER_BATCH} reports per batch`),
  ),
});

/** One report, as validated. */
export type Report = v.InferOutput<typeof reportSchema>;
/** One k-ary randomized-response report. */
export type KrrReport = v.InferOutput<typeof krrReportSchema>;
/** One count-mean-sketch report. */
export type { CmsReport } from './ldp/cms-schema';
/** A batch, as validated. */
export type ReportBatch = v.InferOutput<typeof reportBatchSchema>;

/** Answer to an accepted batch. `duplicate` is true when the batch id was already stored. */
export interface ReportAccepted {
  readonly ok: true;
  readonly stored: number;
  readonly duplicate: boolean;
}

/** Machine-readable error codes the server answers with. */
export type ServerErrorCode =
  | 'invalid_json'
  | 'invalid_body'
  | 'invalid_report'
  | 'body_too_large'
  | 'unknown_site'
  | 'origin_not_allowed'
  | 'not_found'
  | 'rate_limited'
  | 'unauthorized'
  | 'conflict'
  | 'unsupported_media_type'
  /** 503: the database cannot answer now; send the same request again after `Retry-After`. */
  | 'unavailable'
  | 'internal';

/** Every 4xx/5xx body: one error with a code and a message naming the problem. */
export interface ServerError {
  readonly error: {
    readonly code: ServerErrorCode;
    readonly message: string;
    /**
     * For `invalid_body`: the dotted path and message of each schema issue; for `invalid_report`: each
     * report that differs from the metric table (`reports.<index>.<field>`) and how.
     */
    readonly issues?: readonly { readonly path: string; readonly message: string }[];
  };
}

/** Validates an unknown value as a batch; returns the typed batch or the list of issues. */
export function parseReportBatch(
  input: unknown,
): { ok: true; batch: ReportBatch } | { ok: false; issues: { path: string; message: string }[] } {
  const result = v.safeParse(reportBatchSchema, input);
  if (result.success) return { ok: true, batch: result.output };
  return {
    ok: false,
    issues: result.issues.map((i) => ({ path: v.getDotPath(i) ?? '', message: i.message })),
  };
}

/** Each metric's encoding, epsilon and domain rule: the table both ends use. */
export * from './metric-table';
/** What each metric's values mean (shared by the worker's encoder and the server's decoders). */
export * from './metrics';
/** The priors answer (`GET /v1/priors`). */
export { MAX_PRIOR_ITEMS, type Priors, parsePriors, priorsSchema } from './priors';
/** The table's checks of a schema-valid batch, with the context the server knows. */
export {
  applyReportRules,
  type RuleContext,
  type RuledReport,
  type RuleIssue,
  type RuleResult,
} from './report-rules';
