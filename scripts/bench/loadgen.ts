/**
 * The HTTP load generator, run as a child process (`fork`) so that on a 2-core machine the client
 * does not share an event loop with the server it measures. It receives one {@link LoadJob} per
 * IPC message and answers with one {@link LoadResult}.
 *
 * Closed-loop: `concurrency` keep-alive connections, each sending its next request as soon as the
 * previous answer is read. Every request carries a valid, never-used batch, so the server does the
 * full work (validate, look up the site, one insert transaction) each time.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import {
  CTR_DOMAIN,
  FEEDBACK_DOMAIN,
  FEEDBACK_GROUP,
  type FeedbackGroupMetric,
  intentDomain,
  reportEpsilon,
  SATISFACTION_DOMAIN,
  segmentDomain,
} from '../../sync-server/protocol/index';
import type { KrrTableMetric } from '../../sync-server/protocol/report-encode';
import { percentile } from './stats';

/** One load run against one endpoint. */
export interface LoadJob {
  /** Full URL of `POST /v1/reports` (or of the no-op server). */
  readonly url: string;
  /** Sent as the `Origin` header: the server's own origin, as the frame's worker sends it. */
  readonly origin: string;
  readonly site: string;
  readonly warmup: number;
  readonly requests: number;
  readonly concurrency: number;
  readonly reportsPerBatch: number;
  /** The whole job (warm-up included) must finish within this, or it fails. */
  readonly timeoutMs: number;
}

/** Outcome of a {@link LoadJob}. Latencies in ms, from writing the request to reading the whole answer. */
export type LoadResult =
  | {
      readonly ok: true;
      readonly rps: number;
      readonly p50: number;
      readonly p99: number;
      readonly max: number;
      readonly durationMs: number;
    }
  | { readonly ok: false; readonly error: string };

const SERVED = JSON.parse(readFileSync('models/artifacts/manifest.json', 'utf8')) as {
  version: string;
  models: { segment?: { segments: unknown[] }; intent?: { labels: unknown[] } };
};
const SEGMENTS = segmentDomain(SERVED.models.segment?.segments.length ?? 0);
const INTENTS = intentDomain(SERVED.models.intent?.labels.length ?? 0);

const GROUP_DOMAIN: { readonly [M in FeedbackGroupMetric]: number } = {
  template_feedback: FEEDBACK_DOMAIN,
  recommendation_ctr: CTR_DOMAIN,
  chat_satisfaction: SATISFACTION_DOMAIN,
};

/**
 * k-RR reports as the metric table requires for the served model, at most one per metric; the last
 * is the day's one feedback-group report, its metric drawn per batch as the worker draws it (a batch
 * with two of the group is refused).
 */
function krrReports(): { metric: KrrTableMetric; domain: number }[] {
  const group = FEEDBACK_GROUP[randomInt(FEEDBACK_GROUP.length)] ?? 'template_feedback';
  return [
    { metric: 'segment_share', domain: SEGMENTS },
    { metric: 'intent_count', domain: INTENTS },
    { metric: group, domain: GROUP_DOMAIN[group] },
  ];
}

/**
 * A fresh valid batch body, shaped like what worker/sync/report-plan.ts sends: up to one report per
 * metric, each as the metric table says (the server refuses anything else), against the served model.
 */
function batchBody(site: string, reports: number): string {
  const krr = krrReports();
  return JSON.stringify({
    site,
    batch: randomUUID(),
    schema: 1,
    model: SERVED.version,
    reports: krr.slice(0, Math.max(1, Math.min(reports, krr.length))).map(({ metric, domain }) => ({
      metric,
      encoding: 'krr',
      domain,
      value: randomInt(domain),
      epsilon: reportEpsilon(metric, domain),
    })),
  });
}

function post(job: LoadJob, agent: Agent): Promise<number> {
  const body = batchBody(job.site, job.reportsPerBatch);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(
      job.url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          origin: job.origin,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => {
          // 201 is a newly stored batch; anything else means the server did not do the measured work.
          if (res.statusCode === 201) resolve(performance.now() - started);
          else reject(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`));
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Sends `count` requests over `concurrency` loops; resolves to the latencies in completion order. */
async function phase(job: LoadJob, agent: Agent, count: number, deadline: number): Promise<number[]> {
  const latencies: number[] = [];
  let issued = 0;
  const loop = async () => {
    while (issued < count) {
      if (Date.now() > deadline) throw new Error(`timed out after ${job.timeoutMs} ms`);
      issued++;
      latencies.push(await post(job, agent));
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, loop));
  return latencies;
}

/** Runs one job: warm-up (not recorded), then the timed requests. */
export async function runLoad(job: LoadJob): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency });
  const deadline = Date.now() + job.timeoutMs;
  try {
    await phase(job, agent, job.warmup, deadline);
    const started = performance.now();
    const latencies = await phase(job, agent, job.requests, deadline);
    const durationMs = performance.now() - started;
    return {
      ok: true,
      rps: (latencies.length / durationMs) * 1000,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: percentile(latencies, 100),
      durationMs,
    };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  } finally {
    agent.destroy();
  }
}

// As a forked child: serve jobs over IPC until the parent disconnects.
if (process.send) {
  process.on('message', (job: LoadJob) => {
    void runLoad(job).then((result) => process.send?.(result));
  });
}
