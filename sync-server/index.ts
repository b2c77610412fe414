/**
 * The sync server's public surface. Import from here, not from `src/`, so the internals can move.
 */

export {
  type ExperimentSpecs,
  type ExperimentsAnswer,
  experimentListSchema,
  experimentSpecSchema,
  experimentsAnswerSchema,
  MAX_SITE_EXPERIMENTS,
  parseExperimentList,
  parseExperimentsAnswer,
} from './protocol/experiments';
/** Debiased, k-thresholded k-RR aggregates counted in SQL. */
export {
  aggregateKrr,
  combineKrr,
  countKrrReports,
  type KrrAggregate,
  type KrrCounts,
  type KrrQuery,
} from './src/aggregates';
/** Builds the Hono app from its dependencies (see {@link AppDeps}); drive it with `app.request()`. */
export { type AppDeps, createApp, DEFAULT_MODELS_DIR, DEFAULT_WIDGET_DIR } from './src/app';
/** Environment parsing: `configFromEnv(process.env)` and the `CONFIDE_SITES` parser. */
export {
  configFromEnv,
  DEFAULT_PORT,
  type EnvConfig,
  parseRate,
  parseSites,
  type SiteConfig,
} from './src/config';
/** Table row types, for code that queries the store's tables directly through Kysely. */
export type { BatchesTable, Database, ReportsTable, SitesTable } from './src/db-types';
/** `GET /v1/experiments`: a site's experiment specs, and the list's schema. */
export {
  EXPERIMENTS_CACHE_CONTROL,
  type ExperimentsRouteDeps,
  experimentsRoutes,
} from './src/experiments-route';
/** The dialect names a store can run on. */
export type { DialectName } from './src/migrations';
/** The manifest file name and the rule deciding which model files are servable. */
export { MANIFEST_FILE, modelRoutes, servableFiles } from './src/models-route';
/** Origin canonicalization used for site allowlists. */
export { normalizeOrigin } from './src/origins';
/** `GET /v1/priors`: the item-popularity prior for the current model. */
export {
  type CatalogIndex,
  ITEM_POPULARITY_METRIC,
  loadCatalogIndex,
  PRIORS_CACHE_CONTROL,
  type PriorsRouteDeps,
  priorsRoutes,
} from './src/priors-route';
/** In-memory, per-instance token buckets for `POST /v1/reports` (per site and per client address). */
export {
  DEFAULT_RATE_LIMITS,
  type RateDecision,
  type RateLimit,
  type RateLimits,
  socketAddress,
  TokenBuckets,
} from './src/rate-limit';
/** The server-assigned day (UTC, YYYY-MM-DD). */
export { utcDay } from './src/reports-route';
/** Starts a listening server: store, migrations, sites, HTTP. */
export { type RunningServer, type StartServerOptions, startServer } from './src/server';
/** Storage: one interface over SQLite and PostgreSQL. */
export {
  DEFAULT_SQLITE_PATH,
  openStore,
  type SiteRecord,
  type Store,
  type StoreBatchResult,
  type StoreOptions,
} from './src/store';
/** The frame's Content-Security-Policy for a site's allowed origins. */
export { frameCsp } from './src/widget-route';
