/** `npm run evaluate`: the evaluation alone, written as `report.json` and `report.md`. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stableJson } from './artifacts';
import { parseRunArgs, usage } from './cli-options';
import { evaluateRecommender } from './evaluate';
import { PRIOR_WEIGHT } from './reference-scorer';
import { buildReport, type EvaluationReport, renderReportMarkdown } from './report';
import { ResourceMeter } from './resource-meter';
import { loadRunData } from './run-data';

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
    log(`reading ${config.source.file}`);
    const { data, fit } = await loadRunData(config);
    meter.sample();
    const loadMs = meter.elapsedMs();
    for (const skip of data.skippedExamples) log(`  skipped line ${skip.line}: ${skip.reason}`);
    const evaluation = await evaluateRecommender(data.rows, {
      ...fit,
      k: config.k,
      spec: config.spec,
      int8: config.int8,
    });
    const report = buildReport({
      evaluation,
      data: data.description,
      cleaning: data.clean,
      params: {
        algorithm: 'item-knn-cosine',
        items: evaluation.split.catalogSize,
        neighbours: config.neighbours,
        beta: PRIOR_WEIGHT,
        k: Math.min(config.k, evaluation.split.catalogSize),
        seed: config.seed,
      },
      loadMs,
      totalMs: meter.elapsedMs(),
      peakRssBytes: meter.peakRss(),
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
