/**
 * `POST /v1/reports` against the metric table (../../protocol/metric-table.ts): a report whose
 * encoding, sketch shape, domain or epsilon differs from the table, a second report of one metric (or
 * of one experiment, or of the feedback group), and metrics the table does not list are refused with
 * 400 `invalid_report`, naming the report, and nothing of the batch is stored. Attack 3 of issue 12 is
 * the first case.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  countRows,
  SERVED_MODEL,
  sampleBatch,
  sampleSketchReport,
  storeBackends,
  type TestStore,
} from '../../../test/support/server-stores';
import {
  CTR_DOMAIN,
  conversionDomain,
  ctrValue,
  FEEDBACK_DOMAIN,
  type FeedbackGroupMetric,
  NO_RATING_VALUE,
  type Report,
  reportEpsilon,
  SATISFACTION_DOMAIN,
  type ServerError,
  segmentDomain,
} from '../../protocol/index';
import { createApp } from '../app';

const SELF = 'http://localhost:8787';
const DAY = new Date('2024-05-06T12:00:00Z');
const SEGMENTS = segmentDomain(SERVED_MODEL.segments);
const segment = (over: Partial<Report> = {}): Report =>
  ({
    metric: 'segment_share',
    encoding: 'krr',
    domain: SEGMENTS,
    value: 1,
    epsilon: reportEpsilon('segment_share', SEGMENTS),
    ...over,
  }) as Report;
const conversion = (experiment: string, variants = 2, over: Partial<Report> = {}): Report =>
  ({
    metric: 'experiment_conversion',
    encoding: 'krr',
    domain: conversionDomain(variants),
    value: 1,
    epsilon: reportEpsilon('experiment_conversion', conversionDomain(variants)),
    experiment,
    ...over,
  }) as Report;

/** A feedback-group report as the table says: one metric of the group, its fixed domain and epsilon. */
const groupReport = (metric: FeedbackGroupMetric, domain: number, value: number): Report => ({
  metric,
  encoding: 'krr',
  domain,
  value,
  epsilon: reportEpsilon(metric, domain),
});
const clicks = groupReport('recommendation_ctr', CTR_DOMAIN, ctrValue(0, true));
const rating = groupReport('chat_satisfaction', SATISFACTION_DOMAIN, NO_RATING_VALUE);
const vote = groupReport('template_feedback', FEEDBACK_DOMAIN, FEEDBACK_DOMAIN - 1);

const backends = await storeBackends('report table');

