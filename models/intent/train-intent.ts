/**
 * `trainIntent`: read → split → tokenize (the worker's `sparseIntentFeatures`) → softmax regression
 * with early stopping on a 10% stratified validation split of the training rows (plus outlier exposure
 * when out-of-scope data is given) → temperature and out-of-scope threshold fitted on validation data
 * (fit-calibration.ts) → refit on all training rows for the chosen number of epochs → export fp32
 * (+ int8, + int4) ONNX → score the exported bytes on the test rows in onnxruntime-web → write artifacts. The
 * test rows touch nothing before scoring, and the bytes scored are the bytes that ship, so the
 * manifest's figures describe exactly those files.
 */
import type { IntentEntry } from '../features/manifest';
import { DEFAULT_TOKENIZER, sparseIntentFeatures, type TokenizerSpec } from '../features/tokenizer';
import { csvName } from '../src/data-dir';
import { ResourceMeter } from '../src/resource-meter';
import { round6 } from '../src/run-data';
import { buildAnswers } from './answers';
import { writeIntentArtifacts } from './artifacts';
import { loadIntentData } from './dataset';
import type { ScoredRun } from './evaluate-onnx';
import { fitCalibration } from './fit-calibration';
import {
  type HeldOutSets,
  logScores,
  type ScoredGraph,
  scoreGraph,
  variantDetails,
} from './held-out-scoring';
import type { IntentMetrics } from './metrics';
import { type NaturalGraphs, scoreNaturalGraphs } from './natural-graphs';
import { exportIntentOnnx } from './onnx-intent';
import { loadOutOfScope, type OutOfScopeSource } from './out-of-scope';
import { SHOPPER_MESSAGES, SHOPPER_OUT_OF_SCOPE } from './shopper-messages';
import { withTemperature } from './softmax-model';
import { stratifiedSplit } from './split';
import { readSupplement, type SupplementFiles, supplementWeighting } from './supplement';
import {
  DEFAULT_SOFTMAX_OPTIONS,
  OUTLIER,
  type SoftmaxTrainOptions,
  type SparseDataset,
  trainSoftmax,
} from './train-softmax';

/** Options of {@link trainIntent} (the CLI maps its flags onto these). */
export interface IntentTrainOptions {
  /** CSV with a text and a label column (plain or gzip; delimiter detected). */
  train: string;
  /** Separate test CSV with the same text and label column names; without it, a split by seed. */
  test?: string;
  textCol: string;
  labelCol: string;
  /** Column of reference answers; when set (and `outDir`), intent-answers.json is written. */
  answerCol?: string;
  /** Test fraction when there is no test file; default 0.2. */
  split?: number;
  seed: number;
  /** When set, write DIR/intent.onnx, DIR/intent-int8.onnx (if int8), DIR/intent-answers.json (if answerCol). */
  outDir?: string;
  /** Also export and score the int8 graph. */
  int8: boolean;
  /** Also export and score a packed int4 graph (quantize-int4.ts): measured, not written. */
  int4?: boolean;
  log: (line: string) => void;
  /** Tokenizer settings; default {@link DEFAULT_TOKENIZER}. For experiments and fast tests. */
  tokenizer?: TokenizerSpec;
  /** Optimizer overrides on {@link DEFAULT_SOFTMAX_OPTIONS} (the seed always comes from `seed`). */
  training?: Partial<Omit<SoftmaxTrainOptions, 'seed'>>;
  /**
   * Out-of-scope messages from another domain: outlier exposure, the balanced-accuracy threshold rule
   * and out-of-scope recall (see out-of-scope.ts). Without it, the 95% in-scope acceptance rule.
   */
  outOfScope?: OutOfScopeSource;
  /** Extra training messages, in scope and off topic (supplement.ts); never part of the test rows. */
  supplement?: SupplementFiles;
}

export type { IntentMetrics } from './metrics';

