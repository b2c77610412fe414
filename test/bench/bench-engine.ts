/**
 * The engine bench: the product path, measured from the page through the real worker entry
 * (`worker/worker.ts` behind comlink, as the frame runs it) once the model bench is done. Priming
 * (`engine-first-open`), fresh-worker first answers and recommendations, then one warm worker's
 * series (`engine-warm`), and finally `forget()`, checked to leave no database, cache or event.
 * Runs are strictly one after another: one worker at a time, nothing else timed in between.
 */
import { DB_NAME } from '../../worker/storage';
import { benchConfig, settle, startEngine } from './engine-client';
import { firstAnswer, firstAnswerSplit, firstRecommend, prime } from './engine-first-open';
import { cacheReadVerifyMs, catalogIds, originStorage } from './engine-storage';
import { WARMUP_CALLS, warmSeries } from './engine-warm';
import type { EngineBenchSamples, FirstAnswerSplit, FirstCallRun } from './protocol';

/** Fresh workers timed to their first answer, and as many to their first recommendations. */
const FIRST_RUNS = 5;
/** Fresh workers whose first answer is split into its steps. */
const SPLIT_RUNS = 3;
/** Lets the background refreshes of the last tracked events end before `forget()` is timed out. */
const QUIET_MS = 500;

async function repeat<T>(times: number, run: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < times; i++) out.push(await run());
  return out;
}

/** Runs the whole engine bench against the sync server at `origin` (the page's own). */
export async function benchEngine(origin: string): Promise<EngineBenchSamples> {
  const config = benchConfig(origin);
  const { manifest, ids } = await catalogIds(origin);
  const primed = await prime(config, manifest, ids);

  const firstAnswers: FirstCallRun[] = await repeat(FIRST_RUNS, () => firstAnswer(config));
  const firstRecommends: FirstCallRun[] = await repeat(FIRST_RUNS, () => firstRecommend(config));
  const splits: FirstAnswerSplit[] = await repeat(SPLIT_RUNS, () => firstAnswerSplit(config));
  const modelCacheReadMs = await repeat(SPLIT_RUNS, () => cacheReadVerifyMs(manifest));

  const worker = startEngine();
  try {
    const status = await worker.api.init(config);
    if (status.consent?.personalize !== true) throw new Error('the warm worker found no stored consent');
    const series = await warmSeries(worker.api, ids);

    await settle(QUIET_MS);
    await worker.api.forget();
    // Read again after a pause: a refresh still running at `forget()` must not have written anything.
    await settle(QUIET_MS);
    const after = await worker.api.status();
    const storage = await originStorage();
    const forgotten = { events: after.events, messages: after.messages, ...storage };
    if (
      after.events !== 0 ||
      after.messages !== 0 ||
      after.consent !== null ||
      storage.databases.includes(DB_NAME) ||
      storage.modelCache
    ) {
      throw new Error(`forget() left something behind: ${JSON.stringify({ ...forgotten, after })}`);
    }
    return {
      prime: primed,
      firstAnswer: firstAnswers,
      firstRecommend: firstRecommends,
      firstAnswerSplit: splits,
      modelCacheReadMs,
      ...series,
      warmupCalls: WARMUP_CALLS,
      forgotten,
    };
  } finally {
    worker.terminate();
  }
}
