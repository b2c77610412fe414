import { describe, expect, it } from 'vitest';
import { coalesce } from './coalesce';

/** A task whose runs finish only when the test releases them. */
function gatedTask() {
  const releases: (() => void)[] = [];
  let runs = 0;
  const task = () =>
    new Promise<void>((resolve) => {
      runs += 1;
      releases.push(resolve);
    });
  return {
    task,
    runs: () => runs,
    release: async () => {
      releases.shift()?.();
      // Let the finished run's continuations (and a queued run's start) happen.
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
  };
}

describe('coalesce', () => {
  it('runs once per trigger when triggers do not overlap', async () => {
    let runs = 0;
    const go = coalesce(async () => {
      runs += 1;
    });
    await go();
    await go();
    expect(runs).toBe(2);
  });

  it('folds every trigger made during a run into exactly one more run', async () => {
    const t = gatedTask();
    const go = coalesce(t.task);
    const first = go();
    await Promise.resolve();
    expect(t.runs()).toBe(1);
    const later = [go(), go(), go()];
    expect(later[0]).toBe(later[2]);
    await t.release();
    expect(t.runs()).toBe(2);
    await t.release();
    await Promise.all([first, ...later]);
    expect(t.runs()).toBe(2);
  });

  it('resolves a trigger only after a run that started after it', async () => {
    const t = gatedTask();
    const go = coalesce(t.task);
    void go();
    await Promise.resolve();
    let done = false;
    void go().then(() => {
      done = true;
    });
    await t.release();
    expect(done).toBe(false);
    await t.release();
    expect(done).toBe(true);
  });

  it('keeps going after a failed run', async () => {
    let runs = 0;
    const go = coalesce(async () => {
      runs += 1;
      if (runs === 1) throw new Error('first run fails');
    });
    await go();
    await go();
    expect(runs).toBe(2);
  });

  it('runs nothing more once stopped', async () => {
    const t = gatedTask();
    const go = coalesce(t.task);
    void go();
    await Promise.resolve();
    const queued = go();
    go.stop();
    await t.release();
    await queued;
    await go();
    expect(t.runs()).toBe(1);
  });
});
