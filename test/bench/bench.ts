/**
 * Bench page entry. Starts the bench worker the way the frame starts the production worker (a
 * same-origin module worker, no `blob:`), relays its checkpoints to Playwright (which reads the
 * worker's heap over CDP, then calls `__benchResume`), then, once that worker is done, measures the
 * real engine (`bench-engine.ts`), and exposes the final answer as `window.__bench`.
 */
import { benchEngine } from './bench-engine';
import type {
  BenchPageResult,
  EngineOutcome,
  HeapSample,
  ResumeMessage,
  WorkerBenchResult,
  WorkerMessage,
} from './protocol';

function pageHeap(): HeapSample | null {
  const memory = (performance as Performance & { memory?: HeapSample }).memory;
  return memory ? { usedJSHeapSize: memory.usedJSHeapSize, totalJSHeapSize: memory.totalJSHeapSize } : null;
}

function finish(result: BenchPageResult): void {
  window.__bench = result;
  const status = document.getElementById('status');
  if (status) status.textContent = result.ok ? 'done' : `failed: ${result.error}`;
}

/**
 * Several times what the engine bench takes (about 15 s): a worker that never answers must end as an
 * engine failure, before Node's page timeout would throw the model bench's results away too.
 */
const ENGINE_TIMEOUT_MS = 90_000;

/** The engine bench; its failure is reported next to the model bench's results, not instead of them. */
async function engine(): Promise<EngineOutcome> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no result after ${ENGINE_TIMEOUT_MS / 1000} s`)),
      ENGINE_TIMEOUT_MS,
    );
  });
  try {
    return { ok: true, samples: await Promise.race([benchEngine(location.origin), timeout]) };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  } finally {
    clearTimeout(timer);
  }
}

async function afterModels(result: WorkerBenchResult): Promise<void> {
  // Read before the engine bench, so the page heap stays comparable with runs that had none.
  const heap = pageHeap();
  const status = document.getElementById('status');
  if (status) status.textContent = 'engine…';
  finish({ ok: true, worker: result, pageHeap: heap, engine: await engine() });
}

const worker = new Worker(new URL('./bench-worker.ts', import.meta.url), { type: 'module', name: 'bench' });
worker.onmessage = (e: MessageEvent<WorkerMessage>) => {
  const msg = e.data;
  if ('checkpoint' in msg) {
    const name = msg.checkpoint;
    window.__benchResume = () => {
      window.__benchCheckpoint = null;
      worker.postMessage({ resume: name } satisfies ResumeMessage);
    };
    window.__benchCheckpoint = name;
    return;
  }
  if (msg.ok) void afterModels(msg.result);
  else finish({ ok: false, error: msg.error });
  // The worker stays alive so the bench can read its heap over CDP; closing the browser ends it.
};
// A worker that fails to load or throws at top level never posts; surface that instead of a timeout.
worker.onerror = (e) => finish({ ok: false, error: `worker error: ${e.message || 'failed to load'}` });
