/**
 * What a device reports per day: encoding under the shared metric definitions, priority under the
 * daily budget, and at most one report per metric (per experiment) and UTC day.
 */
import { describe, expect, it } from 'vitest';
import { parseReportBatch } from '../../sync-server/protocol';
import type { ReportedState } from './outbox-types';
import { DAILY_EPSILON_BUDGET, emptyLedger, spend } from './privacy-ledger';
import { candidates, type DayFacts, METRIC_EPSILON, selectReports } from './report-plan';

const NOW = Date.UTC(2026, 10, 22, 12);
const labels = ['shipping', 'returns', 'sizing'];
const full: DayFacts = {
  segment: { id: 4, segments: 4 },
  item: 'SKU-1',
  intent: { labels, last: 'returns' },
  vote: { kind: 1, up: true },
  experiments: [
    { id: 'hero', variant: 1, variants: 2, converted: true },
    { id: 'cta', variant: 0, variants: 3, converted: false },
    { id: 'third', variant: 0, variants: 2, converted: false },
  ],
};

describe('report plan', () => {
  it('encodes every metric in priority order with valid domains', () => {
    const list = candidates(full);
    expect(list.map((c) => c.key)).toEqual([
      'segment_share',
      'item_popularity',
      'intent_count',
      'template_feedback',
      'experiment_conversion:hero',
      'experiment_conversion:cta',
      'experiment_conversion:third',
    ]);
    const reports = list.map((c) => c.encode());
    expect(reports.map((r) => (r.encoding === 'krr' ? r.domain : r.buckets))).toEqual([
      5, 1024, 4, 6, 4, 6, 4,
    ]);
    const batch = { site: 'demo', batch: crypto.randomUUID(), schema: 1, model: 'm1', reports };
    expect(parseReportBatch(batch).ok).toBe(true);
    expect(reports[4]).toMatchObject({ metric: 'experiment_conversion', experiment: 'hero' });
  });

  it('fills the daily budget in priority order and leaves out what does not fit', () => {
    const s = selectReports(candidates(full), { ledger: undefined, reported: undefined }, NOW);
    expect(s.reports.map((r) => r.metric)).toEqual([
      'segment_share',
      'item_popularity',
      'intent_count',
      'template_feedback',
      'experiment_conversion',
    ]);
    expect(s.ledger.epsilonToday).toBe(DAILY_EPSILON_BUDGET);
    expect(s.ledger.reportsSent).toBe(5);
    expect(s.overBudget).toBe(2);
    expect(s.reported).toEqual({
      version: 1,
      day: '2026-11-22',
      keys: expect.arrayContaining(['segment_share', 'experiment_conversion:hero']),
    });
  });

  it('does not report a metric twice on one day, and reports again the next day', () => {
    const first = selectReports(
      candidates({ segment: full.segment }),
      { ledger: undefined, reported: undefined },
      NOW,
    );
    expect(first.reports).toHaveLength(1);
    const more = candidates({ segment: full.segment, item: 'SKU-2' });
    const again = selectReports(more, { ledger: first.ledger, reported: first.reported }, NOW + 3_600_000);
    expect(again.reports.map((r) => r.metric)).toEqual(['item_popularity']);
    expect(again.ledger.epsilonToday).toBe(METRIC_EPSILON.segment_share + METRIC_EPSILON.item_popularity);
    const tomorrow = selectReports(
      more,
      { ledger: again.ledger, reported: again.reported },
      NOW + 86_400_000,
    );
    expect(tomorrow.reports).toHaveLength(2);
    expect(tomorrow.ledger).toMatchObject({
      day: '2026-11-23',
      epsilonToday: 2,
      reportsSent: 4,
      epsilonTotal: 4,
    });
  });

  it('sends nothing once the day is spent', () => {
    const spent = spend(emptyLedger(NOW), [DAILY_EPSILON_BUDGET - 0.5]);
    const reported: ReportedState = { version: 1, day: '2026-11-22', keys: [] };
    const s = selectReports(candidates(full), { ledger: spent, reported }, NOW);
    // Only half an epsilon is left: the first 0.5 metric (feedback) fits; intent (1) does not.
    expect(s.reports.map((r) => r.metric)).toEqual(['template_feedback']);
    expect(s.overBudget).toBe(6);
  });

  it('reports an out-of-scope chat in the last intent slot and skips votes of no known answer kind', () => {
    const [oos] = candidates({ intent: { labels, last: null } });
    expect(oos?.encode()).toMatchObject({ metric: 'intent_count', domain: 4 });
    const [vote] = candidates({ vote: { kind: 2, up: false } });
    expect(vote?.encode()).toMatchObject({ metric: 'template_feedback', domain: 6, epsilon: 0.5 });
    expect(candidates({ vote: { kind: 3, up: true } })).toEqual([]);
    expect(candidates({ vote: { kind: -1, up: true } })).toEqual([]);
    expect(candidates({ segment: { id: 9, segments: 4 } })).toEqual([]);
  });
});
