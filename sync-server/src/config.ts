/**
 * Turns environment variables into server options. Kept apart from `main.ts` so the parsing is tested
 * without starting anything.
 */
import { isSiteKey, normalizeOrigin } from './origins';

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
}

/** Default port, as in the design's "Ports and processes". */
export const DEFAULT_PORT = 8787;

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`CONFIDE_PORT: invalid "${raw}"`);
  return port;
}

/**
 * Reads CONFIDE_PORT, CONFIDE_HOST, DATABASE_URL, CONFIDE_DB, CONFIDE_WIDGET_DIR, CONFIDE_MODELS_DIR,
 * CONFIDE_SITES and CONFIDE_PUBLIC_ORIGIN.
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
  };
}
