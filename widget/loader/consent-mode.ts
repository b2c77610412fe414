/**
 * Google Consent Mode: the `gtag('consent', 'default' | 'update', {...})` commands a page pushes onto
 * `window.dataLayer`, read as Confide's two purposes (docs/consent-sources.md). `personalization_storage`
 * decides `personalize`, `analytics_storage` decides `share`; the advertising types mean nothing here.
 */
import { isObject } from './is-object';
import type { Signal } from './tcf';

/** Consent types by state, defaults and updates apart: an update wins over any default. */
export interface ConsentModeState {
  readonly defaults: Record<string, string>;
  readonly updates: Record<string, string>;
}

const isObj = isObject;

/** An empty state. */
export const emptyConsentMode = (): ConsentModeState => ({ defaults: {}, updates: {} });

/**
 * Folds one dataLayer entry into `state`; returns which consent command it was, or `null` for anything
 * else. gtag pushes its `arguments` object, so `entry` is array-like:
 * `['consent', 'default' | 'update', {type: 'granted' | 'denied'}]`.
 */
export function foldConsentCommand(state: ConsentModeState, entry: unknown): 'default' | 'update' | null {
  if (!isObj(entry) || entry[0] !== 'consent' || !isObj(entry[2])) return null;
  const mode = entry[1];
  if (mode !== 'default' && mode !== 'update') return null;
  const values = entry[2];
  // A default for some regions only: this visitor's region is unknown, so only its denials are taken.
  const regional = Array.isArray(values.region) && values.region.length > 0;
  const into = mode === 'update' ? state.updates : state.defaults;
  for (const [type, value] of Object.entries(values)) {
    if ((value === 'granted' && !regional) || value === 'denied') into[type] = value;
  }
  return mode;
}

/** The signal a state gives, or `null` when it says nothing about either purpose. */
export function consentModeSignal(state: ConsentModeState): Signal | null {
  const get = (type: string): boolean | undefined => {
    const v = state.updates[type] || state.defaults[type];
    return v === undefined ? undefined : v === 'granted';
  };
  const personalize = get('personalization_storage');
  const share = get('analytics_storage');
  return personalize === undefined && share === undefined ? null : { personalize, share };
}

/** A `dataLayer` as gtag.js and Google Tag Manager use it. */
export interface DataLayer {
  push(...entries: unknown[]): unknown;
  readonly length: number;
  readonly [index: number]: unknown;
}

/**
 * Reads the consent commands already in `dataLayer`, then hears every later one by wrapping its
 * `push` (as Tag Manager itself does; the original push still runs first and its result is returned).
 * `fn(state, live)` runs once for what was there (when anything was) and after each later command;
 * `live` is true when that command was an `update` (a decision, where a `default` is not). Without a dataLayer array nothing happens: Confide adds no globals, so it never creates one.
 */
export function watchConsentMode(
  dataLayer: unknown,
  fn: (state: ConsentModeState, live: boolean) => void,
): void {
  if (!Array.isArray(dataLayer)) return;
  const layer = dataLayer as unknown as DataLayer;
  const state = emptyConsentMode();
  let any = false;
  for (let i = 0; i < layer.length; i++) any = foldConsentCommand(state, layer[i]) !== null || any;
  if (any) fn(state, false);
  const original = layer.push;
  layer.push = function (this: DataLayer, ...entries: unknown[]) {
    const result = original.apply(this, entries);
    try {
      const modes = entries.map((e) => foldConsentCommand(state, e));
      if (modes.some((m) => m !== null)) fn(state, modes.includes('update'));
    } catch {
      // Never throw into the site's tags.
    }
    return result;
  };
}
