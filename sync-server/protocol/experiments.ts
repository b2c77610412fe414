/**
 * `GET /v1/experiments`: the experiments a site runs, as the worker's `ExperimentSpec` list. The limits
 * mirror the worker's `validateExperiments`, so anything the server stores or serves the worker accepts.
 */
import * as v from 'valibot';

/** Most experiments one site may run at once. */
export const MAX_SITE_EXPERIMENTS = 20;

const variantSchema = v.strictObject({
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(40)),
  weight: v.pipe(v.number(), v.finite(), v.gtValue(0)),
});

/** One experiment: an id and 2-10 weighted variants with distinct names. */
export const experimentSpecSchema = v.strictObject({
  id: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,40}$/, 'id must be 1-40 of [A-Za-z0-9_-]')),
  variants: v.pipe(
    v.array(variantSchema),
    v.minLength(2),
    v.maxLength(10),
    v.check((vs) => new Set(vs.map((x) => x.name)).size === vs.length, 'variant names must be distinct'),
  ),
});

/** A site's experiment list, ids distinct. */
export const experimentListSchema = v.pipe(
  v.array(experimentSpecSchema),
  v.maxLength(MAX_SITE_EXPERIMENTS),
  v.check((es) => new Set(es.map((e) => e.id)).size === es.length, 'experiment ids must be distinct'),
);

/** A validated experiment list. */
export type ExperimentSpecs = v.InferOutput<typeof experimentListSchema>;

/** The experiments answer. */
export const experimentsAnswerSchema = v.strictObject({
  schema: v.literal(1),
  experiments: experimentListSchema,
});

/** A validated experiments answer. */
export type ExperimentsAnswer = v.InferOutput<typeof experimentsAnswerSchema>;

/** Validates an unknown value as an experiment list; null when it is not one. */
export function parseExperimentList(input: unknown): ExperimentSpecs | null {
  const r = v.safeParse(experimentListSchema, input);
  return r.success ? r.output : null;
}

/** Validates an unknown value as an experiments answer; null when it is not one. */
export function parseExperimentsAnswer(input: unknown): ExperimentsAnswer | null {
  const r = v.safeParse(experimentsAnswerSchema, input);
  return r.success ? r.output : null;
}
