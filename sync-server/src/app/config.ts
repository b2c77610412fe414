/**
 * Turns environment variables into server options. Kept apart from `main.ts` so the parsing is tested
 * without starting anything.
 */
import { assertRateLimit, isSiteKey, normalizeOrigin, parseTrustedProxies, type RateLimit } from '../http';

/** One site to register at startup: its key and the exact origins allowed to embed the widget. */
export interface SiteConfig {
  readonly key: string;
  readonly origins: readonly string[];
}

/**
 * Parses `CONFIDE_SITES`: `key=origin,origin;key2=origin`. Origins are normalized; anything
 * malformed throws with the offending part named, because a silently dropped origin would surface
 * much later as a widget that refuses to load.
 */
export function parseSites(spec: string): SiteConfig[] {
  const sites: SiteConfig[] = [];
  for (const part of spec.split(';')) {
    const entry = part.trim();
    if (!entry) continue;
    const eq = entry.indexOf('=');
    const key = (eq < 0 ? entry : entry.slice(0, eq)).trim();
    if (!isSiteKey(key)) throw new Error(`CONFIDE_SITES: invalid site key "${key}"`);
    const origins: string[] = [];
    for (const raw of eq < 0 ? [] : entry.slice(eq + 1).split(',')) {
      if (!raw.trim()) continue;
      const origin = normalizeOrigin(raw);
      if (!origin) throw new Error(`CONFIDE_SITES: invalid origin "${raw.trim()}" for site "${key}"`);
      if (!origins.includes(origin)) origins.push(origin);
    }
    if (sites.some((s) => s.key === key)) throw new Error(`CONFIDE_SITES: site "${key}" given twice`);
    sites.push({ key, origins });
  }
  return sites;
}

/** Settings read from the environment; every field has a default except the database URL. */
export interface EnvConfig {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl?: string;
  readonly sqlitePath: string;
  readonly widgetDir: string;
  readonly modelsDir: string;
  readonly sites: readonly SiteConfig[];
  readonly publicOrigin?: string;
  /** The k threshold: minimum contributing reports per published cell; absent means the default 20. */
  readonly minReports?: number;
  /** Per-site limit on `POST /v1/reports` when set; the server applies its default otherwise. */
  readonly siteRate?: RateLimit;
  /** Per-client-address limit on `POST /v1/reports` when set; the server applies its default otherwise. */
  readonly addressRate?: RateLimit;
  /** CONFIDE_ADMIN_TOKEN: an admin token whose hash is stored (label `env`) at startup. */
  readonly adminToken?: string;
  /** CONFIDE_TRUSTED_PROXIES: proxies whose `X-Forwarded-For` the per-address limit believes. */
  readonly trustedProxies?: readonly string[];
  /** CONFIDE_PG_CONNECT_TIMEOUT_MS: how long to wait for a PostgreSQL connection. */
  readonly pgConnectTimeoutMs?: number;
  /** CONFIDE_PG_STATEMENT_TIMEOUT_MS: PostgreSQL's `statement_timeout` for the server's queries (0: none). */
  readonly pgStatementTimeoutMs?: number;
  /** CONFIDE_SQLITE_BUSY_TIMEOUT_MS: how long an SQLite write waits for another connection's lock. */
  readonly sqliteBusyTimeoutMs?: number;
}

/** Shortest CONFIDE_ADMIN_TOKEN accepted: tokens are stored as a fast unsalted hash, so must be unguessable. */
export const MIN_ENV_ADMIN_TOKEN_LENGTH = 32;

/** Checks CONFIDE_ADMIN_TOKEN without ever putting the token in the error message. */
export function parseAdminToken(raw: string): string {
  if (raw.length < MIN_ENV_ADMIN_TOKEN_LENGTH || raw.length > 256 || /\s/.test(raw)) {
    throw new Error(
      `CONFIDE_ADMIN_TOKEN: must be ${MIN_ENV_ADMIN_TOKEN_LENGTH}-256 characters without spaces (e.g. from npm run admin:token -- --print-only)`,
    );
  }
  return raw;
}

/** Default port, as in the design's "Ports and processes". */
export const DEFAULT_PORT = 8787;

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`CONFIDE_PORT: invalid "${raw}"`);
  return port;
}

function parseMinReports(raw: string): number {
  const k = Number(raw);
  // Below 2 a single device's report could be published as a cell of its own.
  if (!Number.isInteger(k) || k < 2 || k > 1_000_000)
    throw new Error(`CONFIDE_MIN_REPORTS: invalid "${raw}"`);
  return k;
}

/** Parses a duration in whole milliseconds, 0 to one hour; `min` 1 where 0 would mean "fail at once". */
function parseMs(name: string, raw: string, min: 0 | 1): number {
  const ms = Number(raw);
  if (!/^\d+$/.test(raw) || ms < min || ms > 3_600_000) {
    throw new Error(`${name}: invalid "${raw}" (expected milliseconds, ${min} to 3600000)`);
  }
  return ms;
}

