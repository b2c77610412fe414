/**
 * A/B experiments on the device: validated specs, salted bucketing that identifies nobody, and the
 * exposure and conversion counts the sync client reports under local differential privacy.
 */

/** The per-install salt and the variant it selects. */
export { assignmentFor, bucket, installSalt } from './bucketing';
/** What the device records of each experiment, and the counts awaiting a report. */
export {
  assignments,
  type ExperimentCount,
  type ExperimentExport,
  type ExperimentRecord,
  type ExperimentState,
  emptyExperiments,
  markExperimentsSynced,
  recordConversion,
  recordExposure,
  unsyncedExperimentCounts,
} from './experiment-state';
/** Where the specs come from: the host page's option, else the sync server. */
export { fetchSiteExperiments, type SiteExperiments, siteExperiments } from './site-experiments';
/** Limits on the site's specs and their validation. */
export {
  ID_PATTERN,
  MAX_EXPERIMENTS,
  MAX_KEPT_EXPERIMENTS,
  MAX_VARIANT_NAME,
  MAX_VARIANTS,
  MIN_VARIANTS,
  validateExperiments,
} from './validate-experiments';
