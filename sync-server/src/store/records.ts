/**
 * The records the store hands to the rest of the server, and how a `sites` row becomes one. Kept
 * apart from `store.ts` so the per-dialect ingest paths and the admin queries can use them without
 * importing the store they are part of.
 */
import type { SitesTable } from './db-types';

/** A registered site as the server uses it. */
export interface SiteRecord {
  readonly key: string;
  /** Exact origins (scheme://host[:port]) allowed to embed the widget and post reports. */
  readonly origins: readonly string[];
  readonly createdDay: string;
}

/** Outcome of storing one batch. */
export interface StoreBatchResult {
  readonly stored: number;
  readonly duplicate: boolean;
}

/** An admin token as listed: its label and day, never the token or its hash. */
export interface AdminTokenInfo {
  readonly label: string;
  readonly createdDay: string;
}

/** A `sites` row as the server uses it. */
export function toSiteRecord(row: SitesTable): SiteRecord {
  return { key: row.key, origins: parseOrigins(row.origins), createdDay: row.created_day };
}

function parseOrigins(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((o): o is string => typeof o === 'string') : [];
  } catch {
    // A hand-edited row must not take the server down; a site with no origins simply embeds nowhere.
    return [];
  }
}
