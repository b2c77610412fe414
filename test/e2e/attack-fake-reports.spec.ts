/**
 * Attack 3 of issue 12 against the real stack: a script on the shop's page (an origin the site allows)
 * posts one batch of 64 `segment_share` reports at ε 8, nearly noise-free fake counts that would
 * move the dashboard and the priors. The server used to store it (201). It must now refuse it (400
 * `invalid_report`, naming the reports) and store nothing, while the real widget's batch, built from
 * the same metric table, still lands whole.
 */
import { readFileSync } from 'node:fs';
import {
  CTR_DOMAIN,
  FEEDBACK_DOMAIN,
  inFeedbackGroup,
  intentDomain,
  reportEpsilon,
  SATISFACTION_DOMAIN,
  type ServerError,
  segmentDomain,
} from '../../sync-server/protocol';
import { expect, test, widgetFrame } from './stack';

const manifest = JSON.parse(readFileSync('models/artifacts/manifest.json', 'utf8')) as {
  version: string;
  models: { segment: { segments: unknown[] }; intent: { labels: unknown[] } };
};
const catalog = JSON.parse(readFileSync('models/artifacts/catalog.json', 'utf8')) as {
  items: { id: string }[];
};
const SEGMENTS = segmentDomain(manifest.models.segment.segments.length);

test('64 segment_share reports at epsilon 8 from the host page are refused and nothing is stored', async ({
  page,
  stack,
}) => {
  await page.goto(stack.demo.url);
  // The attack exactly as it was run: every report claims the same segment with almost no noise.
  const attack = {
    site: 'demo',
    batch: crypto.randomUUID(),
    schema: 1,
    model: manifest.version,
    reports: Array.from({ length: 64 }, () => ({
      metric: 'segment_share',
      encoding: 'krr',
      domain: SEGMENTS,
      value: 0,
      epsilon: 8,
    })),
  };
  const answer = await page.evaluate(
    async ({ url, body }) => {
      const res = await fetch(`${url}/v1/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as unknown };
    },
    { url: stack.widgetUrl, body: attack },
  );
  expect(answer.status).toBe(400);
  const error = (answer.body as ServerError).error;
  expect(error.code).toBe('invalid_report');
  expect(error.issues).toHaveLength(64);
  expect(error.issues?.[0]?.path).toBe('reports.0.epsilon');
  expect(error.issues?.[1]?.message).toMatch(/a second segment_share report/);
  expect(stack.rows('select * from batches')).toEqual([]);
  expect(stack.rows('select * from reports')).toEqual([]);

  // One report at the table's epsilon is still only one device's worth, and a second batch with
  // it is a new batch of one: no single request can carry more than one device-day.
  const single = { ...attack, batch: crypto.randomUUID(), reports: [attack.reports[0]] };
  const again = await page.evaluate(
    async ({ url, body }) =>
      (
        await fetch(`${url}/v1/reports`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).status,
    { url: stack.widgetUrl, body: single },
  );
  expect(again).toBe(400);
  expect(stack.rows('select * from reports')).toEqual([]);
});

test('the real widget’s daily set still lands, every report as the metric table says', async ({
  page,
  stack,
}) => {
  const product = catalog.items[4];
  await page.goto(`${stack.demo.url}/product/${encodeURIComponent(product?.id ?? '')}`);
  const frame = await widgetFrame(page);
  await frame.getByRole('button', { name: 'Open chat' }).click();
  await frame.getByRole('button', { name: 'Accept all' }).click();
  await expect.poll(() => stack.rows('select * from batches').length, { timeout: 20_000 }).toBeGreaterThan(0);
  const rows = stack.rows<{ metric: string; domain: number; epsilon: number }>(
    'select metric, domain, epsilon from reports order by metric',
  );
  const intents = intentDomain(manifest.models.intent.labels.length);
  // The visitor neither chatted nor voted: those metrics are sent anyway, as "none"; of the feedback
  // group, the one metric the device drew today.
  const domains: Record<string, number> = {
    template_feedback: FEEDBACK_DOMAIN,
    recommendation_ctr: CTR_DOMAIN,
    chat_satisfaction: SATISFACTION_DOMAIN,
  };
  const group = rows.filter((r) => inFeedbackGroup(r.metric));
  expect(group).toHaveLength(1);
  const drawn = group[0]?.metric ?? '';
  expect(group).toEqual([
    {
      metric: drawn,
      domain: domains[drawn],
      epsilon: reportEpsilon(drawn as 'chat_satisfaction', domains[drawn] ?? 0),
    },
  ]);
  expect(rows.filter((r) => !inFeedbackGroup(r.metric))).toEqual([
    { metric: 'intent_count', domain: intents, epsilon: reportEpsilon('intent_count', intents) },
    { metric: 'segment_share', domain: SEGMENTS, epsilon: reportEpsilon('segment_share', SEGMENTS) },
  ]);
  expect(stack.rows('select * from sketch_reports')).toHaveLength(1);
});
