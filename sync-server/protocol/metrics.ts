/**
 * What each metric's categories mean: the one definition the worker encodes with and the server (the
 * dashboard, the priors) decodes with. Every value is an index into a list both ends already know (the
 * model manifest of the batch's version, or the site's experiment specs), so no label, id or text
 * ever travels with a report. How each metric is noised, and at which epsilon, is fixed in
 * ./metric-table.ts.
 *
 * | metric                  | encoding | domain                 | value                                         |
 * |-------------------------|----------|------------------------|-----------------------------------------------|
 * | `segment_share`         | krr      | segments + 1           | segment id; the last is the rule segment       |
 * | `intent_count`          | krr      | intents + 2            | intent index; then out of scope; then no chat  |
 * | `template_feedback`     | krr      | 2 × 3 answer kinds + 1 | kind · 2 + (1 for 👍, 0 for 👎); last: no vote  |
 * | `recommendation_ctr`    | krr      | 2 × 5 bases + 1        | basis · 2 + (1 if opened); last: nothing shown  |
 * | `chat_satisfaction`     | krr      | 3 ratings + 1          | rating (🙁 😐 🙂); last: no rating              |
 * | `item_popularity`       | cms      | catalog ids            | the item's id, or {@link NO_ITEM}              |
 * | `experiment_conversion` | krr      | 2 × variants           | variant · 2 + (1 if converted since assignment) |
 *
 * Every device that shares sends every one of these on each day it is active, so whether a report
 * exists says nothing about what the visitor did: a day without a chat, a vote or an item view is
 * reported as that metric's "none" value, noised like any other. Conversion is "converted since
 * assignment" rather than "converted today" so it persists like the arm does, which lets both go
 * through memoized randomized response (see ./metric-table.ts); it is reported with the variant under
 * one randomized response, never on its own, because "this device bought" is what must stay deniable.
 * An experiment report carries the experiment's id: the site publishes its experiments to every
 * visitor, so the id says only "this device saw the site", which the report's arrival already says.
 */

/** Domain of `segment_share` for a model with `segments` clusters (plus the no-purchase rule). */
export function segmentDomain(segments: number): number {
  return segments + 1;
}

/** Domain of `intent_count` for a model with `intents` labels (plus out of scope, plus no chat). */
export function intentDomain(intents: number): number {
  return intents + 2;
}

/** The `intent_count` value of a message: its intent's index, or the slot after them when out of scope. */
export function intentValue(intentIndex: number | null, intents: number): number {
  return intentIndex === null ? intents : intentIndex;
}

/** The `intent_count` value of a day without a chat: the last slot. */
export function noIntentValue(intents: number): number {
  return intents + 1;
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
 * before any cell can be published, while 6 cells (and "no vote") give a usable 👍 share from a few
 * hundred, and "do segment-tailored answers land better than the standard ones?" is the question
 * feedback answers.
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

/** The `template_feedback` value of a day without a vote: the slot after every kind × vote. */
export const NO_VOTE_VALUE = TEMPLATE_KINDS.length * 2;

/** Domain of `template_feedback`: every answer kind × 👎/👍, plus no vote. */
export const FEEDBACK_DOMAIN = NO_VOTE_VALUE + 1;

/** A vote on an answer of kind `kind` (see {@link templateKind}) as one `template_feedback` value. */
export function feedbackValue(kind: number, up: boolean): number {
  return pairValue(kind, up);
}

/**
 * Why a recommended item was shown, as `recommendation_ctr` indexes it: the worker's
 * `RecommendationBasis` values, in this order. Bases rather than items for the same reason as
 * {@link TEMPLATE_KINDS}, and "do personal picks get opened more than popular ones?" is the question
 * it answers. It is a question for a busy site: at ε 0.5 over 11 cells, heard from a third of the
 * devices, 300,000 device-days put a basis's click-through within about ±0.06 (the dashboard test's
 * figure). Each device reports one impression, so a device counts once however many lists it saw.
 */
export const RECOMMENDATION_BASES = ['personal', 'segment', 'priors', 'catalog', 'search'] as const;

/** The `recommendation_ctr` value of a day without a recommendation shown. */
export const NO_IMPRESSION_VALUE = RECOMMENDATION_BASES.length * 2;

/** Domain of `recommendation_ctr`: every basis × not opened / opened, plus nothing shown. */
export const CTR_DOMAIN = NO_IMPRESSION_VALUE + 1;

/**
 * One impression as a `recommendation_ctr` value: its basis (an index of {@link RECOMMENDATION_BASES})
 * and whether the visitor opened the item after it was shown.
 */
export function ctrValue(basis: number, opened: boolean): number {
  return pairValue(basis, opened);
}

/** The one-tap ratings of a conversation, worst first, as `chat_satisfaction` indexes them. */
export const SATISFACTION_RATINGS = ['unhappy', 'neutral', 'happy'] as const;

/** The `chat_satisfaction` value of a day without a rating. */
export const NO_RATING_VALUE = SATISFACTION_RATINGS.length;

/** Domain of `chat_satisfaction`: each rating, plus no rating. */
export const SATISFACTION_DOMAIN = NO_RATING_VALUE + 1;

/** Domain of `experiment_conversion` for an experiment with `variants` arms. */
export function conversionDomain(variants: number): number {
  return variants * 2;
}

/** A device's arm and whether it converted since it was assigned, as one `experiment_conversion` value. */
export function conversionValue(variant: number, converted: boolean): number {
  return pairValue(variant, converted);
}

/**
 * The item a day without an item view reports in the count-mean sketch. It holds a NUL character, which
 * no catalog id does (the worker never reports a catalog item of this id as viewed, and the server
 * corrects the catalog's estimates for the buckets it shares with them; see ldp/cms-estimate.ts).
 */
export const NO_ITEM = '\u0000no item';

/** Metrics whose reports must name an experiment; every other metric must not. */
export const EXPERIMENT_METRICS: readonly string[] = ['experiment_exposure', 'experiment_conversion'];
