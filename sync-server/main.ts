/**
 * CLI entry: `tsx sync-server/main.ts`. Reads the environment (see `configFromEnv`), starts the
 * server and prints its URL. Logs nothing per request: there is no access log by design.
 */
import { configFromEnv, startServer } from './src/app';

async function main(): Promise<void> {
  const config = configFromEnv(process.env);
  const server = await startServer(config);
  const storage = config.databaseUrl ? 'PostgreSQL' : `SQLite ${config.sqlitePath}`;
  console.log(`Confide sync server listening on ${server.url} (${storage})`);

  const stop = (signal: string) => {
    console.log(`Confide sync server stopping (${signal})`);
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(`Confide sync server failed to start: ${err instanceof Error ? err.message : String(err)}`);
  if (err instanceof Error && err.cause) console.error(err.cause);
  process.exit(1);
});
