/**
 * The segment task: hands the cleaned interaction rows (the same `loadData` output the recommender
 * uses) to the segment trainer in models/segment, and turns its report into the report's
 * `segment` section.
 */
import type { SegmentEntry } from '../../features/manifest';
import { SegmentError, type Segmenter, type SegmentReport, trainSegment } from '../../segment/index';
import type { RunConfig } from '../cli-options';
import { DataError, UsageError } from '../errors';
import type { ReportPart } from '../report';
import type { RunData } from '../run-data';

/** What the segment task produced. */
export interface SegmentTaskResult {
  readonly report: SegmentReport;
  readonly entry?: SegmentEntry;
  readonly files: readonly { readonly name: string; readonly bytes: number }[];
  /** The fitted model as a function of purchases, for the recommender's per-segment audit. */
  readonly segmenter: Segmenter;
  readonly ms: number;
}

/** Trains (and, when `write`, writes) the segmenter. */
export async function runSegmentTask(
  config: RunConfig,
  run: RunData,
  write: boolean,
  log: (line: string) => void,
): Promise<SegmentTaskResult> {
  const t0 = performance.now();
  const result = await trainSegment({
    rows: run.data.rows,
    description: run.data.description,
    seed: config.seed,
    ...config.segment,
    ...(write ? { outDir: config.outDir } : {}),
    int8: config.int8,
    // Evaluation only: training needs the shipped method, not the comparison that chose it.
    compareMethods: !write,
    log,
  }).catch((err: unknown) => {
    // Re-typed so the CLI names the file (data problem, exit 1) or shows usage (bad flags, exit 2).
    if (err instanceof SegmentError) {
      if (err.code === 'bad_options') throw new UsageError(`segment: ${err.message}`);
      throw new DataError('no_rows', config.source.file, `segment: ${err.message}`);
    }
    throw err;
  });
  return {
    report: result.report,
    ...(result.entry ? { entry: result.entry } : {}),
    files: result.files,
    segmenter: result.segmenter,
    ms: performance.now() - t0,
  };
}

/** The segment part of the report. */
export function segmentPart(r: SegmentTaskResult): ReportPart {
  const { k, silhouette, daviesBouldin, stabilityARI, details } = r.report;
  const methods = r.report.methods;
  const protocol =
    'Segment: customers of the cleaned interaction data, behavioural features from models/features/segment-features ' +
    "(the worker's code); k-means++ for each k in the range, k chosen by silhouette; silhouette and Davies-Bouldin " +
    'on the training customers (silhouette on a seeded sample); stability = mean adjusted Rand index between the ' +
    "model's assignment and refits on bootstrap resamples. fp32 and int8 graphs are run in onnxruntime-web. " +
    'Method choice (segment.methods): k-means++, a diagonal Gaussian mixture (EM) and Ward, each refitted on ' +
    'the same standardized customers with its own seeded stream (so its k-means++ row differs from the shipped ' +
    'fit in the fourth decimal), scored the same way; the method best on both stability and silhouette ships.';
  return {
    sections: { segment: { k, silhouette, daviesBouldin, stabilityARI, ...(methods ? { methods } : {}) } },
    details: { segment: { ...details, taskMs: Math.round(r.ms) } },
    protocols: { segment: protocol },
  };
}
