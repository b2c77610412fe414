/**
 * Writes the artifact set: the recommend ONNX file(s), the catalog, and the manifest that binds
 * every model by sha256. Each task merges its entry into an existing manifest (the other entries
 * are kept) and the version is recomputed from all entries' hashes. Output is byte-for-byte
 * reproducible from the same data and flags: no wall-clock time anywhere, `createdAt` is the
 * interaction data's last timestamp.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
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

/** The models a manifest can hold. */
export type ManifestModels = Manifest['models'];

/**
 * A manifest as written to disk. It is a full {@link Manifest} once it has a recommend entry; a
 * folder trained with only `--task intent` or `--task segment` has the other entries alone.
 */
export interface ManifestFile {
  readonly version: string;
  readonly createdAt: string;
  readonly models: Partial<ManifestModels>;
}

/** What {@link writeRecommendArtifacts} needs. */
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
}

/** Lower-case hex sha256. */
export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** JSON with two-space indent and a final newline, the form all artifacts use. */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Writes the recommend ONNX file(s) and the catalog; returns the manifest entry naming them. */
export async function writeRecommendArtifacts(a: ArtifactInputs): Promise<RecommendEntry> {
  await mkdir(a.outDir, { recursive: true });
  const catalogText = stableJson(a.catalog);
  const { inputs, outputs } = recommendTensorSpecs(a.catalog.items.length, a.k);
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
  await writeFile(join(a.outDir, ARTIFACT_FILES.model), a.fp32);
  await writeFile(join(a.outDir, ARTIFACT_FILES.catalog), catalogText);
  return {
    kind: 'recommend',
    file: ARTIFACT_FILES.model,
    sha256: sha256Hex(a.fp32),
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
}

/** Reads DIR/manifest.json; `undefined` when there is none or it is not a manifest. */
export async function readManifest(dir: string): Promise<ManifestFile | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, ARTIFACT_FILES.manifest), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = JSON.parse(text) as Partial<ManifestFile>;
    if (typeof parsed.models !== 'object' || parsed.models === null) return undefined;
    return {
      version: String(parsed.version ?? ''),
      createdAt: String(parsed.createdAt ?? new Date(0).toISOString()),
      models: parsed.models,
    };
  } catch {
    return undefined;
  }
}

/**
 * `confide-YYYYMMDD-<8 hex>`: the date of `createdAt` and a hash over every entry's file hashes
 * (model, 8-bit variant, side files), so any retrained model changes the version.
 */
export function manifestVersion(models: Partial<ManifestModels>, createdAt: string): string {
  const parts: string[] = [];
  for (const name of Object.keys(models).sort()) {
    const entry = (models as Record<string, unknown>)[name] as Record<string, unknown> | undefined;
    if (!entry) continue;
    const hashes: string[] = [];
    for (const [key, v] of Object.entries(entry)) {
      if (/sha256$/i.test(key) && typeof v === 'string') hashes.push(`${key}=${v}`);
      // Nested files ({ file, sha256 }: the int8 variant, intent answers …).
      const nested = v as { sha256?: unknown } | null;
      if (typeof nested === 'object' && nested !== null && typeof nested.sha256 === 'string') {
        hashes.push(`${key}=${nested.sha256}`);
      }
    }
    parts.push(`${name}:${hashes.sort().join(',')}`);
  }
  const version = `confide-${createdAt.slice(0, 10).replaceAll('-', '')}-${sha256Hex(parts.join('\n')).slice(0, 8)}`;
  if (!VERSION_PATTERN.test(version)) throw new Error(`invalid manifest version "${version}"`);
  return version;
}

/**
 * Replaces the given entries in DIR/manifest.json (creating it if needed), keeps the others, and
 * recomputes the version. `dataEndMs` (the interaction data's last timestamp) sets `createdAt`;
 * without it the existing `createdAt` is kept.
 */
export async function mergeManifest(
  dir: string,
  update: Partial<ManifestModels>,
  dataEndMs?: number,
): Promise<ManifestFile> {
  const existing = await readManifest(dir);
  const createdAt =
    dataEndMs !== undefined
      ? new Date(dataEndMs).toISOString()
      : (existing?.createdAt ?? new Date(0).toISOString());
  const merged: Record<string, unknown> = { ...(existing?.models ?? {}) };
  for (const [name, entry] of Object.entries(update)) if (entry !== undefined) merged[name] = entry;
  // Fixed key order, so the file does not depend on which task ran first.
  const models = Object.fromEntries(
    ['recommend', 'segment', 'intent', ...Object.keys(merged).sort()]
      .filter((name, i, all) => merged[name] !== undefined && all.indexOf(name) === i)
      .map((name) => [name, merged[name]]),
  ) as Partial<ManifestModels>;
  const manifest: ManifestFile = { version: manifestVersion(models, createdAt), createdAt, models };
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, ARTIFACT_FILES.manifest), stableJson(manifest));
  return manifest;
}
