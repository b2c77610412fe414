/**
 * The visitor's one-tap ratings of a conversation, kept on the device (the store's `satisfaction`
 * record, with `personalize` only). A rating covers the messages since the previous one and needs at
 * least {@link MIN_RATED_TURNS} of the visitor's, so "how was this chat?" is asked of a conversation,
 * not of a greeting. With `share`, the day's last rating may be reported, noised, as
 * `chat_satisfaction`; the rating never changes what the chat answers.
 */
import { type RatingInput, type SatisfactionRating, ValidationError } from '../protocol';

/** One rating as kept. */
export interface RatingEntry {
  readonly rating: SatisfactionRating;
  /** Epoch ms of the rating. */
  readonly at: number;
  /** The visitor's messages it covers. */
  readonly turns: number;
}

/** The record the store keeps, oldest first. */
export interface SatisfactionState {
  readonly version: 1;
  readonly ratings: readonly RatingEntry[];
}

/** Ratings kept; the oldest go first. */
export const MAX_RATINGS = 100;
/** Visitor messages a conversation needs before it can be rated. */
export const MIN_RATED_TURNS = 2;

const RATINGS: readonly SatisfactionRating[] = ['unhappy', 'neutral', 'happy'];

/** No ratings yet. */
export function emptySatisfaction(): SatisfactionState {
  return { version: 1, ratings: [] };
}

/** Checks the frame's input; throws `ValidationError('invalid_argument')` for anything else. */
export function validRating(input: unknown): SatisfactionRating {
  const r = (input as { rating?: unknown } | null)?.rating;
  if (typeof r === 'string' && (RATINGS as readonly string[]).includes(r)) return r as SatisfactionRating;
  throw new ValidationError('invalid_argument', `rating must be {rating: ${RATINGS.join(' | ')}}`);
}

/** Epoch ms of the latest rating, or -Infinity before the first. */
export function lastRatedAt(state: SatisfactionState): number {
  return state.ratings.at(-1)?.at ?? Number.NEGATIVE_INFINITY;
}

/**
 * The state after a rating of a conversation with `turns` visitor messages since the last rating, or
 * null when that is too short to rate.
 */
export function applyRating(
  state: SatisfactionState,
  input: RatingInput,
  turns: number,
  at: number,
): SatisfactionState | null {
  const rating = validRating(input);
  if (turns < MIN_RATED_TURNS) return null;
  return { version: 1, ratings: [...state.ratings, { rating, at, turns }].slice(-MAX_RATINGS) };
}
