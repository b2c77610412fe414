/**
 * Aggregation of stored reports: debiased, k-thresholded k-RR cells in SQL, count-mean-sketch
 * tallies with daily roll-ups, and simulated devices whose reports go through the worker's real encoders.
 */

/** SQL aggregation of stored k-RR reports into debiased, k-thresholded cells. */
export {
  aggregateKrr,
  aggregateKrrByDay,
  combineKrr,
  countKrrReports,
  countKrrReportsByDay,
  type DailyAggregate,
  type KrrAggregate,
  type KrrCounts,
  type KrrEstimates,
  type KrrQuery,
  sumKrr,
} from './aggregates';
/** Simulated devices for the aggregate, priors and dashboard tests. */
export {
  cmsReports,
  krrReports,
  population,
  seededUniform,
  storeReports,
  tableItemReports,
  tableReports,
  useSeededNoise,
  WORKER_CMS,
} from './simulated-devices';
/** Count-mean-sketch aggregation. */
export {
  addEstimates,
  type SketchEstimates,
  type SketchQuery,
  sumSketches,
  tallySketches,
} from './sketch-aggregates';
/** Count-mean-sketch tallies over a day window, from daily roll-ups where a day is closed. */
export { tallySketchWindow } from './sketch-rollups';
