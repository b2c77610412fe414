/**
 * The sync client's outbox: report batches are built once, stored, and POSTed until the server
 * answers 2xx. A retry resends the identical body, so it spends no privacy again and the server's
 * idempotency on the batch UUID turns at-least-once sending into exactly-once storing, whether the
 * server failed mid-request, the connection dropped after the commit, or the tab closed.
 *
 * Answers: 2xx (201 stored, 200 duplicate) deletes the batch; 429 waits for Retry-After; 503 (the
 * database is down) waits for Retry-After too, or longer as failures repeat; other 5xx, 408, network
 * errors and timeouts back off exponentially with full jitter; 404 (a site still being provisioned, a
 * misrouted deploy) is retried {@link NOT_FOUND_RETRIES} times, minutes apart, before the batch is
 * dropped; any other 4xx (schema refused) drops the batch and counts it (`outbox_rejected`), so a
 * poison batch cannot block the queue. Batches go oldest first and a flush stops at the first one
 * still waiting, so the oldest batch's backoff paces the whole queue. One tab flushes at a time (Web
 * Locks). Right before every POST the batch must still be in the outbox and the caller's `canSend`
 * must still say yes, so a visitor who revokes `share` while a flush is under way, in this tab or in
 * another, is sent nothing more.
 */
import {
  MAX_BODY_BYTES,
  MAX_REPORTS_PER_BATCH,
  parseReportBatch,
  type Report,
} from '../../sync-server/protocol';
import type { Uniform } from '../../sync-server/protocol/krr';
import { withPolicy } from '../network';
import { ValidationError } from '../protocol';
import { backoffDelay, notFoundDelay, retryAfterMs, unavailableDelay } from './backoff';
import type { OutboxEntry, OutboxStore } from './outbox-types';

/** Most batches kept; beyond it the oldest are dropped (and counted), so offline weeks cannot fill the disk. */
export const MAX_OUTBOX_BATCHES = 200;
/** Web Lock name held by the one tab that flushes. */
export const FLUSH_LOCK = 'confide-outbox-flush';
/** A request that takes longer is abandoned and retried like a dropped connection. */
export const REQUEST_TIMEOUT_MS = 30_000;
/** 404 answers a batch survives: it is dropped at the next one (a site may still be provisioned). */
export const NOT_FOUND_RETRIES = 3;

/** What one flush did. */
export interface FlushOutcome {
  /** Batches the server acknowledged (stored or duplicate). */
  readonly sent: number;
  /** Batches the server refused for good (dropped). */
  readonly rejected: number;
  /** Batches still in the outbox. */
  readonly pending: number;
  /**
   * Why the flush sent nothing further: offline, another tab flushing, waiting for a retry, or
   * `canSend` said no (share revoked).
   */
  readonly skipped?: 'offline' | 'busy' | 'backoff' | 'consent';
  /** Epoch ms when the oldest waiting batch may be sent again. */
  readonly retryAt?: number;
}

/** How a flush reaches the network; every field defaults to the platform's. */
export interface FlushOptions {
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
  readonly uniform?: Uniform;
  /** `null` flushes without a lock (no Web Locks in this runtime). */
  readonly locks?: LockManager | null;
  readonly online?: () => boolean;
  /**
   * Asked right before each POST (default: always yes). The outbox has no consent of its own; the
   * reporter passes whether `share` still holds, so a revocation that lands mid-flush stops it.
   */
  readonly canSend?: () => boolean;
}

const bytes = (s: string) => new TextEncoder().encode(s).length;

function entry(site: string, model: string, reports: readonly Report[], nowMs: number): OutboxEntry {
  const parsed = parseReportBatch({ site, batch: crypto.randomUUID(), schema: 1, model, reports });
  if (!parsed.ok) {
    const issue = parsed.issues[0];
    throw new ValidationError(
      'invalid_argument',
      `refusing to queue an invalid batch: ${issue?.path} ${issue?.message}`,
    );
  }
  const body = JSON.stringify(parsed.batch);
  return {
    id: parsed.batch.batch,
    body,
    reports: reports.length,
    createdAt: nowMs,
    attempts: 0,
    nextAttemptAt: 0,
  };
}

/**
 * Packs reports into validated batches of at most {@link MAX_REPORTS_PER_BATCH} reports and
 * {@link MAX_BODY_BYTES} bytes, in order. Throws `ValidationError` for a report the schema refuses.
 */
export function buildBatches(
  site: string,
  model: string,
  reports: readonly Report[],
  nowMs: number,
): OutboxEntry[] {
  const out: OutboxEntry[] = [];
  let current: Report[] = [];
  for (const report of reports) {
    const next = [...current, report];
    const fits =
      next.length <= MAX_REPORTS_PER_BATCH && bytes(entry(site, model, next, nowMs).body) <= MAX_BODY_BYTES;
    if (fits || current.length === 0) current = next;
    else {
      out.push(entry(site, model, current, nowMs));
      current = [report];
    }
  }
  if (current.length > 0) out.push(entry(site, model, current, nowMs));
  return out;
}

