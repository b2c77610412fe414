/**
 * One config, four outputs:
 *  - default mode: the frame (`frame.html` + preact UI) and, through `new Worker(new URL(...))`, the worker;
 *  - `--mode loader`: the host-page loader `confide.js`, a single classic IIFE script with no imports,
 *    because it is dropped into arbitrary pages with a plain `<script async>` tag;
 *  - `--mode sw`: the widget origin's service worker `sw.js`, one classic script (module service
 *    workers are not everywhere yet), at the root so that its scope covers the frame and the worker;
 *  - `--mode bench`: the benchmark page (below).
 * `npm run build` runs the first three into `dist/widget/`, which the sync server serves.
 */
import { resolve } from 'node:path';
import { defineConfig, type UserConfig } from 'vite';

const outDir = resolve(import.meta.dirname, 'dist/widget');

const loader: UserConfig = {
  publicDir: false,
  build: {
    outDir,
    emptyOutDir: false,
    target: 'es2019',
    sourcemap: false,
    lib: {
      entry: resolve(import.meta.dirname, 'widget/loader/index.ts'),
      formats: ['iife'],
      name: 'confideLoader',
      fileName: () => 'confide.js',
    },
  },
};

const serviceWorker: UserConfig = {
  publicDir: false,
  build: {
    outDir,
    emptyOutDir: false,
    target: 'es2020',
    sourcemap: false,
    lib: {
      entry: resolve(import.meta.dirname, 'widget/sw/service-worker.ts'),
      formats: ['iife'],
      name: 'confideServiceWorker',
      fileName: () => 'sw.js',
    },
  },
  // Workbox logs every routing decision in development builds; the bundle is always a production one.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
};

const frame: UserConfig = {
  root: resolve(import.meta.dirname, 'widget/frame'),
  base: './',
  publicDir: false,
  build: {
    outDir,
    // In watch mode (npm run dev) the loader shares this folder; emptying it would delete confide.js.
    emptyOutDir: process.env.CONFIDE_WATCH !== '1',
    target: 'es2022',
    sourcemap: true,
    // The wasm binary is emitted as a file, never inlined as base64.
    assetsInlineLimit: 0,
    rollupOptions: { input: resolve(import.meta.dirname, 'widget/frame/frame.html') },
  },
  worker: { format: 'es' },
  optimizeDeps: {
    exclude: ['onnxruntime-web'],
    include: ['preact', 'preact/hooks', 'preact/jsx-runtime', 'comlink', 'idb', 'valibot'],
  },
  server: { fs: { allow: [import.meta.dirname] } },
};

// `--mode bench` (run by `npm run bench`): the benchmark page `test/bench/frame.html` and its worker,
// built exactly like the frame (module worker, wasm emitted as a file) into `dist/bench`, which the
// bench serves through a real sync server so the page is same-origin with `/v1/models`.
const bench: UserConfig = {
  root: resolve(import.meta.dirname, 'test/bench'),
  base: './',
  publicDir: false,
  build: {
    outDir: resolve(import.meta.dirname, 'dist/bench'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    assetsInlineLimit: 0,
    rollupOptions: { input: resolve(import.meta.dirname, 'test/bench/frame.html') },
  },
  worker: { format: 'es' },
};

// Tests are configured in vitest.config.ts (which Vitest reads instead of this file).
const modes: Record<string, UserConfig> = { loader, sw: serviceWorker, bench };
export default defineConfig(({ mode }) => modes[mode] ?? frame);
