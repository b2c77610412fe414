/**
 * Starts the worker on the widget origin and returns its typed API. Same-origin module worker, no
 * `blob:` URL, so a strict CSP on the frame still allows it.
 */
import { wrap } from 'comlink';
import { WORKER_API_METHODS, type WorkerApi, withTypedErrors } from '../../worker/protocol';

/** Spawns the worker and wraps it so that its errors arrive as typed `ConfideError`s. */
export function startWorker(): WorkerApi {
  const worker = new Worker(new URL('../../worker/worker.ts', import.meta.url), {
    type: 'module',
    name: 'confide',
  });
  return withTypedErrors(wrap<WorkerApi>(worker) as unknown as WorkerApi, WORKER_API_METHODS);
}
