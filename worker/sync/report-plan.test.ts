/**
 * What a device reports per day: the whole daily set of the shared metric table whatever the visitor
 * did (a "none" value for a day without a chat, a vote or a view), each report exactly as the table
 * says (the server refuses anything else), memoized responses for persistent values, and at most one
 * report per metric (per experiment) and UTC day.
 */
import { describe, expect, it } from 'vitest';
import {
  applyReportRules,
  CTR_DOMAIN,
  ctrValue,
  DAILY_SET_EPSILON,
  FEEDBACK_DOMAIN,
  FEEDBACK_GROUP,
  MAX_DAILY_EXPERIMENTS,
  NO_IMPRESSION_VALUE,
  NO_RATING_VALUE,
  NO_VOTE_VALUE,
  parseReportBatch,
  reportEpsilon,
  SATISFACTION_DOMAIN,
} from '../../sync-server/protocol';
import { memoBook } from './memo-state';
import type { ReportedState } from './outbox-types';
import { DAILY_EPSILON_BUDGET, emptyLedger, spend } from './privacy-ledger';
import { candidates, type DayFacts, selectReports } from './report-plan';

const NOW = Date.UTC(2026, 10, 22, 12);
const DAY = 86_400_000;
const labels = ['shipping', 'returns', 'sizing'];
const experiments = [
  { id: 'hero', variant: 1, variants: 2, converted: true },
  { id: 'cta', variant: 0, variants: 3, converted: false },
  { id: 'third', variant: 0, variants: 2, converted: false },
  { id: 'fourth', variant: 1, variants: 2, converted: false },
  { id: 'fifth', variant: 1, variants: 2, converted: false },
];
const full: DayFacts = {
  segment: { id: 4, segments: 4 },
  item: 'SKU-1',
  intent: { labels, last: 'returns' },
  vote: { kind: 1, up: true },
  impression: { basis: 0, opened: true },
  rating: 2,
  experiments,
};
/** A day the visitor only came back: no view, no chat, no vote. */
const idle: DayFacts = {
  segment: { id: 2, segments: 4 },
  item: null,
  intent: { labels },
  vote: null,
  impression: null,
  rating: null,
  experiments,
};
const context = {
  model: { version: 'm1', segments: 4, intents: labels.length },
  experiments: new Map(experiments.map((x) => [x.id, x.variants])),
};
const fresh = { ledger: undefined, reported: undefined, memo: undefined };

