/**
 * A tiny order history for training tests: 14 items, item i (id 1001 + i) bought by 14 − i customers
 * on three days, so purchase popularity alone ranks 1001 first and 1014 last, and `--items 8` leaves
 * 1014 out of the catalog. Written as CSV (customer, product, at) into `dir`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The least-bought item: what a priors signal has to lift. */
export const LEAST_BOUGHT = '1014';

/** Writes the file; returns its path and the train flags that read it (one fixed recommender setting). */
export function writeTinyOrders(dir: string): { file: string; flags: string[] } {
  const t0 = Date.UTC(2024, 0, 1);
  const lines = ['customer,product,at'];
  for (let i = 0; i < 14; i++) {
    for (let u = 0; u < 14 - i; u++) {
      for (const d of [0, 7, 14]) {
        lines.push(`u${u},${1001 + ((i + d) % 14)},${new Date(t0 + (d + u) * 86_400_000).toISOString()}`);
      }
    }
  }
  const file = join(dir, 'orders.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  const flags = [
    ...['--task', 'recommend', '--interactions', file, '--user-col', 'customer'],
    ...['--item-col', 'product', '--time-col', 'at', '--items', '8', '--lambda', '50'],
    ...['--text-weight', '0', '--half-life', '14', '--rank', '0', '--neighbours', '3', '--skip-int8'],
  ];
  return { file, flags };
}
