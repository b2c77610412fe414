/**
 * Aggregation of stored reports: debiased, k-thresholded k-RR cells in SQL, count-mean-sketch
 * tallies with daily roll-ups, and simulated devices (and whole simulated sites) whose reports go
 * through the worker's real encoders.
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
/** What one simulated device does on an active day, and the daily set it sends. */
export { SIMULATED_CTR, SIMULATED_EXPERIMENT, SIMULATED_RATINGS, weightedIndex } from './simulated-behaviour';
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
/** A whole simulated site (`npm run simulate` and the drift test), optionally with drifting true shares. */
export {
  ACTIVE_SHARE,
  OUT_OF_SCOPE_DRIFT,
  outOfScopeMix,
  SEGMENT_DRIFT,
  SIMULATED_DRIFT_DAYS,
  type SimulatedModel,
  type SimulationPlan,
  segmentMix,
  simulatedModelOf,
  simulateSite,
} from './simulated-site';
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
