/**
 * Fuzzes `POST /v1/reports` through `app.request` on a real SQLite store: mutated valid batches,
 * random JSON, random and invalid-UTF-8 bytes, oversized bodies, odd content types and lengths,
 * replayed batch ids. Each answer is checked against an oracle built from the protocol schema
 * itself and its metric table: never a 5xx, exactly the expected status, and rows added only for
 * accepted new batches.
 * Set CONFIDE_FUZZ_SEED to replay a printed seed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deepNesting,
  FUZZ_EXPERIMENTS,
  type Json,
  mutateBatch,
  oddNumberLiteral,
  Rng,
  randomBytes,
  randomJson,
  validBatch,
  withInvalidUtf8,
} from '../../../test/support/fuzz-bodies';
import {
  countRows,
  SERVED_MODEL,
  sqliteTestStore,
  type TestStore,
} from '../../../test/support/server-stores';
import {
  applyReportRules,
  MAX_BODY_BYTES,
  parseReportBatch,
  type Report,
  type ReportBatch,
  type ServerError,
} from '../../protocol/index';
import { createApp } from '../app';

const CASES = 10_000;
const SEED = Number(process.env.CONFIDE_FUZZ_SEED ?? crypto.getRandomValues(new Uint32Array(1))[0]) >>> 0;
const SELF = 'http://localhost:8787';
const SITE = 'demo';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

type Body = string | Uint8Array<ArrayBuffer>;
interface Case {
  readonly kind: string;
  readonly body: Body;
  readonly origin: string;
  readonly contentType?: string;
  /** A Content-Length header to send; may lie, as an in-process request allows. */
  readonly contentLength?: string;
}

/** Builds case `i`; about a tenth are valid so storing and replaying are exercised too. */
function makeCase(rng: Rng, sentBatches: readonly string[]): Case {
  const origin =
    rng.next() < 0.97 ? SELF : rng.pick(['https://evil.example', 'null', 'http://localhost:8788']);
  const contentType = rng.pick([
    'application/json',
    'application/json',
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/json; charset=latin1',
    undefined,
  ]);
  const batch = validBatch(rng, rng.next() < 0.97 ? SITE : rng.pick(['other-site', 'nosuch']));
  const roll = rng.int(100);
  let kind: string;
  let body: Body;
  if (roll < 10) {
    kind = 'valid';
    body = JSON.stringify(batch);
  } else if (roll < 14 && sentBatches.length > 0) {
    kind = 'replayed-id';
    batch.batch = rng.pick(sentBatches);
    if (rng.next() < 0.5) mutateBatch(rng, batch);
    body = JSON.stringify(batch);
  } else if (roll < 55) {
    kind = 'mutated';
    for (let n = 1 + rng.int(3); n > 0; n--) mutateBatch(rng, batch);
    body = JSON.stringify(batch);
  } else if (roll < 62) {
    kind = 'odd-number-literal';
    body = oddNumberLiteral(rng, JSON.stringify(batch));
  } else if (roll < 70) {
    kind = 'invalid-utf8';
    body = withInvalidUtf8(rng, JSON.stringify(batch));
  } else if (roll < 73) {
    kind = 'oversized';
    body = JSON.stringify(batch) + ' '.repeat(MAX_BODY_BYTES + rng.int(4096));
  } else if (roll < 76) {
    kind = 'deep-nesting';
    body = JSON.stringify(deepNesting(rng, 100 + rng.int(3000)));
  } else if (roll < 80) {
    kind = 'arrays-for-objects';
    const asJson = batch as Json;
    body = JSON.stringify(rng.next() < 0.5 ? [asJson] : { ...batch, reports: { 0: validBatch(rng, SITE) } });
  } else if (roll < 92) {
    kind = 'random-json';
    body = JSON.stringify(randomJson(rng, 5));
  } else {
    kind = 'random-bytes';
    body = randomBytes(rng, 600);
  }
  const bytes = typeof body === 'string' ? encoder.encode(body).length : body.length;
  const lengthRoll = rng.int(10);
  const contentLength =
    lengthRoll < 5 ? String(bytes) : lengthRoll === 5 ? String(rng.int(2 * MAX_BODY_BYTES)) : undefined;
  return {
    kind,
    body,
    origin,
    ...(contentType ? { contentType } : {}),
    ...(contentLength ? { contentLength } : {}),
  };
}

/** What the site serves: the default model and the fuzzed experiments. */
const RULES = {
  model: SERVED_MODEL,
  experiments: new Map(FUZZ_EXPERIMENTS.map((x) => [x.id, x.variants])),
};

