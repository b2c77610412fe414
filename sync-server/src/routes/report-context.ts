/**
 * What the reports route checks a batch against (../../protocol/report-rules.ts): the served model's
 * version with its segment and intent counts, read from the same manifest `GET /v1/manifest` serves,
 * and the site's experiments from the store. The manifest is re-read only when the file changes, checked
 * at most once per {@link MANIFEST_RECHECK_MS}, so a retrain applies within a second; experiments are
 * read only for batches that report one.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { RuleContext, RuledReport } from '../../protocol/index';
import { isRecord, readJson } from '../http';
import type { Store } from '../store';
import { MANIFEST_FILE } from './models-route';

/** The served model as the rules need it. */
export type ServedModel = NonNullable<RuleContext['model']>;

/** The segment and intent counts of a parsed manifest; undefined without a version. */
export function servedModel(manifest: unknown): ServedModel | undefined {
  if (!isRecord(manifest) || typeof manifest.version !== 'string' || !isRecord(manifest.models)) return;
  const { segment, intent } = manifest.models;
  const segments = isRecord(segment) && Array.isArray(segment.segments) ? segment.segments.length : undefined;
  const intents = isRecord(intent) && Array.isArray(intent.labels) ? intent.labels.length : undefined;
  return {
    version: manifest.version,
    ...(segments ? { segments } : {}),
    ...(intents ? { intents } : {}),
  };
}

/**
 * How long a checked manifest is trusted before its size and mtime are looked at again. A `stat` per
 * batch cost an eighth of the ingestion CPU (`npm run bench`); a device reports under a new version
 * only after fetching its manifest and models, which takes far longer than this.
 */
export const MANIFEST_RECHECK_MS = 1000;

/**
 * A loader of the served model that re-parses the manifest only when its size or mtime changed, and
 * looks at those at most once per `recheckMs`.
 */
export function servedModelLoader(
  modelsDir: string,
  recheckMs = MANIFEST_RECHECK_MS,
  now: () => number = Date.now,
): () => Promise<ServedModel | undefined> {
  const path = join(modelsDir, MANIFEST_FILE);
  let cached: { stamp: string; model: ServedModel | undefined; checkedAt: number } | undefined;
  return async () => {
    const t = now();
    if (cached && t - cached.checkedAt < recheckMs) return cached.model;
    let stamp: string;
    try {
      const s = await stat(path);
      stamp = `${s.size}:${s.mtimeMs}`;
    } catch {
      return undefined;
    }
    if (cached?.stamp === stamp) {
      cached.checkedAt = t;
      return cached.model;
    }
    const model = servedModel(await readJson(path));
    // A half-written manifest during a retrain is not cached, so the next batch reads it again.
    if (model) cached = { stamp, model, checkedAt: t };
    return model;
  };
}

/** The context one batch is checked in. */
export async function ruleContext(
  store: Store,
  site: string,
  model: ServedModel | undefined,
  reports: readonly RuledReport[],
): Promise<RuleContext> {
  const experiments = new Map<string, number>();
  if (reports.some((r) => r.experiment !== undefined))
    for (const spec of (await store.getExperiments(site)) ?? [])
      experiments.set(spec.id, spec.variants.length);
  return { ...(model ? { model } : {}), experiments };
}
