/**
 * Seeded randomness and stratified splits. Everything random in intent training goes through
 * {@link mulberry32}, so a seed fixes the split, the shuffles and the initial weights.
 */

import { mulberry32 } from '../src/rng';

/** Re-exported: intent training draws all its randomness from the shared seeded generator. */
export { mulberry32 };

/** Fisher–Yates shuffle in place. */
export function shuffleInPlace<T>(items: T[], rand: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const tmp = items[i] as T;
    items[i] = items[j] as T;
    items[j] = tmp;
  }
  return items;
}

/**
 * Splits indices 0..labels.length-1 so each label keeps its share: round(fraction · count) of every
 * label's rows go to `held` (at least one when the label has two or more rows, none when it has one,
 * so every label can still be learned). Both parts are returned in ascending index order.
 */
export function stratifiedSplit(
  labels: readonly string[],
  fraction: number,
  seed: number,
): { kept: number[]; held: number[] } {
  if (!(fraction > 0 && fraction < 1))
    throw new RangeError(`split fraction must be in (0, 1), got ${fraction}`);
  const rand = mulberry32(seed);
  const byLabel = new Map<string, number[]>();
  labels.forEach((l, i) => {
    const list = byLabel.get(l);
    if (list) list.push(i);
    else byLabel.set(l, [i]);
  });
  const kept: number[] = [];
  const held: number[] = [];
  // Sorted label order: Map order follows the file, and the split must not depend on row order alone.
  for (const label of [...byLabel.keys()].sort()) {
    const idx = shuffleInPlace([...(byLabel.get(label) ?? [])], rand);
    const n = idx.length < 2 ? 0 : Math.min(idx.length - 1, Math.max(1, Math.round(fraction * idx.length)));
    held.push(...idx.slice(0, n));
    kept.push(...idx.slice(n));
  }
  const asc = (a: number, b: number): number => a - b;
  return { kept: kept.sort(asc), held: held.sort(asc) };
}
