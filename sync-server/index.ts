/**
 * The sync server's public surface. Import from here, not from `src/`, so the internals can move.
 */

/** Admin API request and response schemas. */
export {
  type AdminSite,
  type AdminTokenList,
  adminSiteListSchema,
  adminSiteSchema,
  adminTokenListSchema,
  type CreatedToken,
  createdTokenSchema,
  createSiteRequestSchema,
  createTokenRequestSchema,
  deletedTokensSchema,
  MAX_SITE_ORIGINS,
  type RotatedSite,
  rotatedSiteSchema,
  setExperimentsRequestSchema,
  siteOriginsRequestSchema,
  tokenLabelSchema,
} from './protocol/admin';
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
/** LDP-aware ratios and significance tests (two-proportion z, Wald chi-square) for experiments. */
export {
  analyzeConversion,
  type ConversionAnalysis,
  chiSquareP,
  debiasWithCovariance,
  ratioEstimate,
  twoSidedP,
} from './protocol/ldp/significance';
/** Debiased, k-thresholded k-RR aggregates counted in SQL. */
export {
  aggregateKrr,
  aggregateKrrByDay,
  combineKrr,
  countKrrReports,
  countKrrReportsByDay,
  type DailyAggregate,
  type KrrAggregate,
  type KrrCounts,
  type KrrEstimates,
  type KrrQuery,
  sumKrr,
} from './src/aggregates/aggregates';
/** Count-mean-sketch aggregation of `sketch_reports` per catalog item. */
export {
  addEstimates,
  type SketchEstimates,
  type SketchQuery,
  sumSketches,
  tallySketches,
} from './src/aggregates/sketch-aggregates';
/** Builds the Hono app from its dependencies (see {@link AppDeps}); drive it with `app.request()`. */
export { type AppDeps, createApp, DEFAULT_MODELS_DIR, DEFAULT_WIDGET_DIR } from './src/app/app';
/** Environment parsing: `configFromEnv(process.env)` and the `CONFIDE_SITES` parser. */
export {
  configFromEnv,
  DEFAULT_PORT,
  type EnvConfig,
  parseRate,
  parseSites,
  type SiteConfig,
} from './src/app/config';
/** Starts a listening server: store, migrations, sites, HTTP. */
export { ENV_TOKEN_LABEL, type RunningServer, type StartServerOptions, startServer } from './src/app/server';
export { type DashboardData, type DashboardScope, dashboardData } from './src/dashboard/data';
/** `GET /dashboard`: the admin's server-rendered view of the k-thresholded aggregates. */
export {
  DASHBOARD_CSP,
  DASHBOARD_DAYS,
  type DashboardRouteDeps,
  dashboardRoutes,
} from './src/dashboard/route';
/** Prometheus metrics (one registry per app) and `GET /metrics`. */
export { createServerMetrics, metricsMiddleware, type ServerMetrics } from './src/http/metrics';
/** Origin canonicalization used for site allowlists. */
export { normalizeOrigin } from './src/http/origins';
/** In-memory, per-instance token buckets for `POST /v1/reports` (per site and per client address). */
export {
  DEFAULT_RATE_LIMITS,
  type RateDecision,
  type RateLimit,
  type RateLimits,
  socketAddress,
  TokenBuckets,
} from './src/http/rate-limit';
/** Admin tokens: new random tokens and the hash under which they are stored. */
export { hashAdminToken, newAdminToken } from './src/routes/admin-auth';
/** `/v1/admin/*`: sites, key rotation, experiments and admin tokens, behind a bearer token. */
export { type AdminRouteDeps, adminRoutes, MAX_ADMIN_BODY_BYTES, newSiteKey } from './src/routes/admin-route';
/** `GET /v1/experiments`: a site's experiment specs, and the list's schema. */
export {
  EXPERIMENTS_CACHE_CONTROL,
  type ExperimentsRouteDeps,
  experimentsRoutes,
} from './src/routes/experiments-route';
export { metricsRoutes } from './src/routes/metrics-route';
/** The manifest file name and the rule deciding which model files are servable. */
export { MANIFEST_FILE, modelRoutes, servableFiles } from './src/routes/models-route';
/** `GET /openapi.json`: the OpenAPI 3.1 document, its route table and generated JSON Schemas. */
export { openApiDocument, openApiRoute } from './src/routes/openapi';
export { ROUTES as OPENAPI_ROUTES, type RouteDoc } from './src/routes/openapi-routes';
/** The document's named JSON Schemas, generated from the valibot schemas. */
export { jsonSchemaOf, type SchemaName } from './src/routes/openapi-schemas';
/** `GET /v1/priors`: the item-popularity prior for the current model. */
export {
  type CatalogIndex,
  ITEM_POPULARITY_METRIC,
  loadCatalogIndex,
  PRIORS_CACHE_CONTROL,
  type PriorsRouteDeps,
  priorsRoutes,
} from './src/routes/priors-route';
/** The server-assigned day (UTC, YYYY-MM-DD). */
export { utcDay } from './src/routes/reports-route';
/** The frame's Content-Security-Policy for a site's allowed origins. */
export { frameCsp } from './src/routes/widget-route';
/** Table row types, for code that queries the store's tables directly through Kysely. */
export type { BatchesTable, Database, ReportsTable, SitesTable } from './src/store/db-types';
/** The dialect names a store can run on. */
export type { DialectName } from './src/store/migrations';
/** What the store hands out: sites, a stored batch's outcome, admin tokens as listed (label and day). */
export type { AdminTokenInfo, SiteRecord, StoreBatchResult } from './src/store/records';
/** Storage: one interface over SQLite and PostgreSQL. */
export { DEFAULT_SQLITE_PATH, openStore, type Store, type StoreOptions } from './src/store/store';
