/**
 * Product search on the device, over the catalog the recommender already downloaded: titles (and
 * categories, when the site names them) indexed by their singular words, each word weighted by how
 * rare it is in the catalog (IDF), so "christmas" finds the Christmas items and "bag" does not swamp
 * them. Filters (price bounds, items to leave out, words the visitor dislikes) apply before ranking;
 * ties keep the catalog's own order, which is by popularity. Nothing here stores or sends anything.
 */

import type { Catalog, CatalogItem } from '../../models/features';
import { allWords, productWords } from '../../models/features';

/** Limits a search to what the visitor asked for. */
export interface SearchFilters {
  /** Inclusive upper price bound. */
  readonly maxPrice?: number;
  /** Strict upper bound ("cheaper than what was shown"). */
  readonly below?: number;
  readonly minPrice?: number;
  /** Item ids not to show (already shown, thumbed down). */
  readonly exclude?: ReadonlySet<string>;
  /** Words the visitor said they do not want; an item whose title has one is left out. */
  readonly avoid?: readonly string[];
  /** Words the visitor said they like: a found item with one ranks above one without. */
  readonly prefer?: readonly string[];
}

/**
 * Ranking: first how many of the searched words an item has (an item with "christmas" and
 * "decoration" before one with either), then a liked word, then the words' weights.
 */
const PER_TERM = 100;
const PREFER_BONUS = 10;

/** One found item, with the words it matched. */
export interface SearchHit {
  readonly item: CatalogItem;
  readonly score: number;
  readonly matched: readonly string[];
}

/** How a product answer came about. */
export type SearchMode = 'found' | 'partial' | 'cheaper' | 'similar' | 'none' | 'noneCheaper';

/** A product answer: the mode, what was searched for, and the cards. */
export interface SearchPlan {
  readonly mode: SearchMode;
  readonly terms: readonly string[];
  readonly hits: readonly SearchHit[];
  /** The item compared with (`similar`). */
  readonly like?: CatalogItem;
  /** Words asked for that no product has (`partial`: "garden gnomes" finds garden items only). */
  readonly missing?: readonly string[];
}

/** The search over one catalog. */
export interface CatalogSearch {
  /** The words of `text` the catalog knows (singular), in the order the visitor wrote them. */
  terms(text: string): string[];
  /** Items whose title has the terms, best first; each must match at least one term. */
  search(terms: readonly string[], filters: SearchFilters, limit: number): SearchHit[];
  /** Items whose titles share the most distinctive words with the item's, best first. */
  similar(id: string, filters: SearchFilters, limit: number): SearchHit[];
  /** Whether any product's title (or category) has the word (singular). */
  knows(word: string): boolean;
  /** The single item `text` names best (e.g. "the bunting"), if any. */
  named(text: string): CatalogItem | undefined;
  /** The catalog's own order (popularity), filtered. */
  popular(filters: SearchFilters, limit: number): SearchHit[];
  /** Colour words that occur in the catalog's titles. */
  readonly colours: ReadonlySet<string>;
  /** ISO 4217 code of the catalog's prices. */
  readonly currency: string;
  byId(id: string): CatalogItem | undefined;
}

const COLOURS = [
  'red',
  'blue',
  'green',
  'yellow',
  'pink',
  'purple',
  'orange',
  'black',
  'white',
  'grey',
  'gray',
  'brown',
  'gold',
  'silver',
  'ivory',
  'cream',
  'turquoise',
  'teal',
  'navy',
  'beige',
];

/** Indexes the catalog (a few milliseconds for 1,000 items). */
export function createCatalogSearch(catalog: Catalog): CatalogSearch {
  const items = catalog.items;
  const words = items.map((i) => new Set(allWords(`${i.title} ${i.category ?? ''}`)));
  const df = new Map<string, number>();
  for (const ws of words) for (const w of ws) df.set(w, (df.get(w) ?? 0) + 1);
  const idf = (w: string) => Math.log((items.length + 1) / ((df.get(w) ?? 0) + 0.5));
  const byId = new Map(items.map((it, i) => [it.id, i]));
  const colours = new Set(COLOURS.filter((c) => df.has(c)));

  const allowed = (i: number, f: SearchFilters): boolean => {
    const it = items[i] as CatalogItem;
    if (f.maxPrice !== undefined && it.price > f.maxPrice) return false;
    if (f.below !== undefined && it.price >= f.below) return false;
    if (f.minPrice !== undefined && it.price < f.minPrice) return false;
    if (f.exclude?.has(it.id)) return false;
    return !f.avoid?.some((w) => (words[i] as Set<string>).has(w));
  };

  const rank = (
    score: (i: number) => { score: number; matched: string[] },
    f: SearchFilters,
    limit: number,
  ) => {
    const hits: (SearchHit & { at: number })[] = [];
    items.forEach((item, i) => {
      if (!allowed(i, f)) return;
      const s = score(i);
      if (s.score <= 0) return;
      const liked = f.prefer?.filter((w) => (words[i] as Set<string>).has(w)) ?? [];
      const bonus = liked.length * PREFER_BONUS;
      hits.push({ item, score: s.score + bonus, matched: [...s.matched, ...liked], at: i });
    });
    // Equal scores keep the catalog order, which is by popularity.
    hits.sort((a, b) => b.score - a.score || a.at - b.at);
    return hits.slice(0, limit).map(({ at: _, ...h }) => h);
  };

  const terms = (text: string) => [...new Set(productWords(text))].filter((w) => df.has(w));

  // Items with every word asked for, when there are any; else those with the most of them.
  const search = (ts: readonly string[], f: SearchFilters, limit: number) => {
    const hits = rankAll(ts, f, limit);
    const best = Math.max(0, ...hits.map((h) => h.matched.filter((w) => ts.includes(w)).length));
    return hits.filter((h) => h.matched.filter((w) => ts.includes(w)).length === best).slice(0, limit);
  };
  const rankAll = (ts: readonly string[], f: SearchFilters, limit: number) =>
    rank(
      (i) => {
        const matched = ts.filter((t) => (words[i] as Set<string>).has(t));
        // Sum of the matched words' weights over the title's length: "Christmas Bunting" beats a
        // long title that mentions Christmas among ten other words.
        if (matched.length === 0) return { score: 0, matched };
        const weight =
          matched.reduce((sum, t) => sum + idf(t), 0) / Math.sqrt((words[i] as Set<string>).size);
        return { score: matched.length * PER_TERM + weight, matched };
      },
      f,
      limit,
    );

  return {
    terms,
    search,
    similar(id, f, limit) {
      const at = byId.get(id);
      if (at === undefined) return [];
      const own = [...(words[at] as Set<string>)].filter((w) => !colours.has(w) && idf(w) > 1);
      // Any of its words (most shared first), not all of them: similar, not the same.
      return rankAll(own, { ...f, exclude: new Set([...(f.exclude ?? []), id]) }, limit);
    },
    knows: (w) => df.has(w),
    named(text) {
      const ts = terms(text);
      return ts.length ? search(ts, {}, 1)[0]?.item : undefined;
    },
    popular: (f, limit) => rank(() => ({ score: 1, matched: [] }), f, limit),
    colours,
    currency: catalog.currency,
    byId: (id) => {
      const at = byId.get(id);
      return at === undefined ? undefined : items[at];
    },
  };
}