/**
 * Parses CONFIDE_TRUSTED_PROXIES: IP addresses and CIDR networks separated by commas or spaces,
 * e.g. `10.0.0.0/8, 192.168.1.7`. Throws naming the entry that is neither.
 */
export function parseTrustedProxyList(raw: string): string[] {
  const entries = raw.split(/[\s,]+/).filter((e) => e !== '');
  try {
    parseTrustedProxies(entries);
  } catch (err) {
    throw new Error(`CONFIDE_TRUSTED_PROXIES: ${err instanceof Error ? err.message : String(err)}`);
  }
  return entries;
}

const RATE = /^\s*(\d+(?:\.\d+)?)\s*\/\s*(\d+)\s*$/;

/** Parses `perSecond/burst`, e.g. `2/30`: two requests a second sustained, 30 at once. */
export function parseRate(name: string, raw: string): RateLimit {
  const m = RATE.exec(raw);
  const limit = m ? { perSecond: Number(m[1]), burst: Number(m[2]) } : undefined;
  try {
    if (!limit) throw new Error('expected perSecond/burst');
    assertRateLimit(limit);
    return limit;
  } catch {
    throw new Error(`${name}: invalid "${raw}" (expected perSecond/burst, e.g. 2/30)`);
  }
}

/**
 * Reads CONFIDE_PORT, CONFIDE_HOST, DATABASE_URL, CONFIDE_DB, CONFIDE_WIDGET_DIR, CONFIDE_MODELS_DIR,
 * CONFIDE_SITES, CONFIDE_PUBLIC_ORIGIN, CONFIDE_MIN_REPORTS, CONFIDE_SITE_RATE, CONFIDE_ADDRESS_RATE,
 * CONFIDE_ADMIN_TOKEN, CONFIDE_TRUSTED_PROXIES, CONFIDE_PG_CONNECT_TIMEOUT_MS,
 * CONFIDE_PG_STATEMENT_TIMEOUT_MS and CONFIDE_SQLITE_BUSY_TIMEOUT_MS.
 */
export function configFromEnv(env: Readonly<Record<string, string | undefined>>): EnvConfig {
  const nonEmpty = (name: string) => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const publicRaw = nonEmpty('CONFIDE_PUBLIC_ORIGIN');
  const publicOrigin = publicRaw === undefined ? undefined : normalizeOrigin(publicRaw);
  if (publicRaw !== undefined && !publicOrigin)
    throw new Error(`CONFIDE_PUBLIC_ORIGIN: invalid "${publicRaw}"`);
  const databaseUrl = nonEmpty('DATABASE_URL');
  const minReports = nonEmpty('CONFIDE_MIN_REPORTS');
  const siteRate = nonEmpty('CONFIDE_SITE_RATE');
  const addressRate = nonEmpty('CONFIDE_ADDRESS_RATE');
  const adminToken = nonEmpty('CONFIDE_ADMIN_TOKEN');
  const proxies = nonEmpty('CONFIDE_TRUSTED_PROXIES');
  const ms = (name: string, min: 0 | 1) => {
    const value = nonEmpty(name);
    return value === undefined ? undefined : parseMs(name, value, min);
  };
  const pgConnectTimeoutMs = ms('CONFIDE_PG_CONNECT_TIMEOUT_MS', 1);
  const pgStatementTimeoutMs = ms('CONFIDE_PG_STATEMENT_TIMEOUT_MS', 0);
  const sqliteBusyTimeoutMs = ms('CONFIDE_SQLITE_BUSY_TIMEOUT_MS', 0);
  return {
    port: parsePort(env.CONFIDE_PORT),
    // 'localhost' means both loopback addresses (see server.ts): reachable, never exposed.
    host: nonEmpty('CONFIDE_HOST') ?? 'localhost',
    ...(databaseUrl ? { databaseUrl } : {}),
    sqlitePath: nonEmpty('CONFIDE_DB') ?? './data/confide.sqlite',
    widgetDir: nonEmpty('CONFIDE_WIDGET_DIR') ?? 'dist/widget',
    modelsDir: nonEmpty('CONFIDE_MODELS_DIR') ?? 'models/artifacts',
    sites: parseSites(env.CONFIDE_SITES ?? ''),
    ...(publicOrigin ? { publicOrigin } : {}),
    ...(minReports === undefined ? {} : { minReports: parseMinReports(minReports) }),
    ...(siteRate === undefined ? {} : { siteRate: parseRate('CONFIDE_SITE_RATE', siteRate) }),
    ...(addressRate === undefined ? {} : { addressRate: parseRate('CONFIDE_ADDRESS_RATE', addressRate) }),
    ...(adminToken === undefined ? {} : { adminToken: parseAdminToken(adminToken) }),
    ...(proxies === undefined ? {} : { trustedProxies: parseTrustedProxyList(proxies) }),
    ...(pgConnectTimeoutMs === undefined ? {} : { pgConnectTimeoutMs }),
    ...(pgStatementTimeoutMs === undefined ? {} : { pgStatementTimeoutMs }),
    ...(sqliteBusyTimeoutMs === undefined ? {} : { sqliteBusyTimeoutMs }),
  };
}
