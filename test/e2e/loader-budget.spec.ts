/**
 * The loader's size budget (docs/architecture.md: at most 5 KB brotli), measured on the file the sync server
 * actually serves to host pages, and its shape: one classic script that imports nothing.
 */
import { BUDGETS, brotliBytes } from '../../scripts/sizes';
import { expect, test } from './stack';

test('confide.js as served stays within its brotli budget and loads nothing else', async ({
  request,
  stack,
}) => {
  const res = await request.get(`${stack.widgetUrl}/confide.js`);
  expect(res.ok()).toBe(true);
  const body = await res.body();
  const brotli = brotliBytes(body);
  console.log(
    `[size] confide.js ${body.length} B raw, ${brotli} B brotli (budget ${BUDGETS.loaderBrotli} B)`,
  );
  test.info().annotations.push({ type: 'confide.js brotli bytes', description: String(brotli) });
  expect(brotli).toBeLessThanOrEqual(BUDGETS.loaderBrotli);
  const text = body.toString('utf8');
  // A classic script: no module syntax, no dynamic import or second script fetched from the host page.
  expect(text).not.toMatch(/\bimport\s*\(|^\s*import\s|\bexport\s/m);
  expect(text).not.toMatch(/\beval\(|new Function/);
});
