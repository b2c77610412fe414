/**
 * The one module that owns onnxruntime-web. It is imported lazily (only after consent), so neither
 * the runtime nor its wasm is fetched for a visitor who has not opted in. Sessions are created once
 * per model hash and runs are chained, because a wasm session must not run two inferences at once.
 *
 * Two builds exist: `onnxruntime-web/wasm` (always) and `onnxruntime-web/webgpu`, whose JS and much
 * larger wasm are fetched only when the engine allowed WebGPU and the device really has an adapter.
 */
import type { InferenceSession, Tensor } from 'onnxruntime-web/wasm';
import { ModelError } from '../protocol';

type Ort = typeof import('onnxruntime-web/wasm');

/** Where sessions run: the CPU (single-threaded wasm) or the GPU (WebGPU, unsupported ops on wasm). */
export type RuntimeBackend = 'wasm' | 'webgpu';

/** What the engine allows; set once at init, before any model loads. */
export interface RuntimeOptions {
  /** Use the WebGPU execution provider when the device has a WebGPU adapter. */
  readonly webgpu: boolean;
  /**
   * Accept a software adapter (`isFallbackAdapter`, e.g. SwiftShader). Off by default: on the CPU it
   * is slower than wasm for models this small; tests turn it on to check WebGPU correctness.
   */
  readonly allowFallbackAdapter?: boolean;
}

/** The structural part of `navigator.gpu` used here (TypeScript's DOM lib has no WebGPU types). */
interface GpuAdapterLike {
  readonly info?: { readonly isFallbackAdapter?: boolean; readonly architecture?: string };
  readonly isFallbackAdapter?: boolean;
}
interface GpuLike {
  requestAdapter(): Promise<GpuAdapterLike | null>;
}

interface Runtime {
  /** Mutable, with `ort`: a WebGPU session that fails switches the runtime to the wasm build for good. */
  backend: RuntimeBackend;
  ort: Promise<Ort>;
  /** Every WebGPU create and run, one at a time (see {@link createSession}). */
  readonly gpuQueue: SerialQueue;
}

/** Runs tasks one after another; a failed task does not stop the ones queued behind it. */
type SerialQueue = <T>(task: () => Promise<T>) => Promise<T>;

function serialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return (task) => {
    const next = tail.then(task);
    tail = next.catch(() => undefined);
    return next;
  };
}

let options: RuntimeOptions = { webgpu: false };
let runtimePromise: Promise<Runtime> | undefined;
let current: Runtime | undefined;
let reason: string | undefined;
const sessions = new Map<string, Promise<ModelSession>>();

/**
 * Sets what the runtime may use. Takes effect at the next {@link loadRuntime}; changing it after a
 * runtime was chosen drops the cached sessions so the next ones are created on the new choice.
 */
export function configureRuntime(next: RuntimeOptions): void {
  const changed =
    next.webgpu !== options.webgpu ||
    Boolean(next.allowFallbackAdapter) !== Boolean(options.allowFallbackAdapter);
  options = { ...next };
  if (changed && runtimePromise) {
    runtimePromise = undefined;
    current = undefined;
    reason = undefined;
    sessions.clear();
  }
}

/** The backend sessions run on, once the runtime is loaded; `undefined` before. */
export function runtimeBackend(): RuntimeBackend | undefined {
  return current?.backend;
}

/** Why the runtime is on wasm although WebGPU was considered (or why it was not), for status pages. */
export function runtimeBackendReason(): string | undefined {
  return reason;
}

/** Single-threaded, in this thread: at these model sizes threads and a proxy worker cost more than they save. */
function tune(ort: Ort): Ort {
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
  return ort;
}

/** Resolves to why WebGPU cannot be used here, or `undefined` when an acceptable adapter exists. */
async function webgpuUnavailable(allowFallback: boolean): Promise<string | undefined> {
  const gpu = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu;
  if (!gpu) return 'navigator.gpu is not available in this browser';
  let adapter: GpuAdapterLike | null;
  try {
    adapter = await gpu.requestAdapter();
  } catch (e) {
    return `requestAdapter() failed: ${(e as Error).message}`;
  }
  if (!adapter) return 'requestAdapter() returned no adapter';
  const fallback = adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false;
  if (fallback && !allowFallback) {
    return `the only WebGPU adapter is a software fallback (${adapter.info?.architecture || 'unknown'})`;
  }
  return undefined;
}

