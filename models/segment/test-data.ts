/**
 * Deterministic synthetic shop data for the segment tests: three kinds of customers (frequent big
 * spenders, lapsed one-off buyers, brand-new buyers) over a small titled catalog, so tests run in
 * milliseconds and know what the segments should look like.
 */
import type { RawInteraction } from '../src/read-interactions';
import { mulberry32, randomInt } from '../src/rng';

const DAY = 86_400_000;

/** The end of the synthetic data (a Wednesday, 12:00 UTC). */
export const SYNTHETIC_NOW = Date.UTC(2011, 11, 7, 12);

/** Product titles of the synthetic catalog: four obvious keyword groups. */
export const SYNTHETIC_TITLES: readonly string[] = [
  'RED LUNCH BAG',
  'JUMBO SHOPPER BAG',
  'PAISLEY LUNCH BAG',
  'HEART CANDLE HOLDER',
  'GLASS CANDLE HOLDER',
  'ZINC CANDLE HOLDER',
  'BIRTHDAY GREETING CARD',
  'CHRISTMAS GREETING CARD',
  'BLANK GREETING CARD',
  'TEA CUP AND SAUCER',
  'COFFEE CUP AND SAUCER',
  'ESPRESSO CUP AND SAUCER',
];

/** Rows for `users` customers (a third of each kind), reproducible from `seed`. */
export function syntheticRows(users: number, seed = 7): RawInteraction[] {
  const rng = mulberry32(seed);
  const rows: RawInteraction[] = [];
  let line = 2;
  for (let u = 0; u < users; u++) {
    const kind = u % 3;
    // frequent: 6–12 orders over the year, recent; lapsed: 1–2 orders 200–300 days ago; new: 1 order this week.
    const orders = kind === 0 ? 6 + randomInt(rng, 7) : kind === 1 ? 1 + randomInt(rng, 2) : 1;
    const group = randomInt(rng, 4);
    for (let o = 0; o < orders; o++) {
      const ageDays =
        kind === 0
          ? 2 + o * 30 + randomInt(rng, 10)
          : kind === 1
            ? 200 + o * 40 + randomInt(rng, 60)
            : randomInt(rng, 5);
      const ts = SYNTHETIC_NOW - ageDays * DAY - randomInt(rng, 8) * 3_600_000;
      const lines = 1 + randomInt(rng, kind === 0 ? 6 : 2);
      for (let l = 0; l < lines; l++) {
        const t = rng() < 0.8 ? group * 3 + randomInt(rng, 3) : randomInt(rng, SYNTHETIC_TITLES.length);
        rows.push({
          user: `U${String(u).padStart(4, '0')}`,
          item: String(10000 + t),
          ts,
          quantity: kind === 0 ? 12 + randomInt(rng, 24) : 1 + randomInt(rng, 3),
          price: 1 + (t % 5),
          title: SYNTHETIC_TITLES[t] as string,
          invoice: `I${u}-${o}`,
          line: line++,
        });
      }
    }
  }
  return rows;
}