for (const backend of backends) {
  describe.skipIf(backend.skip)(`POST /v1/reports, metric table (${backend.name})`, () => {
    let t: TestStore;
    let app: ReturnType<typeof createApp>;

    beforeAll(async () => {
      t = await backend.open();
    });
    afterAll(async () => {
      await t.dispose();
    });
    beforeEach(async () => {
      await t.reset();
      await t.store.upsertSite('demo', [SELF], '2024-01-01');
      const arms = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `v${i}`, weight: 1 }));
      await t.store.setExperiments('demo', [
        { id: 'hero', variants: arms(2) },
        { id: 'cta', variants: arms(3) },
      ]);
      app = createApp({ store: t.store, now: () => DAY, log: () => undefined });
    });

    const post = (reports: Report[], model = SERVED_MODEL.version) =>
      app.request(`${SELF}/v1/reports`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: SELF },
        body: JSON.stringify(sampleBatch({ model, reports })),
      });

    async function refused(res: Response): Promise<{ path: string; message: string }[]> {
      expect(res.status).toBe(400);
      const body = (await res.json()) as ServerError;
      expect(body.error.code).toBe('invalid_report');
      expect(await countRows(t.store)).toEqual({ batches: 0, reports: 0, sketches: 0 });
      return [...(body.error.issues ?? [])];
    }

    it('refuses 64 segment_share reports at epsilon 8 (attack 3) and stores none of them', async () => {
      const attack = Array.from({ length: 64 }, () => segment({ epsilon: 8 }));
      const issues = await refused(await post(attack));
      expect(issues).toHaveLength(64);
      expect(issues[0]).toMatchObject({ path: 'reports.0.epsilon' });
      expect(issues[0]?.message).toMatch(/segment_share must be sent at epsilon 0\.\d+ .*got 8/);
      expect(issues[1]).toMatchObject({ path: 'reports.1' });
      expect(issues[1]?.message).toMatch(/a second segment_share report \(the first is reports\.0\)/);
    });

    it('refuses a second report of one metric even at the right epsilon', async () => {
      const issues = await refused(await post([segment(), segment({ value: 0 })]));
      expect(issues.map((i) => i.path)).toEqual(['reports.1']);
    });

    it('refuses any epsilon, domain or encoding other than the table’s', async () => {
      expect((await refused(await post([segment({ epsilon: 1 })])))[0]?.path).toBe('reports.0.epsilon');
      expect((await refused(await post([segment({ domain: SEGMENTS + 1 })])))[0]?.message).toMatch(
        new RegExp(`must have domain ${SEGMENTS} here, got ${SEGMENTS + 1}`),
      );
      const feedback = { metric: 'template_feedback', encoding: 'krr', value: 0 } as const;
      const eps = reportEpsilon('template_feedback', FEEDBACK_DOMAIN);
      expect(await refused(await post([{ ...feedback, domain: 6, epsilon: eps }]))).toHaveLength(1);
      const krrItem = {
        metric: 'item_popularity',
        encoding: 'krr',
        domain: 8,
        value: 0,
        epsilon: 0.75,
      } as const;
      expect((await refused(await post([krrItem])))[0]?.message).toMatch(/must be encoded as cms/);
      const small = { ...sampleSketchReport(), hashes: 4, buckets: 8, row: 1, bits: 'a5' } as Report;
      expect((await refused(await post([small])))[0]?.message).toMatch(/sketches are 64 × 1024, got 4 × 8/);
      const exposure = { ...conversion('hero'), metric: 'experiment_exposure' } as Report;
      expect((await refused(await post([exposure])))[0]?.message).toMatch(
        /experiment_exposure is not reported/,
      );
    });

    it('derives segment domains from the served model only', async () => {
      const issues = await refused(await post([segment()], 'other-model'));
      expect(issues[0]?.message).toMatch(/"other-model" is not the served model/);
      // Feedback does not index the model, so it is accepted whatever version the batch names.
      const feedback: Report = {
        metric: 'template_feedback',
        encoding: 'krr',
        domain: FEEDBACK_DOMAIN,
        value: FEEDBACK_DOMAIN - 1,
        epsilon: reportEpsilon('template_feedback', FEEDBACK_DOMAIN),
      };
      expect((await post([feedback], 'other-model')).status).toBe(201);
    });

    it('checks experiment reports against the site’s experiments, one per experiment', async () => {
      expect((await refused(await post([conversion('nosuch')])))[0]).toMatchObject({
        path: 'reports.0.experiment',
        message: expect.stringMatching(/runs no experiment "nosuch"/),
      });
      expect((await refused(await post([conversion('cta', 2)])))[0]?.path).toBe('reports.0.domain');
      expect(
        (await refused(await post([conversion('hero'), conversion('hero', 2, { value: 0 })])))[0]?.path,
      ).toBe('reports.1');
      const res = await post([segment(), sampleSketchReport(), conversion('hero'), conversion('cta', 3)]);
      expect(res.status).toBe(201);
      expect(await countRows(t.store)).toEqual({ batches: 1, reports: 3, sketches: 1 });
    });

    it('takes a click-through or a rating report, but one of the feedback group per batch', async () => {
      expect((await post([segment(), clicks])).status).toBe(201);
      expect((await post([rating, sampleSketchReport()])).status).toBe(201);
      const stored = await t.store.db.selectFrom('reports').select(['metric', 'domain']).execute();
      expect(stored.map((r) => [r.metric, Number(r.domain)]).sort()).toEqual([
        ['chat_satisfaction', SATISFACTION_DOMAIN],
        ['recommendation_ctr', CTR_DOMAIN],
        ['segment_share', SEGMENTS],
      ]);
      await t.reset();
      await t.store.upsertSite('demo', [SELF], '2024-01-01');
      const issues = await refused(await post([clicks, segment(), rating]));
      expect(issues).toEqual([
        {
          path: 'reports.2',
          message: expect.stringMatching(/^a second feedback-group report .*\(the first is reports\.0\)/),
        },
      ]);
      expect((await refused(await post([vote, clicks])))[0]?.path).toBe('reports.1');
      // They index no model either, so a batch against another version is taken.
      expect((await post([rating], 'other-model')).status).toBe(201);
    });

    it('stores the table’s exact epsilon when a platform rounded it differently', async () => {
      const exact = reportEpsilon('segment_share', SEGMENTS);
      expect((await post([segment({ epsilon: exact * (1 + 1e-12) })])).status).toBe(201);
      const rows = await t.store.db.selectFrom('reports').select('epsilon').execute();
      expect(rows.map((r) => Number(r.epsilon))).toEqual([exact]);
    });
  });
}
