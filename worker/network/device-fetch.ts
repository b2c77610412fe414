/**
 * Every request the worker makes goes out under one policy, so nothing about the visitor rides along
 * in a header or stays in a cache the widget does not control:
 * - `credentials: 'omit'`: no cookies or HTTP auth of the widget's origin, even if some were set;
 * - `referrerPolicy: 'no-referrer'`: no Referer (the frame URL names the host page);
 * - `cache: 'no-store'`: nothing lands in the browser's HTTP cache, which "delete everything" cannot
 *   reach. What is worth keeping (model files, with `personalize`) is kept in Cache Storage by
 *   models/model-cache.ts, which revocation deletes.
 * URLs carry only what every visitor of the site would send (the site key, a model file name): never
 * a segment or anything else derived from the visitor.
 */

/** The fixed part of every request's init. */
export const REQUEST_POLICY = {
  credentials: 'omit',
  referrerPolicy: 'no-referrer',
  cache: 'no-store',
} as const satisfies RequestInit;

/** `init` with the policy applied; the policy's fields cannot be overridden by a caller. */
export function withPolicy(init: RequestInit = {}): RequestInit {
  return { ...init, ...REQUEST_POLICY };
}

/** `fetch` under {@link REQUEST_POLICY}. */
export function deviceFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  return fetch(input, withPolicy(init));
}

/** A fetch function, as libraries and the outbox take one. */
export type FetchFn = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/**
 * Puts the policy under the scope's own `fetch`, for requests made by code the worker does not own
 * (onnxruntime-web fetches its wasm itself). Installed once, in the worker's entry, before anything
 * runs; a Request object passed as input keeps its own URL and body but gets the policy's options.
 */
export function installRequestPolicy(scope: { fetch: FetchFn }): void {
  const original = scope.fetch.bind(scope);
  scope.fetch = (input, init) => original(input, withPolicy(init));
}