/** What a training run produced. */
export interface IntentTrainResult {
  /** The manifest entry, when `outDir` was given. */
  entry?: IntentEntry;
  report: {
    fp32: IntentMetrics;
    int8?: IntentMetrics;
    int4?: IntentMetrics;
    /** The natural-phrasing development set, when the model knows its intents (natural-scoring.ts). */
    natural?: NaturalGraphs;
    /** Split sizes, calibration, held-out figures per variant, epochs, train ms, peak RSS, sizes. */
    details: Record<string, unknown>;
  };
  /** Files written to `outDir` (empty without it). */
  files: { name: string; bytes: number }[];
}

/** Share of the training rows held out for early stopping and calibration. */
export const VALIDATION_FRACTION = 0.1;

/** Trains, calibrates, exports and scores one intent model; see the module comment. */
export async function trainIntent(options: IntentTrainOptions): Promise<IntentTrainResult> {
  const { log, seed } = options;
  const meter = new ResourceMeter();
  try {
    const data = await loadIntentData(
      {
        train: options.train,
        ...(options.test === undefined ? {} : { test: options.test }),
        columns: {
          text: options.textCol,
          label: options.labelCol,
          ...(options.answerCol ? { answer: options.answerCol } : {}),
        },
        split: options.split ?? 0.2,
        seed,
      },
      log,
    );
    const oos = options.outOfScope
      ? await loadOutOfScope(options.outOfScope, data.labels, seed + 2)
      : undefined;
    if (oos) log(`  out of scope: ${JSON.stringify(oos.counts)}`);
    const supplement = options.supplement ? readSupplement(options.supplement, data.labels) : undefined;
    if (supplement)
      log(`  supplement: ${supplement.train.length} in scope, ${supplement.outOfScope.length} off topic`);
    const trainRows = supplement ? [...data.train, ...supplement.train] : data.train;
    const weighted = supplementWeighting(data.train.length, options.supplement?.repeat);
    const loadMs = meter.elapsedMs();
    const tokenizer = options.tokenizer ?? DEFAULT_TOKENIZER;
    const labelIndex = new Map(data.labels.map((l, i) => [l, i]));
    const features = (text: string) => sparseIntentFeatures(text, tokenizer);
    const encode = (rows: readonly { text: string; label: string }[]): SparseDataset => ({
      x: rows.map((r) => features(r.text)),
      y: Int32Array.from(rows, (r) => labelIndex.get(r.label) ?? -1),
    });
    const { kept, held } = stratifiedSplit(
      trainRows.map((r) => r.label),
      VALIDATION_FRACTION,
      seed + 1,
    );
    const fit = encode(weighted(kept).map((i) => trainRows[i] as (typeof trainRows)[number]));
    const val = encode(held.map((i) => trainRows[i] as (typeof trainRows)[number]));
    const test = encode(data.test);
    const testOos = [...data.testOos.map((r) => r.text), ...(oos?.testOos ?? [])].map(features);
    const exposure = [...(oos?.exposure ?? []), ...(supplement?.outOfScope ?? [])].map(features);
    const exposed = (d: SparseDataset): SparseDataset =>
      exposure.length
        ? { x: [...d.x, ...exposure], y: Int32Array.from([...d.y, ...exposure.map(() => OUTLIER)]) }
        : d;
    meter.sample();
    log(
      `training on ${fit.x.length} rows (${val.x.length} validation${exposure.length ? `, ${exposure.length} outlier-exposure` : ''}), ${data.labels.length} intents`,
    );

    const t0 = meter.elapsedMs();
    const trainOptions = { ...DEFAULT_SOFTMAX_OPTIONS, ...options.training, seed };
    const d = tokenizer.buckets;
    const c = data.labels.length;
    // With real-wording in-scope messages, early stopping watches them too: on Bitext's near-copies
    // alone, validation accuracy rewards memorizing its phrasings.
    const realVal = oos ? encode(oos.validationInScope) : undefined;
    const stopping = realVal
      ? { x: [...val.x, ...realVal.x], y: Int32Array.from([...val.y, ...realVal.y]) }
      : val;
    const trained = trainSoftmax(exposed(fit), stopping, d, c, trainOptions, log);
    meter.sample();

    const calibration = fitCalibration(trained.model, {
      val,
      ...(oos && realVal ? { realInScope: realVal, outOfScope: oos.validationOos.map(features) } : {}),
    });
    const { temperature, threshold } = calibration;
    log(
      `  temperature ${temperature}, threshold ${threshold} by ${calibration.rule} ` +
        `(validation: ${JSON.stringify(calibration.validation)})`,
    );

    // Refit on all training rows for the chosen number of epochs: +10% data measurably helps on
    // BANKING77 (a few tenths of a point). T and the threshold carry over from the validation model,
    // since the refit model has seen the validation rows; test acceptance at the threshold checks it.
    log(`refitting on all ${trainRows.length} training rows for ${trained.bestEpoch} epochs`);
    const heldWeighted = encode(
      weighted(held)
        .slice(held.length)
        .map((i) => trainRows[i] as (typeof trainRows)[number]),
    );
    const all: SparseDataset = {
      x: [...fit.x, ...val.x, ...heldWeighted.x],
      y: Int32Array.from([...fit.y, ...val.y, ...heldWeighted.y]),
    };
    const empty: SparseDataset = { x: [], y: new Int32Array(0) };
    const refit = trainSoftmax(
      exposed(all),
      empty,
      d,
      c,
      { ...trainOptions, epochs: Math.max(1, trained.bestEpoch) },
      log,
    );
    meter.sample();
    const trainMs = meter.elapsedMs() - t0;

    const calibrated = withTemperature(refit.model, temperature);
    const info = { labels: data.labels, tokenizer };
    const fp32Bytes = exportIntentOnnx(calibrated, { ...info, weights: 'fp32' });
    const int8Bytes = options.int8 ? exportIntentOnnx(calibrated, { ...info, weights: 'int8' }) : undefined;
    const int4Bytes = options.int4 ? exportIntentOnnx(calibrated, { ...info, weights: 'int4' }) : undefined;
    const shopperFits = SHOPPER_MESSAGES.every((m) => labelIndex.has(m.intent));
    const heldOut: HeldOutSets = {
      oosUnseen: (oos?.testOosUnseen ?? []).map(features),
      realInScope: encode(oos?.testInScope ?? []),
      ambiguous: (oos?.testAmbiguous ?? []).map(features),
      ...(shopperFits
        ? {
            shopper: encode(SHOPPER_MESSAGES.map((m) => ({ text: m.text, label: m.intent }))),
            shopperOos: SHOPPER_OUT_OF_SCOPE.map(features),
          }
        : {}),
    };
    const score = (bytes: Uint8Array): Promise<ScoredGraph> =>
      scoreGraph(bytes, { test, testOos, heldOut }, threshold, d);
    const fp32 = await score(fp32Bytes);
    const int8 = int8Bytes ? await score(int8Bytes) : undefined;
    const int4 = int4Bytes ? await score(int4Bytes) : undefined;
    meter.sample();
    logScores(log, 'fp32', fp32);
    if (int8) logScores(log, 'int8', int8);
    if (int4) logScores(log, 'int4', int4);
    const natural = await scoreNaturalGraphs(
      { fp32: fp32Bytes, int8: int8Bytes },
      data.labels,
      features,
      threshold,
      d,
      log,
    );
    if (int8 && int8.metrics.accuracy < fp32.metrics.accuracy * 0.99) {
      log('  warning: int8 accuracy is more than 1% (relative) below fp32');
    }
    if (int8 && (int8.metrics.oosRecall ?? 0) < (fp32.metrics.oosRecall ?? 0) * 0.99) {
      log('  warning: int8 out-of-scope recall is more than 1% (relative) below fp32');
    }

    const params = {
      buckets: tokenizer.buckets,
      wordNgrams: tokenizer.wordNgrams.join('-'),
      charNgrams: tokenizer.charNgrams.join('-'),
      maxEpochs: trainOptions.epochs,
      epochs: refit.bestEpoch,
      batchSize: trainOptions.batchSize,
      learningRate: trainOptions.learningRate,
      l2: trainOptions.l2,
      labelSmoothing: trainOptions.labelSmoothing ?? 0,
      ...(exposure.length ? { outlierWeight: trainOptions.outlierWeight ?? 1 } : {}),
      patience: trainOptions.patience,
      validationFraction: VALIDATION_FRACTION,
      thresholdRule: calibration.rule,
      seed,
    };
    const metricsOf = (s: ScoredRun): IntentMetrics => {
      const { accuracy, macroF1, oosRecall } = s.metrics;
      return {
        accuracy: round6(accuracy),
        macroF1: round6(macroF1),
        ...(oosRecall === undefined ? {} : { oosRecall: round6(oosRecall) }),
        inScopeAccuracy: round6(s.acceptedShare * s.acceptedAccuracy),
      };
    };
    // The manifest carries every held-out figure; report.json's sections keep the documented shape.
    const entryMetrics = (s: ScoredGraph): Record<string, number> => ({
      ...metricsOf(s),
      inScopeAccepted: round6(s.acceptedShare),
      ...s.heldOut,
    });
    const description = [data.description, oos?.description, supplement?.description]
      .filter(Boolean)
      .join(' ');
    let entry: IntentEntry | undefined;
    let files: { name: string; bytes: number }[] = [];
    if (options.outDir !== undefined) {
      const answers =
        options.answerCol !== undefined
          ? buildAnswers(data.trainFileRows, csvName(options.train), options.answerCol)
          : undefined;
      ({ entry, files } = await writeIntentArtifacts({
        outDir: options.outDir,
        fp32: fp32Bytes,
        ...(int8Bytes ? { int8: int8Bytes } : {}),
        ...(answers ? { answers } : {}),
        labels: data.labels,
        tokenizer,
        threshold,
        acceptance: calibration.acceptance,
        temperature,
        data: description,
        metrics: entryMetrics(fp32),
        ...(int8 ? { int8Metrics: entryMetrics(int8) } : {}),
        params,
      }));
      for (const f of files) log(`  wrote ${f.name} (${f.bytes} bytes)`);
    }
    const details: Record<string, unknown> = {
      data: description,
      counts: {
        ...data.counts,
        fit: fit.x.length,
        validation: val.x.length,
        ...(oos ? { outOfScope: oos.counts } : {}),
      },
      params,
      temperature,
      threshold,
      thresholdRule: calibration.rule,
      validation: { accepted: calibration.acceptance, ...calibration.validation },
      ...(oos ? { outOfScopeTopics: { exposure: oos.exposureTopics, heldOut: oos.heldOutTopics } } : {}),
      ...variantDetails({
        fp32: { scored: fp32, bytes: fp32Bytes },
        ...(int8 && int8Bytes ? { int8: { scored: int8, bytes: int8Bytes } } : {}),
        ...(int4 && int4Bytes ? { int4: { scored: int4, bytes: int4Bytes } } : {}),
      }),
      oosRecall: testOos.length ? 'measured' : 'not measured: no out-of-scope messages',
      validationCurve: trained.history.map((h) => ({
        ...h,
        trainLoss: round6(h.trainLoss),
        valLoss: round6(h.valLoss),
      })),
      loadMs: Math.round(loadMs),
      trainMs: Math.round(trainMs),
      totalMs: Math.round(meter.elapsedMs()),
      peakRssBytes: meter.peakRss(),
    };
    return {
      ...(entry ? { entry } : {}),
      report: {
        fp32: metricsOf(fp32),
        ...(int8 ? { int8: metricsOf(int8) } : {}),
        ...(int4 ? { int4: metricsOf(int4) } : {}),
        ...(natural ? { natural } : {}),
        details,
      },
      files,
    };
  } finally {
    meter.stop();
  }
}
