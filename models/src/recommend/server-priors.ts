/**
 * The sync server's item priors as a training signal (`npm run train -- --priors FILE|URL`): a saved
 * `GET /v1/priors` answer, or that URL itself: item popularity among the site's visitors over the last 30 days,
 * from their LDP reports, debiased and k-thresholded on the server, so it names no device and lists
 * only items enough devices reported. It tells the trainer what visitors look at now, which the
 * purchase history (months old, buyers only) cannot: an item trending on the site can enter the
 * catalog and rank higher in its cold-start order and the graph's popularity term.
 */
import { readFile } from 'node:fs/promises';
import { parsePriors } from '../../../sync-server/protocol/index';
import { DataError } from '../errors';

/** Default share of the priors in the blended popularity. */
export const DEFAULT_PRIORS_WEIGHT = 0.3;

/** Validated priors and how much they count. */
export interface PopularityPriors {
  /** Item id → debiased share of reports naming it, scaled so the largest is 1 (negatives → 0). */
  readonly scores: ReadonlyMap<string, number>;
  /** Share w of the priors: popularity = (1 − w) · purchase popularity + w · prior. */
  readonly weight: number;
  /** The model version the server estimated them for, and the k threshold every item passed. */
  readonly model: string;
  readonly minReports: number;
}

/** How long `--priors URL` waits for the server. */
export const PRIORS_FETCH_TIMEOUT_MS = 15_000;

/** The body of `source`: a file, or an http(s) URL of the sync server's `GET /v1/priors`. */
async function readSource(source: string): Promise<string> {
  if (!/^https?:\/\//i.test(source)) {
    try {
      return await readFile(source, 'utf8');
    } catch (err) {
      throw new DataError('file_not_found', source, `cannot read the priors file: ${(err as Error).message}`);
    }
  }
  let res: Response;
  try {
    res = await fetch(source, { signal: AbortSignal.timeout(PRIORS_FETCH_TIMEOUT_MS), redirect: 'error' });
  } catch (err) {
    throw new DataError('unreadable', source, `cannot fetch the priors: ${(err as Error).message}`);
  }
  if (!res.ok)
    throw new DataError('unreadable', source, `the server answered ${res.status} ${res.statusText}`);
  return res.text();
}

/**
 * Reads and validates a priors answer from a file or the server's URL; throws {@link DataError}
 * naming the source when it cannot be read, is not one, or lists no item.
 */
export async function readServerPriors(
  source: string,
  weight = DEFAULT_PRIORS_WEIGHT,
): Promise<PopularityPriors> {
  const text = await readSource(source);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new DataError('bad_priors', source, `not JSON: ${(err as Error).message}`);
  }
  const priors = parsePriors(json);
  if (priors === null) {
    throw new DataError(
      'bad_priors',
      source,
      'not a priors answer: save the body of GET /v1/priors?site=KEY (schema 1, items of {id, score})',
    );
  }
  const max = Math.max(0, ...priors.items.map((i) => i.score));
  if (max <= 0) {
    throw new DataError('bad_priors', source, 'lists no item with a positive score (too few reports yet?)');
  }
  const scores = new Map(priors.items.map((i) => [i.id, Math.max(0, i.score) / max] as const));
  return { scores, weight, model: priors.model, minReports: priors.minReports };
}

/**
 * Blends per-item purchase popularity (any non-negative scale) with the priors: both scaled to a
 * maximum of 1, then mixed by the priors' weight. An item the priors do not list counts 0 there:
 * below the k threshold its true share is small, and nothing better is known about it.
 */
export function blendPopularity(
  ids: readonly string[],
  popularity: ArrayLike<number>,
  priors: PopularityPriors | undefined,
): Float64Array {
  let max = 0;
  for (let i = 0; i < ids.length; i++) max = Math.max(max, popularity[i] as number);
  const w = priors?.weight ?? 0;
  return Float64Array.from(ids, (id, i) => {
    const own = max > 0 ? (popularity[i] as number) / max : 0;
    return (1 - w) * own + w * (priors?.scores.get(id) ?? 0);
  });
}