async function chooseRuntime(opts: RuntimeOptions): Promise<Runtime> {
  if (!opts.webgpu) {
    reason = 'WebGPU is not enabled';
  } else {
    const unavailable = await webgpuUnavailable(Boolean(opts.allowFallbackAdapter));
    if (unavailable) {
      reason = unavailable;
    } else {
      try {
        const ort = tune(await import('onnxruntime-web/webgpu'));
        reason = undefined;
        return { backend: 'webgpu', ort: Promise.resolve(ort), gpuQueue: serialQueue() };
      } catch (e) {
        reason = `the WebGPU build of onnxruntime-web could not be loaded: ${(e as Error).message}`;
      }
    }
  }
  return { backend: 'wasm', ort: Promise.resolve(await wasmBuild()), gpuQueue: serialQueue() };
}

async function wasmBuild(): Promise<Ort> {
  return tune(await import('onnxruntime-web/wasm'));
}

function runtime(): Promise<Runtime> {
  if (!runtimePromise) {
    const loading = chooseRuntime(options).then((r) => {
      // A reconfiguration while this was loading made it stale; the caller still gets a working one.
      if (runtimePromise === loading) current = r;
      return r;
    });
    runtimePromise = loading;
    loading.catch(() => {
      if (runtimePromise === loading) runtimePromise = undefined;
    });
  }
  return runtimePromise;
}

/** Loads the runtime once (the WebGPU build only when allowed and an adapter exists). */
export async function loadRuntime(): Promise<Ort> {
  return (await runtime()).ort;
}

/** A created session with a run queue. */
export interface ModelSession {
  /** Runs the model; calls are serialized. Resolves to the output tensors by name. */
  run(feeds: Record<string, Tensor>): Promise<Record<string, Tensor>>;
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  /** Where this session runs. */
  readonly backend: RuntimeBackend;
}

/** Creates (or returns the already created) session for a verified model file. */
export function sessionFor(sha256: string, bytes: Uint8Array): Promise<ModelSession> {
  let s = sessions.get(sha256);
  if (!s) {
    s = create(bytes);
    sessions.set(sha256, s);
    s.catch(() => sessions.delete(sha256));
  }
  return s;
}

/** Moves the runtime to the wasm build; the first reason is kept, later ones are its consequences. */
function fallBack(rt: Runtime, why: string): void {
  if (rt.backend !== 'webgpu') return;
  rt.backend = 'wasm';
  rt.ort = wasmBuild();
  reason = why;
}

/**
 * Creates a session on the runtime's backend. On WebGPU, ops the provider lacks run on wasm inside
 * the same session. WebGPU sessions are created one at a time because the provider refuses a second
 * creation while one is under way ("another WebGPU EP inference session is being created"). If a
 * WebGPU session cannot be created, or the provider did not start, this and every later session go to
 * the wasm-only build (today's path) and the reason is kept for {@link runtimeBackendReason}.
 */
async function createSession(rt: Runtime, bytes: Uint8Array): Promise<[InferenceSession, RuntimeBackend]> {
  if (rt.backend === 'webgpu') {
    const ort = await rt.ort;
    try {
      // A create queued behind one that failed finds the runtime on wasm already and goes there too.
      const session = await rt.gpuQueue(async () =>
        rt.backend === 'webgpu'
          ? ort.InferenceSession.create(bytes, { executionProviders: ['webgpu', 'wasm'] })
          : null,
      );
      // onnxruntime-web drops a provider that fails to initialize with only a console warning. The
      // WebGPU provider stores its device in `env.webgpu.device` once it has one (a plain field in
      // this build, though typed as a getter that would create a device).
      if (session && (ort.env.webgpu as { device?: unknown }).device) return [session, 'webgpu'];
      if (session) {
        await session.release().catch(() => undefined);
        fallBack(rt, 'the WebGPU execution provider did not start (onnxruntime-web dropped it)');
      }
    } catch (e) {
      fallBack(rt, `session creation on WebGPU failed: ${(e as Error).message}`);
    }
  }
  const ort = await rt.ort;
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  return [session, 'wasm'];
}

async function create(bytes: Uint8Array): Promise<ModelSession> {
  const rt = await runtime();
  let session: InferenceSession;
  let backend: RuntimeBackend;
  try {
    [session, backend] = await createSession(rt, bytes);
  } catch (e) {
    throw new ModelError('model_unavailable', `the model could not be loaded: ${(e as Error).message}`);
  }
  // A wasm session must not run two inferences at once; WebGPU runs share one device queue with
  // every other WebGPU session and create, so they all go through the runtime's queue.
  const queue = backend === 'webgpu' ? rt.gpuQueue : serialQueue();
  return {
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    backend,
    run: (feeds) => queue(() => session.run(feeds)),
  };
}

/** Builds a float32 tensor through the loaded runtime (either build's tensors feed either build's sessions). */
export async function float32Tensor(data: Float32Array, dims: readonly number[]): Promise<Tensor> {
  const ort = await loadRuntime();
  return new ort.Tensor('float32', data, dims);
}

/** Drops every session (revocation). */
export function releaseSessions(): void {
  sessions.clear();
}
