/**
 * The worker's model path in real Chromium on the shipped artifacts: the manifest and files come over
 * HTTP from the test server's `/v1/*` routes (test/browser/serve-artifacts.ts), are sha256-checked by
 * `model-loader`, and run in `onnxruntime-web/wasm` through `inference`; inputs are built by the shared
 * feature module and outputs are held to the trainer's TypeScript references.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import {
  buildCases,
  type Cases,
  createSessions,
  loadShippedModels,
  maxAbsDiff,
  type Outputs,
  referenceOutputs,
  runCases,
  type Sessions,
  type ShippedModels,
  topLabel,
} from '../../test/browser/model-cases';
import { ModelError } from '../protocol';
import { configureRuntime, loadRuntime, runtimeBackend, runtimeBackendReason } from './inference';
import { loadVerifiedFile, sha256Hex } from './model-loader';

const SERVER = location.origin;
const NOW = Date.UTC(2011, 11, 9, 12);

let models: ShippedModels;
let cases: Cases;
let sessions: Sessions;
let got: Outputs;
let want: Outputs;

beforeAll(async () => {
  // What the engine does at init on a device where WebGPU is not wanted.
  configureRuntime({ webgpu: false });
  models = await loadShippedModels(SERVER);
  cases = buildCases(models, inject('intentSamples'), NOW);
  sessions = await createSessions(models);
  got = await runCases(sessions, cases);
  want = referenceOutputs(models, cases);
});

describe('model path in Chromium (wasm)', () => {
  it('loads the int8 variant of each model, byte-identical to the manifest hash', async () => {
    for (const m of [models.recommend, models.segment, models.intent]) {
      expect(m.file).toBe(m.entry.int8?.file);
      expect(m.bytes.byteLength).toBe(m.entry.int8?.bytes);
      expect(await sha256Hex(m.bytes)).toBe(m.sha256);
    }
  });

  it('refuses a file whose hash does not match the manifest', async () => {
    const err = await loadVerifiedFile(SERVER, models.segment.file, '0'.repeat(64)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelError);
    expect(err).toMatchObject({ code: 'model_integrity' });
  });

  it('runs on the wasm build, single-threaded, and says why not WebGPU', async () => {
    expect(runtimeBackend()).toBe('wasm');
    expect(runtimeBackendReason()).toBe('WebGPU is not enabled');
    expect([sessions.recommend, sessions.segment, sessions.intent].map((s) => s.backend)).toEqual([
      'wasm',
      'wasm',
      'wasm',
    ]);
    const ort = await loadRuntime();
    expect(ort.env.wasm.numThreads).toBe(1);
    expect(ort.env.wasm.proxy).toBe(false);
    // The WebGPU build was never requested: no asyncify wasm and no webgpu bundle were fetched.
    const fetched = performance.getEntriesByType('resource').map((e) => e.name);
    expect(fetched.some((u) => u.includes('ort-wasm-simd-threaded.wasm'))).toBe(true);
    expect(fetched.filter((u) => /asyncify|ort\.webgpu/.test(u))).toEqual([]);
  });

  it('recommend: the reference top-K indices, scores within 1e-4', () => {
    expect(got.recommend.indices).toEqual(want.recommend.indices);
    got.recommend.scores.forEach((s, i) => {
      expect(maxAbsDiff(s, want.recommend.scores[i] ?? [])).toBeLessThan(1e-4);
    });
  });

  it('segment: the reference segment for every vector, confidences within 1e-4', () => {
    expect(cases.segment.length).toBeGreaterThanOrEqual(30);
    expect(got.segment.ids).toEqual(want.segment.ids);
    // The cases must exercise more than one segment, or this would not tell segments apart.
    expect(new Set(got.segment.ids).size).toBeGreaterThan(1);
    got.segment.confidence.forEach((c, i) => {
      expect(maxAbsDiff(c, want.segment.confidence[i] ?? [])).toBeLessThan(1e-4);
    });
  });

  it('intent: the reference probabilities, and the training label as the top intent', () => {
    const labels = new Set(cases.intent.map((c) => c.sample.label));
    expect(labels.size).toBe(models.intent.entry.labels.length);
    got.intent.probabilities.forEach((p, i) => {
      expect(maxAbsDiff(p, want.intent.probabilities[i] ?? [])).toBeLessThan(1e-4);
    });
    const predicted = got.intent.probabilities.map((p) => topLabel(models, p));
    expect(predicted).toEqual(cases.intent.map((c) => c.sample.label));
  });
});
