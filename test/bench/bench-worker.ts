/**
 * The benchmark itself, in a module worker like production: inference through the real worker
 * modules (`bench-models.ts`) and event ingest through the IndexedDB store (`store`). It stops at two
 * checkpoints, before anything of onnxruntime-web or the models is loaded and after the three
 * sessions exist, so the bench can read this worker's heap over CDP at both.
 */
import { destroyStore, openStore } from '../../worker/storage';
import { benchInference, loadModels } from './bench-models';
import type { Checkpoint, ResumeMessage, WorkerBenchResult, WorkerMessage } from './protocol';
import { schedulerNoise } from './scheduler-noise';
import { wasmMemoryBytes, watchWasmMemory } from './wasm-memory';

const INGEST_EVENTS = 1000;
const NOISE_PROBE_MS = 300;

/** Tells the page where the worker is and waits until Playwright lets it go on. */
function checkpoint(name: Checkpoint): Promise<void> {
  return new Promise((resume) => {
    const onMessage = (e: MessageEvent<ResumeMessage>) => {
      if (e.data?.resume !== name) return;
      removeEventListener('message', onMessage);
      resume();
    };
    addEventListener('message', onMessage);
    postMessage({ checkpoint: name } satisfies WorkerMessage);
  });
}

/** Sequential awaited writes, as the engine does one `track` at a time. */
async function benchIngest(): Promise<{ events: number; ms: number }> {
  const store = await openStore({ create: true });
  if (!store) throw new Error('openStore({create: true}) returned no store');
  try {
    const now = Date.now();
    const stamp = Math.floor(now).toString(36);
    // The first writes pay for object store setup; they are not what a visitor's tracking costs.
    for (let i = 0; i < 20; i++) {
      await store.addEvent({ type: 'page_view', props: { path: '/warmup' }, ts: now, id: `w-${stamp}-${i}` });
    }
    const started = performance.now();
    for (let i = 0; i < INGEST_EVENTS; i++) {
      const added = await store.addEvent({
        type: i % 4 === 0 ? 'add_to_cart' : 'item_view',
        props: { item: `item-${i % 200}` },
        ts: now + i,
        id: `e-${stamp}-${i}`,
      });
      if (!added) throw new Error(`event ${i} was reported as a duplicate`);
    }
    const ms = performance.now() - started;
    const stored = await store.countEvents();
    if (stored < INGEST_EVENTS) throw new Error(`only ${stored} of ${INGEST_EVENTS} events were stored`);
    return { events: INGEST_EVENTS, ms };
  } finally {
    await destroyStore(store);
  }
}

async function main(): Promise<WorkerBenchResult> {
  watchWasmMemory();
  await checkpoint('beforeModels');
  const beforeModels = wasmMemoryBytes();
  const models = await loadModels(location.origin);
  await checkpoint('afterModels');
  const afterModels = wasmMemoryBytes();
  const inference = await benchInference(models);
  const wasmMemory = { beforeModels, afterModels, afterRuns: wasmMemoryBytes() };
  const noise = schedulerNoise(NOISE_PROBE_MS);
  const ingest = await benchIngest();
  // The worker's heap is read by the bench over CDP: `performance.memory` is not exposed in workers.
  return { ...inference, wasmMemoryBytes: wasmMemory, noise, ingest };
}

main().then(
  (result) => postMessage({ ok: true, result } satisfies WorkerMessage),
  (err: unknown) =>
    postMessage({
      ok: false,
      error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
    } satisfies WorkerMessage),
);
