/**
 * `trainSegment`: fit, export fp32 + int8 ONNX, measure both in onnxruntime-web, optionally write the
 * files, and return the manifest entry and the report block. Deterministic for the same rows and seed.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SegmentEntry } from '../features/manifest';
import type { SegmentItemsFile } from '../features/segment-features';
import { sha256Hex, stableJson } from '../src/artifacts';
import type { RawInteraction } from '../src/read-interactions';
import { ResourceMeter } from '../src/resource-meter';
import { purchasesByUser } from './customers';
import { buildSegmentEntry, SEGMENT_FILES } from './entry';
import { evaluateSegmentOnnx } from './evaluate-onnx';
import { fitSegments } from './fit-segments';
import { compareSegmentMethods, type MethodComparison } from './method-comparison';
import { exportSegmentOnnx } from './onnx-graph';
import { segmentPriors } from './segment-priors';
import { type Segmenter, segmenterOf } from './segmenter';

/** Options of {@link trainSegment}. */
export interface SegmentTrainOptions {
  /** Cleaned rows from models/src `loadData` (users, items, ts, quantity, price, title). */
  readonly rows: readonly RawInteraction[];
  /** The data description paragraph from `loadData`. */
  readonly description: string;
  readonly seed: number;
  /** Smallest k tried. Default 3. */
  readonly kMin?: number;
  /** Largest k tried. Default 8. */
  readonly kMax?: number;
  /** When set, writes DIR/segment.onnx, DIR/segment-int8.onnx (if `int8`) and DIR/segment-items.json. */
  readonly outDir?: string;
  /** Also export and measure the int8 variant. */
  readonly int8: boolean;
  /**
   * Also compare k-means++ with a Gaussian mixture and Ward on the same customers (about 15 s on the
   * shipped data): what `npm run evaluate` reports; training ships k-means++, the comparison's winner.
   */
  readonly compareMethods?: boolean;
  readonly log: (line: string) => void;
}

/** The `segment` block of report.json plus details for report.md. */
export interface SegmentReport {
  readonly k: number;
  readonly silhouette: number;
  readonly daviesBouldin: number;
  readonly stabilityARI: number;
  /** With `compareMethods`: k-means++ vs a Gaussian mixture vs Ward (report.json `segment.methods`). */
  readonly methods?: MethodComparison;
  /** silhouettePerK, daviesBouldinPerK, segments, int8 agreement, parity, trainMs, peakRssBytes, sizes… */
  readonly details: Record<string, unknown>;
}

/** What {@link trainSegment} returns. */
export interface SegmentTrainResult {
  /** The manifest entry; present when `outDir` was set (it names the files written there). */
  readonly entry?: SegmentEntry;
  readonly report: SegmentReport;
  /** Files written (empty without `outDir`). */
  readonly files: { readonly name: string; readonly bytes: number }[];
  /** The fitted model as a function of a purchase history (for audits grouped by segment). */
  readonly segmenter: Segmenter;
}

const r6 = (v: number): number => Math.round(v * 1e6) / 1e6;

