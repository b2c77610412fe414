/**
 * The production worker as the frame starts it (`widget/frame/worker-client.ts`): the real entry
 * `worker/worker.ts` in a same-origin module worker, wrapped with comlink and typed errors. Unlike
 * the frame, the bench also keeps the `Worker` so it can end each one and time the next from zero.
 */
import { wrap } from 'comlink';
import {
  WORKER_API_METHODS,
  type WorkerApi,
  type WorkerConfig,
  withTypedErrors,
} from '../../worker/protocol';

/** One started engine worker. */
export interface EngineWorker {
  readonly api: WorkerApi;
  /** Ends the worker thread at once, as closing the frame does. */
  terminate(): void;
}

/** The configuration every engine worker of one bench run gets, so a stored consent is honoured. */
export function benchConfig(origin: string): WorkerConfig {
  return { site: 'bench', serverUrl: origin, notice: 'bench', gpc: false };
}

/** Starts the real worker entry; nothing is awaited, so a caller's clock includes the script load. */
export function startEngine(): EngineWorker {
  const worker = new Worker(new URL('../../worker/worker.ts', import.meta.url), {
    type: 'module',
    name: 'confide-engine',
  });
  const api = withTypedErrors(wrap<WorkerApi>(worker) as unknown as WorkerApi, WORKER_API_METHODS);
  return { api, terminate: () => worker.terminate() };
}

/** Resolves after `ms`: lets a terminated worker's teardown finish outside the next timed region. */
export function settle(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
