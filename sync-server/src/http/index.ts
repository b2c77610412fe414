/**
 * HTTP plumbing shared by the routes: error answers, origins and CORS, rate limits, bounded body
 * reading, static files and the Prometheus metrics middleware.
 */

/** What a `POST /v1/reports` answer said, noted by the code that answered, for the metrics middleware. */
export { noteAnswer } from './answer-notes';
/** The client address the per-address rate limit keys on, through trusted proxies only. */
export {
  clientAddressResolver,
  forwardedClient,
  normalizeAddress,
  parseTrustedProxies,
  type TrustedProxies,
} from './client-address';
/** Which errors mean the database is unreachable or cannot answer now (answered 503). */
export { DB_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './db-unavailable';
/** Error answers. */
export { errorBody, jsonError, serviceUnavailable } from './errors';
/** Operational metrics in Prometheus form, one {@link Registry} per app so two apps (or two tests) …. */
export { createServerMetrics, type DriftCounts, metricsMiddleware, type ServerMetrics } from './metrics';
/** Origins. */
export { allowCors, allowPreflight, isSiteKey, normalizeOrigin, ownOrigins } from './origins';
/** Token-bucket rate limiting, in memory and therefore per instance. */
export {
  assertRateLimit,
  DEFAULT_RATE_LIMITS,
  type RateDecision,
  type RateLimit,
  type RateLimits,
  socketAddress,
  TokenBuckets,
  tooManyRequests,
} from './rate-limit';
/** Reads a request body as text with a byte limit. */
export { readBodyText } from './read-body';
/** Tolerant JSON reading for the artifact files the server only consumes (manifest, catalog). */
export { isRecord, readJson } from './read-json';
/** A deliberately small file sender for the widget assets and model files. */
export { etagMatches, findFile, isSafeSegment, sendFile, weakEtag } from './static-file';
