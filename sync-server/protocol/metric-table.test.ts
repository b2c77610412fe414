/**
 * The metric table: the daily set fits the device's budget of 4 on every domain, a memoized metric's
 * bound is its smallest domain, domains follow the manifest and the site's experiments, and the
 * batch rules refuse anything else with a message naming the report.
 */
import { describe, expect, it } from 'vitest';
import { krrMemoEpsilon } from './krr';
import {
  DAILY_METRICS,
  DAILY_SET_EPSILON,
  domainOf,
  FEEDBACK_GROUP,
  MAX_DAILY_EXPERIMENTS,
  METRIC_TABLE,
  reportEpsilon,
  worstReportEpsilon,
} from './metric-table';
import { applyReportRules } from './report-rules';

/** The worker's DAILY_EPSILON_BUDGET (worker/sync/privacy-ledger.ts), which the protocol cannot import. */
const DAILY_BUDGET = 4;

describe('metric table', () => {
  it('fits the whole daily set, with the most experiments, in the daily budget', () => {
    expect(DAILY_SET_EPSILON).toBeLessThanOrEqual(DAILY_BUDGET);
    expect(DAILY_SET_EPSILON).toBeGreaterThan(DAILY_BUDGET - 0.1);
    expect(MAX_DAILY_EXPERIMENTS).toBe(4);
    for (const metric of DAILY_METRICS) expect(worstReportEpsilon(metric)).toBeGreaterThan(0);
    // The feedback group is paid once: sent whole, the set would not fit.
    const whole = DAILY_SET_EPSILON + FEEDBACK_GROUP.slice(1).reduce((s, m) => s + worstReportEpsilon(m), 0);
    expect(whole).toBeGreaterThan(DAILY_BUDGET);
  });

  it('bounds each memoized metric by its smallest domain, and below both of its epsilons', () => {
    for (const metric of ['segment_share', 'experiment_conversion'] as const) {
      const spec = METRIC_TABLE[metric];
      if (spec.encoding !== 'krr' || !spec.memo) throw new Error(`${metric} should be memoized`);
      const worst = worstReportEpsilon(metric);
      expect(worst).toBeLessThan(Math.min(spec.permanentEpsilon, spec.instantEpsilon));
      for (let k = metric === 'segment_share' ? 2 : 4; k <= 40; k += 2)
        expect(reportEpsilon(metric, k)).toBeLessThanOrEqual(worst + 1e-12);
    }
    expect(worstReportEpsilon('segment_share')).toBeCloseTo(krrMemoEpsilon(2, 2, 1.4), 12);
    expect(worstReportEpsilon('experiment_conversion')).toBeCloseTo(krrMemoEpsilon(4, 1, 0.75), 12);
    expect(reportEpsilon('intent_count', 29)).toBe(0.75);
  });

  it('derives domains from the manifest counts and the experiment, or not at all', () => {
    expect(domainOf('segments', { segments: 3 })).toBe(4);
    expect(domainOf('intents', { intents: 27 })).toBe(29);
    expect(domainOf('feedback', {})).toBe(7);
    expect(domainOf('clicks', {})).toBe(11);
    expect(domainOf('ratings', {})).toBe(4);
    expect(domainOf('variants', { variants: 3 })).toBe(6);
    expect(domainOf('segments', {})).toBeUndefined();
    expect(domainOf('variants', { variants: 1 })).toBeUndefined();
  });
});

describe('report rules', () => {
  const ctx = { model: { version: 'v1', segments: 3, intents: 2 }, experiments: new Map([['hero', 2]]) };
  const seg = {
    metric: 'segment_share',
    encoding: 'krr',
    domain: 4,
    epsilon: reportEpsilon('segment_share', 4),
  } as const;

  it('accepts the table and replaces each epsilon by its exact value', () => {
    const batch = { model: 'v1', reports: [{ ...seg, epsilon: seg.epsilon + 1e-13 }] };
    const out = applyReportRules(batch, ctx);
    expect(out).toEqual({ ok: true, batch: { model: 'v1', reports: [seg] } });
  });

  it('names every refused report and why', () => {
    const out = applyReportRules(
      {
        model: 'v1',
        reports: [
          { ...seg, epsilon: 8 },
          { ...seg },
          { metric: 'intent_count', encoding: 'krr', domain: 3, epsilon: 0.75 },
          { metric: 'experiment_conversion', encoding: 'krr', domain: 4, epsilon: 0.2, experiment: 'hero' },
          { metric: 'experiment_exposure', encoding: 'krr', domain: 2, epsilon: 1, experiment: 'hero' },
        ],
      },
      ctx,
    );
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.issues.map((i) => i.path)).toEqual([
      'reports.0.epsilon',
      'reports.1',
      'reports.2.domain',
      'reports.3.epsilon',
      'reports.4.metric',
    ]);
    expect(out.issues[2]?.message).toBe('reports.2: intent_count must have domain 4 here, got 3');
  });

  it('takes one report of the feedback group a day, whichever metric it is', () => {
    const rating = {
      metric: 'chat_satisfaction',
      encoding: 'krr',
      domain: 4,
      epsilon: reportEpsilon('chat_satisfaction', 4),
    } as const;
    const clicks = { ...rating, metric: 'recommendation_ctr', domain: 11 } as const;
    expect(applyReportRules({ model: 'v1', reports: [seg, rating] }, ctx).ok).toBe(true);
    expect(applyReportRules({ model: 'v1', reports: [clicks] }, ctx).ok).toBe(true);
    const both = applyReportRules({ model: 'v1', reports: [rating, seg, clicks] }, ctx);
    expect(both.ok).toBe(false);
    if (both.ok) return;
    expect(both.issues).toEqual([
      {
        path: 'reports.2',
        message: expect.stringMatching(/^a second feedback-group report \(.*\) \(the first is reports\.0\)/),
      },
    ]);
  });
});
