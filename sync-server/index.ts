/**
 * The sync server's public surface. Import from here, not from `src/`, so the internals can move.
 */

/** Builds the Hono app from its dependencies (see {@link AppDeps}); drive it with `app.request()`. */
export { type AppDeps, createApp, DEFAULT_MODELS_DIR, DEFAULT_WIDGET_DIR } from './src/app';
/** Environment parsing: `configFromEnv(process.env)` and the `CONFIDE_SITES` parser. */
export { configFromEnv, DEFAULT_PORT, type EnvConfig, parseSites, type SiteConfig } from './src/config';
/** Table row types, for code that queries the store's tables directly through Kysely. */
export type { BatchesTable, Database, ReportsTable, SitesTable } from './src/db-types';
/** The dialect names a store can run on. */
export type { DialectName } from './src/migrations';
/** The manifest file name and the rule deciding which model files are servable. */
export { MANIFEST_FILE, modelRoutes, servableFiles } from './src/models-route';
/** Origin canonicalization used for site allowlists. */
export { normalizeOrigin } from './src/origins';
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
