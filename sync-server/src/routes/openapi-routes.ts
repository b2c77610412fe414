/**
 * The route table behind `GET /openapi.json`: one row per route the app registers, kept by hand and
 * held equal to `app.routes` by openapi.test.ts. Bodies name schemas from openapi.ts, which generates
 * them from the protocol's valibot schemas.
 */
import type { SchemaName } from './openapi-schemas';

/** One documented response: a JSON schema by name, or another media type. */
export type ResponseDoc = string | readonly [description: string, body: SchemaName | `media:${string}`];

/** One row of the route table. */
export interface RouteDoc {
  readonly method: 'get' | 'post' | 'put' | 'delete' | 'options';
  /** OpenAPI form: `{param}` for Hono's `:param`, `{path}` for a trailing `*`. */
  readonly path: string;
  readonly summary: string;
  readonly tag: 'reports' | 'widget' | 'models' | 'admin' | 'operations';
  /** `bearer`: admin API; `basic`: the browser-facing dashboard. */
  readonly auth?: 'bearer' | 'basic';
  readonly query?: readonly { name: string; required: boolean; description: string }[];
  readonly body?: SchemaName;
  readonly responses: Readonly<Record<number, ResponseDoc>>;
}

const err = (description: string): ResponseDoc => [description, 'ServerError'];
const SITE_QUERY = { name: 'site', required: false, description: 'site key' } as const;
const ADMIN_ERRORS = {
  401: err('no valid admin token'),
  403: err('started by another origin (Sec-Fetch-Site)'),
} as const;
/** Writes without parameters still declare a JSON body (empty or `{}`), which a forged form cannot. */
const EMPTY_BODY_ERRORS = {
  400: err('a body other than empty or {}'),
  415: err('Content-Type is not application/json'),
} as const;
const BODY_ERRORS = {
  400: err('invalid JSON or body (issues name each problem)'),
  413: err('body too large'),
  415: err('Content-Type is not application/json'),
} as const;

