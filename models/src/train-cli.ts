/**
 * `npm run train`: for each task, load → evaluate on a held-out split → fit on all rows → write the
 * model files and merge the task's entry into DIR/manifest.json (other entries are kept). With
 * `--task all` (the default) that is recommend + segment on the interaction data and the shipped
 * intent model. The manifest's metrics come from the evaluation step of this same run.
 */
import { type ManifestFile, mergeManifest } from './artifacts';
import { parseRunArgs, type Task, usage } from './cli-options';
import { ResourceMeter } from './resource-meter';
import { loadRunData, type RunData } from './run-data';
import { type IntentTaskResult, runIntentTask } from './tasks/intent-task';
import { type RecommendTaskResult, runRecommendTask } from './tasks/recommend-task';
import { runSegmentTask, type SegmentTaskResult } from './tasks/segment-task';

/** What a training run produced. */
export interface TrainOutcome {
  readonly outDir: string;
  readonly manifest: ManifestFile;
  readonly recommend?: RecommendTaskResult;
  readonly segment?: SegmentTaskResult;
  readonly intent?: IntentTaskResult;
  /** Milliseconds: reading + cleaning the interactions, each task, whole run. */
  readonly timings: Readonly<Record<string, number>>;
  readonly peakRssBytes: number;
}

/** The tasks `task` stands for, in run order. */
export function expandTask(task: Task): ('recommend' | 'segment' | 'intent')[] {
  // Segment first: the recommender's audit groups its test customers by the fitted segments.
  return task === 'all' ? ['segment', 'recommend', 'intent'] : [task];
}

/**
 * Runs the train command on `argv` (flags only). Returns `null` after printing help.
 * Throws `UsageError` for bad flags and `DataError` (or the task's own error) for unusable input.
 */
export async function runTrain(
  argv: readonly string[],
  log: (line: string) => void = console.log,
): Promise<TrainOutcome | null> {
  const config = parseRunArgs(argv);
  if (config === 'help') {
    log(usage('train'));
    return null;
  }
  const meter = new ResourceMeter();
  try {
    const tasks = expandTask(config.task);
    const timings: Record<string, number> = {};
    let run: RunData | undefined;
    if (tasks.includes('recommend') || tasks.includes('segment')) {
      run = await loadRunData(config, log);
      timings.loadMs = Math.round(run.loadMs);
      meter.sample();
    }
    let manifest: ManifestFile | undefined;
    let recommend: RecommendTaskResult | undefined;
    let segment: SegmentTaskResult | undefined;
    let intent: IntentTaskResult | undefined;
    for (const task of tasks) {
      const t0 = meter.elapsedMs();
      if (task === 'recommend' && run) {
        recommend = await runRecommendTask(config, run, true, log, segment?.segmenter);
        manifest = await mergeManifest(config.outDir, { recommend: recommend.entry }, run.data.lastTs);
      } else if (task === 'segment' && run) {
        segment = await runSegmentTask(config, run, true, log);
        manifest = await mergeManifest(config.outDir, { segment: segment.entry }, run.data.lastTs);
      } else if (task === 'intent') {
        intent = await runIntentTask(config, { write: true, benchmark: false }, log);
        manifest = await mergeManifest(config.outDir, { intent: intent.shipped.entry });
      }
      timings[`${task}Ms`] = Math.round(meter.elapsedMs() - t0);
      meter.sample();
    }
    timings.totalMs = Math.round(meter.elapsedMs());
    const peakRssBytes = meter.processPeakRss();
    if (!manifest) throw new Error('no task ran');
    log(
      `wrote ${config.outDir}/manifest.json: ${manifest.version} (${Object.keys(manifest.models).join(', ')}); ` +
        `${(timings.totalMs / 1000).toFixed(1)} s, peak RSS ${(peakRssBytes / 2 ** 20).toFixed(0)} MiB`,
    );
    return {
      outDir: config.outDir,
      manifest,
      ...(recommend ? { recommend } : {}),
      ...(segment ? { segment } : {}),
      ...(intent ? { intent } : {}),
      timings,
      peakRssBytes,
    };
  } finally {
    meter.stop();
  }
}
