/**
 * Storage behind one interface: SQLite (embedded, the default) or PostgreSQL through Kysely, the
 * migrations, the per-dialect ingest hot paths and the records the store hands out.
 */

/** Row types of the sync server's tables, as Kysely sees them. */
export type {
  AdminTokensTable,
  BatchesTable,
  Database,
  ReportsTable,
  SitesTable,
  SketchReportsTable,
  SketchTalliesTable,
} from './db-types';
/** The per-dialect implementation of the store's two per-report queries (site lookup, batch …. */
export { SITE_CACHE_TTL_MS } from './ingest-path';
/** Schema migrations, kept in code (not files on disk) so the server bundles and starts from any …. */
export { type DialectName, migrationProvider } from './migrations';
/** The records the store hands to the rest of the server, and how a `sites` row becomes one. */
export type { AdminTokenInfo, SiteRecord, StoreBatchResult } from './records';
/** Storage behind one interface. */
export { DEFAULT_SQLITE_PATH, openStore, type Store, type StoreOptions } from './store';