/** What the server must answer, derived from the schema and the table, not from the server's code. */
function expected(c: Case, stored: ReadonlySet<string>): { status: number; batch?: ReportBatch } {
  // Without a header the request gets none (bytes) or text/plain (a string body): never JSON.
  if (c.contentType?.split(';')[0] !== 'application/json') return { status: 415 };
  const bytes = typeof c.body === 'string' ? encoder.encode(c.body) : c.body;
  const declared = c.contentLength === undefined ? 0 : Number(c.contentLength);
  if (bytes.length > MAX_BODY_BYTES || declared > MAX_BODY_BYTES) return { status: 413 };
  let raw: unknown;
  try {
    raw = JSON.parse(decoder.decode(bytes));
  } catch {
    return { status: 400 };
  }
  const parsed = parseReportBatch(raw);
  if (!parsed.ok) return { status: 400 };
  if (parsed.batch.site !== SITE) return { status: 404 };
  if (c.origin !== SELF) return { status: 403 };
  const ruled = applyReportRules(parsed.batch, RULES);
  if (!ruled.ok) return { status: 400 };
  return { status: stored.has(parsed.batch.batch) ? 200 : 201, batch: ruled.batch };
}

describe('POST /v1/reports fuzz', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await sqliteTestStore();
    await t.store.upsertSite(SITE, ['http://127.0.0.1:8080'], '2024-01-01');
    const arms = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `arm-${i}`, weight: 1 }));
    await t.store.setExperiments(
      SITE,
      FUZZ_EXPERIMENTS.map((x) => ({ id: x.id, variants: arms(x.variants) })),
    );
  });
  afterAll(async () => {
    await t.dispose();
  });

  it(`answers ${CASES} hostile bodies with 4xx and stores only schema-valid batches`, async () => {
    console.log(`[reports-fuzz] seed ${SEED} (replay with CONFIDE_FUZZ_SEED=${SEED})`);
    const rng = new Rng(SEED);
    const app = createApp({
      store: t.store,
      now: () => new Date('2024-05-06T12:00:00Z'),
      log: () => undefined,
    });
    const accepted = new Map<string, ReportBatch>();
    const sent: string[] = [];
    const kinds = new Map<string, number>();
    let rows = await countRows(t.store);

    for (let i = 0; i < CASES; i++) {
      const c = makeCase(rng, sent);
      const where = `case ${i} (${c.kind}) of seed ${SEED}`;
      const want = expected(c, new Set(accepted.keys()));
      kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + 1);
      const headers: Record<string, string> = { Origin: c.origin };
      if (c.contentType) headers['Content-Type'] = c.contentType;
      if (c.contentLength) headers['Content-Length'] = c.contentLength;
      const res = await app.request(`${SELF}/v1/reports`, { method: 'POST', headers, body: c.body });

      expect(res.status, where).toBeLessThan(500);
      expect(res.status, where).toBe(want.status);
      expect(res.headers.get('content-type'), where).toMatch(/^application\/json/);
      const answer = (await res.json()) as ServerError | { ok: true; stored: number };
      if (want.status >= 400) expect('error' in answer && typeof answer.error.code, where).toBe('string');

      const after = await countRows(t.store);
      const added = want.status === 201 && want.batch ? want.batch.reports : [];
      const sketches = added.filter((r) => r.encoding === 'cms').length;
      expect(after, where).toEqual({
        batches: rows.batches + (added.length ? 1 : 0),
        reports: rows.reports + added.length - sketches,
        sketches: rows.sketches + sketches,
      });
      rows = after;
      if (want.status === 201 && want.batch) {
        accepted.set(want.batch.batch, want.batch);
        sent.push(want.batch.batch);
      }
    }

    // Every stored row must be one the schema accepted, field for field.
    const batches = await t.store.db.selectFrom('batches').selectAll().execute();
    expect(new Set(batches.map((b) => b.batch))).toEqual(new Set(accepted.keys()));
    const reports = await t.store.db.selectFrom('reports').selectAll().orderBy('id').execute();
    const sketches = await t.store.db.selectFrom('sketch_reports').selectAll().orderBy('id').execute();
    const key = (b: string, r: Report) =>
      r.encoding === 'cms'
        ? `${b}|${r.metric}|cms|${r.hashes}|${r.buckets}|${r.row}|${r.bits}|${r.epsilon}`
        : `${b}|${r.metric}|krr|${r.domain}|${r.value}|${r.epsilon}|${r.experiment ?? ''}`;
    const want = [...accepted.values()].flatMap((b) => b.reports.map((r) => key(b.batch, r)));
    const got = [
      ...reports.map(
        (r) =>
          `${r.batch}|${r.metric}|${r.encoding}|${r.domain}|${r.value}|${r.epsilon}|${r.experiment ?? ''}`,
      ),
      ...sketches.map(
        (r) => `${r.batch}|${r.metric}|cms|${r.hashes}|${r.buckets}|${r.row_index}|${r.bits}|${r.epsilon}`,
      ),
    ];
    expect(got.sort()).toEqual(want.sort());
    expect(sketches.length, 'the fuzz run stored no sketch report').toBeGreaterThan(0);
    expect(
      reports.some((r) => r.experiment !== null),
      'the fuzz run stored no experiment report',
    ).toBe(true);
    console.log(
      `[reports-fuzz] ${CASES} cases, ${accepted.size} batches stored; ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}`,
    );
    // A fuzz run that never reaches the store or never hits a rejection path tests nothing.
    expect(accepted.size).toBeGreaterThan(CASES / 50);
    expect(kinds.get('replayed-id') ?? 0).toBeGreaterThan(CASES / 50);
  }, 120_000);
});
