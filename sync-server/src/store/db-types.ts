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
  /** The experiment an `experiment_*` report is about; null for every other metric. */
  experiment: string | null;
}

/** One count-mean-sketch report (`encoding: 'cms'`); the columns mirror its wire fields. */
export interface SketchReportsTable {
  id: Generated<number>;
  batch: string;
  site: string;
  day: string;
  model: string;
  metric: string;
  hashes: number;
  buckets: number;
  /** The report's `row`: which hash function the device chose. */
  row_index: number;
  /** The flipped ±1 vector as lowercase hex, exactly as sent. */
  bits: string;
  epsilon: number;
}

/**
 * The integer tally of one closed day's sketch reports of one shape and epsilon (see
 * sketch-rollups.ts). Counts are little-endian uint32 arrays: `row_reports[j]`, `ones[j·buckets + l]`.
 */
export interface SketchTalliesTable {
  site: string;
  day: string;
  model: string;
  metric: string;
  hashes: number;
  buckets: number;
  epsilon: number;
  reports: number;
  row_reports: Uint8Array;
  ones: Uint8Array;
}

/** An admin bearer token, kept only as its SHA-256 hash (hex). */
export interface AdminTokensTable {
  hash: string;
  /** Who or what the token is for, to tell tokens apart when revoking. */
  label: string;
  created_day: string;
}

/** The whole schema, keyed by table name. */
export interface Database {
  sites: SitesTable;
  batches: BatchesTable;
  reports: ReportsTable;
  sketch_reports: SketchReportsTable;
  sketch_tallies: SketchTalliesTable;
  admin_tokens: AdminTokensTable;
}
