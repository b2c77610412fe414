/**
 * Opening the widget with warm caches, through the real worker entry: a first worker grants consent,
 * tracks a few events and asks once for an answer and for recommendations, which stores consent and
 * events in IndexedDB and the models in the Cache API; then every timed run starts a fresh worker,
 * whose `init` finds the stored consent and warms the three models from the cache, as a returning
 * visitor's frame does, and times it to its first answer (or recommendations).
 */
import type { Manifest } from '../../models/features';
import type { WorkerApi, WorkerConfig } from '../../worker/protocol';
import { type EngineWorker, settle, startEngine } from './engine-client';
import { cachedModelFiles } from './engine-storage';
import { catalogEvent, FIRST_MESSAGE } from './engine-workload';
import type { EngineBenchSamples, FirstAnswerSplit, FirstCallRun } from './protocol';

/** Events worker A tracks, enough for a personal recommendation and a profile. */
const PRIME_EVENTS = 8;
/** How long worker A may take to finish writing the model cache after its last call. */
const CACHE_WAIT_MS = 10_000;
/** Pause after ending a worker, so its teardown and the GC it frees run before the next clock starts. */
const TEARDOWN_MS = 250;

/** Throws unless the worker runs for a visitor who opted in to `personalize`. */
async function expectPersonalized(api: WorkerApi, when: string): Promise<void> {
  const status = await api.status();
  if (status.consent?.personalize !== true || status.storage !== 'indexeddb') {
    throw new Error(`${when}: consent ${JSON.stringify(status.consent)}, storage ${status.storage}`);
  }
}

/** Throws unless the intent model ran (the fallback reports an empty `top`). */
function expectClassified(answer: Awaited<ReturnType<WorkerApi['answer']>>, when: string): void {
  if (answer.intent.top === '') throw new Error(`${when}: the intent model did not run`);
}

/** Runs `body` on a fresh worker and always ends it. */
async function withFreshWorker<T>(body: (w: EngineWorker, started: number) => Promise<T>): Promise<T> {
  const started = performance.now();
  const w = startEngine();
  try {
    return await body(w, started);
  } finally {
    w.terminate();
    await settle(TEARDOWN_MS);
  }
}

/** Worker A: consent, events, one answer, one recommendation; returns once the cache holds every file. */
export async function prime(
  config: WorkerConfig,
  manifest: Manifest,
  itemIds: readonly string[],
): Promise<EngineBenchSamples['prime']> {
  return withFreshWorker(async ({ api }, started) => {
    await api.init(config);
    await api.setConsent({ personalize: true, share: false }, 'api');
    await expectPersonalized(api, 'after setConsent');
    const now = Date.now();
    for (let i = 0; i < PRIME_EVENTS; i++) {
      const r = await api.track(catalogEvent(itemIds, i, now - (PRIME_EVENTS - i) * 60_000));
      if (!r.stored) throw new Error(`prime event ${i} was not stored: ${r.reason}`);
    }
    expectClassified(await api.answer(FIRST_MESSAGE), 'prime answer');
    const recs = await api.recommend();
    if (recs.basis !== 'personal') throw new Error(`prime recommend fell back: ${recs.fallbackReason}`);
    const ms = performance.now() - started;
    // Cache writes finish after the loads they follow; ending the worker earlier would lose them.
    const deadline = performance.now() + CACHE_WAIT_MS;
    let files = await cachedModelFiles(manifest);
    while (files.missing.length > 0 && performance.now() < deadline) {
      await settle(100);
      files = await cachedModelFiles(manifest);
    }
    if (files.missing.length > 0) throw new Error(`not in the model cache: ${files.missing.join(', ')}`);
    return { ms, events: PRIME_EVENTS, cachedFiles: files.cached };
  });
}

/** Fresh worker → `init` → first `answer()`. */
export function firstAnswer(config: WorkerConfig): Promise<FirstCallRun> {
  return withFreshWorker(async ({ api }, started) => {
    await api.init(config);
    const initMs = performance.now() - started;
    const answer = await api.answer(FIRST_MESSAGE);
    const totalMs = performance.now() - started;
    expectClassified(answer, 'first answer');
    await expectPersonalized(api, 'first answer');
    return { totalMs, initMs };
  });
}

/** Fresh worker → `init` → first `recommend()`. */
export function firstRecommend(config: WorkerConfig): Promise<FirstCallRun> {
  return withFreshWorker(async ({ api }, started) => {
    await api.init(config);
    const initMs = performance.now() - started;
    const recs = await api.recommend();
    const totalMs = performance.now() - started;
    if (recs.basis !== 'personal') throw new Error(`first recommend fell back: ${recs.fallbackReason}`);
    return { totalMs, initMs };
  });
}

/** Fresh worker → `status` → `init` → `classify` → `answer`, each step timed. */
export function firstAnswerSplit(config: WorkerConfig): Promise<FirstAnswerSplit> {
  return withFreshWorker(async ({ api }, started) => {
    let t = started;
    const lap = () => {
      const now = performance.now();
      const ms = now - t;
      t = now;
      return ms;
    };
    await api.status();
    const workerStartMs = lap();
    await api.init(config);
    const initMs = lap();
    const intent = await api.classify(FIRST_MESSAGE);
    const classifyMs = lap();
    expectClassified(await api.answer(FIRST_MESSAGE), 'split answer');
    const answerMs = lap();
    return { workerStartMs, initMs, classifyMs, classifyInferenceMs: intent.inferenceMs, answerMs };
  });
}
