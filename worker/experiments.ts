/**
 * A/B experiments on the device: the site's specs are validated, the device is bucketed by a hash
 * of a random per-install salt (never sent anywhere, so the variant identifies nobody), and exposures
 * and conversions are counted at most once per experiment and day for the sync client's noised reports.
 * The state functions are pure: they return a new state and never change the one they were given.
 */
import { ValidationError } from './errors';
import type { Assignment, ExperimentSpec } from './protocol';
import type { Store } from './store';

/** Most experiments a site may run at once. */
export const MAX_EXPERIMENTS = 20;
/** Variants per experiment. */
export const MIN_VARIANTS = 2;
/** Variants per experiment. */
export const MAX_VARIANTS = 10;
/** Experiments whose exposure is kept; the ones exposed longest ago are dropped first. */
export const MAX_KEPT_EXPERIMENTS = 50;
const ID_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;
const MAX_VARIANT_NAME = 40;
const SALT_PATTERN = /^[0-9a-f]{32}$/;
const DAY_MS = 86_400_000;
/** 2^48: the first six digest bytes read as an integer are uniform below this. */
const TWO_POW_48 = 2 ** 48;

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
 * Checks the site's experiment specs and returns clean copies (unknown fields dropped). Throws
 * `ValidationError` (`invalid_argument`) naming the first offending field and the rule.
 */
export function validateExperiments(specs: unknown): ExperimentSpec[] {
  if (!Array.isArray(specs)) throw invalid(`experiments must be an array, got ${describeValue(specs)}`);
  if (specs.length > MAX_EXPERIMENTS) {
    throw invalid(`experiments has ${specs.length} entries; at most ${MAX_EXPERIMENTS} are allowed`);
  }
  const ids = new Set<string>();
  return specs.map((spec: unknown, i): ExperimentSpec => {
    const at = `experiments[${i}]`;
    if (!isRecord(spec)) throw invalid(`${at} must be an object, got ${describeValue(spec)}`);
    const { id, variants } = spec;
    if (typeof id !== 'string' || !ID_PATTERN.test(id)) {
      throw invalid(`${at}.id must be 1-40 of [A-Za-z0-9_-], got ${describeValue(id)}`);
    }
    if (ids.has(id)) throw invalid(`${at}.id "${id}" is used by an earlier experiment`);
    ids.add(id);
    if (!Array.isArray(variants) || variants.length < MIN_VARIANTS || variants.length > MAX_VARIANTS) {
      throw invalid(`${at}.variants must be an array of ${MIN_VARIANTS}-${MAX_VARIANTS} variants`);
    }
    const names = new Set<string>();
    const clean = variants.map((variant: unknown, j) => {
      const vat = `${at}.variants[${j}]`;
      if (!isRecord(variant)) throw invalid(`${vat} must be an object, got ${describeValue(variant)}`);
      const { name, weight } = variant;
      if (typeof name !== 'string' || name.length === 0 || name.length > MAX_VARIANT_NAME) {
        throw invalid(
          `${vat}.name must be a string of 1-${MAX_VARIANT_NAME} characters, got ${describeValue(name)}`,
        );
      }
      if (names.has(name)) throw invalid(`${vat}.name "${name}" is used by an earlier variant`);
      names.add(name);
      if (typeof weight !== 'number' || !Number.isFinite(weight) || weight <= 0) {
        throw invalid(`${vat}.weight must be a finite number > 0, got ${describeValue(weight)}`);
      }
      return { name, weight };
    });
    return { id, variants: clean };
  });
}

// One lookup-or-create per store, so concurrent first calls cannot mint two salts (and so two
// different assignments for the same visitor).
const salts = new WeakMap<Store, Promise<string>>();

/**
 * The install's salt: 16 random bytes as hex, created on first use and kept in state `salt`.
 * Concurrent calls for one store yield the same salt.
 */
export function installSalt(store: Store): Promise<string> {
  let salt = salts.get(store);
  if (!salt) {
    salt = loadOrCreateSalt(store);
    salts.set(store, salt);
    // A refused read must not stick: a later call retries.
    salt.catch(() => {
      if (salts.get(store) === salt) salts.delete(store);
    });
  }
  return salt;
}

async function loadOrCreateSalt(store: Store): Promise<string> {
  const kept = await store.getState('salt');
  if (typeof kept === 'string' && SALT_PATTERN.test(kept)) return kept;
  const fresh = toHex(crypto.getRandomValues(new Uint8Array(16)));
  if (kept !== undefined) {
    // A damaged salt is replaced outright: nothing valid was ever bucketed with it.
    await store.putState('salt', fresh);
    return fresh;
  }
  // Another tab may be minting one too; the store keeps the first, atomically.
  return store.keepFirstState('salt', fresh);
}

/**
 * The variant index for this salt: SHA-256 of `salt + "\u0000" + spec.id`, the first 6 bytes read
 * big-endian as a number uniform in [0, 1), mapped onto the cumulative weights. The same salt always
 * gets the same variant, and the per-experiment hash keeps assignments independent across experiments.
 */
export async function bucket(salt: string, spec: ExperimentSpec): Promise<number> {
  const digest = new Uint8Array(
    await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${salt}\u0000${spec.id}`)),
  );
  let x = 0;
  for (let i = 0; i < 6; i++) x = x * 256 + (digest[i] ?? 0);
  const total = spec.variants.reduce((sum, v) => sum + v.weight, 0);
  const target = (x / TWO_POW_48) * total;
  let cumulative = 0;
  for (let i = 0; i < spec.variants.length; i++) {
    cumulative += spec.variants[i]?.weight ?? 0;
    if (target < cumulative) return i;
  }
  // Only rounding in the running sum can land here; the last variant owns the top of the range.
  return spec.variants.length - 1;
}

/** The assignment for this salt, with `recorded` saying whether the exposure was recorded. */
export async function assignmentFor(
  salt: string,
  spec: ExperimentSpec,
  recorded: boolean,
): Promise<Assignment> {
  const index = await bucket(salt, spec);
  return { experiment: spec.id, variant: spec.variants[index]?.name ?? '', index, recorded };
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

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function describeValue(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array';
  if (typeof x === 'string') return JSON.stringify(x.slice(0, 40));
  if (typeof x === 'number') return String(x);
  return typeof x;
}

function invalid(message: string): ValidationError {
  return new ValidationError('invalid_argument', message);
}
