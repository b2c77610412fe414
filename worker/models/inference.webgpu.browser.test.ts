/**
 * The WebGPU path of `inference` in Chromium with SwiftShader's software adapter (the `webgpu`
 * instance in vitest.config.ts adds the flags): the shipped models give the same results on the
 * WebGPU build as on the wasm build, and the runtime reports which backend it really used.
 * SwiftShader runs on the CPU, so nothing here is about speed.
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
  type ShippedModels,
  topLabel,
} from '../../test/browser/model-cases';
import { configureRuntime, loadRuntime, runtimeBackend, runtimeBackendReason } from './inference';

const SERVER = location.origin;
const NOW = Date.UTC(2011, 11, 9, 12);

let models: ShippedModels;
let cases: Cases;
let want: Outputs;

const fetched = (pattern: RegExp) =>
  performance
    .getEntriesByType('resource')
    .map((e) => e.name)
    .filter((u) => pattern.test(u));

beforeAll(async () => {
  models = await loadShippedModels(SERVER);
  const all = buildCases(models, inject('intentSamples'), NOW);
  // SwiftShader is slow: fewer visitors (the last one is the cold visitor) and one message per intent.
  const seen = new Set<string>();
  cases = {
    recommend: all.recommend.slice(-8),
    segment: all.segment,
    intent: all.intent.filter(({ sample }) => !seen.has(sample.label) && Boolean(seen.add(sample.label))),
  };
  want = referenceOutputs(models, cases);
});

describe('WebGPU on a software adapter', () => {
  it('has a SwiftShader fallback adapter in this instance', async () => {
    const gpu = (
      navigator as { gpu?: { requestAdapter(): Promise<{ info?: Record<string, unknown> } | null> } }
    ).gpu;
    const adapter = await gpu?.requestAdapter();
    expect(adapter?.info).toMatchObject({ architecture: 'swiftshader', isFallbackAdapter: true });
  });

  it('declines a software adapter by default and stays on wasm without fetching the WebGPU build', async () => {
    configureRuntime({ webgpu: true });
    await loadRuntime();
    expect(runtimeBackend()).toBe('wasm');
    expect(runtimeBackendReason()).toMatch(/software fallback \(swiftshader\)/);
    expect(fetched(/ort\.webgpu|asyncify/)).toEqual([]);
  });

  let wasm: Outputs;
  it('wasm: matches the references', async () => {
    configureRuntime({ webgpu: false });
    wasm = await runCases(await createSessions(models), cases);
    expect(runtimeBackend()).toBe('wasm');
    expect(wasm.recommend.indices).toEqual(want.recommend.indices);
    expect(wasm.segment.ids).toEqual(want.segment.ids);
    expect(cases.intent).toHaveLength(models.intent.entry.labels.length);
    wasm.intent.probabilities.forEach((p, i) => {
      expect(maxAbsDiff(p, want.intent.probabilities[i] ?? [])).toBeLessThan(1e-4);
    });
  });

  it('webgpu: creates every session on WebGPU and reports it', async () => {
    configureRuntime({ webgpu: true, allowFallbackAdapter: true });
    const sessions = await createSessions(models);
    const reason = runtimeBackendReason();
    expect({ backend: runtimeBackend(), reason }).toEqual({ backend: 'webgpu', reason: undefined });
    expect([sessions.recommend, sessions.segment, sessions.intent].map((s) => s.backend)).toEqual([
      'webgpu',
      'webgpu',
      'webgpu',
    ]);
    expect(fetched(/ort\.webgpu/).length).toBeGreaterThan(0);
  });

  it('webgpu: the same top-K, segments and top intents as wasm, values within 1e-3', async () => {
    const gpu = await runCases(await createSessions(models), cases);
    expect(gpu.recommend.indices).toEqual(wasm.recommend.indices);
    gpu.recommend.scores.forEach((s, i) => {
      expect(maxAbsDiff(s, wasm.recommend.scores[i] ?? [])).toBeLessThan(1e-3);
    });
    expect(gpu.segment.ids).toEqual(wasm.segment.ids);
    gpu.segment.confidence.forEach((c, i) => {
      expect(maxAbsDiff(c, wasm.segment.confidence[i] ?? [])).toBeLessThan(1e-3);
    });
    const labels = (o: Outputs) => o.intent.probabilities.map((p) => topLabel(models, p));
    expect(labels(gpu)).toEqual(labels(wasm));
    gpu.intent.probabilities.forEach((p, i) => {
      expect(maxAbsDiff(p, wasm.intent.probabilities[i] ?? [])).toBeLessThan(1e-3);
    });
  });
});
