/**
 * Accuracy of the LDP estimators on simulated populations, for the closing note of issue 6: at the
 * default epsilon (1), k-RR over 8 categories and the count-mean sketch (64 × 1,024) over a Zipf
 * catalog of 1,000 items; then each metric as the worker reports it (its domain and epsilon, see
 * worker/sync/report-plan.ts); each at 1,000 and 100,000 devices. Run: `npx tsx scripts/ldp-accuracy.ts`.
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
const ITEMS = Array.from({ length: 1000 }, (_, i) => `item-${i}`);

/** A population: its true weights (k-RR) or the catalog (sketch), and the epsilon of its reports. */
interface Setup {
  readonly mechanism: string;
  readonly weights?: readonly number[];
  readonly epsilon: number;
}

const KRR_8: Setup = { mechanism: 'k-RR, 8 categories', weights: [8, 7, 6, 5, 4, 3, 2, 1], epsilon: EPSILON };
const CMS: Setup = { mechanism: 'CMS 64×1024, 1,000 items', epsilon: EPSILON };
/** The worker's metrics: 3 model segments + the no-purchase rule; 27 intents + out of scope (Zipf);
 * 3 answer kinds × 👍/👎; 2 arms × converted. */
const WORKER: readonly Setup[] = [
  { mechanism: 'segment_share (4 cells, ε 1)', weights: [0.2, 0.22, 0.13, 0.45], epsilon: 1 },
  { mechanism: 'intent_count (28 cells, ε 1)', weights: zipfWeights(28), epsilon: 1 },
  {
    mechanism: 'template_feedback (6 cells, ε 0.5)',
    weights: [0.22, 0.58, 0.04, 0.26, 0.05, 0.05],
    epsilon: 0.5,
  },
  { mechanism: 'experiment_conversion (4 cells, ε 0.5)', weights: [0.45, 0.05, 0.43, 0.07], epsilon: 0.5 },
];

interface Row extends Accuracy {
  readonly mechanism: string;
  readonly devices: number;
  readonly trials: number;
  readonly published: number;
}

function run(setup: Setup, devices: number, trials: number): Row {
  const truth = exactCounts(setup.weights ?? zipfWeights(ITEMS.length), devices);
  let meanAbsError = 0;
  let maxHalfWidth = 0;
  let coverage = 0;
  let published = 0;
  for (let t = 0; t < trials; t++) {
    const est = setup.weights
      ? simulateKrr(truth, setup.epsilon)
      : simulateCms(ITEMS, truth, {
          hashes: DEFAULT_CMS_HASHES,
          buckets: DEFAULT_CMS_BUCKETS,
          epsilon: setup.epsilon,
        });
    const a = accuracy(est, truth);
    meanAbsError += a.meanAbsError / trials;
    maxHalfWidth = Math.max(maxHalfWidth, a.maxHalfWidth);
    coverage += a.coverage / trials;
    published += publishable(est, devices).length / trials;
  }
  return { mechanism: setup.mechanism, devices, trials, meanAbsError, maxHalfWidth, coverage, published };
}

const pct = (x: number, n: number) => `${((100 * x) / n).toFixed(2)} %`;
const rows = [
  run(KRR_8, 1000, 200),
  run(KRR_8, 100_000, 50),
  run(CMS, 1000, 5),
  run(CMS, 100_000, 1),
  ...WORKER.flatMap((w) => [run(w, 1000, 200), run(w, 100_000, 50)]),
];
console.log(
  `epsilon = ${EPSILON} unless a row says otherwise; errors in devices and as a share of all devices; 95 % intervals`,
);
console.log(
  '| mechanism | devices | trials | mean abs error | max CI half-width | coverage | cells published (k = 20) |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const r of rows)
  console.log(
    `| ${r.mechanism} | ${r.devices.toLocaleString('en')} | ${r.trials} | ${r.meanAbsError.toFixed(1)} (${pct(r.meanAbsError, r.devices)}) | ${r.maxHalfWidth.toFixed(1)} (${pct(r.maxHalfWidth, r.devices)}) | ${(100 * r.coverage).toFixed(1)} % | ${r.published.toFixed(1)} |`,
  );
