/**
 * `GET /v1/manifest` and `GET /v1/models/:file`. Only files the manifest names are served, so the
 * models folder can hold training leftovers without exposing them. Model files are content-addressed
 * by the manifest's sha256, which makes them safe to cache forever.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono } from 'hono';
import { etagMatches, findFile, isSafeSegment, jsonError, sendFile } from '../http';

/** The manifest's file name inside the models folder. */
export const MANIFEST_FILE = 'manifest.json';

const SHA256 = /^[0-9a-f]{64}$/;

interface LoadedManifest {
  readonly body: Buffer;
  readonly etag: string;
  /** Servable file name → its sha256 from the manifest. */
  readonly files: ReadonlyMap<string, string>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Collects every file the manifest names under `models` with its sha256. Read loosely on
 * purpose: models added to the manifest later become servable without touching the server.
 */
export function servableFiles(manifest: unknown): Map<string, string> {
  const files = new Map<string, string>();
  if (!isRecord(manifest) || !isRecord(manifest.models)) return files;
  const add = (name: unknown, sha: unknown) => {
    if (typeof name === 'string' && typeof sha === 'string' && isSafeSegment(name) && SHA256.test(sha)) {
      files.set(name, sha);
    }
  };
  // Every file a manifest names is either a `{file, sha256}` object (an entry, its int8 variant, its
  // answers) or a `name` + `nameSha256` pair of fields (catalog, items). Anything else is not served.
  const visit = (node: Record<string, unknown>, depth: number) => {
    add(node.file, node.sha256);
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string') add(value, node[`${key}Sha256`]);
      else if (isRecord(value) && depth < 2) visit(value, depth + 1);
    }
  };
  for (const entry of Object.values(manifest.models)) if (isRecord(entry)) visit(entry, 0);
  return files;
}

/** Reads the manifest, re-parsing only when the file changed (a retrain replaces it in place). */
function manifestLoader(modelsDir: string): () => Promise<LoadedManifest | undefined> {
  const path = join(modelsDir, MANIFEST_FILE);
  let cached: { stamp: string; manifest: LoadedManifest } | undefined;
  return async () => {
    let stamp: string;
    try {
      const s = await stat(path);
      if (!s.isFile()) return undefined;
      stamp = `${s.size}:${s.mtimeMs}`;
    } catch {
      return undefined;
    }
    if (cached?.stamp === stamp) return cached.manifest;
    const body = await readFile(path);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      // A half-written manifest during a retrain: answer 404 now rather than cache garbage.
      return undefined;
    }
    const etag = `"${createHash('sha256').update(body).digest('hex')}"`;
    const manifest = { body, etag, files: servableFiles(parsed) };
    cached = { stamp, manifest };
    return manifest;
  };
}

/** The model routes, serving from `modelsDir`. */
export function modelRoutes(modelsDir: string): Hono {
  const app = new Hono();
  const load = manifestLoader(modelsDir);

  app.get('/v1/manifest', async (c) => {
    const manifest = await load();
    if (!manifest) return jsonError(c, 404, 'not_found', 'no model manifest is published');
    // Revalidated every time: it is small, and it is what tells clients a new model exists.
    c.header('Cache-Control', 'no-cache');
    c.header('ETag', manifest.etag);
    if (etagMatches(c.req.header('if-none-match'), manifest.etag)) return c.body(null, 304);
    c.header('Content-Type', 'application/json; charset=utf-8');
    return c.body(new Uint8Array(manifest.body), 200);
  });

  app.get('/v1/models/:file', async (c) => {
    const name = c.req.param('file');
    const manifest = await load();
    const sha = manifest?.files.get(name);
    const file = sha ? await findFile(modelsDir, name) : undefined;
    if (!sha || !file) return jsonError(c, 404, 'not_found', 'no such model file');
    return sendFile(c, file, {
      etag: `"${sha}"`,
      cacheControl: 'public, max-age=31536000, immutable',
    });
  });

  return app;
}