/** Every route the server registers. */
export const ROUTES: readonly RouteDoc[] = [
  {
    method: 'get',
    path: '/healthz',
    summary: 'Liveness and database readiness',
    tag: 'operations',
    responses: { 200: 'database answers', 503: err('database not ready') },
  },
  {
    method: 'get',
    path: '/metrics',
    summary: 'Prometheus metrics (no per-visitor data)',
    tag: 'operations',
    auth: 'bearer',
    responses: { 200: ['metrics', 'media:text/plain'], ...ADMIN_ERRORS },
  },
  {
    method: 'get',
    path: '/dashboard',
    summary: 'Operator dashboard (HTTP Basic, token as password)',
    tag: 'operations',
    auth: 'basic',
    responses: {
      200: ['dashboard page', 'media:text/html'],
      401: err('no valid admin token'),
      403: err('started by another origin, other than by a link'),
    },
  },
  {
    method: 'get',
    path: '/openapi.json',
    summary: 'This document',
    tag: 'operations',
    responses: { 200: ['OpenAPI 3.1 document', 'media:application/json'] },
  },
  {
    method: 'options',
    path: '/v1/reports',
    summary: 'CORS preflight: allowed when any site lists the origin',
    tag: 'reports',
    responses: { 204: 'allowed', 403: err('origin not allowed') },
  },
  {
    method: 'post',
    path: '/v1/reports',
    summary: 'Submit one batch of noised reports (idempotent on batch id)',
    tag: 'reports',
    body: 'ReportBatch',
    responses: {
      201: ['stored', 'ReportAccepted'],
      200: ['duplicate batch id, nothing stored', 'ReportAccepted'],
      ...BODY_ERRORS,
      400: err('invalid JSON or body, or (invalid_report) a report that differs from the metric table'),
      403: err('origin not allowed for the site'),
      404: err('unknown site'),
      429: err('rate limited'),
    },
  },
  {
    method: 'get',
    path: '/v1/manifest',
    summary: 'Model manifest',
    tag: 'models',
    responses: { 200: ['manifest', 'media:application/json'], 404: err('no manifest') },
  },
  {
    method: 'get',
    path: '/v1/models/{file}',
    summary: 'A model file named by the manifest',
    tag: 'models',
    responses: { 200: ['file bytes', 'media:application/octet-stream'], 404: err('not in the manifest') },
  },
  {
    method: 'get',
    path: '/v1/priors',
    summary: 'Item-popularity prior (debiased, k-thresholded)',
    tag: 'models',
    query: [SITE_QUERY],
    responses: {
      200: ['prior', 'Priors'],
      400: err('bad query'),
      403: err('origin not allowed'),
      404: err('unknown site or no catalog'),
    },
  },
  {
    method: 'get',
    path: '/v1/experiments',
    summary: 'The experiments a site runs',
    tag: 'models',
    query: [{ ...SITE_QUERY, required: true }],
    responses: {
      200: ['experiments', 'ExperimentsAnswer'],
      400: err('bad query'),
      403: err('origin not allowed'),
      404: err('unknown site'),
    },
  },
  {
    method: 'get',
    path: '/confide.js',
    summary: 'Widget loader script',
    tag: 'widget',
    responses: { 200: ['script', 'media:text/javascript'], 404: err('not built') },
  },
  {
    method: 'get',
    path: '/frame.html',
    summary: "Widget frame; CSP frame-ancestors from the site's origins",
    tag: 'widget',
    query: [SITE_QUERY],
    responses: { 200: ['frame page', 'media:text/html'], 404: err('not built') },
  },
  {
    method: 'get',
    path: '/sw.js',
    summary: "The widget origin's service worker (registered by the frame with personalize)",
    tag: 'widget',
    responses: { 200: ['script', 'media:text/javascript'], 404: err('not built') },
  },
  {
    method: 'get',
    path: '/assets/{path}',
    summary: 'Content-hashed widget assets (path may contain /)',
    tag: 'widget',
    responses: { 200: ['asset', 'media:application/octet-stream'], 404: err('no such file') },
  },
  {
    method: 'post',
    path: '/v1/admin/sites',
    summary: 'Create a site (random key when none is given)',
    tag: 'admin',
    auth: 'bearer',
    body: 'CreateSiteRequest',
    responses: { 201: ['created', 'AdminSite'], ...BODY_ERRORS, ...ADMIN_ERRORS, 409: err('key exists') },
  },
  {
    method: 'get',
    path: '/v1/admin/sites',
    summary: 'List sites',
    tag: 'admin',
    auth: 'bearer',
    responses: { 200: ['sites', 'AdminSiteList'], ...ADMIN_ERRORS },
  },
  {
    method: 'get',
    path: '/v1/admin/sites/{key}',
    summary: 'One site',
    tag: 'admin',
    auth: 'bearer',
    responses: { 200: ['site', 'AdminSite'], ...ADMIN_ERRORS, 404: err('unknown site') },
  },
  {
    method: 'put',
    path: '/v1/admin/sites/{key}/origins',
    summary: "Replace a site's origin allowlist",
    tag: 'admin',
    auth: 'bearer',
    body: 'SiteOriginsRequest',
    responses: { 200: ['site', 'AdminSite'], ...BODY_ERRORS, ...ADMIN_ERRORS, 404: err('unknown site') },
  },
  {
    method: 'post',
    path: '/v1/admin/sites/{key}/rotate',
    summary: 'New random key; the old one stops working, history moves along',
    tag: 'admin',
    auth: 'bearer',
    responses: {
      200: ['rotated', 'RotatedSite'],
      ...EMPTY_BODY_ERRORS,
      ...ADMIN_ERRORS,
      404: err('unknown site'),
    },
  },
  {
    method: 'put',
    path: '/v1/admin/sites/{key}/experiments',
    summary: "Replace a site's experiments",
    tag: 'admin',
    auth: 'bearer',
    body: 'ExperimentList',
    responses: {
      200: ['experiments', 'ExperimentsAnswer'],
      ...BODY_ERRORS,
      ...ADMIN_ERRORS,
      404: err('unknown site'),
    },
  },
  {
    method: 'get',
    path: '/v1/admin/tokens',
    summary: 'List admin token labels',
    tag: 'admin',
    auth: 'bearer',
    responses: { 200: ['tokens', 'AdminTokenList'], ...ADMIN_ERRORS },
  },
  {
    method: 'post',
    path: '/v1/admin/tokens',
    summary: 'Create an admin token (shown only in this answer)',
    tag: 'admin',
    auth: 'bearer',
    body: 'CreateTokenRequest',
    responses: {
      201: ['created', 'CreatedToken'],
      ...BODY_ERRORS,
      ...ADMIN_ERRORS,
      409: err('label exists'),
    },
  },
  {
    method: 'delete',
    path: '/v1/admin/tokens/{label}',
    summary: 'Delete the tokens under a label (never the last)',
    tag: 'admin',
    auth: 'bearer',
    responses: {
      200: ['deleted', 'DeletedTokens'],
      ...EMPTY_BODY_ERRORS,
      ...ADMIN_ERRORS,
      404: err('no such label'),
      409: err('would delete the last token'),
    },
  },
];
