import { describe, expect, it } from 'vitest';
import type { WorkerApi } from '../../worker/protocol';
import { lazyWorker } from './worker-client';

describe('lazy worker', () => {
  it('starts nothing until the first call, then starts once and forwards every call', async () => {
    let starts = 0;
    const calls: string[] = [];
    const fake = new Proxy({} as WorkerApi, {
      get:
        (_t, key) =>
        async (...args: unknown[]) => {
          calls.push(`${String(key)}(${args.join(',')})`);
          return key === 'classify' ? { intent: null } : undefined;
        },
    });
    const worker = lazyWorker(() => {
      starts++;
      return fake;
    });
    expect(worker.started).toBe(false);
    expect(starts).toBe(0);
    expect(await worker.classify('hi')).toEqual({ intent: null });
    await worker.rate({ rating: 'happy' });
    expect(worker.started).toBe(true);
    expect(starts).toBe(1);
    expect(calls).toEqual(['classify(hi)', 'rate([object Object])']);
  });

  it('start() spawns the worker once without calling it', () => {
    let starts = 0;
    const worker = lazyWorker(() => {
      starts++;
      return {} as WorkerApi;
    });
    worker.start();
    worker.start();
    expect(worker.started).toBe(true);
    expect(starts).toBe(1);
  });
});
