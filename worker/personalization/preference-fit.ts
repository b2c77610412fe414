/**
 * Stated preferences ("I prefer wooden things", "I don't like candles") applied to the visitor's
 * recommendations: an item whose title has an avoided word is never recommended, and each liked word
 * lifts an item by {@link LIKED_BOOST}, less than a thumbs-up on the item itself.
 */
import { allWords, type Catalog } from '../../models/features';
import { EXCLUDED } from './feedback';

/** What one liked word in an item's title adds to its score. */
export const LIKED_BOOST = 0.5;

/** Liked and avoided words (singular, lower case), as worker/chat/preferences.ts keeps them. */
export interface PreferenceWords {
  readonly like: readonly string[];
  readonly avoid: readonly string[];
}

/** The score adjustment of each catalog item for these preferences (0 for unknown ids). */
export function preferenceAdjustment(catalog: Catalog, words: PreferenceWords): (id: string) => number {
  if (words.like.length === 0 && words.avoid.length === 0) return () => 0;
  // The same word folding the preference's words were made with (worker/chat/preferences.ts).
  const titles = new Map(catalog.items.map((i) => [i.id, new Set(allWords(i.title))]));
  return (id) => {
    const t = titles.get(id);
    if (!t) return 0;
    if (words.avoid.some((w) => t.has(w))) return EXCLUDED;
    return words.like.filter((w) => t.has(w)).length * LIKED_BOOST;
  };
}