describe('report plan', () => {
  it('encodes the whole daily set as the metric table says, which the server accepts', () => {
    const list = candidates(full, () => 0);
    expect(list.map((c) => c.key)).toEqual([
      'segment_share',
      'item_popularity',
      'intent_count',
      'feedback_group',
      'experiment_conversion:hero',
      'experiment_conversion:cta',
      'experiment_conversion:third',
      'experiment_conversion:fourth',
    ]);
    expect(list.filter((c) => c.key.startsWith('experiment'))).toHaveLength(MAX_DAILY_EXPERIMENTS);
    const reports = list.map((c) => c.encode(new Map()));
    expect(reports.map((r) => (r.encoding === 'krr' ? r.domain : r.buckets))).toEqual([
      5, 1024, 5, 7, 4, 6, 4, 4,
    ]);
    for (const [i, c] of list.entries()) expect(reports[i]?.epsilon).toBe(c.epsilon);
    const batch = { site: 'demo', batch: crypto.randomUUID(), schema: 1, model: 'm1', reports };
    const parsed = parseReportBatch(batch);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(applyReportRules(parsed.batch, context)).toMatchObject({ ok: true });
  });

  it('sends the same set of metrics on a day the visitor did nothing, with the "none" values', () => {
    expect(candidates(idle).map((c) => c.key)).toEqual(candidates(full).map((c) => c.key));
    const byMetric = new Map(candidates(idle).map((c) => [c.key, c]));
    // Without noise the value would be exact; at these epsilons the none slot is still the likeliest.
    const tally = (key: string) => {
      const counts = new Map<number, number>();
      for (let i = 0; i < 3000; i++) {
        const r = byMetric.get(key)?.encode(new Map());
        if (r?.encoding === 'krr') counts.set(r.value, (counts.get(r.value) ?? 0) + 1);
      }
      return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    };
    expect(tally('intent_count')).toBe(labels.length + 1);
  });

  it('draws one metric of the feedback group a day, each with its "none" value on an idle day', () => {
    const picks: [number, string, number, number][] = [
      [0, 'template_feedback', FEEDBACK_DOMAIN, NO_VOTE_VALUE],
      [0.5, 'recommendation_ctr', CTR_DOMAIN, NO_IMPRESSION_VALUE],
      [0.99, 'chat_satisfaction', SATISFACTION_DOMAIN, NO_RATING_VALUE],
    ];
    for (const [u, metric, domain, none] of picks) {
      const group = candidates(idle, () => u).find((c) => c.key === 'feedback_group');
      const counts = new Map<number, number>();
      for (let i = 0; i < 3000; i++) {
        const r = group?.encode(new Map());
        expect(r).toMatchObject({ metric, domain, epsilon: 0.5 });
        if (r?.encoding === 'krr') counts.set(r.value, (counts.get(r.value) ?? 0) + 1);
      }
      expect([...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0]).toBe(none);
    }
    // With the device's RNG each metric is drawn about a third of the time (sd ≈ 0.011 at 2,000).
    const drawn = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      const m = candidates(full)
        .find((c) => c.key === 'feedback_group')
        ?.encode(new Map()).metric;
      drawn.set(m ?? '', (drawn.get(m ?? '') ?? 0) + 1);
    }
    expect([...drawn.keys()].sort()).toEqual([...FEEDBACK_GROUP].sort());
    for (const n of drawn.values()) expect(Math.abs(n / 2000 - 1 / 3)).toBeLessThan(0.06);
  });

  it("reports the day's impression and rating as their cells", () => {
    const clicks = candidates({ ...full, impression: { basis: 2, opened: true } }, () => 0.5)[3];
    const rated = candidates(full, () => 0.99)[3];
    const mode = (c: typeof clicks) => {
      const counts = new Map<number, number>();
      for (let i = 0; i < 4000; i++) {
        const r = c?.encode(new Map());
        if (r?.encoding === 'krr') counts.set(r.value, (counts.get(r.value) ?? 0) + 1);
      }
      return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    };
    expect(mode(clicks)).toBe(ctrValue(2, true));
    expect(mode(rated)).toBe(2);
  });

  it('fits the whole set with the most experiments in the daily budget', () => {
    const total = candidates(full).reduce((s, c) => s + c.epsilon, 0);
    expect(total).toBeLessThanOrEqual(DAILY_SET_EPSILON + 1e-12);
    expect(DAILY_SET_EPSILON).toBeLessThanOrEqual(DAILY_EPSILON_BUDGET);
    const s = selectReports(candidates(full), fresh, NOW);
    expect(s.reports).toHaveLength(4 + MAX_DAILY_EXPERIMENTS);
    expect(s.overBudget).toBe(0);
    expect(s.ledger.epsilonToday).toBeCloseTo(total, 12);
    expect(s.reported).toMatchObject({ version: 1, day: '2026-11-22', at: NOW });
  });

  it('keeps one permanent response per persistent value and reuses it on later days', () => {
    const first = selectReports(candidates(full), fresh, NOW);
    const book = memoBook(first.memo);
    // The segment and the four experiments' (arm, converted) each got one permanent draw.
    expect(book.size).toBe(1 + MAX_DAILY_EXPERIMENTS);
    const next = selectReports(candidates(full), { ...first, memo: first.memo }, NOW + DAY);
    expect(next.reports).toHaveLength(first.reports.length);
    expect(memoBook(next.memo)).toEqual(book);
    // A new segment is a new value: one more draw, the old one kept.
    const moved = { ...full, segment: { id: 1, segments: 4 } };
    const later = selectReports(candidates(moved), { ...next, memo: next.memo }, NOW + 2 * DAY);
    expect(memoBook(later.memo).size).toBe(book.size + 1);
  });

  it('reports the permanent response, randomized again, not the true value', () => {
    const [segment] = candidates({ ...idle, segment: { id: 3, segments: 4 } });
    const counts = [0, 0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) {
      const r = segment?.encode(new Map([['segment_share||5|3', 0]]));
      if (r?.encoding === 'krr') counts[r.value] = (counts[r.value] ?? 0) + 1;
    }
    // Around the kept 0 at the instant epsilon (keep probability ≈ 0.50), not around the true 3.
    expect(counts.indexOf(Math.max(...counts))).toBe(0);
    expect(counts[0] ?? 0).toBeGreaterThan(1700);
  });

  it('does not report a metric twice on one day, and reports again the next day', () => {
    const first = selectReports(candidates(idle), fresh, NOW);
    const again = selectReports(candidates(full), { ...first, memo: first.memo }, NOW + 3_600_000);
    expect(again.reports).toEqual([]);
    expect(again.ledger).toEqual(first.ledger);
    const tomorrow = selectReports(candidates(full), { ...again, memo: again.memo }, NOW + DAY);
    expect(tomorrow.reports).toHaveLength(first.reports.length);
    expect(tomorrow.ledger).toMatchObject({ day: '2026-11-23', reportsSent: 2 * first.reports.length });
  });

  it('sends only what fits once the day is nearly spent', () => {
    const spent = spend(emptyLedger(NOW), [DAILY_EPSILON_BUDGET - 0.5]);
    const reported: ReportedState = { version: 1, day: '2026-11-22', keys: [] };
    const s = selectReports(
      candidates(full, () => 0),
      { ledger: spent, reported, memo: undefined },
      NOW,
    );
    // Half an epsilon is left: feedback (0.5) fits, then nothing else.
    expect(s.reports.map((r) => r.metric)).toEqual(['template_feedback']);
    expect(s.overBudget).toBe(candidates(full).length - 1);
  });

  it('reports out of scope in its slot, and a vote of no known kind or an unknown segment as none', () => {
    const list = candidates({ ...idle, intent: { labels, last: null } });
    expect(list[2]?.encode(new Map())).toMatchObject({ metric: 'intent_count', domain: 5 });
    for (const kind of [3, -1]) {
      const feedback = candidates({ ...idle, vote: { kind, up: true } }, () => 0).find(
        (c) => c.key === 'feedback_group',
      );
      expect(feedback?.encode(new Map())).toMatchObject({ metric: 'template_feedback', domain: 7 });
      expect(feedback?.epsilon).toBe(reportEpsilon('template_feedback', 7));
    }
    const odd = { ...idle, impression: { basis: 7, opened: true }, rating: 5 };
    expect(candidates(odd, () => 0.5)[3]?.encode(new Map())).toMatchObject({ domain: CTR_DOMAIN });
    expect(candidates(odd, () => 0.99)[3]?.encode(new Map())).toMatchObject({ domain: SATISFACTION_DOMAIN });
    expect(candidates({ ...idle, segment: { id: 9, segments: 4 } }).map((c) => c.key)).not.toContain(
      'segment_share',
    );
  });
});
