/**
 * Gathers what today's reports are about from the worker's own stores, over what happened since the
 * previous report was queued (`since`): the segment, the last viewed item, the last chat intent, the
 * last vote on an answer (by answer kind), one recommendation impression drawn uniformly (its basis
 * and whether it was opened), and the last rating of a conversation, each possibly none, and every
 * experiment the device is assigned to, with whether it converted since assignment. A day's set is reported whole or not yet:
 * while the segment model cannot give a segment, there are no facts, and a later sync tries again.
 */
import type { Catalog, Manifest } from '../../models/features';
import {
  NO_ITEM,
  RECOMMENDATION_BASES,
  SATISFACTION_RATINGS,
  templateKind,
} from '../../sync-server/protocol';
import { cryptoUniform, type Uniform } from '../../sync-server/protocol/krr';
import type { SatisfactionState } from '../chat';
import type { ExperimentState } from '../experiments';
import type { ExposureState, FeedbackState } from '../personalization';
import type { ChatMessage, ExperimentSpec, Segment, TrackEvent } from '../protocol';
import type { DayFacts } from './report-plan';

const DAY_MS = 86_400_000;
/** How far back the first report after a long absence looks: a week, not the whole retention. */
export const MAX_LOOKBACK_MS = 7 * DAY_MS;

/** What the facts are gathered from. */
export interface FactSources {
  readonly manifest: Manifest;
  readonly catalog: Catalog;
  readonly events: readonly TrackEvent[];
  readonly segment: Segment | null;
  /** The kept conversation (only assistant messages since `since` are looked at). */
  readonly transcript: readonly ChatMessage[];
  readonly feedback: FeedbackState;
  readonly exposure: ExposureState;
  readonly satisfaction: SatisfactionState;
  readonly experiments: ExperimentState;
  readonly specs: readonly ExperimentSpec[];
  readonly nowMs: number;
  /** Epoch ms the previous reports were queued; undefined before the first (today counts). */
  readonly since?: number;
  /** Draws the impression reported; the device's cryptographic RNG unless a test seeds one. */
  readonly uniform?: Uniform;
}

/** When the facts start: the previous report, at most a week back, else the start of today. */
export function factsSince(previous: number | undefined, nowMs: number): number {
  if (previous === undefined || !Number.isFinite(previous)) return Math.floor(nowMs / DAY_MS) * DAY_MS;
  return Math.max(previous, nowMs - MAX_LOOKBACK_MS);
}

/** The facts of the reports to queue now, or null while the segment is not known yet. */
export function dayFacts(s: FactSources): DayFacts | null {
  const since = factsSince(s.since, s.nowMs);
  const segmentEntry = s.manifest.models.segment;
  if (segmentEntry && !s.segment) return null;
  const labels = s.manifest.models.intent?.labels ?? [];
  const ids = new Set(s.catalog.items.map((i) => i.id).filter((id) => id !== NO_ITEM));
  const item = s.events
    .filter(
      (e) =>
        e.type === 'item_view' && e.ts >= since && typeof e.props.item === 'string' && ids.has(e.props.item),
    )
    .at(-1)?.props.item as string | undefined;
  const said = s.transcript.filter((m) => m.role === 'assistant' && m.decision && m.at >= since).at(-1);
  const vote = s.feedback.entries.filter((e) => e.target === 'answer' && e.context && e.at >= since).at(-1);
  // One impression drawn uniformly, so a device's report is an unbiased sample of its day's lists.
  const seen = (s.exposure.impressions ?? []).filter((x) => x.at >= since);
  const drawn = seen.length
    ? seen[Math.min(seen.length - 1, Math.floor((s.uniform ?? cryptoUniform)() * seen.length))]
    : undefined;
  const basis = drawn ? RECOMMENDATION_BASES.indexOf(drawn.basis) : -1;
  const rated = s.satisfaction.ratings.filter((r) => r.at >= since).at(-1);
  const experiments = s.specs.flatMap((spec) => {
    const r = s.experiments.records.find((x) => x.experiment === spec.id);
    if (!r || spec.variants[r.index]?.name !== r.variant) return [];
    return [{ id: spec.id, variant: r.index, variants: spec.variants.length, converted: r.conversions > 0 }];
  });
  return {
    ...(segmentEntry && s.segment
      ? { segment: { id: s.segment.id, segments: segmentEntry.segments.length } }
      : {}),
    item: item ?? null,
    ...(labels.length
      ? { intent: { labels, ...(said?.decision ? { last: said.decision.intent } : {}) } }
      : {}),
    vote: vote?.context ? { kind: templateKind(vote.context.variant), up: vote.value === 'up' } : null,
    impression: drawn && basis >= 0 ? { basis, opened: drawn.opened } : null,
    rating: rated ? SATISFACTION_RATINGS.indexOf(rated.rating) : null,
    experiments,
  };
}
