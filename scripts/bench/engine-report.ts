/**
 * The engine bench's part of the markdown table (`scripts/bench/report.ts` renders it): rows with
 * the budget verdict they are judged against, and the note under the table on how they were measured.
 */
import type { BudgetVerdict } from './budgets';
import type { EngineBench } from './engine-summary';
import { p95Text } from './stats';

/** Label, value, and the verdict the row is judged by (none for context rows). */
export type EngineRow = readonly [label: string, value: string, budget?: BudgetVerdict];

/** First open against the budget, then the warm worker's series. */
export function engineRows(e: EngineBench | null, b: Readonly<Record<string, BudgetVerdict>>): EngineRow[] {
  if (!e) return [['engine through worker/worker.ts', 'not measured (see failures)']];
  const split = e.firstAnswerBreakdown;
  const first = e.firstAnswerMs;
  const firstRec = e.firstRecommendMs;
  return [
    [
      `first answer: fresh worker → init → answer(), warm caches (median / max of ${first.runs})`,
      `${first.median} / ${first.max} ms (init done at ${first.initMedian} ms; runs ${first.all.join(', ')})`,
      b.firstAnswer,
    ],
    [
      `… worker start / init / intent model ready + classify / answer after it (median of ${split.runs})`,
      `${split.workerStartMs} / ${split.initMs} / ${split.classifyMs} (of which run ${split.classifyInferenceMs}) / ${split.answerMs} ms`,
    ],
    [
      '… of model ready: reading + verifying the 6 cached files alone (page, median)',
      `${split.modelCacheReadMs} ms`,
    ],
    [
      `first recommendations: fresh worker → init → recommend() (median / max of ${firstRec.runs})`,
      `${firstRec.median} / ${firstRec.max} ms (init done at ${firstRec.initMedian} ms; runs ${firstRec.all.join(', ')})`,
    ],
    [
      `engine answer() round trip p50 / p95 (${e.answer.runs} calls, ${e.answer.messages} messages)`,
      `${e.answer.p50} / ${p95Text(e.answer)}, mean ${e.answer.mean} ms`,
      b.engineAnswerP95,
    ],
    [
      '… intent inference inside answer() p50 / p95',
      `${e.answer.intentInference.p50} / ${p95Text(e.answer.intentInference)}`,
      b.engineIntentP95,
    ],
    [
      `engine recommend() round trip p50 / p95 (${e.recommend.runs} calls)`,
      `${e.recommend.p50} / ${p95Text(e.recommend)}, mean ${e.recommend.mean} ms`,
    ],
    [
      '… session.run inside recommend() p50 / p95',
      `${e.recommend.sessionRun.p50} / ${p95Text(e.recommend.sessionRun)}`,
      b.engineRecommendP95,
    ],
    [
      `engine track() → IndexedDB, ${e.track.events} sequential awaited calls (ingest.trackPerSec)`,
      `${e.track.perSec} events/s (p50 / p95 ${e.track.p50} / ${e.track.p95} ms per call; p50 first / last 100: ${e.track.p50First100} / ${e.track.p50Last100} ms)`,
    ],
  ];
}

/** How the engine rows were measured, for the note under the table. */
export function engineNote(e: EngineBench): string {
  const n = e.schedulerNoise;
  const f = e.forgotten;
  return (
    'Engine: the real worker entry (worker/worker.ts behind comlink, typed errors) started from the bench page as the frame starts it, ' +
    `timed on the page thread after the model bench; caches primed by a first worker (${e.prime.events} events, ${e.prime.cachedFiles.length} files in the model cache). ` +
    'First-open runs each use a fresh worker; the split runs add a status() and a classify() round trip. ' +
    `Warm series on one worker, ${e.warmupCalls} discarded calls before each, answer → recommend → track with nothing in between; ` +
    'answer() includes redaction, classification, decision, AES-GCM sealing and two transcript writes. ' +
    `Page-thread scheduler probe before the series: ${n.gapsOver1ms} stalls > 1 ms in ${n.probeMs} ms (max ${n.maxGapMs} ms). ` +
    `forget() at the end left ${f.events} events, ${f.messages} messages, databases [${f.databases.join(', ')}], model cache ${f.modelCache ? 'present' : 'gone'}.`
  );
}
