/**
 * The comlink boundary. Errors thrown by the worker leave it as `{name, code, message}` records
 * (comlink passes non-Error throwables through untouched) and the frame rebuilds the typed class.
 */
import { deserializeError, isSerializedError, serializeError } from './errors';

type AsyncApi<T> = { [K in keyof T]: (...args: never[]) => Promise<unknown> };
type AnyAsync = (...args: unknown[]) => Promise<unknown>;

/** Wraps every method so that whatever it throws crosses the boundary in wire form. */
export function withWireErrors<T extends AsyncApi<T>>(api: T): T {
  const out: Record<string, AnyAsync> = {};
  for (const [key, fn] of Object.entries(api) as [string, AnyAsync][]) {
    out[key] = async (...args) => {
      try {
        return await fn.apply(api, args);
      } catch (e) {
        throw serializeError(e);
      }
    };
  }
  return out as unknown as T;
}

/** Wraps a comlink remote so that wire-form errors are rethrown as their typed classes. */
export function withTypedErrors<T extends AsyncApi<T>>(remote: T, keys: readonly (keyof T & string)[]): T {
  const out: Record<string, AnyAsync> = {};
  for (const key of keys) {
    const fn = remote[key] as unknown as AnyAsync;
    out[key] = async (...args) => {
      try {
        return await fn(...args);
      } catch (e) {
        throw isSerializedError(e) ? deserializeError(e) : e;
      }
    };
  }
  return out as unknown as T;
}
