/**
 * The outbox against a real local HTTP server (real fetch, real sockets) and fake-indexeddb: identical
 * bodies on retry, what each answer does, persisted backoff, the bound, and the batch packing.
 */
import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, parseReportBatch, type Report } from '../../sync-server/protocol';
import { cryptoUniform } from '../../sync-server/protocol/krr';
import { queueBatches, SEGMENT_REPORT, useOutboxFixture } from '../../test/support/outbox-fixture';
import { createMemoryStore, openStore } from '../storage';
import {
  BACKOFF_CAP_MS,
  backoffCeiling,
  backoffDelay,
  notFoundDelay,
  retryAfterMs,
  unavailableDelay,
} from './backoff';
import { buildBatches, flushOutbox, MAX_OUTBOX_BATCHES, NOT_FOUND_RETRIES } from './outbox';
import type { OutboxEntry } from './outbox-types';
import { emptyLedger } from './privacy-ledger';

const sketch: Report = {
  metric: 'item_popularity',
  encoding: 'cms',
  hashes: 64,
  buckets: 1024,
  row: 3,
  bits: 'ab'.repeat(128),
  epsilon: 1,
};

let clock = 1_700_000_000_000;
const now = () => clock;
const opts = { now, locks: null, online: () => true } as const;
const t = useOutboxFixture();
const queue = (n: number, at = clock): Promise<OutboxEntry[]> => queueBatches(t.store, n, at);

describe('backoff', () => {
  it('doubles from one second up to five minutes, jittered below the ceiling', () => {
    expect([1, 2, 3, 4, 9, 10, 40].map((a) => backoffCeiling(a))).toEqual([
      1_000,
      2_000,
      4_000,
      8_000,
      256_000,
      BACKOFF_CAP_MS,
      BACKOFF_CAP_MS,
    ]);
    expect(backoffDelay(3, () => 0)).toBe(0);
    expect(backoffDelay(3, () => 0.999_999)).toBe(3_999);
    const samples = Array.from({ length: 2000 }, () => backoffDelay(4, cryptoUniform));
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...samples)).toBeLessThan(8_000);
    // Full jitter spreads over the whole range, not around one value.
    expect(samples.filter((s) => s < 2_000).length).toBeGreaterThan(300);
    expect(samples.filter((s) => s >= 6_000).length).toBeGreaterThan(300);
  });

  it('reads Retry-After as seconds or a date, within one second and the cap', () => {
    expect(retryAfterMs('7', 0)).toBe(7_000);
    expect(retryAfterMs(new Date(30_000).toUTCString(), 0)).toBe(30_000);
    expect(retryAfterMs('0', 0)).toBe(1_000);
    expect(retryAfterMs('86400', 0)).toBe(BACKOFF_CAP_MS);
    expect(retryAfterMs(null, 0)).toBe(1_000);
    expect(retryAfterMs('soon', 0)).toBe(1_000);
  });

  it('waits at least Retry-After after a 503, longer when the backoff has grown past it', () => {
    expect(unavailableDelay('5', 1, 0, () => 0)).toBe(5_000);
    expect(unavailableDelay('5', 9, 0, () => 0.5)).toBe(128_000);
    expect(unavailableDelay('86400', 1, 0, () => 0)).toBe(BACKOFF_CAP_MS);
    expect(unavailableDelay(null, 3, 0, () => 0.5)).toBe(2_000);
  });

  it('spreads the retries after a 404 over minutes', () => {
    expect([1, 2, 3].map((n) => notFoundDelay(n, () => 0))).toEqual([30_000, 60_000, 120_000]);
    expect(notFoundDelay(1, () => 0.999_999)).toBe(59_999);
  });
});

describe('batches', () => {
  it('packs reports into valid batches under 64 reports and the body limit', () => {
    const many = buildBatches('demo', 'm1', Array(150).fill(SEGMENT_REPORT), 0);
    expect(many.map((b) => b.reports)).toEqual([64, 64, 22]);
    const sketches = buildBatches('demo', 'm1', Array(100).fill(sketch), 0);
    expect(sketches.length).toBeGreaterThan(2);
    for (const b of [...many, ...sketches]) {
      expect(new TextEncoder().encode(b.body).length).toBeLessThanOrEqual(MAX_BODY_BYTES);
      const parsed = parseReportBatch(JSON.parse(b.body));
      expect(parsed.ok && parsed.batch.batch).toBe(b.id);
    }
    expect(sketches.reduce((a, b) => a + b.reports, 0)).toBe(100);
  });

  it('refuses to build a batch the schema refuses', () => {
    expect(() => buildBatches('demo', 'm1', [{ ...SEGMENT_REPORT, value: 9 }], 0)).toThrow(
      /value must be below/,
    );
  });
});

