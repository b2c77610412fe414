/**
 * The recommendation fallback chain: personal model, then the segment prior, then the server's
 * popularity priors, then the catalog's own order. Each stage offers ranked candidates; the chain
 * drops what the visitor has already seen or bought and what they thumbed down, applies their
 * feedback to the scores, and fills the list stage by stage so a short personal list is topped up
 * rather than replaced. Every item keeps the stage and the reason that picked it.
 */
import type { RecommendationBasis, RecommendedItem } from '../protocol';

/** One candidate from a stage, before exclusions and feedback. */
export interface Candidate {
  readonly id: string;
  readonly score: number;
  readonly reason: string;
  readonly because?: readonly string[];
}

/** A stage's offer, or why it had none. */
export type StageResult =
  | { readonly basis: RecommendationBasis; readonly candidates: readonly Candidate[] }
  | { readonly basis: RecommendationBasis; readonly unavailable: string };

/** A stage, or a function computing it only when the chain gets that far (no needless fetches). */
export type LazyStage = StageResult | (() => Promise<StageResult>);

/** What the chain needs to know about the visitor and the catalog. */
export interface ChainInput {
  readonly stages: readonly LazyStage[];
  /** Items the visitor has interacted with (viewed, carted, bought): never recommended. */
  readonly exclude: ReadonlySet<string>;
  /** Online feedback adjustment per item: `-Infinity` removes it, positive values boost it. */
  readonly adjust: (id: string) => number;
  /** Title and price of a catalog item; items the catalog does not know are dropped. */
  readonly lookup: (id: string) => { readonly title: string; readonly price: number } | undefined;
  readonly k: number;
}

/** The chain's outcome. */
export interface ChainResult {
  readonly items: RecommendedItem[];
  /** The first stage that contributed (`catalog` when none did). */
  readonly basis: RecommendationBasis;
  /** Why earlier stages gave nothing or too little, joined for people. */
  readonly fallbackReason?: string;
}

const LIKED_REASON = 'You liked this before';

/** Runs the chain over the stages in order, computing each only while the list is short. */
export async function runChain(input: ChainInput): Promise<ChainResult> {
  const picked: RecommendedItem[] = [];
  const taken = new Set<string>();
  const notes: string[] = [];
  let basis: RecommendationBasis | undefined;
  let firstBasis: RecommendationBasis | undefined;
  for (const lazy of input.stages) {
    if (picked.length >= input.k) break;
    const stage = typeof lazy === 'function' ? await lazy() : lazy;
    firstBasis ??= stage.basis;
    if ('unavailable' in stage) {
      notes.push(`${stage.basis}: ${stage.unavailable}`);
      continue;
    }
    const ranked = stage.candidates
      .filter((c) => !input.exclude.has(c.id) && !taken.has(c.id))
      .map((c) => ({ c, adj: input.adjust(c.id) }))
      .filter(({ adj }) => adj !== Number.NEGATIVE_INFINITY)
      // Scores from different stages are not comparable, so feedback re-ranks within a stage only.
      .map(({ c, adj }) => ({ c, adj, score: c.score + adj * scale(stage.candidates) }))
      .sort((a, b) => b.score - a.score);
    let added = 0;
    for (const { c, adj, score } of ranked) {
      if (picked.length >= input.k) break;
      const info = input.lookup(c.id);
      if (!info) continue;
      picked.push({
        id: c.id,
        title: info.title,
        price: info.price,
        score,
        reason: adj > 0 ? `${c.reason}. ${LIKED_REASON}` : c.reason,
        basis: stage.basis,
        ...(c.because?.length ? { because: c.because } : {}),
      });
      taken.add(c.id);
      added += 1;
    }
    if (added > 0) basis ??= stage.basis;
    else notes.push(`${stage.basis}: nothing new to suggest`);
  }
  const fallbackReason = basis && basis !== firstBasis ? notes.join('; ') : undefined;
  return {
    items: picked,
    basis: basis ?? 'catalog',
    ...(fallbackReason ? { fallbackReason } : {}),
  };
}

/** The range of a stage's scores: an adjustment of 1 moves an item across the whole stage. */
function scale(candidates: readonly Candidate[]): number {
  if (candidates.length < 2) return 1;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const c of candidates) {
    lo = Math.min(lo, c.score);
    hi = Math.max(hi, c.score);
  }
  return hi > lo ? hi - lo : 1;
}

/** Catalog items considered beyond the list size and the excluded ones (room for thumbs-downs). */
export const CATALOG_SLACK = 100;

/**
 * How much of the catalog the last stage offers for a list of `k` with `excluded` items left out:
 * enough to survive the exclusions and thumbs-downs, not all of it, since ranking a thousand items
 * on every event would cost more than the model run.
 */
export function catalogLimit(k: number, excluded: number): number {
  return k + excluded + CATALOG_SLACK;
}

/** The catalog's static order as the last stage: always available while the catalog is. */
export function catalogStage(ids: readonly string[], limit: number): StageResult {
  return {
    basis: 'catalog',
    candidates: ids.slice(0, Math.max(0, limit)).map((id, rank) => ({
      id,
      score: -rank,
      reason: 'One of the shop’s best-known products',
    })),
  };
}

/** The segment prior: what most buyers in the visitor's segment bought (browsing visitors have none). */
export function segmentStage(
  items: { readonly priors?: readonly string[] },
  segment: { readonly id: number; readonly name: string; readonly source: 'model' | 'rule' },
): StageResult {
  const list = items.priors?.[segment.id];
  if (segment.source !== 'model' || !list) {
    return { basis: 'segment', unavailable: 'no segment prior for visitors without a purchase' };
  }
  const ids = list.split(' ').filter((id) => id !== '');
  return {
    basis: 'segment',
    candidates: ids.map((id, rank) => ({
      id,
      score: -rank,
      reason: `Popular with shoppers like you (${segment.name})`,
    })),
  };
}
