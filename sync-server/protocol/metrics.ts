/**
 * What each metric's categories mean: the one definition the worker encodes with and the server (the
 * dashboard, the priors) decodes with. Every value is an index into a list both ends already know (the
 * model manifest of the batch's version, or the site's experiment specs), so no label, id or text
 * ever travels with a report.
 *
 * | metric                  | encoding | domain                 | value                                   |
 * |-------------------------|----------|------------------------|-----------------------------------------|
 * | `segment_share`         | krr      | segments + 1           | segment id; the last is the rule segment |
 * | `intent_count`          | krr      | intents + 1            | intent index; the last is out of scope   |
 * | `template_feedback`     | krr      | 2 × 3 answer kinds     | kind · 2 + (1 for 👍, 0 for 👎)           |
 * | `item_popularity`       | krr, cms | catalog size           | catalog index (cms: the item's id)       |
 * | `experiment_exposure`   | krr      | variants               | variant index; names `experiment`        |
 * | `experiment_conversion` | krr      | 2 × variants           | variant · 2 + (1 if converted)           |
 *
 * An experiment report carries the experiment's id: the site publishes its experiments to every
 * visitor, so the id says only "this device saw the site", which the report's arrival already says.
 * Conversion is reported with the variant under one randomized response, never on its own, because
 * "this device bought" is exactly what must stay deniable.
 *
 * What the randomized response protects is the value, not whether a report exists: `intent_count`,
 * `template_feedback` and `item_popularity` are sent only on days the visitor chatted, voted or viewed
 * an item, so a report's presence says that much (and nothing about what). Sending them every day with
 * a "none" category would hide it, at ε 2.5 a day for every device and more noise in every estimate;
 * that trade is left to a product decision rather than made silently here.
 */

/** Domain of `segment_share` for a model with `segments` clusters (plus the no-purchase rule). */
export function segmentDomain(segments: number): number {
  return segments + 1;
}

/** Domain of `intent_count` for a model with `intents` labels (plus out of scope). */
export function intentDomain(intents: number): number {
  return intents + 1;
}

/** The `intent_count` value of a message: its intent's index, or the last slot when out of scope. */
export function intentValue(intentIndex: number | null, intents: number): number {
  return intentIndex === null ? intents : intentIndex;
}

/** An index and a yes/no outcome as one value: `index · 2 + outcome`, as feedback and conversion use. */
export function pairValue(index: number, outcome: boolean): number {
  return index * 2 + (outcome ? 1 : 0);
}

/** Splits a {@link pairValue} back into its index and outcome. */
export function decodePair(value: number): { index: number; outcome: boolean } {
  return { index: Math.floor(value / 2), outcome: value % 2 === 1 };
}

/**
 * The kinds of answer a `template_feedback` vote can be about: the site's standard answer, a variant
 * written for the visitor's segment, or a handoff / clarifying question. Kinds, not intents: under
 * randomized response a domain of intents × votes (54 cells) needs tens of thousands of votes a day
 * before any cell can be published, while 6 cells give a usable 👍 share from a few hundred, and
 * "do segment-tailored answers land better than the standard ones?" is the question feedback answers.
 */
export const TEMPLATE_KINDS = [
  'standard answer',
  'segment-tailored answer',
  'handoff or clarification',
] as const;

/** The kind index of an answer from its decision's variant (`default`, a segment's, `handoff`, `clarify`). */
export function templateKind(variant: string): number {
  if (variant === 'default') return 0;
  if (variant === 'handoff' || variant === 'clarify') return 2;
  return 1;
}

/** Domain of `template_feedback`: every answer kind × 👎/👍. */
export const FEEDBACK_DOMAIN = TEMPLATE_KINDS.length * 2;

/** A vote on an answer of kind `kind` (see {@link templateKind}) as one `template_feedback` value. */
export function feedbackValue(kind: number, up: boolean): number {
  return pairValue(kind, up);
}

/** Domain of `experiment_conversion` for an experiment with `variants` arms. */
export function conversionDomain(variants: number): number {
  return variants * 2;
}

/** A device's arm and whether it converted, as one `experiment_conversion` value. */
export function conversionValue(variant: number, converted: boolean): number {
  return pairValue(variant, converted);
}

/** Metrics whose reports must name an experiment; every other metric must not. */
export const EXPERIMENT_METRICS: readonly string[] = ['experiment_exposure', 'experiment_conversion'];
