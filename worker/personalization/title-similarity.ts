/**
 * How alike two catalog items are by their titles (Jaccard of the title words the segment model's
 * clusters use), for the feedback adjustment: a thumbs-down on "Red Retrospot Umbrella" nudges
 * "Red Retrospot Childrens Umbrella" down a little, not only the item itself.
 */
import { type Catalog, titleTokens } from '../../models/features';
import type { SimilarityLookup } from './feedback';

const cache = new WeakMap<Catalog, SimilarityLookup>();

/** The lookup for one catalog, built once: 0 for unknown ids and for an item with itself. */
export function titleSimilarity(catalog: Catalog): SimilarityLookup {
  let lookup = cache.get(catalog);
  if (lookup) return lookup;
  const words = new Map(catalog.items.map((i) => [i.id, new Set(titleTokens(i.title))]));
  lookup = (a, b) => {
    const x = words.get(a);
    const y = words.get(b);
    if (!x || !y || a === b) return 0;
    let shared = 0;
    for (const w of x) if (y.has(w)) shared++;
    const union = x.size + y.size - shared;
    return union ? shared / union : 0;
  };
  cache.set(catalog, lookup);
  return lookup;
}
