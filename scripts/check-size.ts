/**
 * Fails when a bundle exceeds its budget (run by `npm test` after the build).
 */
import { BUDGETS, measureWidget } from './sizes';

const sizes = measureWidget('dist/widget', { runtime: false });
let failed = false;
for (const [key, budget] of Object.entries(BUDGETS) as [keyof typeof BUDGETS, number][]) {
  const ok = sizes[key] <= budget;
  failed ||= !ok;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${key}: ${sizes[key]} B brotli (budget ${budget} B)`);
}
console.log(`info worker (lazy, without onnxruntime-web): ${sizes.workerBrotli} B`);
if (failed) process.exit(1);
