/**
 * Cleaning rules. Each dropped row is counted under the first rule it breaks, so the counts add up
 * to the rows removed and can be printed next to the data description in the manifest.
 */
import type { RawInteraction } from './read-interactions';

/**
 * UCI Online Retail product codes: five digits, optionally one or two letters (variants). Applied to
 * the built-in UCI data only; a site's own export keeps every item unless `--item-pattern` is given.
 */
export const DEFAULT_ITEM_PATTERN = /^\d{5}[A-Za-z]{0,2}$/;

/** Options of {@link cleanInteractions}. */
export interface CleanOptions {
  /**
   * Item ids that are real products. Other codes (postage, discounts, fees, manual lines) are not
   * things a visitor should be recommended. Absent: every item id counts as a product.
   */
  readonly itemPattern?: RegExp;
}

/** How many rows each rule removed. */
export interface CleanCounts {
  readonly input: number;
  readonly missingUser: number;
  /** Invoice starts with "C" (only when an invoice column is mapped). */
  readonly cancelled: number;
  readonly nonPositiveQuantity: number;
  readonly nonProductCode: number;
  /** Price <= 0 (only when a price column is mapped). */
  readonly nonPositivePrice: number;
  /** Rows identical to an earlier one in every mapped field. */
  readonly duplicate: number;
  readonly kept: number;
}

/** The rows that passed, in input order, and the counts. */
export interface CleanResult {
  readonly rows: RawInteraction[];
  readonly counts: CleanCounts;
}

/** Applies the rules in the order of {@link CleanCounts}' fields. */
export function cleanInteractions(rows: readonly RawInteraction[], options: CleanOptions = {}): CleanResult {
  const pattern = options.itemPattern;
  const counts = {
    input: rows.length,
    missingUser: 0,
    cancelled: 0,
    nonPositiveQuantity: 0,
    nonProductCode: 0,
    nonPositivePrice: 0,
    duplicate: 0,
    kept: 0,
  };
  const seen = new Set<string>();
  const kept: RawInteraction[] = [];
  for (const r of rows) {
    if (r.user === '') counts.missingUser++;
    else if (r.invoice?.toUpperCase().startsWith('C')) counts.cancelled++;
    else if (!(r.quantity > 0)) counts.nonPositiveQuantity++;
    else if (pattern && !pattern.test(r.item)) counts.nonProductCode++;
    else if (r.price !== null && !(r.price > 0)) counts.nonPositivePrice++;
    else {
      // \u0001 cannot occur in CSV text fields that matter here, so the key is unambiguous.
      const key = [r.user, r.item, r.ts, r.quantity, r.price, r.title, r.invoice].join('\u0001');
      if (seen.has(key)) counts.duplicate++;
      else {
        seen.add(key);
        kept.push(r);
      }
    }
  }
  counts.kept = kept.length;
  return { rows: kept, counts };
}
