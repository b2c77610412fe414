/**
 * A Vite plugin for the browser test projects: mounts the sync server's own model routes
 * (`GET /v1/manifest`, `GET /v1/models/:file`, sync-server/src/routes/models-route.ts) on the test server, so
 * tests in Chromium load models through the worker's real `model-loader` (fetch, sha256 check) from
 * the real routes, same-origin with the test page, without starting the whole server and its database.
 */
import { getRequestListener } from '@hono/node-server';
import type { Plugin } from 'vite';
import { modelRoutes } from '../../sync-server';

/** Serves `modelsDir` under the sync server's model routes. */
export function serveArtifacts(modelsDir: string): Plugin {
  return {
    name: 'confide-test-model-routes',
    configureServer(server) {
      const listener = getRequestListener(modelRoutes(modelsDir).fetch);
      server.middlewares.use((req, res, next) => {
        if (req.url?.startsWith('/v1/')) listener(req, res);
        else next();
      });
    },
  };
}
