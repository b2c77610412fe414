/**
 * Exposures and conversions, counted at most once per experiment and day for the sync client's
 * noised reports. The functions are pure: they return a new state and never change the one given.
 */
import type { Assignment } from '../protocol';
import {
  ID_PATTERN,
  invalid,
  isRecord,
  MAX_KEPT_EXPERIMENTS,
  MAX_VARIANT_NAME,
  MAX_VARIANTS,
} from './validate-experiments';

const DAY_MS = 86_400_000;

/** This device's exposure to one experiment. */
export interface ExperimentRecord {
  readonly experiment: string;
  readonly variant: string;
  readonly index: number;
  /** Epoch ms of the first exposure to this variant; conversions before it are not attributed. */
  readonly firstExposedAt: number;
  readonly lastExposedAt: number;
  /** UTC day (days since the epoch) of the last exposure counted. */
  readonly exposureDay: number;
  /** UTC day of the last conversion counted, -1 before the first. */
  readonly conversionDay: number;
  /** Conversions counted for this variant (at most one a day). */
  readonly conversions: number;
}

/** Exposures or conversions of one variant not yet reported. */
export interface ExperimentCount {
  readonly kind: 'exposure' | 'conversion';
  readonly experiment: string;
  readonly index: number;
  readonly count: number;
}

/** Experiments this device was exposed to, most recent last, and the counts awaiting a report. */
export interface ExperimentState {
  readonly version: 1;
  readonly records: readonly ExperimentRecord[];
  readonly pending: readonly ExperimentCount[];
}

/** An assignment as the visitor sees it in the export. */
export type ExperimentExport = Assignment & {
  readonly firstExposedAt: number;
  readonly lastExposedAt: number;
  readonly conversions: number;
};

/** The state of a device that has seen no experiment. */
export function emptyExperiments(): ExperimentState {
  return { version: 1, records: [], pending: [] };
}

/**
 * Records an exposure at `at`. It is counted for the report once per experiment and UTC day; a changed
 * variant (the site changed its weights) starts a new record, counted at once.
 */
export function recordExposure(state: ExperimentState, assignment: Assignment, at: number): ExperimentState {
  checkAssignment(assignment);
  checkTime(at);
  const day = dayOf(at);
  const { experiment, variant, index } = assignment;
  const old = state.records.find((r) => r.experiment === experiment);
  const same = old && old.variant === variant && old.index === index;
  const record: ExperimentRecord = same
    ? {
        ...old,
        firstExposedAt: Math.min(old.firstExposedAt, at),
        lastExposedAt: Math.max(old.lastExposedAt, at),
        exposureDay: Math.max(old.exposureDay, day),
      }
    : {
        experiment,
        variant,
        index,
        firstExposedAt: at,
        lastExposedAt: at,
        exposureDay: day,
        conversionDay: -1,
        conversions: 0,
      };
  const counted = !same || day > old.exposureDay;
  const records = [...state.records.filter((r) => r !== old), record].slice(-MAX_KEPT_EXPERIMENTS);
  const pending = counted ? addCount(state.pending, 'exposure', experiment, index, 1) : state.pending;
  return { ...state, records, pending };
}

/**
 * Records a conversion at `at` for every experiment first exposed at or before `at`, at most once per
 * experiment and UTC day. Experiments exposed only later did not cause it and are left alone.
 */
export function recordConversion(state: ExperimentState, at: number): ExperimentState {
  checkTime(at);
  const day = dayOf(at);
  let pending = state.pending;
  let changed = false;
  const records = state.records.map((r) => {
    if (r.firstExposedAt > at || r.conversionDay >= day) return r;
    changed = true;
    pending = addCount(pending, 'conversion', r.experiment, r.index, 1);
    return { ...r, conversionDay: day, conversions: r.conversions + 1 };
  });
  return changed ? { ...state, records, pending } : state;
}

/** Every experiment this device was exposed to, for the visitor's export. */
export function assignments(state: ExperimentState): ExperimentExport[] {
  return state.records.map((r) => ({
    experiment: r.experiment,
    variant: r.variant,
    index: r.index,
    recorded: true,
    firstExposedAt: r.firstExposedAt,
    lastExposedAt: r.lastExposedAt,
    conversions: r.conversions,
  }));
}

/** Exposures and conversions not reported yet; hand them to {@link markExperimentsSynced} once sent. */
export function unsyncedExperimentCounts(state: ExperimentState): ExperimentCount[] {
  return state.pending.filter((c) => c.count > 0).map((c) => ({ ...c }));
}

/**
 * Subtracts counts that were reported (from {@link unsyncedExperimentCounts}); what was recorded in the
 * meantime stays pending. Throws `ValidationError` for a count that is not a positive integer.
 */
export function markExperimentsSynced(
  state: ExperimentState,
  reported: readonly ExperimentCount[],
): ExperimentState {
  let pending = state.pending;
  for (const c of reported) {
    if (!Number.isSafeInteger(c.count) || c.count <= 0) {
      throw invalid(`reported count for "${c.experiment}" must be a positive integer`);
    }
    pending = addCount(pending, c.kind, c.experiment, c.index, -c.count);
  }
  return { ...state, pending: pending.filter((c) => c.count > 0) };
}

/** Most pending cells kept: every kept experiment's variants, both kinds. */
const MAX_PENDING = MAX_KEPT_EXPERIMENTS * MAX_VARIANTS * 2;

function addCount(
  pending: readonly ExperimentCount[],
  kind: ExperimentCount['kind'],
  experiment: string,
  index: number,
  delta: number,
): ExperimentCount[] {
  const i = pending.findIndex((c) => c.kind === kind && c.experiment === experiment && c.index === index);
  const out = [...pending];
  const old = out[i];
  // Subtracting more than is pending (a retried mark) must not leave a debt that swallows new counts.
  if (old) out[i] = { ...old, count: Math.max(0, old.count + delta) };
  else if (delta > 0) out.push({ kind, experiment, index, count: delta });
  return out.slice(-MAX_PENDING);
}

function checkAssignment(a: Assignment): void {
  if (!isRecord(a)) throw invalid('assignment must be an object');
  if (typeof a.experiment !== 'string' || !ID_PATTERN.test(a.experiment)) {
    throw invalid('assignment.experiment must be 1-40 of [A-Za-z0-9_-]');
  }
  if (typeof a.variant !== 'string' || a.variant.length === 0 || a.variant.length > MAX_VARIANT_NAME) {
    throw invalid(`assignment.variant must be a string of 1-${MAX_VARIANT_NAME} characters`);
  }
  if (!Number.isInteger(a.index) || a.index < 0 || a.index >= MAX_VARIANTS) {
    throw invalid(`assignment.index must be an integer in [0, ${MAX_VARIANTS})`);
  }
}

function checkTime(at: number): void {
  if (typeof at !== 'number' || !Number.isFinite(at) || at < 0) {
    throw invalid('time must be a finite, non-negative epoch time in ms');
  }
}

function dayOf(at: number): number {
  return Math.floor(at / DAY_MS);
}
