/**
 * Brotli sizes of the built widget, split the way the budgets in docs/architecture.md are: the host-page loader,
 * the frame UI (html + css + its js, without onnxruntime-web) and the worker (without onnxruntime-web,
 * which loads lazily after consent).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

/** Bytes after brotli at maximum quality, as a CDN would serve them. */
export function brotliBytes(buf: Buffer): number {
  return brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
}

/** Sizes in bytes. */
export interface WidgetSizes {
  readonly loaderBrotli: number;
  readonly frameBrotli: number;
  readonly workerBrotli: number;
  /** onnxruntime-web's JS glue and wasm, fetched only after consent; `null` when not measured. */
  readonly runtimeBrotli: number | null;
}

/** Budgets from docs/architecture.md, in brotli bytes. */
export const BUDGETS = { loaderBrotli: 5 * 1024, frameBrotli: 35 * 1024 } as const;

/**
 * Measures `dist/widget`. Throws when the build is missing. Compressing the 14 MB wasm at quality 11
 * takes about a minute, so the runtime is measured only when asked (the bench does, the test does not).
 */
export function measureWidget(dir = 'dist/widget', { runtime = true } = {}): WidgetSizes {
  const assets = readdirSync(join(dir, 'assets')).filter((f) => !f.endsWith('.map'));
  const sum = (files: string[]) =>
    files.reduce((n, f) => n + brotliBytes(readFileSync(join(dir, 'assets', f))), 0);
  const isRuntime = (f: string) => f.startsWith('ort') || f.endsWith('.wasm');
  return {
    loaderBrotli: brotliBytes(readFileSync(join(dir, 'confide.js'))),
    frameBrotli:
      brotliBytes(readFileSync(join(dir, 'frame.html'))) + sum(assets.filter((f) => f.startsWith('frame-'))),
    workerBrotli: sum(assets.filter((f) => !f.startsWith('frame-') && !isRuntime(f))),
    runtimeBrotli: runtime ? sum(assets.filter(isRuntime)) : null,
  };
}
