/**
 * Vitest reads this file instead of vite.config.ts (which builds the widget). Two projects:
 *  - `unit`: every `*.test.ts` in Node (fake-indexeddb where IndexedDB is needed);
 *  - `browser`: `worker/*.browser.test.ts` in real headless Chromium through Playwright, as two
 *    instances: `chromium` (the flags every browser run here uses: no GPU adapter) and `webgpu`
 *    (`*.webgpu.browser.test.ts` only, with SwiftShader's software WebGPU adapter).
 * `npm run test:unit` runs `unit` first, then both browser instances.
 */
import { resolve } from 'node:path';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { serveArtifacts } from './test/browser/serve-artifacts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './test/chromium';

const root = import.meta.dirname;
const BROWSER_TESTS = 'worker/**/*.browser.test.ts';
const WEBGPU_TESTS = 'worker/**/*.webgpu.browser.test.ts';
/** A software WebGPU adapter (SwiftShader): enough to check results, not to time anything. */
const WEBGPU_ARGS = ['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader'];

const chromium = (extra: readonly string[]) =>
  playwright({ launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...extra] } });

export default defineConfig({
  test: {
    root,
    projects: [
      {
        test: {
          name: 'unit',
          root,
          include: ['**/*.test.ts'],
          exclude: ['node_modules/**', 'dist/**', 'test/e2e/**', '**/*.browser.test.ts'],
          testTimeout: 30_000,
          pool: 'forks',
        },
      },
      {
        plugins: [serveArtifacts(resolve(root, 'models/artifacts'))],
        // onnxruntime-web finds its wasm next to its own module (`import.meta.url`); pre-bundling
        // would move the module away from the wasm. The rest is pre-bundled up front so that no
        // mid-run discovery reloads the page under a running test.
        optimizeDeps: { exclude: ['onnxruntime-web'], include: ['idb', 'onnx-proto'] },
        server: { fs: { allow: [root] } },
        test: {
          name: 'browser',
          root,
          include: [BROWSER_TESTS],
          globalSetup: ['test/browser/provide-fixtures.ts'],
          testTimeout: 60_000,
          // Every file uses the one `confide` database on the test origin: one file at a time.
          fileParallelism: false,
          browser: {
            enabled: true,
            headless: true,
            // A failure's message and diff say what went wrong; screenshots would land in the source tree.
            screenshotFailures: false,
            provider: chromium([]),
            instances: [
              { browser: 'chromium', name: 'chromium', exclude: [WEBGPU_TESTS] },
              {
                browser: 'chromium',
                name: 'webgpu',
                include: [WEBGPU_TESTS],
                provider: chromium(WEBGPU_ARGS),
              },
            ],
          },
        },
      },
    ],
  },
});
