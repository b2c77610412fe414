/**
 * The facts of a day's reports: what happened since the previous report (a week at most), "none"
 * where nothing did, every assigned experiment whether or not it was seen today, with conversion
 * since assignment, and no facts at all while the segment is unknown.
 */
import { describe, expect, it } from 'vitest';
import type { Catalog, Manifest } from '../../models/features';
import type { ExperimentState } from '../experiments';
import type { FeedbackState } from '../personalization';
import type { ChatMessage, ExperimentSpec, Segment, TrackEvent } from '../protocol';
import { dayFacts, type FactSources, factsSince, MAX_LOOKBACK_MS } from './day-facts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 22, 12);
const manifest = {
  models: { segment: { segments: [{}, {}, {}] }, intent: { labels: ['shipping', 'returns'] } },
} as unknown as Manifest;
const catalog = { currency: 'EUR', items: [{ id: 'A', title: 'a', price: 1 }] } as Catalog;
const view = (ts: number): TrackEvent => ({ type: 'item_view', props: { item: 'A' }, ts, id: `v${ts}` });
const said = (at: number, intent: string | null): ChatMessage => ({
  id: `m${at}`,
  role: 'assistant',
  text: 'x',
  at,
  decision: { rule: 'r', variant: 'default', intent, confidence: 1 },
});
const feedback = (at: number): FeedbackState =>
  ({
    version: 1,
    entries: [
      {
        target: 'answer',
        id: 'm',
        value: 'down',
        at,
        seq: 0,
        context: { intent: 'returns', variant: 'default' },
      },
    ],
    nextSeq: 1,
  }) as unknown as FeedbackState;
const specs: ExperimentSpec[] = [
  {
    id: 'old',
    variants: [
      { name: 'a', weight: 1 },
      { name: 'b', weight: 1 },
    ],
  },
  {
    id: 'new',
    variants: [
      { name: 'a', weight: 1 },
      { name: 'b', weight: 1 },
      { name: 'c', weight: 1 },
    ],
  },
];
const record = (experiment: string, index: number, variant: string, conversions: number) => ({
  experiment,
  variant,
  index,
  firstExposedAt: NOW - 30 * DAY,
  lastExposedAt: NOW - 20 * DAY,
  exposureDay: 0,
  conversionDay: conversions ? 1 : -1,
  conversions,
});
const experiments: ExperimentState = {
  version: 1,
  records: [record('new', 2, 'c', 0), record('old', 1, 'b', 1)],
  pending: [],
};
const base: FactSources = {
  manifest,
  catalog,
  events: [view(NOW - 2 * DAY)],
  segment: { id: 1 } as Segment,
  transcript: [said(NOW - 2 * DAY, 'returns')],
  feedback: feedback(NOW - 2 * DAY),
  exposure: {
    items: {},
    impressions: [
      { id: 'A', basis: 'personal', at: NOW - 2 * DAY, opened: true },
      { id: 'B', basis: 'priors', at: NOW - 2 * DAY, opened: false },
    ],
  },
  satisfaction: {
    version: 1,
    ratings: [
      { rating: 'unhappy', at: NOW - 2.5 * DAY, turns: 2 },
      { rating: 'happy', at: NOW - 2 * DAY, turns: 3 },
    ],
  },
  experiments,
  specs,
  nowMs: NOW,
};

describe('day facts', () => {
  it('starts at the previous report, a week back at most, or today before the first', () => {
    expect(factsSince(undefined, NOW)).toBe(Date.UTC(2026, 10, 22));
    expect(factsSince(NOW - DAY, NOW)).toBe(NOW - DAY);
    expect(factsSince(NOW - 30 * DAY, NOW)).toBe(NOW - MAX_LOOKBACK_MS);
  });

  it('reports what happened since the previous report, and none where nothing did', () => {
    const since = dayFacts({ ...base, since: NOW - 3 * DAY });
    expect(since).toMatchObject({ item: 'A', intent: { last: 'returns' }, vote: { kind: 0, up: false } });
    const quiet = dayFacts({ ...base, since: NOW - DAY });
    expect(quiet).toMatchObject({ item: null, vote: null, segment: { id: 1, segments: 3 } });
    expect(quiet?.intent).toEqual({ labels: ['shipping', 'returns'] });
    expect(quiet).toMatchObject({ impression: null, rating: null });
    const outOfScope = dayFacts({ ...base, transcript: [said(NOW - 60_000, null)] });
    expect(outOfScope?.intent).toEqual({ labels: ['shipping', 'returns'], last: null });
  });

  it("draws one of the period's impressions uniformly, and takes its last rating", () => {
    const from = { ...base, since: NOW - 3 * DAY };
    expect(dayFacts({ ...from, uniform: () => 0 })).toMatchObject({
      impression: { basis: 0, opened: true },
      rating: 2,
    });
    expect(dayFacts({ ...from, uniform: () => 0.99 })?.impression).toEqual({ basis: 2, opened: false });
  });

  it('lists every assigned experiment in the site’s order, converted since assignment', () => {
    expect(dayFacts(base)?.experiments).toEqual([
      { id: 'old', variant: 1, variants: 2, converted: true },
      { id: 'new', variant: 2, variants: 3, converted: false },
    ]);
  });

  it('has no facts while the model’s segment is unknown, so no partial set is sent', () => {
    expect(dayFacts({ ...base, segment: null })).toBeNull();
  });
});
