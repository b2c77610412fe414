/**
 * The scheduler-noise probe, run by the bench worker after the model runs and by the page thread
 * around the engine's round trips: on a machine with two cores, a preempted thread turns a 0.2 ms run
 * or a 5 ms round trip into several times that, and the probe says whether that happened.
 */
import type { SchedulerNoise } from './protocol';

/**
 * Busy-loops for `durationMs`, recording every gap between two clock reads longer than 1 ms. On a
 * quiet machine there are none; when there are, they explain the tail of the timings.
 */
export function schedulerNoise(durationMs: number): SchedulerNoise {
  const start = performance.now();
  let last = start;
  let gaps = 0;
  let maxGap = 0;
  for (let now = start; now - start < durationMs; now = performance.now()) {
    const gap = now - last;
    if (gap > 1) gaps++;
    maxGap = Math.max(maxGap, gap);
    last = now;
  }
  return { probeMs: durationMs, gapsOver1ms: gaps, maxGapMs: maxGap };
}
