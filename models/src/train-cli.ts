/**
 * `npm run train`: load → clean → evaluate on the split (fit on the training part, score the
 * exported ONNX) → fit on all rows → write ONNX, catalog and manifest. The manifest's metrics come
 * from the evaluation step of this same run.
 */
import type { Manifest } from '../features/manifest';
import { writeArtifacts } from './artifacts';
import { parseRunArgs, usage } from './cli-options';
import { type EvaluationResult, evaluateRecommender } from './evaluate';
import { fitRecommender } from './fit';
import { exportRecommendOnnx } from './onnx-export';
import { PRIOR_WEIGHT } from './reference-scorer';
import { ResourceMeter } from './resource-meter';
import { loadRunData, round6, roundAll } from './run-data';

/** What a training run produced. */
export interface TrainOutcome {
  readonly outDir: string;
  readonly manifest: Manifest;
  readonly evaluation: EvaluationResult;
  /** Milliseconds: reading + cleaning, evaluation, final fit + export, whole run. */
  readonly timings: {
    readonly loadMs: number;
    readonly evaluateMs: number;
    readonly fitMs: number;
    readonly totalMs: number;
  };
  readonly peakRssBytes: number;
}

/**
 * Runs the train command on `argv` (flags only). Returns `null` after printing help.
 * Throws `UsageError` for bad flags and `DataError` for unusable input.
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
    log(`reading ${config.source.file}`);
    const { data, fit } = await loadRunData(config);
    meter.sample();
    const loadMs = meter.elapsedMs();
    for (const skip of data.skippedExamples) log(`  skipped line ${skip.line}: ${skip.reason}`);
    log(`  ${data.clean.kept} rows kept of ${data.dataRows} (${data.skipped} unparsable skipped)`);

    const t1 = meter.elapsedMs();
    const evaluation = await evaluateRecommender(data.rows, {
      ...fit,
      k: config.k,
      spec: config.spec,
      int8: config.int8,
    });
    meter.sample();
    const evaluateMs = meter.elapsedMs() - t1;
    log(
      `  evaluation (${evaluation.split.evaluatedUsers} users): recall@10 ${evaluation.fp32.recall10.toFixed(4)} ` +
        `vs popularity ${evaluation.popularity.recall10.toFixed(4)}`,
    );

    const t2 = meter.elapsedMs();
    const fitted = fitRecommender(data.rows, fit);
    const n = fitted.model.size;
    const k = Math.min(config.k, n);
    const fp32 = exportRecommendOnnx(fitted.model, { k, weights: 'fp32' });
    const int8 = config.int8 ? exportRecommendOnnx(fitted.model, { k, weights: 'int8' }) : undefined;
    meter.sample();
    const fitMs = meter.elapsedMs() - t2;

    const e = evaluation;
    const manifest = await writeArtifacts({
      outDir: config.outDir,
      fp32,
      ...(int8 ? { int8 } : {}),
      catalog: fitted.catalog,
      k,
      features: config.spec,
      data: data.description,
      metrics: {
        ...roundAll(e.fp32),
        popularityRecall10: round6(e.popularity.recall10),
        popularityNdcg10: round6(e.popularity.ndcg10),
        evaluatedUsers: e.split.evaluatedUsers,
      },
      ...(e.int8 ? { int8Metrics: roundAll(e.int8) } : {}),
      params: {
        algorithm: 'item-knn-cosine',
        items: n,
        neighbours: config.neighbours,
        beta: PRIOR_WEIGHT,
        k,
        seed: config.seed,
      },
      dataEndMs: data.lastTs,
    });
    const totalMs = meter.elapsedMs();
    const peakRssBytes = meter.peakRss();
    log(
      `wrote ${config.outDir}: ${manifest.version}, recommend.onnx ${fp32.byteLength} B` +
        `${int8 ? `, recommend-int8.onnx ${int8.byteLength} B` : ''}; ${(totalMs / 1000).toFixed(1)} s, ` +
        `peak RSS ${(peakRssBytes / 2 ** 20).toFixed(0)} MiB`,
    );
    return {
      outDir: config.outDir,
      manifest,
      evaluation,
      timings: { loadMs, evaluateMs, fitMs, totalMs },
      peakRssBytes,
    };
  } finally {
    meter.stop();
  }
}
