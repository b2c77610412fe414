import { afterEach, describe, expect, it, vi } from 'vitest';
import { deviceFetch, type FetchFn, installRequestPolicy, REQUEST_POLICY, withPolicy } from './device-fetch';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the network policy', () => {
  it('sends no credentials or referrer and keeps nothing in the HTTP cache, whatever the caller asks', () => {
    const init = withPolicy({
      method: 'POST',
      body: '{}',
      credentials: 'include',
      cache: 'force-cache',
      referrerPolicy: 'unsafe-url',
    });
    expect(init).toEqual({ method: 'POST', body: '{}', ...REQUEST_POLICY });
    expect(REQUEST_POLICY).toEqual({ credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-store' });
  });

  it('applies to the worker’s own requests and to those of libraries, through the scope’s fetch', async () => {
    const seen: (RequestInit | undefined)[] = [];
    const scope: { fetch: FetchFn } = {
      fetch: async (_input, init) => {
        seen.push(init);
        return new Response('ok');
      },
    };
    installRequestPolicy(scope);
    // A library's own options (onnxruntime-web asks for same-origin credentials) are overridden.
    await scope.fetch('/assets/ort.wasm', { credentials: 'same-origin' });
    vi.stubGlobal('fetch', scope.fetch);
    await deviceFetch('/v1/manifest');
    expect(seen).toEqual([REQUEST_POLICY, REQUEST_POLICY]);
  });
});
