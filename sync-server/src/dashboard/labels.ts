/**
 * Names for the dashboard's indices, read from the model manifest the server serves: segment names
 * (`models.segment.segments[].name`, then `noPurchase.name` as id = segments.length), intent labels
 * (`models.intent.labels`, then "out of scope") and the recommend catalog's ids and titles. Reports
 * are only ever labelled with the version they were made against; those of other versions are counted
 * but not shown, since their indices may mean different things.
 */
import { join } from 'node:path';
import { isRecord, isSafeSegment, readJson } from '../http';
import { MANIFEST_FILE } from '../routes';

/** What the dashboard needs from the served model. */
export interface ModelLabels {
  readonly version: string;
  /** Segment names by segment id, the no-purchase rule segment last. */
  readonly segments: readonly string[];
  /** Intent labels by index, "out of scope" last. */
  readonly intents: readonly string[];
  /** Catalog item ids, in catalog order. */
  readonly itemIds: readonly string[];
  /** Catalog titles by item id. */
  readonly titles: ReadonlyMap<string, string>;
}

/** The label of the last `intent_count` slot. */
export const OUT_OF_SCOPE_LABEL = 'out of scope';

function names(list: unknown, key?: string): string[] {
  if (!Array.isArray(list)) return [];
  const out: string[] = [];
  for (const entry of list) {
    const name = key === undefined ? entry : isRecord(entry) ? entry[key] : undefined;
    if (typeof name !== 'string') return [];
    out.push(name);
  }
  return out;
}

/**
 * Reads the served model's labels. Undefined without a readable manifest version; a missing part
 * (no segment model, no catalog) leaves its list empty and the dashboard says that section has no model.
 */
export async function loadModelLabels(modelsDir: string): Promise<ModelLabels | undefined> {
  const manifest = await readJson(join(modelsDir, MANIFEST_FILE));
  if (!isRecord(manifest) || typeof manifest.version !== 'string' || !isRecord(manifest.models)) return;
  const { segment, intent, recommend } = manifest.models;
  let segments: string[] = [];
  if (isRecord(segment)) {
    segments = names(segment.segments, 'name');
    const rule = isRecord(segment.noPurchase) ? segment.noPurchase.name : undefined;
    segments = segments.length > 0 && typeof rule === 'string' ? [...segments, rule] : [];
  }
  const labels = isRecord(intent) ? names(intent.labels) : [];
  const intents = labels.length > 0 ? [...labels, OUT_OF_SCOPE_LABEL] : [];
  const itemIds: string[] = [];
  const titles = new Map<string, string>();
  if (isRecord(recommend) && typeof recommend.catalog === 'string' && isSafeSegment(recommend.catalog)) {
    const catalog = await readJson(join(modelsDir, recommend.catalog));
    const items = isRecord(catalog) && Array.isArray(catalog.items) ? catalog.items : [];
    for (const item of items) {
      if (!isRecord(item) || typeof item.id !== 'string') continue;
      itemIds.push(item.id);
      if (typeof item.title === 'string') titles.set(item.id, item.title);
    }
  }
  return { version: manifest.version, segments, intents, itemIds, titles };
}
