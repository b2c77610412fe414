/**
 * Starts the worker on the widget origin and returns its typed API. Same-origin module worker, no
 * `blob:` URL, so a strict CSP on the frame still allows it. The worker is started lazily, at its
 * first call: a visitor who has not consented and has not opened the chat never downloads the worker
 * script, never starts it and never loads the runtime (the controller decides when it is wanted).
 */
import { wrap } from 'comlink';
import { WORKER_API_METHODS, type WorkerApi, withTypedErrors } from '../../worker/protocol';

/** The worker's API, started at its first call. */
export interface LazyWorker extends WorkerApi {
  /** Whether any call has started the worker yet. */
  readonly started: boolean;
  /** Starts the worker now, without calling it: its scripts load while the frame still waits. */
  start(): void;
}

/** Spawns the worker and wraps it so that its errors arrive as typed `ConfideError`s. */
export function startWorker(): WorkerApi {
  const worker = new Worker(new URL('../../worker/worker.ts', import.meta.url), {
    type: 'module',
    name: 'confide',
  });
  return withTypedErrors(wrap<WorkerApi>(worker) as unknown as WorkerApi, WORKER_API_METHODS);
}

/** A {@link LazyWorker} over `start` (by default {@link startWorker}), which runs once, at the first call. */
export function lazyWorker(start: () => WorkerApi = startWorker): LazyWorker {
  let api: WorkerApi | null = null;
  const out: Record<string, unknown> = {};
  for (const key of WORKER_API_METHODS) {
    out[key] = (...args: unknown[]) => {
      api ??= start();
      return (api[key] as (...a: unknown[]) => unknown)(...args);
    };
  }
  Object.defineProperty(out, 'started', { get: () => api !== null });
  out.start = () => {
    api ??= start();
  };
  return out as unknown as LazyWorker;
}
