/**
 * The visitor's thumbs up/down, kept on the device as plain data, and what they change:
 * recommendation scores (an online update on top of the model), which answer variant is chosen
 * next time, and the per-template counts the sync client reports (noised) to the server.
 * Every function is pure: it returns a new state and never changes the one it was given.
 */

import type { FeedbackInput } from '../protocol';
import { ValidationError } from '../protocol';

/** Votes kept; older ones are dropped first. */
export const MAX_FEEDBACK_ENTRIES = 500;
/** Longest answer or item id accepted (the event property bound). */
const MAX_ID = 200;
/** Longest intent or variant name accepted. */
const MAX_NAME = 64;

/** What a thumbs up on a recommended item adds to that item's score. */
export const UP_BOOST = 1;
/** Most a neighbour of liked items gains, or of disliked items loses, in total. */
export const NEIGHBOUR_LIMIT = 0.25;
/** The adjustment of an item the visitor turned down: the recommender drops non-finite scores. */
export const EXCLUDED = Number.NEGATIVE_INFINITY;
/** A variant whose {@link variantPenalty} reaches this is avoided when another one can be used. */
export const AVOID_PENALTY = 0.5;

/** The answer's intent and variant, from its `Decision`, so votes count per template. */
export interface AnswerContext {
  readonly intent: string | null;
  readonly variant: string;
}

/** One vote as kept. */
export interface FeedbackEntry extends FeedbackInput {
  /** Epoch ms of the vote. */
  readonly at: number;
  /** Order of arrival; votes after the state's `syncedThrough` have not been reported yet. */
  readonly seq: number;
  /** Only for answers given with their context. */
  readonly context?: AnswerContext;
}

/** The visitor's feedback: at most one vote per target, oldest first. */
export interface FeedbackState {
  readonly version: 1;
  readonly entries: readonly FeedbackEntry[];
  /** Sequence number the next vote gets. */
  readonly nextSeq: number;
  /** Votes with `seq` up to here were reported. */
  readonly syncedThrough: number;
}

/** A vote as the visitor sees it in the export. */
export type FeedbackExport = FeedbackInput & {
  readonly at: number;
  readonly intent?: string | null;
  readonly variant?: string;
};

/** Votes on one template (intent × variant) in one direction. */
export interface FeedbackCount extends AnswerContext {
  readonly value: 'up' | 'down';
  readonly count: number;
}

/** The counts not yet reported, and the last vote they include (hand it back to {@link markSynced}). */
export interface UnsyncedFeedback {
  readonly through: number;
  readonly counts: readonly FeedbackCount[];
}

/** Feedback of a visitor who has given none. */
export function emptyFeedback(): FeedbackState {
  return { version: 1, entries: [], nextSeq: 1, syncedThrough: 0 };
}

/**
 * Adds a vote. A newer vote on the same target replaces the older one (a vote older than the kept one
 * is ignored, and repeating the same vote changes nothing, so it is not counted twice). `context`
 * belongs to answers only. Throws `ValidationError` (`invalid_argument`) on malformed input.
 */
export function applyFeedback(
  state: FeedbackState,
  input: FeedbackInput,
  at: number,
  context?: AnswerContext,
): FeedbackState {
  const vote = checkInput(input, at, context);
  const previous = state.entries.find((e) => e.target === vote.target && e.id === vote.id);
  if (previous && (previous.at > at || (previous.value === vote.value && sameContext(previous, context)))) {
    return state;
  }
  const entry: FeedbackEntry = {
    ...vote,
    at,
    seq: state.nextSeq,
    // Copied field by field so nothing else the caller attached is kept.
    ...(context ? { context: { intent: context.intent, variant: context.variant } } : {}),
  };
  // Dropping the replaced vote also withdraws it from the counts if it was not reported yet.
  const kept = state.entries.filter((e) => e !== previous);
  kept.push(entry);
  return {
    ...state,
    entries: kept.slice(-MAX_FEEDBACK_ENTRIES),
    nextSeq: state.nextSeq + 1,
  };
}

/** Similarity of two catalog items by id, e.g. the cosine of their embeddings: 1 alike, 0 unrelated. */
export type SimilarityLookup = (a: string, b: string) => number;

/**
 * What the recommender adds to an item's score for this visitor.
 * - turned down: {@link EXCLUDED}, so the item is never recommended to this visitor again;
 * - liked: {@link UP_BOOST}, which lifts it above items the model scores about the same;
 * - neither, with `similarity`: the sum over voted items of ±similarity (clamped to [0, 1]) times
 *   {@link NEIGHBOUR_LIMIT}, capped at ±{@link NEIGHBOUR_LIMIT}: a like nudges the item's neighbours
 *   up a little, a dislike nudges them down, and neither can outweigh the model by much.
 * Only recommendation votes count; votes on answers say nothing about items.
 */
export function itemAdjustment(state: FeedbackState, itemId: string, similarity?: SimilarityLookup): number {
  const votes = itemVotes(state);
  const own = votes.get(itemId);
  if (own === 'down') return EXCLUDED;
  if (own === 'up') return UP_BOOST;
  if (!similarity) return 0;
  let sum = 0;
  for (const [other, value] of votes) {
    const s = similarity(itemId, other);
    const sim = Number.isFinite(s) ? Math.min(1, Math.max(0, s)) : 0;
    sum += value === 'up' ? sim : -sim;
  }
  return Math.max(-1, Math.min(1, sum)) * NEIGHBOUR_LIMIT;
}

