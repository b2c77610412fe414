/**
 * The intent task: the shipped model (Bitext by default, or the site's own `--train` data) and, for
 * the report, the same trainer on the public BANKING77 benchmark. Training itself lives in
 * models/intent; this maps flags onto it and its results onto the report.
 */
import type { IntentEntry } from '../../features/manifest';
import {
  BANKING77_DEFAULTS,
  BITEXT_DEFAULTS,
  DEFAULT_INTENT_FILES,
  type IntentTrainOptions,
  type IntentTrainResult,
  trainIntent,
} from '../../intent/index';
import type { RunConfig } from '../cli-options';
import { requireDataFiles } from '../data-dir';
import type { IntentMetrics, ReportPart } from '../report';
import { roundAll } from '../run-data';

/** One trained intent model. */
export interface IntentRun {
  readonly report: IntentTrainResult['report'];
  readonly entry?: IntentEntry;
  readonly files: readonly { readonly name: string; readonly bytes: number }[];
  readonly ms: number;
  /** Which data: `bitext`, `banking77` or the custom training file. */
  readonly dataset: string;
}

/** What the intent task produced. */
export interface IntentTaskResult {
  readonly shipped: IntentRun;
  readonly benchmark?: IntentRun;
}

type DataOptions = Omit<IntentTrainOptions, 'log' | 'int8' | 'seed'>;

async function trainOne(
  config: RunConfig,
  data: DataOptions,
  dataset: string,
  outDir: string | undefined,
  log: (line: string) => void,
  int4 = false,
): Promise<IntentRun> {
  const t0 = performance.now();
  log(`intent (${dataset}): reading ${data.train}`);
  const r = await trainIntent({
    ...data,
    seed: config.seed,
    int8: config.int8,
    int4: int4 && config.int8,
    log,
    ...(outDir === undefined ? {} : { outDir }),
  });
  return {
    report: r.report,
    ...(r.entry ? { entry: r.entry } : {}),
    files: r.files,
    ms: performance.now() - t0,
    dataset,
  };
}

/**
 * Trains the shipped model (written to `config.outDir` when `write`) and, when `benchmark`, the
 * BANKING77 benchmark model (never written: it is a measurement, not an artifact).
 */
export async function runIntentTask(
  config: RunConfig,
  options: { readonly write: boolean; readonly benchmark: boolean },
  log: (line: string) => void,
): Promise<IntentTaskResult> {
  const custom = config.intent;
  // Checked up front so a missing built-in file is reported with where built-in data is looked for;
  // the benchmark runs only with the defaults and reads the same BANKING77 files.
  if (!custom) requireDataFiles(DEFAULT_INTENT_FILES);
  const data: DataOptions = custom
    ? {
        train: custom.train,
        ...(custom.test === undefined ? {} : { test: custom.test }),
        textCol: custom.textCol,
        labelCol: custom.labelCol,
        ...(custom.answerCol === undefined ? {} : { answerCol: custom.answerCol }),
      }
    : BITEXT_DEFAULTS;
  const name = custom ? (custom.train.split(/[\\/]/).pop() ?? custom.train) : 'bitext';
  const shipped = await trainOne(config, data, name, options.write ? config.outDir : undefined, log);
  // The 77-intent benchmark is also measured as int4: as int8 it is over a widget's 1 MB budget.
  const benchmark = options.benchmark
    ? await trainOne(config, BANKING77_DEFAULTS, 'banking77', undefined, log, true)
    : undefined;
  return { shipped, ...(benchmark ? { benchmark } : {}) };
}

const metrics = (m: IntentMetrics): IntentMetrics => roundAll(m);

/** The report parts: `intentShipped` always, `intent` (the benchmark) when it ran. */
export function intentParts(r: IntentTaskResult): ReportPart[] {
  const part = (key: 'intent' | 'intentShipped', run: IntentRun, what: string): ReportPart => ({
    sections: {
      [key]: {
        fp32: metrics(run.report.fp32),
        ...(run.report.int8 ? { int8: metrics(run.report.int8) } : {}),
        ...(run.report.int4 ? { int4: metrics(run.report.int4) } : {}),
        ...(run.report.natural ? { natural: run.report.natural } : {}),
      },
    },
    details: { [key]: { dataset: run.dataset, ...run.report.details, taskMs: Math.round(run.ms) } },
    protocols: {
      [key]:
        `${what}: softmax regression on the shared tokenizer's hashed word and character n-grams ` +
        "(models/features/tokenizer, the worker's code), early stopping, temperature and out-of-scope threshold " +
        'on a stratified 10% validation split of the training rows; metrics on the test rows (the official test ' +
        'file when there is one, else a stratified split by seed) from the exported ONNX graphs in ' +
        'onnxruntime-web; out-of-scope recall only where the data has an out-of-scope label.',
    },
  });
  return [
    part('intentShipped', r.shipped, `Intent, shipped model (${r.shipped.dataset})`),
    ...(r.benchmark
      ? [part('intent', r.benchmark, 'Intent, benchmark (BANKING77 official train/test)')]
      : []),
  ];
}