type Answer =
  | { kind: 'ok' }
  | { kind: 'rejected' }
  | { kind: 'not_found' }
  // `failed`: counts toward the backoff; a 429 is the server pacing, not a failure of the batch.
  | { kind: 'retry'; failed: boolean; waitMs?: number };

async function post(entry: OutboxEntry, url: string, options: FlushOptions, nowMs: number): Promise<Answer> {
  let res: Response;
  try {
    res = await (options.fetch ?? fetch)(
      url,
      withPolicy({
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: entry.body,
        // Lets the last batch finish if the tab closes mid-request; the server's id check absorbs a resend.
        keepalive: true,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      }),
    );
    // The answer is read in full so a connection dropped mid-answer counts as a failure, not a success.
    await res.arrayBuffer();
  } catch {
    return { kind: 'retry', failed: true };
  }
  if (res.ok) return { kind: 'ok' };
  const retryAfter = res.headers.get('retry-after');
  if (res.status === 429) return { kind: 'retry', failed: false, waitMs: retryAfterMs(retryAfter, nowMs) };
  if (res.status === 503) {
    const waitMs = unavailableDelay(retryAfter, entry.attempts + 1, nowMs, options.uniform);
    return { kind: 'retry', failed: true, waitMs };
  }
  if (res.status >= 500 || res.status === 408 || res.status < 400) return { kind: 'retry', failed: true };
  if (res.status === 404) return { kind: 'not_found' };
  return { kind: 'rejected' };
}

/** Whether a batch that just got a 404 has had its retries. */
const gaveUp = (e: OutboxEntry) => (e.notFound ?? 0) >= NOT_FOUND_RETRIES;

/** Drops a batch the server refused for good, and counts it. */
async function reject(outbox: OutboxStore, e: OutboxEntry): Promise<void> {
  await outbox.remove(e.id);
  await outbox.bump('outbox_rejected');
}

async function drain(outbox: OutboxStore, serverUrl: string, options: FlushOptions): Promise<FlushOutcome> {
  const now = options.now ?? Date.now;
  const url = `${serverUrl.replace(/\/$/, '')}/v1/reports`;
  let sent = 0;
  let rejected = 0;
  const canSend = options.canSend ?? (() => true);
  for (const e of await outbox.list()) {
    if (e.nextAttemptAt > now()) {
      return { sent, rejected, pending: await outbox.count(), skipped: 'backoff', retryAt: e.nextAttemptAt };
    }
    // The list was read before a revocation could land. Another tab that revoked `share` (this tab's
    // consent does not know) has emptied the shared outbox, and one that sent the batch removed it.
    if (!(await outbox.has(e.id))) continue;
    // Asked last, synchronously before the request: nothing can change consent in between.
    if (!canSend()) return { sent, rejected, pending: await outbox.count(), skipped: 'consent' };
    const answer = await post(e, url, options, now());
    if (answer.kind === 'ok') {
      await outbox.remove(e.id);
      sent += 1;
    } else if (answer.kind === 'rejected' || (answer.kind === 'not_found' && gaveUp(e))) {
      await reject(outbox, e);
      rejected += 1;
    } else {
      const notFound = answer.kind === 'not_found' ? (e.notFound ?? 0) + 1 : e.notFound;
      const attempts = answer.kind === 'retry' && !answer.failed ? e.attempts : e.attempts + 1;
      const waitMs =
        answer.kind === 'not_found'
          ? notFoundDelay(notFound ?? 1, options.uniform)
          : (answer.waitMs ?? backoffDelay(attempts, options.uniform));
      const retryAt = now() + waitMs;
      await outbox.update({ ...e, attempts, nextAttemptAt: retryAt, ...(notFound ? { notFound } : {}) });
      return { sent, rejected, pending: await outbox.count(), skipped: 'backoff', retryAt };
    }
  }
  return { sent, rejected, pending: await outbox.count() };
}

/**
 * Sends what the outbox holds, oldest first, unless offline or another tab holds the flush lock.
 * Never throws for a network or server failure: the batch stays and its retry time is returned.
 */
export async function flushOutbox(
  outbox: OutboxStore,
  serverUrl: string,
  options: FlushOptions = {},
): Promise<FlushOutcome> {
  const online = options.online ?? (() => globalThis.navigator?.onLine !== false);
  if (!online()) return { sent: 0, rejected: 0, pending: await outbox.count(), skipped: 'offline' };
  const locks = options.locks === undefined ? (globalThis.navigator?.locks ?? null) : options.locks;
  if (!locks) return drain(outbox, serverUrl, options);
  let drained = false;
  try {
    return await locks.request(FLUSH_LOCK, { ifAvailable: true }, async (lock) => {
      if (!lock) return { sent: 0, rejected: 0, pending: await outbox.count(), skipped: 'busy' as const };
      drained = true;
      return drain(outbox, serverUrl, options);
    });
  } catch (e) {
    // Where storage is blocked the browser refuses the lock too; such an outbox is not shared.
    if (drained || !(e instanceof DOMException && e.name === 'SecurityError')) throw e;
    return drain(outbox, serverUrl, options);
  }
}
