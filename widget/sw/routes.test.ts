import { describe, expect, it } from 'vitest';
import { routeFor } from './routes';

const ORIGIN = 'https://widget.example';
const route = (url: string) => routeFor(new URL(url), ORIGIN);

describe('routeFor', () => {
  it('keeps the frame document, hashed build files and the public per-site reads', () => {
    expect(route(`${ORIGIN}/frame.html?site=demo`)).toBe('shell');
    expect(route(`${ORIGIN}/assets/worker-BWA4vyx0.js`)).toBe('assets');
    expect(route(`${ORIGIN}/assets/ort-wasm-simd-threaded-DcHrbrb.wasm`)).toBe('assets');
    expect(route(`${ORIGIN}/v1/manifest`)).toBe('api');
    expect(route(`${ORIGIN}/v1/priors`)).toBe('api');
    expect(route(`${ORIGIN}/v1/experiments?site=demo`)).toBe('api');
  });

  it('leaves reports, model files, source maps, the dashboard and other origins to the network', () => {
    expect(route(`${ORIGIN}/v1/reports`)).toBeUndefined();
    // Model files are kept by the worker under their sha256, so a new version is never shadowed.
    expect(route(`${ORIGIN}/v1/models/intent-int8.onnx`)).toBeUndefined();
    expect(route(`${ORIGIN}/assets/frame-1.js.map`)).toBeUndefined();
    expect(route(`${ORIGIN}/dashboard?site=demo`)).toBeUndefined();
    expect(route(`${ORIGIN}/confide.js`)).toBeUndefined();
    expect(route(`${ORIGIN}/sw.js`)).toBeUndefined();
    expect(route('https://shop.example/assets/app.js')).toBeUndefined();
  });
});
