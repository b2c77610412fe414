/**
 * The site's experiment specs, checked strictly before anything is bucketed or stored. The limits
 * here also bound what the device keeps per experiment (see experiment-state.ts).
 */

import type { ExperimentSpec } from '../protocol';
import { ValidationError } from '../protocol';

/** Most experiments a site may run at once. */
export const MAX_EXPERIMENTS = 20;
/** Variants per experiment. */
export const MIN_VARIANTS = 2;
/** Variants per experiment. */
export const MAX_VARIANTS = 10;
/** Experiments whose exposure is kept; the ones exposed longest ago are dropped first. */
export const MAX_KEPT_EXPERIMENTS = 50;
/** Experiment ids: what the site and the server's admin API accept. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;
/** Longest variant name. */
export const MAX_VARIANT_NAME = 40;

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

/** True for a plain object (not null, not an array). */
export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function describeValue(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array';
  if (typeof x === 'string') return JSON.stringify(x.slice(0, 40));
  if (typeof x === 'number') return String(x);
  return typeof x;
}

/** A `ValidationError` with the `invalid_argument` code. */
export function invalid(message: string): ValidationError {
  return new ValidationError('invalid_argument', message);
}
