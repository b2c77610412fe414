/**
 * `inference` in Node: the wasm build is the real onnxruntime-web (it runs in Node) on a shipped model.
 * Node has no WebGPU, so there `navigator.gpu` is replaced by a fake adapter source and `onnxruntime-web/webgpu` is replaced by a
 * fake that can succeed, throw, or come up without a device: the only way to drive the backend choice
 * and its fallbacks here. The real WebGPU build is tested in inference.webgpu.browser.test.ts.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';

type Inference = typeof import('./inference');
type Mode = 'ok' | 'throw' | 'no-device';

const MODEL = readFileSync('models/artifacts/segment-int8.onnx');
const bytes = () => new Uint8Array(MODEL);
const HASH = 'segment-int8';
const delay = () => new Promise((done) => setTimeout(done, 5));

/** A stand-in for the WebGPU build that records what it was asked to do. */
function fakeWebgpuBuild(mode: Mode) {
  const state = { imported: 0, creates: [] as unknown[], active: 0, maxActive: 0, released: 0 };
  const env: { wasm: Record<string, unknown>; webgpu: { device?: object } } = { wasm: {}, webgpu: {} };
  // Every create and run marks itself active across an await, so overlapping calls would show.
  const busy = async <T>(value: T): Promise<T> => {
    state.active++;
    state.maxActive = Math.max(state.maxActive, state.active);
    await delay();
    state.active--;
    return value;
  };
  const module = {
    env,
    Tensor: class {
      constructor(
        readonly type: string,
        readonly data: unknown,
        readonly dims: readonly number[],
      ) {}
    },
    InferenceSession: {
      async create(_model: Uint8Array, options: { executionProviders: unknown[] }) {
        state.creates.push(options.executionProviders);
        if (mode === 'throw') throw new Error('WebGPU device lost');
        if (mode === 'ok') env.webgpu.device = {};
        return busy({
          inputNames: ['features'],
          outputNames: ['segment', 'confidence'],
          run: () => busy({}),
          release: async () => {
            state.released++;
          },
        });
      },
    },
  };
  return { state, module };
}

/** A fresh copy of the module (its state is module-level) with the given WebGPU fake. */
async function fresh(
  mode: Mode = 'ok',
): Promise<{ inference: Inference; fake: ReturnType<typeof fakeWebgpuBuild> }> {
  vi.resetModules();
  const fake = fakeWebgpuBuild(mode);
  vi.doMock('onnxruntime-web/webgpu', () => {
    fake.state.imported++;
    return fake.module;
  });
  return { inference: await import('./inference'), fake };
}

const realNavigator = Object.getOwnPropertyDescriptor(globalThis, 'navigator');

/** Gives `navigator` a `gpu` whose `requestAdapter()` yields `adapter`; `undefined`: no `navigator.gpu`. */
function fakeGpu(adapter: object | null | undefined): void {
  const value = adapter === undefined ? {} : { gpu: { requestAdapter: async () => adapter } };
  Object.defineProperty(globalThis, 'navigator', { value, configurable: true, writable: true });
}

const hardware = { info: { architecture: 'gen-12', isFallbackAdapter: false } };

async function runSegment(inference: Inference, session: Awaited<ReturnType<Inference['sessionFor']>>) {
  const x = await inference.float32Tensor(new Float32Array(19), [1, 19]);
  return session.run({ features: x });
}

afterEach(() => {
  vi.doUnmock('onnxruntime-web/webgpu');
  if (realNavigator) Object.defineProperty(globalThis, 'navigator', realNavigator);
  else Reflect.deleteProperty(globalThis, 'navigator');
});

describe('inference on the wasm build', () => {
  it('uses wasm, single-threaded, when WebGPU is not enabled, and never imports the WebGPU build', async () => {
    const { inference, fake } = await fresh();
    fakeGpu(hardware);
    expect(inference.runtimeBackend()).toBeUndefined();
    inference.configureRuntime({ webgpu: false });
    const session = await inference.sessionFor(HASH, bytes());
    expect(session.backend).toBe('wasm');
    expect(inference.runtimeBackend()).toBe('wasm');
    expect(inference.runtimeBackendReason()).toBe('WebGPU is not enabled');
    const ort = await inference.loadRuntime();
    expect([ort.env.wasm.numThreads, ort.env.wasm.proxy]).toEqual([1, false]);
    const out = await runSegment(inference, session);
    expect(Object.keys(out).sort()).toEqual(['confidence', 'segment']);
    expect(out.confidence?.dims).toEqual([1, 3]);
    expect(fake.state.imported).toBe(0);
  });

  it('creates one session per hash until sessions are released', async () => {
    const { inference } = await fresh();
    const first = inference.sessionFor(HASH, bytes());
    expect(inference.sessionFor(HASH, bytes())).toBe(first);
    await first;
    inference.releaseSessions();
    const second = inference.sessionFor(HASH, bytes());
    expect(second).not.toBe(first);
    expect((await second).backend).toBe('wasm');
  });

  it('reports a model that cannot be loaded as a ModelError and does not keep the failure', async () => {
    const { inference } = await fresh();
    const err = await inference.sessionFor('h', new Uint8Array([1, 2, 3])).catch((e: unknown) => e);
    // By name: each fresh copy of `inference` has its own copy of `errors`, so instanceof cannot hold.
    expect(err).toMatchObject({ name: 'ModelError', code: 'model_unavailable' });
    expect((await inference.sessionFor('h', bytes())).backend).toBe('wasm');
  });
});

