/**
 * Accuracy of the LDP estimators at the default epsilon (1) on simulated populations, for the
 * closing note of issue 6: k-RR over 8 categories and the count-mean sketch (64 × 1,024) over a
 * Zipf catalog of 1,000 items, each at 1,000 and 100,000 devices. Run: `npx tsx scripts/ldp-accuracy.ts`.
 * The mechanism draws from the CSPRNG, so figures move a little between runs; the errors are averaged
 * over several simulated populations where that is cheap.
 */
import { DEFAULT_CMS_BUCKETS, DEFAULT_CMS_HASHES } from '../sync-server/protocol/ldp/cms';
import {
  type Accuracy,
  accuracy,
  exactCounts,
  simulateCms,
  simulateKrr,
  zipfWeights,
} from '../sync-server/protocol/ldp/simulate';
import { publishable } from '../sync-server/protocol/ldp/threshold';

const EPSILON = 1;
const KRR_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 1];
const ITEMS = Array.from({ length: 1000 }, (_, i) => `item-${i}`);

interface Row extends Accuracy {
  readonly mechanism: string;
  readonly devices: number;
  readonly trials: number;
  readonly published: number;
}

function run(mechanism: string, devices: number, trials: number): Row {
  const krr = mechanism.startsWith('k-RR');
  const truth = krr ? exactCounts(KRR_WEIGHTS, devices) : exactCounts(zipfWeights(ITEMS.length), devices);
  let meanAbsError = 0;
  let maxHalfWidth = 0;
  let coverage = 0;
  let published = 0;
  for (let t = 0; t < trials; t++) {
    const est = krr
      ? simulateKrr(truth, EPSILON)
      : simulateCms(ITEMS, truth, {
          hashes: DEFAULT_CMS_HASHES,
          buckets: DEFAULT_CMS_BUCKETS,
          epsilon: EPSILON,
        });
    const a = accuracy(est, truth);
    meanAbsError += a.meanAbsError / trials;
    maxHalfWidth = Math.max(maxHalfWidth, a.maxHalfWidth);
    coverage += a.coverage / trials;
    published += publishable(est, devices).length / trials;
  }
  return { mechanism, devices, trials, meanAbsError, maxHalfWidth, coverage, published };
}

const pct = (x: number, n: number) => `${((100 * x) / n).toFixed(2)} %`;
const rows = [
  run('k-RR, 8 categories', 1000, 200),
  run('k-RR, 8 categories', 100_000, 50),
  run('CMS 64×1024, 1,000 items', 1000, 5),
  run('CMS 64×1024, 1,000 items', 100_000, 1),
];
console.log(`epsilon = ${EPSILON}; errors in devices and as a share of all devices; 95 % intervals`);
console.log(
  '| mechanism | devices | trials | mean abs error | max CI half-width | coverage | cells published (k = 20) |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const r of rows)
  console.log(
    `| ${r.mechanism} | ${r.devices.toLocaleString('en')} | ${r.trials} | ${r.meanAbsError.toFixed(1)} (${pct(r.meanAbsError, r.devices)}) | ${r.maxHalfWidth.toFixed(1)} (${pct(r.maxHalfWidth, r.devices)}) | ${(100 * r.coverage).toFixed(1)} % | ${r.published.toFixed(1)} |`,
  );
