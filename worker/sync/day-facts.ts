/**
 * Gathers what today's reports are about from the worker's own stores: the segment, the last viewed
 * item, the day's last chat intent, the day's last vote on an answer (by answer kind), and the experiments seen or converted today. A model
 * that is not ready yet leaves its metric out; a later sync the same day can still report it.
 */
import type { Catalog, Manifest } from '../../models/features';
import { templateKind } from '../../sync-server/protocol';
import type { ExperimentState } from '../experiments';
import type { FeedbackState } from '../personalization';
import type { ChatMessage, ExperimentSpec, Segment, TrackEvent } from '../protocol';
import type { DayFacts } from './report-plan';

const DAY_MS = 86_400_000;

/** What the facts are gathered from. */
export interface FactSources {
  readonly manifest: Manifest;
  readonly catalog: Catalog;
  readonly events: readonly TrackEvent[];
  readonly segment: Segment | null;
  /** The kept conversation (only today's assistant messages are looked at). */
  readonly transcript: readonly ChatMessage[];
  readonly feedback: FeedbackState;
  readonly experiments: ExperimentState;
  readonly specs: readonly ExperimentSpec[];
  readonly nowMs: number;
}

/** Today's facts from the sources. */
export function dayFacts(s: FactSources): DayFacts {
  const dayStart = Math.floor(s.nowMs / DAY_MS) * DAY_MS;
  const today = dayStart / DAY_MS;
  const segmentEntry = s.manifest.models.segment;
  const labels = s.manifest.models.intent?.labels ?? [];
  const ids = new Set(s.catalog.items.map((i) => i.id));
  const item = s.events
    .filter((e) => e.type === 'item_view' && typeof e.props.item === 'string' && ids.has(e.props.item))
    .at(-1)?.props.item as string | undefined;
  const said = s.transcript.filter((m) => m.role === 'assistant' && m.decision && m.at >= dayStart).at(-1);
  const vote = s.feedback.entries
    .filter((e) => e.target === 'answer' && e.context && e.at >= dayStart)
    .at(-1);
  const experiments = s.experiments.records.flatMap((r) => {
    const spec = s.specs.find((x) => x.id === r.experiment);
    const seen = r.lastExposedAt >= dayStart || r.conversionDay === today;
    if (!spec || !seen || spec.variants[r.index]?.name !== r.variant) return [];
    return [
      {
        id: r.experiment,
        variant: r.index,
        variants: spec.variants.length,
        converted: r.conversionDay === today,
      },
    ];
  });
  return {
    ...(segmentEntry && s.segment
      ? { segment: { id: s.segment.id, segments: segmentEntry.segments.length } }
      : {}),
    ...(item ? { item } : {}),
    ...(said?.decision && labels.length ? { intent: { labels, last: said.decision.intent } } : {}),
    ...(vote?.context ? { vote: { kind: templateKind(vote.context.variant), up: vote.value === 'up' } } : {}),
    ...(experiments.length ? { experiments } : {}),
  };
}
