/**
 * The one object test the loader's parsers share (JSON-LD, TCData, dataLayer entries, site options).
 */

/** True for any non-null object, arrays included. */
export const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
