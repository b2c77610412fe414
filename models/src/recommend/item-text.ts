/**
 * Item-text features for cold items. Each item's title (and description, when the site's product
 * list has one) becomes a sparse vector of hashed word and word-bigram features weighted by IDF and
 * L2-normalized, so two items' cosine similarity is a dot product. The recommender adds these as
 * "pseudo-users" to the co-occurrence matrix: an item nobody bought still shares words with items
 * people did buy, and that is how it gets a score.
 */

/** Hash buckets: far more than the distinct words of any catalog, so collisions are negligible. */
export const TEXT_BUCKETS = 1 << 18;

/** Words that say nothing about what a product is. */
const STOP_WORDS = new Set([
  'a',
  'an',
  'and',
  'the',
  'of',
  'for',
  'in',
  'on',
  'with',
  'to',
  'by',
  'at',
  'or',
  'set',
  'pack',
  'size',
]);

/** A sparse non-negative feature vector: parallel bucket ids and weights, ids ascending. */
export interface SparseVector {
  readonly ids: Uint32Array;
  readonly weights: Float64Array;
}

/** Lower-cased word tokens (letters, or letters+digits), stop words and 1-letter tokens removed. */
export function textTokens(text: string): string[] {
  const words = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 && !STOP_WORDS.has(w) && !/^\d+$/.test(w));
  const out = [...words];
  for (let i = 1; i < words.length; i++) out.push(`${words[i - 1]} ${words[i]}`);
  return out;
}

/** 32-bit FNV-1a over UTF-16 code units, reduced to {@link TEXT_BUCKETS}. */
export function hashToken(token: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) {
    h ^= token.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % TEXT_BUCKETS;
}

/** IDF-weighted, L2-normalized hashed token vectors, one per text (empty text → empty vector). */
export function itemTextVectors(texts: readonly string[]): SparseVector[] {
  const bags = texts.map((t) => {
    const counts = new Map<number, number>();
    for (const tok of textTokens(t)) {
      const h = hashToken(tok);
      counts.set(h, (counts.get(h) ?? 0) + 1);
    }
    return counts;
  });
  const df = new Map<number, number>();
  for (const bag of bags) for (const h of bag.keys()) df.set(h, (df.get(h) ?? 0) + 1);
  const n = texts.length;
  return bags.map((bag) => {
    const ids = Uint32Array.from([...bag.keys()].sort((a, b) => a - b));
    const weights = Float64Array.from(ids, (h) => {
      // A token every item has carries no information; one shared by two items carries a lot.
      const idf = Math.log((1 + n) / (1 + (df.get(h) ?? 0)));
      return (1 + Math.log(bag.get(h) ?? 1)) * idf;
    });
    let norm = 0;
    for (const w of weights) norm += w * w;
    norm = Math.sqrt(norm);
    if (norm > 0) for (let i = 0; i < weights.length; i++) weights[i] = (weights[i] as number) / norm;
    return { ids, weights };
  });
}

/**
 * Dense row-major n×n cosine similarity of the vectors (diagonal 1 for non-empty texts), built from
 * an inverted index so only pairs that share a token cost anything.
 */
export function textSimilarity(vectors: readonly SparseVector[]): Float64Array {
  const n = vectors.length;
  const postings = new Map<number, { item: number; w: number }[]>();
  vectors.forEach((v, item) => {
    v.ids.forEach((h, k) => {
      let list = postings.get(h);
      if (!list) {
        list = [];
        postings.set(h, list);
      }
      list.push({ item, w: v.weights[k] as number });
    });
  });
  const sim = new Float64Array(n * n);
  for (const h of [...postings.keys()].sort((a, b) => a - b)) {
    const list = postings.get(h) ?? [];
    for (const a of list) {
      const row = a.item * n;
      for (const b of list) sim[row + b.item] = (sim[row + b.item] as number) + a.w * b.w;
    }
  }
  return sim;
}
