/**
 * The server as a whole: the Hono app built from its dependencies, the environment parsed into
 * options, and the process that opens the store and listens.
 */

/** The HTTP application, built from its dependencies and nothing else (no listening, no env), so …. */
export { type AppDeps, createApp, DEFAULT_MODELS_DIR, DEFAULT_WIDGET_DIR } from './app';
/** Turns environment variables into server options. */
export {
  configFromEnv,
  DEFAULT_PORT,
  type EnvConfig,
  parseRate,
  parseSites,
  parseTrustedProxyList,
  type SiteConfig,
} from './config';
/** Starts the sync server. */
export { ENV_TOKEN_LABEL, type RunningServer, type StartServerOptions, startServer } from './server';
