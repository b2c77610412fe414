/**
 * Steady state through the real worker entry: one worker, models loaded, and three series timed as
 * the frame sees them (comlink round trip included), one after another with nothing in between:
 * `answer()` (redaction, classification, decision, AES-GCM sealing, two transcript writes),
 * `recommend()` (events from IndexedDB, personal model, fallback chain) and sequential `track()`.
 * Each series starts with discarded calls, so JIT and first allocations are not what is timed.
 * Tracking goes last because every stored event schedules a background refresh in the worker.
 */
import type { WorkerApi } from '../../worker/protocol';
import { settle } from './engine-client';
import { catalogEvent, SHOPPER_CHAT } from './engine-workload';
import type { EngineBenchSamples } from './protocol';
import { schedulerNoise } from './scheduler-noise';

/** Calls made and thrown away before each timed series. */
export const WARMUP_CALLS = 20;
/** Timed `answer()` and `recommend()` calls: three back-to-back repeats of 240 (scripts/bench/stats.ts). */
const TIMED_CALLS = 720;
/** Timed sequential `track()` calls. */
const TRACK_EVENTS = 600;
/** Quiet time between series, so one series' leftovers (GC, IndexedDB commits) stay out of the next. */
const BETWEEN_SERIES_MS = 300;
const NOISE_PROBE_MS = 300;
const count = (tally: Record<string, number>, key: string) => {
  tally[key] = (tally[key] ?? 0) + 1;
};

async function answers(api: WorkerApi): Promise<EngineBenchSamples['answer']> {
  const ask = (i: number) => api.answer(SHOPPER_CHAT[i % SHOPPER_CHAT.length] ?? 'hello');
  for (let i = 0; i < WARMUP_CALLS; i++) await ask(i);
  const totalMs: number[] = [];
  const intentMs: number[] = [];
  const rules: Record<string, number> = {};
  for (let i = 0; i < TIMED_CALLS; i++) {
    const started = performance.now();
    const answer = await ask(i);
    totalMs.push(performance.now() - started);
    if (answer.intent.top === '') throw new Error(`answer ${i}: the intent model did not run`);
    intentMs.push(answer.intent.inferenceMs);
    count(rules, answer.decision.rule);
  }
  return { totalMs, intentMs, messages: SHOPPER_CHAT.length, rules };
}

async function recommendations(api: WorkerApi): Promise<EngineBenchSamples['recommend']> {
  for (let i = 0; i < WARMUP_CALLS; i++) await api.recommend();
  const totalMs: number[] = [];
  const inferenceMs: number[] = [];
  const basis: Record<string, number> = {};
  for (let i = 0; i < TIMED_CALLS; i++) {
    const started = performance.now();
    const recs = await api.recommend();
    totalMs.push(performance.now() - started);
    if (recs.items.length === 0) throw new Error(`recommend ${i} returned no items`);
    inferenceMs.push(recs.inferenceMs);
    count(basis, recs.basis);
  }
  return { totalMs, inferenceMs, basis };
}

async function tracking(api: WorkerApi, itemIds: readonly string[]): Promise<EngineBenchSamples['track']> {
  const now = Date.now();
  for (let i = 0; i < WARMUP_CALLS; i++) await api.track(catalogEvent(itemIds, i, now));
  const callMs: number[] = [];
  const started = performance.now();
  for (let i = 0; i < TRACK_EVENTS; i++) {
    const t0 = performance.now();
    const r = await api.track(catalogEvent(itemIds, WARMUP_CALLS + i, now + i));
    callMs.push(performance.now() - t0);
    if (!r.stored) throw new Error(`track ${i} was not stored: ${r.reason}`);
  }
  return { events: TRACK_EVENTS, ms: performance.now() - started, callMs };
}

/** The three timed series on `api`, a worker already initialized for a visitor who opted in. */
export async function warmSeries(
  api: WorkerApi,
  itemIds: readonly string[],
): Promise<Pick<EngineBenchSamples, 'answer' | 'recommend' | 'track' | 'noise'>> {
  const noise = schedulerNoise(NOISE_PROBE_MS);
  await settle(BETWEEN_SERIES_MS);
  const answer = await answers(api);
  await settle(BETWEEN_SERIES_MS);
  const recommend = await recommendations(api);
  await settle(BETWEEN_SERIES_MS);
  const track = await tracking(api, itemIds);
  return { answer, recommend, track, noise };
}
