/**
 * The worker's status as the frame shows it: consent, storage, what each store holds (for the
 * privacy center), the privacy ledger and outbox, and each model's state with its reason.
 */
import type { ConsentGate } from '../consent';
import { countCachedModels, type ModelHub, runtimeBackend } from '../models';
import type { WorkerStatus } from '../protocol';
import { currentLedger, ledgerSummary } from '../sync';

/** Reads the status; `hub` is null before any model was asked for. */
export async function readStatus(gate: ConsentGate, h: ModelHub | null): Promise<WorkerStatus> {
  const store = gate.maybeStore();
  const reasons = h
    ? (['recommend', 'segment', 'intent'] as const)
        .map((k) => (h.reason(k) ? `${k}: ${h.reason(k)}` : ''))
        .filter(Boolean)
    : [];
  const backend = runtimeBackend();
  const version = h && h.state('recommend') === 'ready' ? (await h.manifest()).version : undefined;
  const counts = store ? await store.counts() : { events: 0, transcripts: 0, state: 0, keys: 0 };
  const ledger = currentLedger(await store?.getState('ledger'), Date.now());
  return {
    consent: gate.consent,
    noticeChanged: gate.noticeChanged,
    storage: gate.storage,
    events: counts.events,
    messages: counts.transcripts,
    stores: {
      events: counts.events,
      messages: counts.transcripts,
      derived: counts.state,
      keys: counts.keys,
      cachedModels: await countCachedModels(),
    },
    privacy: {
      ...ledgerSummary(ledger),
      outbox: store ? await store.outbox.count() : 0,
      sharing: gate.storage === 'memory' ? 'unavailable' : gate.consent?.share ? 'on' : 'off',
    },
    refused: gate.refused,
    redacted: Object.values(gate.redactions).reduce((a, b) => a + b, 0),
    model: h?.state('recommend') ?? 'idle',
    ...(reasons.length ? { modelReason: reasons.join('; ') } : {}),
    ...(version ? { modelVersion: version } : {}),
    ...(backend ? { backend } : {}),
  };
}
