import { describe, expect, it } from 'vitest';
import { manifestVersion } from './artifacts';
import { buildReport, type EvaluationReport, type ReportPart } from './report';

const M = { recall10: 0.1, ndcg10: 0.1, map10: 0.1, precision10: 0.1, coverage: 1 };

describe('buildReport', () => {
  it('replaces the sections a run produced and keeps the others', () => {
    const existing: Partial<EvaluationReport> = {
      intent: { fp32: { accuracy: 0.9, macroF1: 0.9 } },
      segment: { k: 3, silhouette: 0.2, daviesBouldin: 1.5, stabilityARI: 0.9 },
      protocol: 'old',
      details: { protocols: { intent: 'intent protocol', segment: 'segment protocol' }, intent: { a: 1 } },
    };
    const part: ReportPart = {
      sections: { recommend: { fp32: M, int8: M, baselines: { popularity: M, itemknn: M } } },
      details: {},
      protocols: { recommend: 'recommend protocol' },
    };
    const r = buildReport([part], existing, { run: { totalMs: 1, peakRssMiB: 2, tasks: ['recommend'] } });
    expect(Object.keys(r)).toEqual(['recommend', 'intent', 'segment', 'protocol', 'details']);
    expect(r.intent).toEqual(existing.intent);
    expect(r.protocol).toBe('recommend protocol\n\nsegment protocol\n\nintent protocol');
    expect(r.details.intent).toEqual({ a: 1 });
    expect(r.details.run?.tasks).toEqual(['recommend']);
  });
});

describe('manifestVersion', () => {
  it('changes with any entry hash and not with key order', () => {
    const a = { sha256: 'a'.repeat(64), catalogSha256: 'c'.repeat(64) };
    const v1 = manifestVersion({ recommend: a } as never, '2011-12-09T12:50:00.000Z');
    expect(v1).toMatch(/^confide-20111209-[0-9a-f]{8}$/);
    const reordered = { catalogSha256: a.catalogSha256, sha256: a.sha256 };
    expect(manifestVersion({ recommend: reordered } as never, '2011-12-09T00:00:00.000Z')).toBe(v1);
    const withInt8 = { ...a, int8: { sha256: 'd'.repeat(64) } };
    expect(manifestVersion({ recommend: withInt8 } as never, '2011-12-09T00:00:00.000Z')).not.toBe(v1);
  });
});
