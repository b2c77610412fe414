/**
 * Row types of the sync server's tables, as Kysely sees them. The column names are part of the
 * contract: the e2e test and later aggregation code query these tables with plain SQL.
 */
import type { Generated } from 'kysely';

/** A site that may embed the widget. `origins` is a JSON array of exact origins. */
export interface SitesTable {
  key: string;
  origins: string;
  /** The UTC day the site was first registered, never a finer timestamp. */
  created_day: string;
  /**
   * JSON array of the site's experiment specs, null when it runs none. Optional in the type because
   * the ingest paths' hand-written site lookups do not select it.
   */
  experiments?: string | null;
}

/** One accepted batch; its primary key is the client's idempotency UUID. */
export interface BatchesTable {
  batch: string;
  site: string;
  /** YYYY-MM-DD UTC, assigned by the server so no client clock is trusted or stored. */
  day: string;
  model: string;
  /** How many reports the batch carried. */
  reports: number;
}

/** One noised report. Site, day and model are copied from the batch so aggregation needs no join. */
export interface ReportsTable {
  id: Generated<number>;
  batch: string;
  site: string;
  day: string;
  model: string;
  metric: string;
  encoding: string;
  domain: number;
  value: number;
  epsilon: number;
}

/** The whole schema, keyed by table name. */
export interface Database {
  sites: SitesTable;
  batches: BatchesTable;
  reports: ReportsTable;
}
