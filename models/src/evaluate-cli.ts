/**
 * `npm run evaluate`: the evaluation alone, written as DIR/report.json and DIR/report.md. Sections
 * of tasks not run are kept from an existing report.json; sizes come from DIR/manifest.json.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Segmenter } from '../segment/index';
import { artifactSizes } from './artifact-sizes';
import { readManifest, stableJson } from './artifacts';
import { parseRunArgs, usage } from './cli-options';
import { buildReport, type EvaluationReport, type ReportPart, recommendPart } from './report';
import { renderReportMarkdown } from './report-markdown';
import { ResourceMeter } from './resource-meter';
import { loadRunData, type RunData } from './run-data';
import { intentParts, runIntentTask } from './tasks/intent-task';
import { runRecommendTask } from './tasks/recommend-task';
import { runSegmentTask, segmentPart } from './tasks/segment-task';
import { expandTask } from './train-cli';

/** Runs the evaluate command on `argv` (flags only); returns `null` after printing help. */
export async function runEvaluate(
  argv: readonly string[],
  log: (line: string) => void = console.log,
): Promise<EvaluationReport | null> {
  const config = parseRunArgs(argv);
  if (config === 'help') {
    log(usage('evaluate'));
    return null;
  }
  const meter = new ResourceMeter();
  try {
    const tasks = expandTask(config.task);
    const parts: ReportPart[] = [];
    let run: RunData | undefined;
    let segmenter: Segmenter | undefined;
    if (tasks.includes('recommend') || tasks.includes('segment')) {
      run = await loadRunData(config, log);
      meter.sample();
    }
    for (const task of tasks) {
      if (task === 'recommend' && run) {
        const result = await runRecommendTask(config, run, false, log, segmenter);
        parts.push(recommendPart(result, run.data, run.loadMs));
      } else if (task === 'segment' && run) {
        const result = await runSegmentTask(config, run, false, log);
        segmenter = result.segmenter;
        parts.push(segmentPart(result));
      } else if (task === 'intent') {
        // The benchmark only for the shipped defaults: a site's own data has no public benchmark.
        const result = await runIntentTask(config, { write: false, benchmark: !config.intent }, log);
        parts.push(...intentParts(result));
      }
      meter.sample();
    }
    const existing = await readExistingReport(join(config.outDir, 'report.json'));
    const manifest = await readManifest(config.outDir);
    const report = buildReport(parts, existing, {
      ...(manifest ? { artifacts: await artifactSizes(config.outDir, manifest) } : {}),
      run: {
        totalMs: Math.round(meter.elapsedMs()),
        peakRssMiB: Math.round(meter.processPeakRss() / 2 ** 20),
        tasks,
      },
    });
    await mkdir(config.outDir, { recursive: true });
    await writeFile(join(config.outDir, 'report.json'), stableJson(report));
    const md = renderReportMarkdown(report);
    await writeFile(join(config.outDir, 'report.md'), md);
    log(md);
    return report;
  } finally {
    meter.stop();
  }
}

async function readExistingReport(file: string): Promise<Partial<EvaluationReport> | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Partial<EvaluationReport>;
  } catch {
    return undefined;
  }
}
