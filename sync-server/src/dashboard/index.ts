/**
 * The dashboard: server-rendered HTML with inline SVG and no script, every number debiased with its
 * interval and every cell below k hidden.
 */

/** The dashboard's numbers, assembled only from debiased, k-thresholded aggregates. */
export { type DashboardData, type DashboardScope, dashboardData } from './data';
/** Names for the dashboard's indices, read from the model manifest the server serves. */
export { loadModelLabels } from './labels';
/** `GET /dashboard[?site=KEY]`. */
export { DASHBOARD_CSP, DASHBOARD_DAYS, type DashboardRouteDeps, dashboardRoutes } from './route';
