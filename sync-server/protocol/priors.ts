/**
 * `GET /v1/priors`: item popularity estimated from the devices' noised reports, debiased
 * and k-thresholded on the server. The worker validates the answer with this schema before using it.
 */
import * as v from 'valibot';

/** Most items one priors answer lists. */
export const MAX_PRIOR_ITEMS = 200;

/** The priors answer. `segment` is always null: there is one prior for every visitor of a site. */
export const priorsSchema = v.strictObject({
  schema: v.literal(1),
  model: v.pipe(v.string(), v.maxLength(40)),
  segment: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0))),
  /** Reports each listed item's estimate rests on at least (the k threshold). */
  minReports: v.pipe(v.number(), v.integer(), v.minValue(0)),
  items: v.pipe(
    v.array(
      v.strictObject({
        id: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
        /** Debiased share of reports naming the item. */
        score: v.pipe(v.number(), v.finite()),
      }),
    ),
    v.maxLength(MAX_PRIOR_ITEMS),
  ),
});

/** A validated priors answer. */
export type Priors = v.InferOutput<typeof priorsSchema>;

/** Validates an unknown value as a priors answer. */
export function parsePriors(input: unknown): Priors | null {
  const r = v.safeParse(priorsSchema, input);
  return r.success ? r.output : null;
}
