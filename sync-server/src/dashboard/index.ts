/**
 * The dashboard: server-rendered HTML with inline SVG and no script, every number debiased with its
 * interval and every cell below k hidden.
 */

/** The dashboard's numbers, assembled only from debiased, k-thresholded aggregates. */
export { type DashboardData, type DashboardScope, dashboardData } from './data';
/** The drift test: the visitors' shares against the served model's training and calibration shares. */
export {
  krrShareVariance,
  memoWindowCovariance,
  outOfScopeDrift,
  segmentDrift,
} from './drift';
/** How many sites drift, for `/metrics`, behind a short cache. */
export { DRIFT_CENSUS_TTL_MS, type DriftCensus, driftCensus, driftCensusSource } from './drift-census';
/** The drift verdicts of one dashboard scope. */
export { type DriftView, driftView } from './drift-data';
/** The drift test's constants and verdict. */
export {
  DRIFT_ALPHA,
  DRIFT_METRICS,
  DRIFT_MIN_EFFECT,
  DRIFT_MIN_REPORTS,
  DRIFT_WINDOW_DAYS,
  type DriftCategory,
  type DriftMetric,
  type DriftState,
  type DriftVerdict,
} from './drift-types';
/** Names for the dashboard's indices, read from the model manifest the server serves. */
export { loadModelLabels, type ModelLabels, type ModelReferences } from './labels';
/** `GET /dashboard[?site=KEY]`. */
export { DASHBOARD_CSP, DASHBOARD_DAYS, type DashboardRouteDeps, dashboardRoutes } from './route';
