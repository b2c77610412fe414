/**
 * A deliberately small file sender for the widget assets and model files: an allowlist of path
 * characters instead of path normalization, regular files only (no directory listings), ETags with
 * 304s, and streaming so a multi-megabyte WASM file is never held in memory.
 */
import { createReadStream, type Stats } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import type { Context } from 'hono';

// Build outputs and trained artifacts only ever use these characters (Vite hashes are base64url).
// Refusing everything else makes `..`, `%2e`, backslashes, NULs and hidden files impossible by
// construction rather than by a sanitizer that must anticipate every trick.
const SAFE_SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/** True when `name` is one safe path segment (no separators, not hidden, not `.`/`..`). */
export function isSafeSegment(name: string): boolean {
  return SAFE_SEGMENT.test(name) && !name.includes('..');
}

/**
 * Resolves `relPath` (segments joined by `/`) inside `root` and returns the absolute path of an
 * existing regular file with its stats, or undefined. Symlinks pointing outside `root` are refused.
 */
export async function findFile(
  root: string,
  relPath: string,
): Promise<{ path: string; stats: Stats } | undefined> {
  const segments = relPath.split('/');
  if (segments.length === 0 || !segments.every(isSafeSegment)) return undefined;
  const base = resolve(root);
  const full = resolve(base, ...segments);
  try {
    const stats = await stat(full);
    if (!stats.isFile()) return undefined;
    const [realBase, realFull] = await Promise.all([realpath(base), realpath(full)]);
    if (!realFull.startsWith(realBase + sep)) return undefined;
    return { path: full, stats };
  } catch {
    return undefined;
  }
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Content-Type by extension; unknown types are sent as opaque bytes (and `nosniff` keeps them so). */
export function contentTypeFor(name: string): string {
  return CONTENT_TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream';
}

/** A weak validator from size and mtime: cheap, and exact enough for files replaced by a rebuild. */
export function weakEtag(stats: Stats): string {
  return `W/"${stats.size.toString(36)}-${Math.trunc(stats.mtimeMs).toString(36)}"`;
}

/** RFC 9110 weak comparison of an `If-None-Match` list against one ETag. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = bare(etag);
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || bare(tag) === wanted);
}

/** What to send with a file, besides its bytes. */
export interface SendFileOptions {
  readonly etag: string;
  readonly cacheControl: string;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Sends a file found by {@link findFile}. The validators and caching headers go on the 304 as well,
 * since caches refresh their stored headers from it.
 */
export function sendFile(
  c: Context,
  file: { path: string; stats: Stats },
  options: SendFileOptions,
): Response {
  c.header('ETag', options.etag);
  c.header('Cache-Control', options.cacheControl);
  for (const [name, value] of Object.entries(options.headers ?? {})) c.header(name, value);
  if (etagMatches(c.req.header('if-none-match'), options.etag)) return c.body(null, 304);

  c.header('Content-Type', options.contentType ?? contentTypeFor(file.path));
  c.header('Content-Length', String(file.stats.size));
  // A HEAD answer has no body; opening the file would only leak a descriptor.
  if (c.req.method === 'HEAD') return c.body(null, 200);
  const stream = Readable.toWeb(createReadStream(file.path)) as ReadableStream<Uint8Array>;
  return c.body(stream, 200);
}
