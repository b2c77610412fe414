/**
 * Brotli sizes of onnxruntime-web in a widget build, split by build: the wasm-only build every
 * consenting visitor fetches, and the WebGPU build (its JS and its larger asyncify wasm) fetched only
 * when the engine enables WebGPU and the device has an adapter. Counting both as one figure would
 * charge every visitor for a download most never make.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliBytes } from '../sizes';

/** Brotli bytes of each runtime build. */
export interface RuntimeSizes {
  readonly wasm: number;
  readonly webgpu: number;
}

/** The same test `scripts/sizes.ts` uses for "part of onnxruntime-web". */
const isRuntime = (f: string) => f.startsWith('ort') || f.endsWith('.wasm');
const isWebgpu = (f: string) => f.startsWith('ort.webgpu') || f.includes('.asyncify');

/** Measures `dir/assets`. Compressing ~40 MB of wasm at quality 11 takes a few minutes. */
export function runtimeSizes(dir = 'dist/widget'): RuntimeSizes {
  const files = readdirSync(join(dir, 'assets')).filter((f) => !f.endsWith('.map') && isRuntime(f));
  const sum = (list: string[]) =>
    list.reduce((n, f) => n + brotliBytes(readFileSync(join(dir, 'assets', f))), 0);
  return { wasm: sum(files.filter((f) => !isWebgpu(f))), webgpu: sum(files.filter(isWebgpu)) };
}
