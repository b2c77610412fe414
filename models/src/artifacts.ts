/**
 * Writes the artifact set: the ONNX file(s), the catalog and the manifest that binds them by sha256.
 * Output is byte-for-byte reproducible from the same data and flags: no wall-clock time anywhere,
 * `createdAt` is the data's last timestamp.
 */
import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { InteractionSpec } from '../features/interactions';
import type { Catalog, Manifest, ModelVariant, RecommendEntry } from '../features/manifest';
import { OPSET, recommendTensorSpecs } from './onnx-export';

/** File names inside the artifacts folder. */
export const ARTIFACT_FILES = {
  model: 'recommend.onnx',
  modelInt8: 'recommend-int8.onnx',
  catalog: 'catalog.json',
  manifest: 'manifest.json',
} as const;

/** Pattern every manifest version must match (it travels in sync reports). */
export const VERSION_PATTERN = /^[A-Za-z0-9.+_-]{1,40}$/;

/** What {@link writeArtifacts} needs. */
export interface ArtifactInputs {
  readonly outDir: string;
  readonly fp32: Uint8Array;
  readonly int8?: Uint8Array;
  readonly catalog: Catalog;
  readonly k: number;
  readonly features: InteractionSpec;
  /** The data paragraph. */
  readonly data: string;
  readonly metrics: Readonly<Record<string, number>>;
  readonly int8Metrics?: Readonly<Record<string, number>>;
  readonly params: Readonly<Record<string, number | string>>;
  /** Last timestamp in the training data (epoch ms): source of `createdAt` and the version date. */
  readonly dataEndMs: number;
}

/** Lower-case hex sha256. */
export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** JSON with two-space indent and a final newline, the form all artifacts use. */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Writes every file and returns the manifest written. */
export async function writeArtifacts(a: ArtifactInputs): Promise<Manifest> {
  await mkdir(a.outDir, { recursive: true });
  const catalogText = stableJson(a.catalog);
  const modelSha = sha256Hex(a.fp32);
  const n = a.catalog.items.length;
  const { inputs, outputs } = recommendTensorSpecs(n, a.k);
  const date = new Date(a.dataEndMs).toISOString();
  // The hash suffix makes two different models trained on the same data distinguishable in reports.
  const version = `rec-knn-${date.slice(0, 10).replaceAll('-', '')}-${modelSha.slice(0, 8)}`;
  if (!VERSION_PATTERN.test(version)) throw new Error(`invalid manifest version "${version}"`);

  let int8: ModelVariant | undefined;
  if (a.int8) {
    int8 = {
      file: ARTIFACT_FILES.modelInt8,
      sha256: sha256Hex(a.int8),
      bytes: a.int8.byteLength,
      metrics: a.int8Metrics ?? {},
    };
    await writeFile(join(a.outDir, ARTIFACT_FILES.modelInt8), a.int8);
  } else {
    // A stale 8-bit file from an earlier run would no longer match the catalog.
    await rm(join(a.outDir, ARTIFACT_FILES.modelInt8), { force: true });
  }
  const recommend: RecommendEntry = {
    kind: 'recommend',
    file: ARTIFACT_FILES.model,
    sha256: modelSha,
    bytes: a.fp32.byteLength,
    opset: OPSET,
    inputs,
    outputs,
    data: a.data,
    metrics: a.metrics,
    k: a.k,
    catalog: ARTIFACT_FILES.catalog,
    catalogSha256: sha256Hex(catalogText),
    features: a.features,
    ...(int8 ? { int8 } : {}),
    params: a.params,
  };
  const manifest: Manifest = { version, createdAt: date, models: { recommend } };
  await writeFile(join(a.outDir, ARTIFACT_FILES.model), a.fp32);
  await writeFile(join(a.outDir, ARTIFACT_FILES.catalog), catalogText);
  await writeFile(join(a.outDir, ARTIFACT_FILES.manifest), stableJson(manifest));
  return manifest;
}