describe('flush', () => {
  it('resends the identical body after a 500 and a dropped connection, then deletes it on 201', async () => {
    const [batch] = await queue(1);
    const half = { ...opts, uniform: () => 0.5 };
    t.server.script.push({ status: 500 }, 'drop');
    expect(await flushOutbox(t.store.outbox, t.server.url, half)).toEqual({
      sent: 0,
      rejected: 0,
      pending: 1,
      skipped: 'backoff',
      retryAt: clock + 500,
    });
    expect((await t.store.outbox.list())[0]).toMatchObject({ attempts: 1, nextAttemptAt: clock + 500 });
    clock += 499;
    expect(await flushOutbox(t.store.outbox, t.server.url, half)).toMatchObject({
      sent: 0,
      skipped: 'backoff',
    });
    expect(t.server.bodies).toHaveLength(1);
    clock += 1;
    expect(await flushOutbox(t.store.outbox, t.server.url, half)).toMatchObject({ retryAt: clock + 1_000 });
    expect((await t.store.outbox.list())[0]?.attempts).toBe(2);
    clock += 1_000;
    expect(await flushOutbox(t.store.outbox, t.server.url, half)).toEqual({
      sent: 1,
      rejected: 0,
      pending: 0,
    });
    expect(t.server.bodies).toEqual([batch?.body, batch?.body, batch?.body]);
  });

  it('deletes on 200 duplicate, drops and counts a 4xx without blocking the rest', async () => {
    await queue(3);
    t.server.script.push({ status: 200 }, { status: 400 }, { status: 201 });
    expect(await flushOutbox(t.store.outbox, t.server.url, opts)).toEqual({
      sent: 2,
      rejected: 1,
      pending: 0,
    });
    expect(await t.store.outbox.counter('outbox_rejected')).toBe(1);
    expect(t.server.bodies).toHaveLength(3);
  });

  it('honours Retry-After on 429 without counting a failure, and keeps the order', async () => {
    const [a, b] = await queue(2);
    t.server.script.push({ status: 429, headers: { 'retry-after': '12' } });
    const out = await flushOutbox(t.store.outbox, t.server.url, opts);
    expect(out).toMatchObject({ sent: 0, pending: 2, skipped: 'backoff', retryAt: clock + 12_000 });
    expect((await t.store.outbox.list())[0]).toMatchObject({
      id: a?.id,
      attempts: 0,
      nextAttemptAt: clock + 12_000,
    });
    clock += 11_000;
    await flushOutbox(t.store.outbox, t.server.url, opts);
    expect(t.server.bodies).toHaveLength(1);
    clock += 1_000;
    expect(await flushOutbox(t.store.outbox, t.server.url, opts)).toMatchObject({ sent: 2, pending: 0 });
    expect(t.server.bodies.slice(1)).toEqual([a?.body, b?.body]);
  });

  it('keeps the batch on 503 and sends it again once Retry-After has passed, bounded by the cap', async () => {
    const [a, b] = await queue(2);
    const zero = { ...opts, uniform: () => 0 };
    t.server.script.push({ status: 503, headers: { 'retry-after': '5' } });
    expect(await flushOutbox(t.store.outbox, t.server.url, zero)).toEqual({
      sent: 0,
      rejected: 0,
      pending: 2,
      skipped: 'backoff',
      retryAt: clock + 5_000,
    });
    expect((await t.store.outbox.list())[0]).toMatchObject({ id: a?.id, attempts: 1 });
    clock += 4_999;
    expect(await flushOutbox(t.store.outbox, t.server.url, zero)).toMatchObject({
      sent: 0,
      skipped: 'backoff',
    });
    expect(t.server.bodies).toHaveLength(1);
    clock += 1;
    t.server.script.push({ status: 503, headers: { 'retry-after': '999999' } });
    expect(await flushOutbox(t.store.outbox, t.server.url, zero)).toMatchObject({
      retryAt: clock + BACKOFF_CAP_MS,
    });
    clock += BACKOFF_CAP_MS;
    expect(await flushOutbox(t.store.outbox, t.server.url, zero)).toEqual({
      sent: 2,
      rejected: 0,
      pending: 0,
    });
    expect(t.server.bodies).toEqual([a?.body, a?.body, a?.body, b?.body]);
    expect(await t.store.outbox.counter('outbox_rejected')).toBe(0);
  });

  it(`retries a 404 ${NOT_FOUND_RETRIES} times, minutes apart, then drops and counts the batch`, async () => {
    const [a, b] = await queue(2);
    const zero = { ...opts, uniform: () => 0 };
    const waits: number[] = [];
    for (let i = 0; i < NOT_FOUND_RETRIES; i++) {
      t.server.script.push({ status: 404 });
      const out = await flushOutbox(t.store.outbox, t.server.url, zero);
      expect(out).toMatchObject({ sent: 0, rejected: 0, pending: 2, skipped: 'backoff' });
      waits.push((out.retryAt ?? 0) - clock);
      expect((await t.store.outbox.list())[0]).toMatchObject({ id: a?.id, notFound: i + 1 });
      // Nothing is sent before the wait is over.
      clock += (waits[i] ?? 0) - 1;
      expect(await flushOutbox(t.store.outbox, t.server.url, zero)).toMatchObject({ skipped: 'backoff' });
      expect(t.server.bodies).toHaveLength(i + 1);
      clock += 1;
    }
    expect(waits).toEqual([30_000, 60_000, 120_000]);
    t.server.script.push({ status: 404 }, { status: 201 });
    expect(await flushOutbox(t.store.outbox, t.server.url, zero)).toEqual({
      sent: 1,
      rejected: 1,
      pending: 0,
    });
    expect(await t.store.outbox.counter('outbox_rejected')).toBe(1);
    expect(t.server.bodies).toEqual([...Array(NOT_FOUND_RETRIES + 1).fill(a?.body), b?.body]);
  });

  it('keeps attempts and retry time in IndexedDB for the next worker', async () => {
    await queue(1);
    t.server.script.push({ status: 503 });
    const out = await flushOutbox(t.store.outbox, t.server.url, opts);
    t.store.close();
    const again = await openStore({ create: false });
    if (!again) throw new Error('database gone');
    expect((await again.outbox.list())[0]).toMatchObject({ attempts: 1, nextAttemptAt: out.retryAt });
    again.close();
  });

  it('does not send while offline', async () => {
    await queue(1);
    expect(await flushOutbox(t.store.outbox, t.server.url, { ...opts, online: () => false })).toEqual({
      sent: 0,
      rejected: 0,
      pending: 1,
      skipped: 'offline',
    });
    expect(t.server.bodies).toHaveLength(0);
  });

  it('keeps at most 200 batches, dropping and counting the oldest', async () => {
    const first = await queue(150, 1);
    const second = await queue(60, 1_000);
    const kept = await t.store.outbox.list();
    expect(kept).toHaveLength(MAX_OUTBOX_BATCHES);
    expect(await t.store.outbox.counter('outbox_dropped')).toBe(10);
    expect(kept.map((e) => e.id)).toEqual([...first.slice(10), ...second].map((e) => e.id));
  });
});

describe('session-memory outbox', () => {
  it('has the IndexedDB semantics: oldest first, bounded, updates only what is there, clears', async () => {
    const memory = createMemoryStore();
    const entries = Array.from({ length: 4 }, (_, i) =>
      buildBatches('demo', 'm1', [SEGMENT_REPORT], 10 - i),
    ).flat();
    const ledger = emptyLedger(0);
    const reported = { version: 1, day: '1970-01-01', keys: ['segment_share'] } as const;
    expect(await memory.outbox.enqueue(() => ({ entries, ledger, reported }), 3)).toEqual({
      added: 4,
      dropped: 1,
    });
    expect((await memory.outbox.list()).map((e) => e.createdAt)).toEqual([8, 9, 10]);
    expect(await memory.outbox.counter('outbox_dropped')).toBe(1);
    expect(await memory.getState('reported')).toEqual(reported);
    expect(await memory.outbox.update({ ...(entries[3] as OutboxEntry), attempts: 5 })).toBe(false);
    expect(await memory.outbox.update({ ...(entries[0] as OutboxEntry), attempts: 5 })).toBe(true);
    expect(await memory.outbox.clear()).toBe(3);
    expect(await memory.outbox.count()).toBe(0);
  });
});