describe('choosing WebGPU', () => {
  it.each([
    ['no navigator.gpu', undefined, /navigator\.gpu is not available/],
    ['no adapter', null, /returned no adapter/],
    [
      'only a software adapter',
      { info: { architecture: 'swiftshader', isFallbackAdapter: true } },
      /software fallback \(swiftshader\)/,
    ],
  ])('stays on wasm with %s, says why, and never imports the WebGPU build', async (_, adapter, why) => {
    const { inference, fake } = await fresh();
    fakeGpu(adapter);
    inference.configureRuntime({ webgpu: true });
    expect((await inference.sessionFor(HASH, bytes())).backend).toBe('wasm');
    expect(inference.runtimeBackend()).toBe('wasm');
    expect(inference.runtimeBackendReason()).toMatch(why);
    expect(fake.state.imported).toBe(0);
  });

  it('creates sessions with [webgpu, wasm] one at a time, and runs them through one queue', async () => {
    const { inference, fake } = await fresh('ok');
    fakeGpu(hardware);
    inference.configureRuntime({ webgpu: true });
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((h) => inference.sessionFor(h, bytes())));
    expect([a?.backend, b?.backend, c?.backend]).toEqual(['webgpu', 'webgpu', 'webgpu']);
    expect(inference.runtimeBackend()).toBe('webgpu');
    expect(inference.runtimeBackendReason()).toBeUndefined();
    expect(fake.state.imported).toBe(1);
    expect(fake.state.creates).toEqual([
      ['webgpu', 'wasm'],
      ['webgpu', 'wasm'],
      ['webgpu', 'wasm'],
    ]);
    if (!a || !b) throw new Error('no sessions');
    await Promise.all([runSegment(inference, a), runSegment(inference, b), runSegment(inference, a)]);
    expect(fake.state.maxActive).toBe(1);
  });

  it('accepts a software adapter only when allowed', async () => {
    const { inference } = await fresh('ok');
    fakeGpu({ info: { architecture: 'swiftshader', isFallbackAdapter: true } });
    inference.configureRuntime({ webgpu: true, allowFallbackAdapter: true });
    expect((await inference.sessionFor(HASH, bytes())).backend).toBe('webgpu');
  });

  it('falls back to the wasm build when a WebGPU session cannot be created, and remembers why', async () => {
    const { inference, fake } = await fresh('throw');
    fakeGpu(hardware);
    inference.configureRuntime({ webgpu: true });
    const [session, other] = await Promise.all([
      inference.sessionFor(HASH, bytes()),
      inference.sessionFor('x', bytes()),
    ]);
    expect([session.backend, other.backend]).toEqual(['wasm', 'wasm']);
    expect(inference.runtimeBackend()).toBe('wasm');
    expect(inference.runtimeBackendReason()).toBe('session creation on WebGPU failed: WebGPU device lost');
    // The fallback session is real: it runs the model.
    expect((await runSegment(inference, session)).confidence?.dims).toEqual([1, 3]);
    // The create queued behind the failed one, and every later one, go straight to wasm.
    await inference.sessionFor('later', bytes());
    expect(fake.state.creates).toHaveLength(1);
  });

  it('falls back when the WebGPU provider did not start, releasing the session it made', async () => {
    const { inference, fake } = await fresh('no-device');
    fakeGpu(hardware);
    inference.configureRuntime({ webgpu: true });
    expect((await inference.sessionFor(HASH, bytes())).backend).toBe('wasm');
    expect(inference.runtimeBackendReason()).toMatch(/did not start/);
    expect(fake.state.released).toBe(1);
  });

  it('re-decides on the next session when the options change after loading', async () => {
    const { inference } = await fresh('ok');
    fakeGpu(hardware);
    const before = await inference.sessionFor(HASH, bytes());
    expect(before.backend).toBe('wasm');
    inference.configureRuntime({ webgpu: true });
    expect(inference.runtimeBackend()).toBeUndefined();
    const after = await inference.sessionFor(HASH, bytes());
    expect(after).not.toBe(before);
    expect(after.backend).toBe('webgpu');
  });
});
