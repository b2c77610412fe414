/**
 * Fails when a bundle exceeds its budget (run by `npm test` after the build).
 */
import { BUDGETS, measureWidget } from './sizes';

const sizes = measureWidget();
let failed = false;
for (const [key, budget] of Object.entries(BUDGETS) as [keyof typeof BUDGETS, number][]) {
  const ok = sizes[key] <= budget;
  failed ||= !ok;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${key}: ${sizes[key]} B brotli (budget ${budget} B)`);
}
console.log(
  `info worker (lazy): ${sizes.workerBrotli} B, onnxruntime-web (after consent): ${sizes.runtimeBrotli} B`,
);
if (failed) process.exit(1);
