/**
 * The sync client, with `share` granted: each sync queues today's reports (worker/sync/report-plan) in
 * the outbox and flushes it (worker/sync/outbox). A failed flush is retried by a timer at the oldest
 * batch's retry time, and again when the browser comes back online; a new worker picks the outbox
 * up from IndexedDB and respects the retry times stored with it.
 *
 * A device on session memory (IndexedDB blocked) never shares: each page would start a fresh ledger
 * and fresh permanent responses, so neither the daily budget nor the memoization could hold. Its
 * `share` choice is still recorded; the status says sharing is unavailable on this device.
 */

import type { SatisfactionState } from '../chat';
import type { ConsentGate } from '../consent';
import type { ExperimentState } from '../experiments';
import type { ModelHub } from '../models';
import type { ExposureState, FeedbackState } from '../personalization';
import type { ChatMessage, ExperimentSpec, Segment, SyncResult } from '../protocol';
import { dayFacts } from './day-facts';
import { buildBatches, type FlushOutcome, flushOutbox, MAX_OUTBOX_BATCHES } from './outbox';
import { candidates, selectReports } from './report-plan';

/** What the reporter reads from the rest of the engine. */
export interface ReporterDeps {
  readonly gate: ConsentGate;
  readonly hub: () => ModelHub;
  readonly segment: () => Promise<Segment | null>;
  readonly transcript: () => Promise<readonly ChatMessage[]>;
  readonly feedback: () => Promise<FeedbackState>;
  readonly exposure: () => Promise<ExposureState>;
  readonly satisfaction: () => Promise<SatisfactionState>;
  readonly experiments: () => Promise<ExperimentState>;
  readonly specs: () => readonly ExperimentSpec[];
}

/** The reporter. */
export interface Reporter {
  /** Queues today's reports and flushes the outbox. */
  sync(): Promise<SyncResult>;
  /** Share revoked: empties the outbox, deletes the permanent responses and cancels any retry. */
  revoke(): Promise<void>;
  /** Cancels any scheduled retry (forget, worker shutdown). */
  stop(): void;
}

/** Creates the reporter. */
export function createReporter(deps: ReporterDeps): Reporter {
  const { gate } = deps;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let flushing: Promise<FlushOutcome> | null = null;

  const sharing = () => (gate.consent?.share && gate.storage !== 'memory' ? gate.maybeStore() : null);

  async function enqueue(nowMs: number): Promise<{ added: number; overBudget: number }> {
    const store = sharing();
    if (!store) return { added: 0, overBudget: 0 };
    const hub = deps.hub();
    const [manifest, catalog] = await Promise.all([hub.manifest(), hub.catalog()]);
    const [events, segment, transcript, feedback, exposure, satisfaction, experiments, reported] =
      await Promise.all([
        store.events(),
        deps.segment().catch(() => null),
        deps.transcript().catch(() => []),
        deps.feedback(),
        deps.exposure(),
        deps.satisfaction(),
        deps.experiments(),
        store.getState('reported'),
      ]);
    const facts = dayFacts({
      manifest,
      catalog,
      events,
      segment,
      transcript,
      feedback,
      exposure,
      satisfaction,
      experiments,
      specs: deps.specs(),
      nowMs,
      ...(reported?.at === undefined ? {} : { since: reported.at }),
    });
    // The day's set goes whole or not yet: a partial set would say which facts were missing.
    if (!facts) return { added: 0, overBudget: 0 };
    const list = candidates(facts);
    let overBudget = 0;
    // Consent may have changed while the facts were gathered: nothing enters without `share`.
    if (sharing() !== store) return { added: 0, overBudget: 0 };
    const { added } = await store.outbox.enqueue((input) => {
      const chosen = selectReports(list, input, nowMs);
      overBudget = chosen.overBudget;
      if (chosen.reports.length === 0) return null;
      const { site } = gate.config();
      return { ...chosen, entries: buildBatches(site, manifest.version, chosen.reports, nowMs) };
    }, MAX_OUTBOX_BATCHES);
    return { added, overBudget };
  }

  function schedule(outcome: FlushOutcome): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (outcome.retryAt === undefined) return;
    timer = setTimeout(() => void flush().catch(() => undefined), Math.max(0, outcome.retryAt - Date.now()));
  }

  function flush(): Promise<FlushOutcome> {
    const store = sharing();
    if (!store) return Promise.resolve({ sent: 0, rejected: 0, pending: 0 });
    // One flush per worker; across tabs the Web Lock in flushOutbox keeps it to one per origin.
    // A session-memory outbox is this worker's alone, and where the browser blocks the frame's
    // storage it blocks Web Locks too (SecurityError): no lock is needed or possible there.
    const locks = gate.storage === 'memory' ? { locks: null } : {};
    // Re-checked before every POST: revoking `share` during a flush sends nothing more.
    const canSend = () => sharing() === store;
    flushing ??= flushOutbox(store.outbox, gate.config().serverUrl, { ...locks, canSend })
      .then((outcome) => {
        schedule(outcome);
        return outcome;
      })
      .finally(() => {
        flushing = null;
      });
    return flushing;
  }

  globalThis.addEventListener?.('online', () => void flush().catch(() => undefined));

  return {
    async sync() {
      if (gate.consent?.share && gate.storage === 'memory')
        return { sent: 0, queued: 0, skipped: 'unavailable' };
      if (!sharing()) return { sent: 0, queued: 0, skipped: 'consent' };
      const { added, overBudget } = await enqueue(Date.now());
      const outcome = await flush();
      const result = { sent: outcome.sent, queued: outcome.pending };
      if (outcome.sent > 0) return result;
      if (outcome.skipped) return { ...result, skipped: outcome.skipped };
      if (added === 0 && overBudget > 0) return { ...result, skipped: 'budget' };
      return outcome.pending === 0 ? { ...result, skipped: 'empty' } : result;
    },
    async revoke() {
      this.stop();
      await gate.maybeStore()?.outbox.clear();
    },
    stop() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}
