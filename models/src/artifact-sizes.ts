/**
 * Sizes of every file a manifest names (model, 8-bit variant, side files such as the catalog), read
 * from disk, so the report states what a visitor would download and what the repository carries.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ManifestFile } from './artifacts';

/** One file of the artifact set. */
export interface ArtifactFileSize {
  readonly model: string;
  readonly file: string;
  /** `fp32` model file, its `int8` variant, or a `side` file (catalog, item clusters …). */
  readonly kind: 'fp32' | 'int8' | 'side';
  readonly bytes: number;
}

/** The whole set. */
export interface ArtifactSizes {
  readonly version: string;
  readonly files: readonly ArtifactFileSize[];
  /** What a visitor downloads with 8-bit models: each model's int8 file (fp32 if none) + side files. */
  readonly int8SetBytes: number;
  /** Every file named, fp32 and int8 together. */
  readonly totalBytes: number;
}

/** Stats every file `manifest` names under `dir`; files that are missing are skipped. */
export async function artifactSizes(dir: string, manifest: ManifestFile): Promise<ArtifactSizes> {
  const files: ArtifactFileSize[] = [];
  const add = async (model: string, file: unknown, kind: ArtifactFileSize['kind']): Promise<void> => {
    if (typeof file !== 'string') return;
    try {
      files.push({ model, file, kind, bytes: (await stat(join(dir, file))).size });
    } catch {
      // Named but absent: the manifest check elsewhere reports it; sizes just omit it.
    }
  };
  for (const [model, raw] of Object.entries(manifest.models)) {
    const entry = raw as unknown as Record<string, unknown> | undefined;
    if (!entry) continue;
    await add(model, entry.file, 'fp32');
    await add(model, (entry.int8 as { file?: unknown } | undefined)?.file, 'int8');
    // Side files: a key whose hash sits next to it (catalog + catalogSha256, items + itemsSha256), or
    // a nested { file, sha256 } other than the int8 variant (intent answers).
    for (const key of Object.keys(entry).sort()) {
      const value = entry[key] as { file?: unknown; sha256?: unknown } | undefined;
      if (key !== 'file' && typeof entry[`${key}Sha256`] === 'string') await add(model, value, 'side');
      else if (key !== 'int8' && typeof value === 'object' && typeof value?.sha256 === 'string') {
        await add(model, value.file, 'side');
      }
    }
  }
  let int8SetBytes = 0;
  for (const model of new Set(files.map((f) => f.model))) {
    const mine = files.filter((f) => f.model === model);
    const int8 = mine.find((f) => f.kind === 'int8') ?? mine.find((f) => f.kind === 'fp32');
    int8SetBytes +=
      (int8?.bytes ?? 0) + mine.filter((f) => f.kind === 'side').reduce((s, f) => s + f.bytes, 0);
  }
  return {
    version: manifest.version,
    files,
    int8SetBytes,
    totalBytes: files.reduce((s, f) => s + f.bytes, 0),
  };
}
