/**
 * The worker's network policy: every request without credentials, referrer or HTTP cache.
 */

/** The policy and the helpers that apply it. */
export {
  deviceFetch,
  type FetchFn,
  installRequestPolicy,
  REQUEST_POLICY,
  withPolicy,
} from './device-fetch';