// States are never changed in place, so the item → vote index built for one stays valid for it; the
// recommender asks once per candidate and this keeps that from rescanning every entry each time.
const itemVoteIndex = new WeakMap<FeedbackState, Map<string, 'up' | 'down'>>();

function itemVotes(state: FeedbackState): Map<string, 'up' | 'down'> {
  let votes = itemVoteIndex.get(state);
  if (!votes) {
    votes = new Map();
    for (const e of state.entries) if (e.target === 'recommendation') votes.set(e.id, e.value);
    itemVoteIndex.set(state, votes);
  }
  return votes;
}

/**
 * How much this visitor disliked answers of one template, in [0, 1]: the share of down votes among
 * their votes on answers given with this intent and variant (0 without votes). One down vote gives 1,
 * so the variant reaches {@link AVOID_PENALTY} and is avoided next time; a later like brings it back.
 */
export function variantPenalty(state: FeedbackState, intent: string | null, variant: string): number {
  let up = 0;
  let down = 0;
  for (const e of state.entries) {
    if (e.context && e.context.intent === intent && e.context.variant === variant) {
      if (e.value === 'up') up += 1;
      else down += 1;
    }
  }
  return up + down === 0 ? 0 : down / (up + down);
}

/** Every vote kept, oldest first, for the visitor's export. */
export function feedbackEntries(state: FeedbackState): FeedbackExport[] {
  return state.entries.map((e) => ({
    target: e.target,
    id: e.id,
    value: e.value,
    at: e.at,
    ...(e.context ? { intent: e.context.intent, variant: e.context.variant } : {}),
  }));
}

/**
 * Answer votes not reported yet, per (intent, variant, up/down). Only answers given with their context
 * count: item votes name an item, which is not a template metric. Pass the result to
 * {@link markSynced} once the report was accepted; votes arriving meanwhile stay unreported.
 */
export function unsyncedCounts(state: FeedbackState): UnsyncedFeedback {
  const cells = new Map<string, FeedbackCount>();
  for (const e of state.entries) {
    if (e.seq <= state.syncedThrough || !e.context) continue;
    const cell = JSON.stringify([e.context.intent, e.context.variant, e.value]);
    const count = cells.get(cell)?.count ?? 0;
    cells.set(cell, {
      intent: e.context.intent,
      variant: e.context.variant,
      value: e.value,
      count: count + 1,
    });
  }
  // Every vote up to the newest is covered: item votes and votes without context need no report.
  return { through: state.nextSeq - 1, counts: [...cells.values()] };
}

/**
 * Records that the votes counted in `reported` (from {@link unsyncedCounts} of this state or an
 * earlier version of it) were sent. Throws `ValidationError` for a count that cannot come from it.
 */
export function markSynced(state: FeedbackState, reported: UnsyncedFeedback): FeedbackState {
  if (!Number.isSafeInteger(reported.through) || reported.through < 0) {
    throw invalid('reported.through must be a non-negative integer');
  }
  // A count from another state (say, one taken before `forget`) would silence votes never sent.
  if (reported.through >= state.nextSeq) {
    throw invalid('reported.through is ahead of this feedback state; it was taken from another one');
  }
  if (reported.through <= state.syncedThrough) return state;
  return { ...state, syncedThrough: reported.through };
}

function checkInput(input: FeedbackInput, at: number, context: AnswerContext | undefined): FeedbackInput {
  if (typeof input !== 'object' || input === null) throw invalid('feedback must be an object');
  const { target, id, value } = input;
  if (target !== 'answer' && target !== 'recommendation') {
    throw invalid('feedback.target must be "answer" or "recommendation"');
  }
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID) {
    throw invalid(`feedback.id must be a string of 1-${MAX_ID} characters`);
  }
  if (value !== 'up' && value !== 'down') throw invalid('feedback.value must be "up" or "down"');
  if (typeof at !== 'number' || !Number.isFinite(at) || at < 0) {
    throw invalid('feedback time must be a finite, non-negative epoch time in ms');
  }
  if (context !== undefined) {
    if (typeof context !== 'object' || context === null) throw invalid('feedback context must be an object');
    if (target !== 'answer') throw invalid('feedback context is only for answers');
    if (context.intent !== null && !isName(context.intent)) {
      throw invalid(`feedback context.intent must be null or 1-${MAX_NAME} characters`);
    }
    if (!isName(context.variant)) throw invalid(`feedback context.variant must be 1-${MAX_NAME} characters`);
  }
  return { target, id, value };
}

function sameContext(entry: FeedbackEntry, context: AnswerContext | undefined): boolean {
  return entry.context?.intent === context?.intent && entry.context?.variant === context?.variant;
}

function isName(x: unknown): x is string {
  return typeof x === 'string' && x.length > 0 && x.length <= MAX_NAME;
}

function invalid(message: string): ValidationError {
  return new ValidationError('invalid_argument', message);
}
