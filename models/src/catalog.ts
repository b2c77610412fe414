/**
 * The model's catalog: which items it can recommend, in the order that defines the model's indices.
 * Popularity is counted in distinct users, not units or lines, because wholesalers buying one item
 * in bulk would otherwise decide what every visitor is shown.
 */
import type { Catalog, CatalogItem } from '../features/manifest';
import type { ProductList } from './catalog-file';
import type { RawInteraction } from './read-interactions';
import { blendPopularity, type PopularityPriors } from './recommend/server-priors';

/** What decides the catalog besides the rows: passed unchanged through tuning, fitting and evaluation. */
export interface CatalogInputs {
  /** Default "GBP" (the UCI data's currency). */
  readonly currency?: string;
  /**
   * The site's own product list. When given, only these items are eligible, their titles and
   * prices replace the ones derived from the interaction rows, and products nobody bought are
   * candidates too (ranked after every sold one, by id), so a new product can be recommended
   * through its text alone.
   */
  readonly products?: ProductList;
  /**
   * The sync server's priors: popularity among current visitors, blended with the distinct-user
   * count to choose and order the catalog (recommend/server-priors.ts).
   */
  readonly priors?: PopularityPriors;
}

/** The defined fields of `o` only, so an options object never carries `undefined` explicitly. */
export function catalogInputs(o: CatalogInputs): CatalogInputs {
  return {
    ...(o.currency === undefined ? {} : { currency: o.currency }),
    ...(o.products === undefined ? {} : { products: o.products }),
    ...(o.priors === undefined ? {} : { priors: o.priors }),
  };
}

/** Options of {@link buildCatalog}. */
export interface CatalogOptions extends CatalogInputs {
  /** How many of the most popular items to keep. */
  readonly size: number;
}

/** The catalog and the distinct-user count of each of its items (same order). */
export interface BuiltCatalog {
  readonly catalog: Catalog;
  readonly userCounts: readonly number[];
}

/**
 * Selects the `size` items with most distinct users (blended with the priors when given); ties go to
 * more users, then the smaller id, for determinism.
 */
export function buildCatalog(rows: readonly RawInteraction[], options: CatalogOptions): BuiltCatalog {
  const users = new Map<string, Set<string>>();
  for (const id of options.products?.keys() ?? []) users.set(id, new Set());
  for (const r of rows) {
    if (options.products && !options.products.has(r.item)) continue;
    let s = users.get(r.item);
    if (!s) {
      s = new Set();
      users.set(r.item, s);
    }
    s.add(r.user);
  }
  const counted = [...users.entries()].map(([id, s]) => ({ id, n: s.size }));
  const blended = blendPopularity(
    counted.map((c) => c.id),
    counted.map((c) => c.n),
    options.priors,
  );
  const ranked = counted
    .map((c, i) => ({ ...c, score: blended[i] as number }))
    .sort((a, b) => b.score - a.score || b.n - a.n || compareIds(a.id, b.id))
    .slice(0, Math.max(0, options.size));
  const chosen = new Set(ranked.map((r) => r.id));

  const titles = new Map<string, Map<string, number>>();
  const prices = new Map<string, number[]>();
  for (const r of rows) {
    if (!chosen.has(r.item)) continue;
    if (r.title !== '') {
      let t = titles.get(r.item);
      if (!t) {
        t = new Map();
        titles.set(r.item, t);
      }
      t.set(r.title, (t.get(r.title) ?? 0) + 1);
    }
    if (r.price !== null) {
      let p = prices.get(r.item);
      if (!p) {
        p = [];
        prices.set(r.item, p);
      }
      p.push(r.price);
    }
  }

  const items: CatalogItem[] = ranked.map(({ id }) => {
    const given = options.products?.get(id);
    const title = given?.title ?? titleCase(mostFrequent(titles.get(id)) ?? id);
    const price = given?.price ?? round2(median(prices.get(id) ?? []));
    return given?.category ? { id, title, price, category: given.category } : { id, title, price };
  });
  return { catalog: { currency: options.currency ?? 'GBP', items }, userCounts: ranked.map((r) => r.n) };
}

/** Code-unit order, not locale order, so the catalog is the same on every machine. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** "WHITE HANGING HEART T-LIGHT HOLDER" → "White Hanging Heart T-Light Holder". */
export function titleCase(s: string): string {
  return s
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase()
    .replace(/(^|[\s\-/(&+])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}

/** Median of the values; 0 for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** Rounds to cents; the epsilon keeps 2.675 from becoming 2.67 through binary representation. */
export function round2(x: number): number {
  return Math.round((x + Number.EPSILON) * 100) / 100;
}

function mostFrequent(counts: ReadonlyMap<string, number> | undefined): string | undefined {
  let best: string | undefined;
  let bestN = 0;
  for (const [k, n] of counts ?? []) {
    if (n > bestN || (n === bestN && best !== undefined && compareIds(k, best) < 0)) {
      best = k;
      bestN = n;
    }
  }
  return best;
}
