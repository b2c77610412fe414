/**
 * The bounds every event must satisfy. The loader applies them to warn the site owner early (and drop
 * the call); the worker applies them again because the frame accepts messages it did not produce.
 */
import { EVENT_LIMITS, EVENT_TYPES, type EventType, type PropValue } from './core';

const types: readonly string[] = EVENT_TYPES;

/** True when `x` names a known event type. */
export function isEventType(x: unknown): x is EventType {
  return typeof x === 'string' && types.includes(x);
}

/**
 * Checks an event's type and properties. Returns `null` when valid, else a message naming the
 * offending field and the rule, fit for a console warning or a `ValidationError`.
 */
export function checkEvent(type: unknown, props: unknown): string | null {
  if (!isEventType(type))
    return `unknown event type ${describeValue(type)}; expected one of ${EVENT_TYPES.join(', ')}`;
  if (props === undefined) return null;
  if (typeof props !== 'object' || props === null || Array.isArray(props)) {
    return `properties of "${type}" must be a plain object, got ${describeValue(props)}`;
  }
  const entries = Object.entries(props);
  if (entries.length > EVENT_LIMITS.maxKeys) {
    return `"${type}" has ${entries.length} properties; at most ${EVENT_LIMITS.maxKeys} are allowed`;
  }
  for (const [key, value] of entries) {
    if (key.length > EVENT_LIMITS.maxKeyLength) {
      return `property name "${key.slice(0, 20)}…" is longer than ${EVENT_LIMITS.maxKeyLength} characters`;
    }
    if (!isPropValue(value)) {
      return `property "${key}" must be a string, finite number or boolean, got ${describeValue(value)}`;
    }
    if (typeof value === 'string' && value.length > EVENT_LIMITS.maxStringLength) {
      return `property "${key}" is ${value.length} characters long; at most ${EVENT_LIMITS.maxStringLength} are allowed`;
    }
  }
  const bytes = new TextEncoder().encode(JSON.stringify(props)).length;
  if (bytes > EVENT_LIMITS.maxTotalBytes) {
    return `properties of "${type}" take ${bytes} bytes; at most ${EVENT_LIMITS.maxTotalBytes} are allowed`;
  }
  return null;
}

function isPropValue(x: unknown): x is PropValue {
  return typeof x === 'string' || typeof x === 'boolean' || (typeof x === 'number' && Number.isFinite(x));
}

function describeValue(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array';
  if (typeof x === 'string') return `"${x.slice(0, 40)}"`;
  return typeof x;
}
