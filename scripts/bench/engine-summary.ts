/**
 * Node side of the engine bench: turns the page's raw samples (`EngineBenchSamples`) into the
 * `engine` section of `bench-results.json`. Statistics as for the model bench (`scripts/bench/stats`).
 */

import type { EngineBenchSamples, FirstCallRun, SchedulerNoise } from '../../test/bench/protocol';
import { type Latency, latencyOf, median, percentile, round } from './stats';

/** Fresh workers timed to a first result, in ms. */
export interface FirstCall {
  readonly median: number;
  readonly max: number;
  readonly runs: number;
  /** Median of `new Worker` → `init` resolved, the part before the call itself. */
  readonly initMedian: number;
  /** Every run, in order: the first after priming can differ from the rest. */
  readonly all: readonly number[];
}

/** The `engine` section: everything through `worker/worker.ts` behind comlink, ms unless named. */
export interface EngineBench {
  /** Fresh worker → `init` → first `answer()` with warm caches (budget ≤ 300 ms). */
  readonly firstAnswerMs: FirstCall;
  /** Fresh worker → `init` → first `recommend()`. */
  readonly firstRecommendMs: FirstCall;
  /** Medians of the split runs' steps (see `FirstAnswerSplit`); they add an extra round trip. */
  readonly firstAnswerBreakdown: {
    readonly workerStartMs: number;
    readonly initMs: number;
    readonly classifyMs: number;
    readonly classifyInferenceMs: number;
    readonly answerMs: number;
    readonly runs: number;
    /**
     * Reading the six cached files and checking their sha256, timed separately on the page: the
     * cache's share of `classifyMs`; the rest is the runtime (import, wasm compile) and the sessions.
     */
    readonly modelCacheReadMs: number;
  };
  /** `answer()` round trips on a warm worker, and the intent inference the engine reported in them. */
  readonly answer: Latency & {
    readonly mean: number;
    readonly messages: number;
    readonly rules: Readonly<Record<string, number>>;
    readonly intentInference: Latency;
  };
  /** `recommend()` round trips, and the personal model's session.run the engine reported in them. */
  readonly recommend: Latency & {
    readonly mean: number;
    readonly basis: Readonly<Record<string, number>>;
    readonly sessionRun: Latency;
  };
  /** Sequential awaited `track()` calls: events/s and per-call latency. */
  readonly track: {
    readonly perSec: number;
    readonly events: number;
    readonly p50: number;
    readonly p95: number;
    /** p50 of the first and of the last 100 calls: whether a call costs more as events pile up. */
    readonly p50First100: number;
    readonly p50Last100: number;
  };
  /** Discarded calls before each warm series. */
  readonly warmupCalls: number;
  readonly prime: EngineBenchSamples['prime'];
  /** The page thread's probe right before the warm series. */
  readonly schedulerNoise: SchedulerNoise;
  readonly forgotten: EngineBenchSamples['forgotten'];
}

const latency = latencyOf;

const mean = (samples: readonly number[]) =>
  round(samples.reduce((a, b) => a + b, 0) / Math.max(1, samples.length), 3);

function firstCall(runs: readonly FirstCallRun[]): FirstCall {
  const totals = runs.map((r) => r.totalMs);
  return {
    median: round(median(totals), 1),
    max: round(Math.max(...totals), 1),
    runs: runs.length,
    initMedian: round(median(runs.map((r) => r.initMs)), 1),
    all: totals.map((t) => round(t, 1)),
  };
}

/** Summarizes the engine samples. Throws on an empty series (the page checked they are not). */
export function summarizeEngine(s: EngineBenchSamples): EngineBench {
  const split = (pick: (x: EngineBenchSamples['firstAnswerSplit'][number]) => number) =>
    round(median(s.firstAnswerSplit.map(pick)), 1);
  return {
    firstAnswerMs: firstCall(s.firstAnswer),
    firstRecommendMs: firstCall(s.firstRecommend),
    firstAnswerBreakdown: {
      workerStartMs: split((x) => x.workerStartMs),
      initMs: split((x) => x.initMs),
      classifyMs: split((x) => x.classifyMs),
      classifyInferenceMs: split((x) => x.classifyInferenceMs),
      answerMs: split((x) => x.answerMs),
      runs: s.firstAnswerSplit.length,
      modelCacheReadMs: round(median(s.modelCacheReadMs), 1),
    },
    answer: {
      ...latency(s.answer.totalMs),
      mean: mean(s.answer.totalMs),
      messages: s.answer.messages,
      rules: s.answer.rules,
      intentInference: latency(s.answer.intentMs),
    },
    recommend: {
      ...latency(s.recommend.totalMs),
      mean: mean(s.recommend.totalMs),
      basis: s.recommend.basis,
      sessionRun: latency(s.recommend.inferenceMs),
    },
    track: {
      perSec: round((s.track.events / s.track.ms) * 1000, 0),
      events: s.track.events,
      p50: round(percentile(s.track.callMs, 50)),
      p95: round(percentile(s.track.callMs, 95)),
      p50First100: round(median(s.track.callMs.slice(0, 100))),
      p50Last100: round(median(s.track.callMs.slice(-100))),
    },
    warmupCalls: s.warmupCalls,
    prime: { ...s.prime, ms: round(s.prime.ms, 1) },
    schedulerNoise: { ...s.noise, maxGapMs: round(s.noise.maxGapMs, 1) },
    forgotten: s.forgotten,
  };
}
