/**
 * Bench page entry. Starts the bench worker the way the frame starts the production worker (a
 * same-origin module worker, no `blob:`), relays its checkpoints to Playwright (which reads the
 * worker's heap over CDP, then calls `__benchResume`), and exposes its final answer as `window.__bench`.
 */
import type { BenchPageResult, HeapSample, ResumeMessage, WorkerMessage } from './protocol';

function pageHeap(): HeapSample | null {
  const memory = (performance as Performance & { memory?: HeapSample }).memory;
  return memory ? { usedJSHeapSize: memory.usedJSHeapSize, totalJSHeapSize: memory.totalJSHeapSize } : null;
}

function finish(result: BenchPageResult): void {
  window.__bench = result;
  const status = document.getElementById('status');
  if (status) status.textContent = result.ok ? 'done' : `failed: ${result.error}`;
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
  finish(msg.ok ? { ok: true, worker: msg.result, pageHeap: pageHeap() } : { ok: false, error: msg.error });
  // The worker stays alive so the bench can read its heap over CDP; closing the browser ends it.
};
// A worker that fails to load or throws at top level never posts; surface that instead of a timeout.
worker.onerror = (e) => finish({ ok: false, error: `worker error: ${e.message || 'failed to load'}` });
