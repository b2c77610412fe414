/**
 * The widget's own files, from the Vite build output: the loader (`/confide.js`, embedded by host
 * pages), the frame document (`/frame.html`, with its CSP), the service worker (`/sw.js`) and hashed
 * assets (`/assets/*`, including onnxruntime-web's WASM and the worker). A missing build simply 404s.
 */
import { type Context, Hono } from 'hono';
import { findFile, isSiteKey, jsonError, normalizeOrigin, sendFile, weakEtag } from '../http';
import type { Store } from '../store';

const FRAME_CSP_BASE = [
  "default-src 'self'",
  // onnxruntime-web compiles WebAssembly; 'wasm-unsafe-eval' allows that without allowing eval().
  "script-src 'self' 'wasm-unsafe-eval'",
  // Same-origin workers only: no blob: workers, which a strict host CSP would break anyway.
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "base-uri 'none'",
  "form-action 'none'",
];

/**
 * The Content-Security-Policy of `/assets/*`. A policy on a script loaded by the frame does nothing,
 * but the worker is a document of its own: it runs under the policy of its script's response, and
 * until now had none. It needs same-origin scripts (its chunks, onnxruntime-web's glue), WebAssembly
 * compilation (`'wasm-unsafe-eval'`, which does not allow eval), and fetches to this server (manifest,
 * models, catalog, priors, experiments, reports). Anything else under /assets opened directly (an SVG,
 * a source map) gets no scripts, styles or connections at all.
 */
export const ASSETS_CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The service worker's Content-Security-Policy: like the worker's, it runs under its script's
 * response headers. It only fetches this origin's files and imports nothing.
 */
export const SERVICE_WORKER_CSP = [
  "default-src 'none'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The frame's Content-Security-Policy. `frame-ancestors` lists the site's allowed origins, so only its
 * own pages can embed the frame; with no known site nobody can.
 */
export function frameCsp(allowedOrigins: readonly string[]): string {
  // Re-normalized because a hand-edited row could otherwise inject directives through a ';'.
  const ancestors = allowedOrigins.map(normalizeOrigin).filter((o): o is string => o !== undefined);
  const frameAncestors = ancestors.length > 0 ? ancestors.join(' ') : "'none'";
  // The site's own origins may also be read from: the frame fetches the site's FAQ bundle there.
  const connect = ["connect-src 'self'", ...ancestors].join(' ');
  const base = FRAME_CSP_BASE.map((d) => (d.startsWith('connect-src') ? connect : d));
  return [...base, `frame-ancestors ${frameAncestors}`].join('; ');
}

/** The widget routes, serving from `widgetDir` and looking sites up in `store` for the frame's CSP. */
export function widgetRoutes(widgetDir: string, store: Store): Hono {
  const app = new Hono();
  const notFound = (c: Context) => jsonError(c, 404, 'not_found', 'no such file');

  app.get('/confide.js', async (c) => {
    const file = await findFile(widgetDir, 'confide.js');
    if (!file) return notFound(c);
    return sendFile(c, file, {
      etag: weakEtag(file.stats),
      // Short: the loader's URL is fixed in every host page, so a new release must reach them soon.
      cacheControl: 'public, max-age=300',
      contentType: 'text/javascript; charset=utf-8',
      // Host pages on other origins load it with a plain <script>; a host that isolates itself with
      // COEP would block that without an explicit cross-origin CORP.
      headers: { 'Cross-Origin-Resource-Policy': 'cross-origin' },
    });
  });

  app.get('/frame.html', async (c) => {
    const file = await findFile(widgetDir, 'frame.html');
    if (!file) return notFound(c);
    const siteKey = c.req.query('site');
    const site = siteKey && isSiteKey(siteKey) ? await store.getSite(siteKey) : undefined;
    return sendFile(c, file, {
      etag: weakEtag(file.stats),
      cacheControl: 'no-cache',
      contentType: 'text/html; charset=utf-8',
      headers: {
        'Content-Security-Policy': frameCsp(site?.origins ?? []),
        // The frame's URL carries the site key only, but nothing it loads needs the referrer either.
        'Referrer-Policy': 'no-referrer',
      },
    });
  });

  app.get('/sw.js', async (c) => {
    const file = await findFile(widgetDir, 'sw.js');
    if (!file) return notFound(c);
    return sendFile(c, file, {
      etag: weakEtag(file.stats),
      // Browsers check a service worker for updates at most daily whatever this says; no-cache makes
      // each check see a new release at once.
      cacheControl: 'no-cache',
      contentType: 'text/javascript; charset=utf-8',
      headers: {
        'Content-Security-Policy': SERVICE_WORKER_CSP,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
      },
    });
  });

  app.get('/assets/*', async (c) => {
    const rel = c.req.path.slice('/assets/'.length);
    const file = await findFile(`${widgetDir}/assets`, rel);
    if (!file) return notFound(c);
    // Vite puts a content hash in every asset name, so a URL's bytes never change.
    return sendFile(c, file, {
      etag: weakEtag(file.stats),
      cacheControl: 'public, max-age=31536000, immutable',
      // nosniff is set app-wide; repeated here because the worker's safety depends on it: a file
      // that is not JavaScript must never run as the worker's script.
      headers: {
        'Content-Security-Policy': ASSETS_CSP,
        'X-Content-Type-Options': 'nosniff',
        // The worker runs under its script's response headers, not the frame's <meta>: without this,
        // its chunk imports would send the worker's URL as Referer.
        'Referrer-Policy': 'no-referrer',
      },
    });
  });

  return app;
}
