/**
 * Starts the sync server: opens and migrates the store, registers configured sites, then listens.
 *
 * Binding: the default host `localhost` listens on 127.0.0.1 and, when the machine has IPv6, on ::1
 * too. Browsers resolve `localhost` themselves and Chromium tries ::1 before 127.0.0.1; with only
 * 127.0.0.1 bound it falls back after a refused connection, but anything else listening on [::1] at
 * the same port would silently receive the widget's traffic instead. Binding both avoids that while
 * staying loopback-only. (`listen(port, 'localhost')` would bind only the first resolved address.)
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import type { Hono } from 'hono';
import {
  DEFAULT_RATE_LIMITS,
  errorBody,
  normalizeOrigin,
  parseTrustedProxies,
  type RateLimit,
} from '../http';
import { hashAdminToken, utcDay } from '../routes';
import { openStore, type Store } from '../store';
import { createApp, DEFAULT_MODELS_DIR, DEFAULT_WIDGET_DIR } from './app';
import { DEFAULT_PORT, type SiteConfig } from './config';

/** Options of {@link startServer}; all optional. */
export interface StartServerOptions {
  /** TCP port; 0 picks a free one. Default 8787. */
  readonly port?: number;
  /** `localhost` (default: both loopback addresses), or any address/host name to bind exactly. */
  readonly host?: string;
  /** PostgreSQL connection string; when set, SQLite is not used. */
  readonly databaseUrl?: string;
  /** SQLite file. Default `./data/confide.sqlite`. */
  readonly sqlitePath?: string;
  /** PostgreSQL schema to keep the tables in (created if missing). */
  readonly pgSchema?: string;
  /** PostgreSQL: wait for a connection at most this long, ms (CONFIDE_PG_CONNECT_TIMEOUT_MS; default 5 s). */
  readonly pgConnectTimeoutMs?: number;
  /** PostgreSQL: `statement_timeout`, ms (CONFIDE_PG_STATEMENT_TIMEOUT_MS; default 10 s, 0: none). */
  readonly pgStatementTimeoutMs?: number;
  /** SQLite: wait for another connection's lock at most this long, ms (CONFIDE_SQLITE_BUSY_TIMEOUT_MS; 5 s). */
  readonly sqliteBusyTimeoutMs?: number;
  /**
   * Proxies (IP addresses, CIDR networks) whose `X-Forwarded-For` names the client for the
   * per-address rate limit (CONFIDE_TRUSTED_PROXIES). Default none: the socket peer is the client.
   */
  readonly trustedProxies?: readonly string[];
  /** Widget build output. Default `dist/widget`. */
  readonly widgetDir?: string;
  /** Model artifacts folder. Default `models/artifacts`. */
  readonly modelsDir?: string;
  /** Sites registered (or whose origins are replaced) at startup. */
  readonly sites?: readonly SiteConfig[];
  /** The origin clients reach this server at, when behind a proxy (CONFIDE_PUBLIC_ORIGIN). */
  readonly publicOrigin?: string;
  /** Clock for server-assigned days. */
  readonly now?: () => Date;
  /** Where startup warnings and unexpected errors go. Default `console.error`. */
  readonly log?: (message: string) => void;
  /** Reports a published estimate must rest on at least (the k threshold; default 20). */
  readonly minReports?: number;
  /** Report rate per site and per client address (defaults: `DEFAULT_RATE_LIMITS`). */
  readonly siteRate?: RateLimit;
  readonly addressRate?: RateLimit;
  /** `false` turns rate limiting off (the ingestion benchmark measures the server, not the limiter). */
  readonly rateLimits?: false;
  /**
   * An admin token (CONFIDE_ADMIN_TOKEN) to accept: its hash replaces the one stored under the label
   * `env`, so changing the variable and restarting revokes the previous one. Never logged.
   */
  readonly adminToken?: string;
}

/** A listening server. */
export interface RunningServer {
  /** Base URL, e.g. `http://localhost:8787`. */
  readonly url: string;
  readonly port: number;
  /** The open store, for callers (tests, dashboards) that need to read what was stored. */
  readonly store: Store;
  /** Stops accepting connections, ends open ones and closes the database. */
  close(): Promise<void>;
}

/** The label under which CONFIDE_ADMIN_TOKEN's hash is stored. */
export const ENV_TOKEN_LABEL = 'env';

