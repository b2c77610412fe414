/**
 * The routes: reports (the only way data reaches the server), models and manifest, priors,
 * experiments, the admin API and its authentication, metrics, the widget's files and the OpenAPI document.
 */

/** Admin authentication. */
export { hashAdminToken, newAdminToken, requireAdmin } from './admin-auth';
/** Guards against admin requests forged by other pages. */
export { type CrossSiteOptions, refuseCrossSite, requireJsonWrites } from './admin-guards';
/** `/v1/admin/*`. */
export { type AdminRouteDeps, adminRoutes, MAX_ADMIN_BODY_BYTES, newSiteKey } from './admin-route';
/** `GET /v1/experiments?site=KEY`. */
export { EXPERIMENTS_CACHE_CONTROL, type ExperimentsRouteDeps, experimentsRoutes } from './experiments-route';
/** `GET /metrics`. */
export { metricsRoutes } from './metrics-route';
/** `GET /v1/manifest` and `GET /v1/models/:file`. */
export { MANIFEST_FILE, modelRoutes, servableFiles } from './models-route';
/** `GET /openapi.json`. */
export { openApiDocument, openApiRoute } from './openapi';
/** The route table behind `GET /openapi.json`. */
export { ROUTES, type RouteDoc } from './openapi-routes';
/** The document's named JSON Schemas, generated from the valibot schemas. */
export { jsonSchemaOf, type SchemaName } from './openapi-schemas';
/** `GET /v1/priors[?segment=N][&site=KEY]`. */
export {
  type CatalogIndex,
  ITEM_POPULARITY_METRIC,
  loadCatalogIndex,
  PRIORS_CACHE_CONTROL,
  type PriorsRouteDeps,
  priorsRoutes,
} from './priors-route';
/** `POST /v1/reports`. */
export { reportsRoutes, utcDay } from './reports-route';
/** The widget's own files, from the Vite build output. */
export { ASSETS_CSP, frameCsp, widgetRoutes } from './widget-route';
