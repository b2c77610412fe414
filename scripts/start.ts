/**
 * `npm start`: the sync server (widget assets, models, reports; embedded SQLite unless DATABASE_URL is
 * set) on http://localhost:8787 and the demo shop on http://127.0.0.1:8080, two origins as in real use.
 */
import { startDemo, startWebviewServer } from '../demo';
import { configFromEnv, hashAdminToken, newAdminToken, startServer, utcDay } from '../sync-server';

const demoPort = Number(process.env.DEMO_PORT ?? 8080);
const webviewPort = Number(process.env.WEBVIEW_DEMO_PORT ?? 8081);
const config = configFromEnv(process.env);
// The webview demo frames the widget from its own origin, so that origin is allowed as an embedder too.
const demoOrigins = [
  `http://127.0.0.1:${demoPort}`,
  `http://localhost:${demoPort}`,
  `http://127.0.0.1:${webviewPort}`,
];
const sites = config.sites.some((s) => s.key === 'demo')
  ? config.sites
  : [...config.sites, { key: 'demo', origins: demoOrigins }];

const server = await startServer({ ...config, sites });
// A fresh admin token on every start, replacing the previous run's (only its hash is stored), so the
// dashboard and admin API are usable at once without piling up tokens.
const adminToken = newAdminToken();
await server.store.replaceAdminToken(hashAdminToken(adminToken), 'demo', utcDay(new Date()));
// The widget is embedded from 127.0.0.1:PORT: another origin than the shop (so the shop's scripts
// cannot read its storage) but the same site, so browsers that block third-party storage still let
// the frame keep its IndexedDB. Production does the same with a subdomain of the shop.
const widgetUrl = `http://127.0.0.1:${server.port}`;
const demo = await startDemo({ port: demoPort, widgetUrl });
const webview = await startWebviewServer(widgetUrl, webviewPort);

console.log(`
  Confide is running.
    Demo shop (host page):      ${demo.url}
    Sync server + widget:       ${widgetUrl}   (health: ${widgetUrl}/healthz)
    Webview bridge demo:        ${webview.url}/webview.html
    Storage:                    ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `SQLite at ${config.sqlitePath}`}
    Dashboard:                  ${widgetUrl}/dashboard   (any user name, the admin token as password)
    Admin API / OpenAPI:        ${widgetUrl}/v1/admin/…  (Authorization: Bearer <token>), ${widgetUrl}/openapi.json
    Admin token (this run):     ${adminToken}
  Press Ctrl+C to stop.
`);

const stop = async () => {
  await Promise.all([demo.close(), webview.close(), server.close()]);
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