const LOOPBACK_V4 = '127.0.0.1';
const LOOPBACK_V6 = '::1';

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolvePort((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((done) => {
    if (!server.listening) return done();
    server.close(() => done());
    // Keep-alive sockets would hold close() open for seconds; nothing is mid-write at shutdown
    // that a client would not simply retry (batches are idempotent).
    server.closeAllConnections();
  });
}

function urlHost(host: string): string {
  if (host === 'localhost' || host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

/** Opens the store, migrates it, seeds sites, and listens. */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const log = options.log ?? ((m: string) => console.error(m));
  const now = options.now ?? (() => new Date());
  const host = options.host ?? 'localhost';
  const publicOrigin = options.publicOrigin === undefined ? undefined : normalizeOrigin(options.publicOrigin);
  if (options.publicOrigin !== undefined && !publicOrigin) {
    throw new Error(`invalid publicOrigin: ${options.publicOrigin}`);
  }
  // Checked before anything is opened; the app parses the list again for itself.
  parseTrustedProxies(options.trustedProxies ?? []);

  const store = await openStore({
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
    ...(options.sqlitePath ? { sqlitePath: options.sqlitePath } : {}),
    ...(options.pgSchema ? { pgSchema: options.pgSchema } : {}),
    ...(options.pgConnectTimeoutMs === undefined ? {} : { pgConnectTimeoutMs: options.pgConnectTimeoutMs }),
    ...(options.pgStatementTimeoutMs === undefined
      ? {}
      : { pgStatementTimeoutMs: options.pgStatementTimeoutMs }),
    ...(options.sqliteBusyTimeoutMs === undefined
      ? {}
      : { sqliteBusyTimeoutMs: options.sqliteBusyTimeoutMs }),
    log,
  });
  const servers: Server[] = [];
  try {
    await store.migrate();
    for (const site of options.sites ?? []) {
      const origins = site.origins.map((o) => {
        const normalized = normalizeOrigin(o);
        if (!normalized) throw new Error(`site ${site.key}: invalid origin ${o}`);
        return normalized;
      });
      await store.upsertSite(site.key, origins, utcDay(now()));
    }
    if (options.adminToken !== undefined) {
      await store.replaceAdminToken(hashAdminToken(options.adminToken), ENV_TOKEN_LABEL, utcDay(now()));
    }

    // The app needs the port (for its own origins) and the port is known only after listening, so
    // requests are routed through this slot, filled before any connection can be handled.
    let app: Hono | undefined;
    const fetch = (req: Request, env: unknown) =>
      app
        ? app.fetch(req, env)
        : Response.json(errorBody('unavailable', 'server starting'), {
            status: 503,
            headers: { 'Retry-After': '1' },
          });
    const makeServer = () => createAdaptorServer({ fetch }) as Server;

    const loopbackPair = host === 'localhost';
    const primary = makeServer();
    servers.push(primary);
    const port = await listen(primary, options.port ?? DEFAULT_PORT, loopbackPair ? LOOPBACK_V4 : host);
    if (loopbackPair) {
      const secondary = makeServer();
      try {
        await listen(secondary, port, LOOPBACK_V6);
        servers.push(secondary);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        // No IPv6 on this machine: 127.0.0.1 alone is then what localhost means.
        if (code !== 'EADDRNOTAVAIL' && code !== 'EAFNOSUPPORT') {
          log(`[confide] could not also listen on [::1]:${port} (${code}); serving on ${LOOPBACK_V4} only`);
        }
      }
    }

    const url = `http://${urlHost(host)}:${port}`;
    const publicOrigins = publicOrigin
      ? [publicOrigin]
      : loopbackPair
        ? [url, `http://${LOOPBACK_V4}:${port}`, `http://[${LOOPBACK_V6}]:${port}`]
        : undefined;
    app = createApp({
      store,
      widgetDir: options.widgetDir ?? DEFAULT_WIDGET_DIR,
      modelsDir: options.modelsDir ?? DEFAULT_MODELS_DIR,
      ...(publicOrigins ? { publicOrigins } : {}),
      ...(options.minReports === undefined ? {} : { minReports: options.minReports }),
      ...(options.trustedProxies === undefined ? {} : { trustedProxies: options.trustedProxies }),
      ...(options.rateLimits === false
        ? {}
        : {
            rateLimits: {
              site: options.siteRate ?? DEFAULT_RATE_LIMITS.site,
              address: options.addressRate ?? DEFAULT_RATE_LIMITS.address,
            },
          }),
      now,
      log,
    });

    let closing: Promise<void> | undefined;
    return {
      url,
      port,
      store,
      close() {
        closing ??= Promise.all(servers.map(closeServer)).then(() => store.close());
        return closing;
      },
    };
  } catch (err) {
    await Promise.all(servers.map(closeServer));
    await store.close();
    throw err;
  }
}
