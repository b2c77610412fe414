/**
 * Names for the dashboard's indices. Most are read from the model manifest the server serves: segment
 * names (`models.segment.segments[].name`, then `noPurchase.name` as id = segments.length), intent
 * labels (`models.intent.labels`, then "out of scope") and the recommend catalog's ids and titles, and
 * the shares the drift test compares with ({@link ModelReferences}).
 * Reports are only ever labelled with the version they were made against; those of other versions are
 * counted but not shown, since their indices may mean different things. The recommendation bases and
 * the ratings are fixed by the protocol, so their names are fixed here.
 */
import { join } from 'node:path';
import { RECOMMENDATION_BASES, SATISFACTION_RATINGS } from '../../protocol/metrics';
import { isRecord, isSafeSegment, readJson } from '../http';
import { MANIFEST_FILE } from '../routes';

/**
 * The shares the served model was trained or calibrated on, which the drift test compares the
 * visitors with (./drift.ts); null where the manifest does not give them.
 */
export interface ModelReferences {
  /** `models.segment.segments[i].share`: training customers per model segment (rule excluded), sum 1. */
  readonly segmentShares: readonly number[] | null;
  /** 1 − `models.intent.acceptance`: the share of chat messages the calibrated threshold rejects. */
  readonly outOfScopeShare: number | null;
}

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
  readonly references: ModelReferences;
}

/** The label of the last `intent_count` slot. */
export const OUT_OF_SCOPE_LABEL = 'out of scope';

/**
 * What each basis of `recommendation_ctr` means to an operator: the stage of the worker's fallback
 * chain that picked the item (worker/personalization/recommend-chain.ts: the visitor's own model, their
 * segment's prior, the server's popularity priors, the catalog's order), or the chat's product search.
 * Short enough for a chart's label column.
 */
const BASIS_NAMES: { readonly [B in (typeof RECOMMENDATION_BASES)[number]]: string } = {
  personal: 'personal picks',
  segment: 'popular in the visitor’s segment',
  priors: 'popular now (priors)',
  catalog: 'catalog order',
  search: 'chat search results',
};

/** Labels of the `recommendation_ctr` bases, by basis index. */
export const BASIS_LABELS: readonly string[] = RECOMMENDATION_BASES.map((b) => BASIS_NAMES[b]);

const RATING_NAMES: { readonly [R in (typeof SATISFACTION_RATINGS)[number]]: string } = {
  unhappy: 'unhappy',
  neutral: 'neutral (okay)',
  happy: 'happy',
};

/** Labels of the `chat_satisfaction` ratings, by rating index. */
export const RATING_LABELS: readonly string[] = SATISFACTION_RATINGS.map((r) => RATING_NAMES[r]);

/** How far the training shares may sum from 1 (they are rounded) before they are not believed. */
const SHARE_SUM_SLACK = 0.01;

/** Every segment's `share`, normalized, or null unless all are there and sum to about 1. */
function segmentShares(list: unknown): number[] | null {
  if (!Array.isArray(list) || list.length === 0) return null;
  const shares: number[] = [];
  for (const entry of list) {
    const share = isRecord(entry) ? entry.share : undefined;
    if (typeof share !== 'number' || !(share >= 0 && share <= 1)) return null;
    shares.push(share);
  }
  const sum = shares.reduce((a, b) => a + b, 0);
  return Math.abs(sum - 1) <= SHARE_SUM_SLACK ? shares.map((s) => s / sum) : null;
}

function outOfScopeShare(intent: Record<string, unknown>): number | null {
  const a = intent.acceptance;
  return typeof a === 'number' && a > 0 && a <= 1 ? 1 - a : null;
}

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
  const references = {
    segmentShares: isRecord(segment) && segments.length > 0 ? segmentShares(segment.segments) : null,
    outOfScopeShare: isRecord(intent) && intents.length > 0 ? outOfScopeShare(intent) : null,
  };
  return { version: manifest.version, segments, intents, itemIds, titles, references };
}