/** Trains the segmenter; throws `SegmentError` on bad options or too few users. */
export async function trainSegment(options: SegmentTrainOptions): Promise<SegmentTrainResult> {
  const startRssBytes = process.memoryUsage().rss;
  const meter = new ResourceMeter();
  try {
    const kMin = options.kMin ?? 3;
    const kMax = options.kMax ?? 8;
    const fit = fitSegments(options.rows, { seed: options.seed, kMin, kMax, log: options.log });
    meter.sample();
    const fp32 = exportSegmentOnnx(fit.params, 'fp32');
    const int8 = options.int8 ? exportSegmentOnnx(fit.params, 'int8') : undefined;
    const evaluation = await evaluateSegmentOnnx(fit, fp32, int8);
    const methods = options.compareMethods
      ? compareSegmentMethods(fit.z, { kMin, kMax, seed: options.seed, sample: fit.silhouetteSample })
      : undefined;
    if (methods) options.log(`segment: method comparison: ${methods.choice.reason}`);
    const itemsFile: SegmentItemsFile = {
      version: 2,
      clusters: fit.itemGroups,
      priors: segmentPriors(purchasesByUser(options.rows), fit.labels, fit.params.k),
    };
    const itemsText = stableJson(itemsFile);
    const trainMs = Math.round(meter.elapsedMs());
    const peakRssBytes = meter.peakRss();

    const files: { name: string; bytes: number }[] = [];
    let entry: SegmentEntry | undefined;
    if (options.outDir !== undefined) {
      const dir = options.outDir;
      await mkdir(dir, { recursive: true });
      const write = async (name: string, data: Uint8Array | string): Promise<void> => {
        await writeFile(join(dir, name), data);
        files.push({ name, bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength });
      };
      await write(SEGMENT_FILES.model, fp32);
      if (int8) await write(SEGMENT_FILES.modelInt8, int8);
      // A stale 8-bit file from an earlier run would not match this model.
      else await rm(join(dir, SEGMENT_FILES.modelInt8), { force: true });
      await write(SEGMENT_FILES.items, itemsText);
      const hashed = (b: Uint8Array | string) => ({
        bytes: typeof b === 'string' ? Buffer.byteLength(b) : b.byteLength,
        sha256: sha256Hex(b),
      });
      entry = buildSegmentEntry({
        fit,
        evaluation,
        fp32: hashed(fp32),
        ...(int8 ? { int8: hashed(int8) } : {}),
        items: hashed(itemsText),
        description: options.description,
        params: {
          seed: options.seed,
          kMin,
          kMax,
          textClusters: fit.spec.clusters.labels.length,
          silhouetteSample: fit.silhouetteSample.length,
          bootstrapResamples: fit.stability.values.length,
          outliers: 'Tukey fences 1.5·IQR on log1p values (mean ± 3σ when IQR = 0)',
          scaling: 'z-score × feature weight (RFM 1 each; time-of-day and affinity groups 1 in total)',
        },
      });
    }
    const perK = (key: 'silhouette' | 'daviesBouldin') =>
      Object.fromEntries(fit.candidates.map((c) => [String(c.k), r6(c[key])]));
    const segments = fit.names.map((name, id) => ({
      id,
      name,
      share: r6(fit.profiles[id]?.share ?? 0),
      size: fit.labels.filter((l) => l === id).length,
      description: fit.descriptions[id],
    }));
    options.log(
      `segment: k=${fit.params.k} silhouette=${fit.silhouette.toFixed(4)} davies-bouldin=${fit.daviesBouldin.toFixed(4)} ` +
        `stability ARI=${fit.stability.mean.toFixed(4)}${evaluation.int8Agreement === undefined ? '' : ` int8 agreement=${evaluation.int8Agreement.toFixed(4)}`} in ${trainMs} ms`,
    );
    return {
      ...(entry ? { entry } : {}),
      files,
      segmenter: segmenterOf(fit),
      report: {
        k: fit.params.k,
        silhouette: r6(fit.silhouette),
        daviesBouldin: r6(fit.daviesBouldin),
        stabilityARI: r6(fit.stability.mean),
        ...(methods ? { methods } : {}),
        details: {
          users: fit.users,
          features: fit.spec.names.length,
          silhouettePerK: perK('silhouette'),
          daviesBouldinPerK: perK('daviesBouldin'),
          silhouetteSample: fit.silhouetteSample.length,
          stabilityARIValues: fit.stability.values.map(r6),
          stabilityARIMin: r6(fit.stability.min),
          segments,
          temperature: fit.params.temperature,
          textClusters: {
            labels: fit.spec.clusters.labels,
            items: fit.textClusterSizes,
            unclustered: fit.unclusteredItems,
          },
          onnxReferenceAgreement: r6(evaluation.referenceAgreement),
          onnxMaxConfidenceDiff: evaluation.maxConfidenceDiff,
          ...(evaluation.int8Agreement === undefined
            ? {}
            : {
                int8Agreement: r6(evaluation.int8Agreement),
                int8Silhouette: r6(evaluation.int8Silhouette ?? 0),
                int8SilhouetteRelDiff: r6(evaluation.int8SilhouetteRelDiff ?? 0),
              }),
          trainMs,
          peakRssBytes,
          // Process RSS when training started (the loaded rows live there): peak − start is the trainer's own.
          startRssBytes,
          sizes: {
            fp32: fp32.byteLength,
            int8: int8?.byteLength ?? null,
            items: Buffer.byteLength(itemsText),
          },
        },
      },
    };
  } finally {
    meter.stop();
  }
}
